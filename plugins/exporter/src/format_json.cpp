// `json`: one document gives one object, several give an array of them (schema in
// schema/document.schema.json).
#include "document_json.hpp"
#include "format.hpp"

namespace docpipe::exporter {
namespace {

class JsonWriter final : public FormatWriter {
public:
    void add(const Document& doc) override { docs_.push_back(document_to_json(doc)); }
    Rendered render() const override {
        if (docs_.size() == 1) return {dump_json(docs_.front(), 2) + "\n", {}};
        return {dump_json(nlohmann::ordered_json(docs_), 2) + "\n", {}};
    }

private:
    std::vector<nlohmann::ordered_json> docs_;
};

}  // namespace

std::unique_ptr<FormatWriter> make_json_writer() {
    return std::make_unique<JsonWriter>();
}

}  // namespace docpipe::exporter
