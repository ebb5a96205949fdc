// `json`: one document gives one object, several give an array of them (schema in
// schema/document.schema.json).
#include "document_json.hpp"
#include "format.hpp"

namespace docpipe::exporter {
namespace {

// Inserts `indent` after every line break: the lines of a document written at depth 0 become
// those of an array element. Strings hold no raw line break (they are escaped), so only the
// layout changes.
std::string indent_lines(std::string_view text, std::string_view indent) {
    std::string out;
    out.reserve(text.size() + text.size() / 16);
    for (std::size_t from = 0; from < text.size();) {
        const std::size_t nl = text.find('\n', from);
        if (nl == std::string_view::npos) {
            out.append(text, from);
            break;
        }
        out.append(text, from, nl + 1 - from);
        out.append(indent);
        from = nl + 1;
    }
    return out;
}

class JsonWriter final : public FormatWriter {
public:
    void add(const Document& doc) override {
        docs_.emplace_back();
        append_document_json(doc, 2, 0, docs_.back());
    }
    Rendered render() const override {
        if (docs_.size() == 1) return {docs_.front() + "\n", {}};
        if (docs_.empty()) return {"[]\n", {}};
        std::string out = "[";
        for (std::size_t i = 0; i < docs_.size(); ++i) {
            out += i == 0 ? "\n  " : ",\n  ";
            out += indent_lines(docs_[i], "  ");
        }
        out += "\n]\n";
        return {out, {}};
    }

private:
    std::vector<std::string> docs_;
};

}  // namespace

std::unique_ptr<FormatWriter> make_json_writer() {
    return std::make_unique<JsonWriter>();
}

}  // namespace docpipe::exporter
