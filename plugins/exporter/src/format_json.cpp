// `json`: one document gives one object, several give an array of them (schema in
// schema/document.schema.json). Documents are written as they come, each as a bare object;
// when the run had several, finish() puts the array around them in one linear rewrite, which
// also indents their lines one level.
#include "document_json.hpp"
#include "format.hpp"

namespace docpipe::exporter {
namespace {

class JsonWriter final : public FormatWriter {
public:
    void add(const Document& doc, Sinks& out) override {
        if (count_ > 0) out.main.buffer() += ",\n";
        write_document_json(doc, 2, 0, out.main);
        ++count_;
    }
    void finish(Sinks& out) override {
        if (count_ == 0) {
            out.main.buffer() += "[]\n";
        } else if (count_ == 1) {
            out.main.buffer() += "\n";
        } else {
            out.main.rewrite("[\n  ", "  ");
            out.main.buffer() += "\n]\n";
        }
    }
    void checkpoint() override { saved_ = count_; }
    void rollback() override { count_ = saved_; }

private:
    std::size_t count_ = 0, saved_ = 0;
};

}  // namespace

std::unique_ptr<FormatWriter> make_json_writer() {
    return std::make_unique<JsonWriter>();
}

}  // namespace docpipe::exporter
