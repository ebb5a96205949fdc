// `json`: one document gives one object, several give an array of them (schema in
// schema/document.schema.json). Documents are written as they come; when a second one
// arrives, the first, written as a bare object, is rewritten as the array's first element.
#include "document_json.hpp"
#include "format.hpp"

namespace docpipe::exporter {
namespace {

class JsonWriter final : public FormatWriter {
public:
    void add(const Document& doc, Sinks& out) override {
        if (count_ == 1) out.main.rewrite("[\n  ", "  ");
        if (count_ > 0) out.main.buffer() += ",\n  ";
        write_document_json(doc, 2, count_ == 0 ? 0 : 1, out.main);
        ++count_;
    }
    void finish(Sinks& out) override {
        out.main.buffer() += count_ == 0 ? "[]\n" : count_ == 1 ? "\n" : "\n]\n";
    }

private:
    std::size_t count_ = 0;
};

}  // namespace

std::unique_ptr<FormatWriter> make_json_writer() {
    return std::make_unique<JsonWriter>();
}

}  // namespace docpipe::exporter
