// The json and jsonl outputs validate against schema/document.schema.json (with valijson, a
// full JSON Schema draft-07 validator), and their offsets agree with their texts.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "docpipe/utf8.hpp"
#include "format.hpp"
#include "seed_document.hpp"
#include "test_support.hpp"

namespace docpipe::exporter {
namespace {

using json = nlohmann::json;

class SchemaValidation : public ::testing::Test {
protected:
    void SetUp() override {
        schema_json_ = json::parse(testing::read_file(EXPORTER_SCHEMA_FILE));
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::NlohmannJsonAdapter adapter(schema_json_);
        parser.populateSchema(adapter, schema_);
    }

    // Empty when `value` is valid; otherwise the validator's messages.
    std::string errors(const json& value) const {
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter adapter(value);
        if (validator.validate(schema_, adapter, &results)) return {};
        std::string out;
        valijson::ValidationResults::Error e;
        while (results.popError(e)) {
            std::string where;
            for (const auto& c : e.context) where += c;
            out += where + ": " + e.description + "\n";
        }
        return out.empty() ? "invalid" : out;
    }

    static std::string render(const std::string& format, const std::vector<Document>& docs) {
        std::vector<const Document*> all;
        for (const auto& d : docs) all.push_back(&d);
        return render_in_memory(*find_format(format), all).main;
    }

    json schema_json_;
    valijson::Schema schema_;
};

// Offsets must point where they say: bytes within the texts, code points matching the bytes.
void expect_consistent_offsets(const json& doc) {
    const std::string text = doc["text"], original = doc["original_text"];
    for (const auto& [name, layer] : doc["layers"].items()) {
        for (const auto& a : layer) {
            const std::size_t b = a["begin"], e = a["end"], sb = a["source_begin"],
                              se = a["source_end"];
            ASSERT_LE(b, e);
            ASSERT_LE(e, text.size());
            ASSERT_LE(sb, se);
            ASSERT_LE(se, original.size());
            EXPECT_EQ(a["begin_cp"], utf8::codepoint_count(text, b)) << name;
            EXPECT_EQ(a["end_cp"], utf8::codepoint_count(text, e)) << name;
            EXPECT_EQ(a["source_begin_cp"], utf8::codepoint_count(original, sb)) << name;
            EXPECT_EQ(a["source_end_cp"], utf8::codepoint_count(original, se)) << name;
        }
    }
}

TEST_F(SchemaValidation, SeedDocumentJsonIsValid) {
    const json doc = json::parse(render("json", {testing::seed_document()}));
    EXPECT_EQ(errors(doc), "");
    expect_consistent_offsets(doc);
    // Entities found after repair still point at the same words of the original input
    // (except inside a repair, where they point at the wording it replaced).
    std::size_t checked = 0;
    for (const auto& a : doc["layers"]["entities"]) {
        const std::string text = doc["text"], original = doc["original_text"];
        const std::size_t b = a["begin"], e = a["end"], sb = a["source_begin"],
                          se = a["source_end"];
        bool in_repair = false;
        for (const auto& r : doc["layers"]["repairs"]) {
            in_repair = in_repair || (r["begin"] < e && b < r["end"]);
        }
        if (in_repair) continue;
        EXPECT_EQ(text.substr(b, e - b), original.substr(sb, se - sb));
        ++checked;
    }
    EXPECT_GT(checked, 100u);
}

TEST_F(SchemaValidation, SeveralDocumentsFormAValidArray) {
    const json docs =
        json::parse(render("json", {testing::seed_document(), Document("empty", "")}));
    ASSERT_TRUE(docs.is_array());
    EXPECT_EQ(errors(docs), "");
}

TEST_F(SchemaValidation, EveryJsonLinesLineIsAValidDocument) {
    const std::string out = render("jsonl", {testing::seed_document(), Document("b", "x\ny")});
    std::size_t lines = 0;
    for (std::size_t at = 0; at < out.size();) {
        const std::size_t nl = out.find('\n', at);
        ASSERT_NE(nl, std::string::npos) << "last line must end with a newline";
        const json doc = json::parse(out.substr(at, nl - at));
        EXPECT_EQ(errors(doc), "");
        expect_consistent_offsets(doc);
        at = nl + 1;
        ++lines;
    }
    EXPECT_EQ(lines, 2u);
}

TEST_F(SchemaValidation, SchemaRejectsWhatItShould) {
    // The validator is really checking: each broken copy of a valid document fails.
    const json valid = json::parse(render("json", {testing::seed_document()}));
    ASSERT_EQ(errors(valid), "");
    json missing = valid;
    missing.erase("text");
    EXPECT_NE(errors(missing), "");
    json extra = valid;
    extra["unexpected"] = 1;
    EXPECT_NE(errors(extra), "");
    json negative = valid;
    negative["layers"]["entities"][0]["begin"] = -1;
    EXPECT_NE(errors(negative), "");
    json wrong_metadata = valid;
    wrong_metadata["metadata"]["n"] = 3;
    EXPECT_NE(errors(wrong_metadata), "");
    json future = valid;
    future["schema_version"] = "3.0";
    EXPECT_NE(errors(future), "");
    json old = valid;  // 1.x documents held strings only; this schema is 2.x
    old["schema_version"] = "1.0";
    EXPECT_NE(errors(old), "");
    json bad_attribute = valid;
    bad_attribute["layers"]["entities"][0]["attributes"]["x"] = json::array();
    EXPECT_NE(errors(bad_attribute), "");
    json bad_time = valid;
    bad_time["stage_times"][0]["milliseconds"] = "fast";
    EXPECT_NE(errors(bad_time), "");
}

}  // namespace
}  // namespace docpipe::exporter
