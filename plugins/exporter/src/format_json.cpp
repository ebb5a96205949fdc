// `json`: one document gives one object, several give an array of them (schema in
// schema/document.schema.json). The first document is held back until a second one shows
// whether the output is an array; from then on each document is written, indented one level,
// as it comes, so memory holds one document's output and a stream sees the array grow.
#include "document_json.hpp"
#include "format.hpp"

namespace docpipe::exporter {
namespace {

class JsonWriter final : public FormatWriter {
public:
    void add(const Document& doc, Sinks& out) override {
        if (count_ == 0) {
            append_document_json(doc, 2, 0, first_);
        } else {
            std::string& buffer = out.main.buffer();
            if (count_ == 1) {
                buffer += "[\n  ";
                append_indented(buffer, first_, "  ");
            }
            buffer += ",\n  ";
            write_document_json(doc, 2, 1, out.main);
            if (count_ == 1) first_.clear();  // only now: the document above may have failed
        }
        ++count_;
    }
    void finish(Sinks& out) override {
        std::string& buffer = out.main.buffer();
        if (count_ == 0) {
            buffer += "[]\n";
        } else if (count_ == 1) {
            buffer += first_;
            buffer += "\n";
        } else {
            buffer += "\n]\n";
        }
    }
    void checkpoint() override { saved_ = {count_, first_.size()}; }
    void rollback() override {
        count_ = saved_.first;
        if (count_ == 0) first_.resize(saved_.second);
    }

private:
    std::size_t count_ = 0;
    std::string first_;  // the first document, until the second shows there is an array
    std::pair<std::size_t, std::size_t> saved_{};
};

}  // namespace

std::unique_ptr<FormatWriter> make_json_writer() {
    return std::make_unique<JsonWriter>();
}

}  // namespace docpipe::exporter
