// `jsonl`: JSON Lines, one document object (the `json` schema) per line, for streaming tools.
#include "document_json.hpp"
#include "format.hpp"

namespace docpipe::exporter {
namespace {

class JsonlWriter final : public FormatWriter {
public:
    void add(const Document& doc, Sinks& out) override {
        // Line breaks inside strings are escaped, so one document is one line.
        write_document_json(doc, -1, 0, out.main);
        out.main.buffer() += '\n';
        out.main.spill();
    }
    void finish(Sinks&) override {}
    void checkpoint() override {}
    void rollback() override {}
};

}  // namespace

std::unique_ptr<FormatWriter> make_jsonl_writer() {
    return std::make_unique<JsonlWriter>();
}

}  // namespace docpipe::exporter
