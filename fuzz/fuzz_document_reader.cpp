// The document reader, as JSON Lines and as text: any bytes give documents of valid UTF-8 or
// Error(exit_data), never a crash or another exception.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "docpipe/host/document_reader.hpp"
#include "docpipe/host/errors.hpp"
#include "docpipe/utf8.hpp"

namespace dh = docpipe::host;

namespace {

void read_all(const std::string& bytes, dh::InputFormat format) {
    std::istringstream in(bytes);
    dh::InputOptions options;
    options.format = format;
    options.max_document_bytes = 1 << 12;  // small, so the limit paths are reached too
    dh::DocumentReader reader({"-"}, options, &in);
    for (int guard = 0; guard < 100000; ++guard) {
        try {
            auto doc = reader.next();
            if (!doc) return;
            if (docpipe::utf8::find_invalid(doc->text())) __builtin_trap();
            if (doc->text().size() > options.max_document_bytes) __builtin_trap();
        } catch (const dh::Error& e) {
            if (e.exit_code() != dh::exit_data) __builtin_trap();
        }
    }
    __builtin_trap();  // the reader never ends
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    read_all(bytes, dh::InputFormat::jsonl);
    read_all(bytes, dh::InputFormat::text);
    return 0;
}
