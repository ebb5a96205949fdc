// `jsonl`: JSON Lines, one document object (the `json` schema) per line, for streaming tools.
#include "document_json.hpp"
#include "format.hpp"

namespace docpipe::exporter {
namespace {

class JsonlWriter final : public FormatWriter {
public:
    void add(const Document& doc) override {
        // Line breaks inside strings are escaped, so one document is one line.
        append_document_json(doc, -1, 0, out_);
        out_ += '\n';
    }
    Rendered render() const override { return {out_, {}}; }

private:
    std::string out_;
};

}  // namespace

std::unique_ptr<FormatWriter> make_jsonl_writer() {
    return std::make_unique<JsonlWriter>();
}

}  // namespace docpipe::exporter
