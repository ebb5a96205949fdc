// The SDK's text utilities and document edits, with their invariants: tokens and sentences lie
// inside the text in order; edits keep the text valid UTF-8 and every span maps back into the
// original input. Input: a text, then a NUL byte and edit commands (3 bytes each).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "docpipe/document.hpp"
#include "docpipe/text.hpp"
#include "docpipe/utf8.hpp"

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

void check_segmentation(std::string_view text) {
    std::size_t last = 0;
    for (const auto& token : docpipe::text::tokenize(text)) {
        check(token.span.begin >= last && token.span.begin <= token.span.end &&
              token.span.end <= text.size());
        last = token.span.end;
    }
    last = 0;
    for (const auto& sentence : docpipe::text::split_sentences(text)) {
        check(sentence.span.begin >= last && sentence.span.end <= text.size());
        last = sentence.span.end;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = input.find('\0');
    const std::string text(input.substr(0, nul));
    if (docpipe::utf8::find_invalid(text)) return 0;  // the host refuses such documents
    check_segmentation(text);

    docpipe::Document doc("fuzz", text);
    doc.layer("marks").push_back({{0, text.size()}, "ALL"});
    const std::string_view commands =
        nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
    static const char* const replacements[] = {"", "x", "é", "—", "phone call", "  "};
    for (std::size_t i = 0; i + 3 <= commands.size(); i += 3) {
        const std::size_t n = doc.text().size();
        std::size_t begin = n == 0 ? 0 : static_cast<unsigned char>(commands[i]) * n / 255;
        std::size_t end = begin + static_cast<unsigned char>(commands[i + 1]) % 8;
        if (end > n) end = n;
        // Whole characters only, as the SDK requires.
        while (begin > 0 && (static_cast<unsigned char>(doc.text()[begin]) & 0xC0) == 0x80) --begin;
        while (end < n && (static_cast<unsigned char>(doc.text()[end]) & 0xC0) == 0x80) ++end;
        if (begin > end) begin = end;
        try {
            doc.replace({begin, end}, replacements[static_cast<unsigned char>(commands[i + 2]) % 6],
                        "fuzz", "fuzz");
        } catch (const std::invalid_argument&) {
            continue;  // refused edits are fine; they must leave the document as it was
        }
        check(!docpipe::utf8::find_invalid(doc.text()));
    }
    for (const auto& a : doc.layer("marks")) {
        check(a.span.begin <= a.span.end && a.span.end <= doc.text().size());
        const auto original = doc.to_original(a.span);
        check(original.begin <= original.end && original.end <= text.size());
    }
    for (std::size_t k = 0; k < doc.journal().entries().size(); ++k) {
        const auto source = doc.journal().source_of(k);
        check(source.begin <= source.end && source.end <= text.size());
    }
    check_segmentation(doc.text());
    return 0;
}
