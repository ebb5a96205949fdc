// The JSON form of a document: offsets in bytes and code points, into both texts, and the
// edit journal mapped back to the original input.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "document_json.hpp"

namespace docpipe::exporter {
namespace {

using json = nlohmann::ordered_json;

// "Chinese language" -> "Chinese" before a multi-byte text, so byte and code point offsets
// differ and the edit shifts everything after it.
Document repaired_document() {
    Document doc("d1", "Chinese language President Xi — café Xi");
    doc.layer("entities").push_back({{27, 29}, "PERSON", {}, 0.9, "tagger"});
    doc.replace({0, 16}, "Chinese", "spun phrase", "repair");
    doc.layer("repairs").push_back(
        {{0, 7}, "repair", {{"original", "Chinese language"}}, 1.0, "repair"});
    // "Xi" at the end: after an em dash (3 bytes) and "é" (2 bytes).
    const std::size_t last = doc.text().rfind("Xi");
    doc.layer("entities").push_back({{last, last + 2}, "PERSON", {}, 0.8, "tagger"});
    doc.metadata()["summary"] = "Xi.";
    return doc;
}

TEST(DocumentJson, CarriesTextsMetadataAndVersion) {
    const json j = document_to_json(repaired_document());
    EXPECT_EQ(j["schema_version"], schema_version);
    EXPECT_EQ(j["id"], "d1");
    EXPECT_EQ(j["text"], "Chinese President Xi — café Xi");
    EXPECT_EQ(j["original_text"], "Chinese language President Xi — café Xi");
    EXPECT_EQ(j["metadata"]["summary"], "Xi.");
}

TEST(DocumentJson, AnnotationOffsetsPointAtTheSameWordsInBothTexts) {
    const Document doc = repaired_document();
    const json j = document_to_json(doc);
    const std::string text = j["text"];
    const std::string original = j["original_text"];
    for (const auto& a : j["layers"]["entities"]) {
        const std::size_t b = a["begin"], e = a["end"], sb = a["source_begin"],
                          se = a["source_end"];
        EXPECT_EQ(text.substr(b, e - b), "Xi");
        EXPECT_EQ(original.substr(sb, se - sb), "Xi");
    }
    const auto& first = j["layers"]["entities"][0];
    EXPECT_EQ(first["begin"], 18);
    EXPECT_EQ(first["source_begin"], 27);
    EXPECT_EQ(first["label"], "PERSON");
    EXPECT_EQ(first["stage"], "tagger");
    EXPECT_DOUBLE_EQ(first["score"].get<double>(), 0.9);
    const auto& repair = j["layers"]["repairs"][0];
    EXPECT_EQ(repair["attributes"]["original"], "Chinese language");
    EXPECT_EQ(repair["source_begin"], 0);
    EXPECT_EQ(repair["source_end"], 16);
}

TEST(DocumentJson, CodePointOffsetsCountCharactersNotBytes) {
    const json j = document_to_json(repaired_document());
    const auto& last = j["layers"]["entities"][1];
    // "Chinese President Xi — café " is 28 code points but 31 bytes.
    EXPECT_EQ(last["begin"], 31);
    EXPECT_EQ(last["begin_cp"], 28);
    EXPECT_EQ(last["end_cp"], 30);
    // In the original, 9 more characters ("language ") precede it.
    EXPECT_EQ(last["source_begin"], 40);
    EXPECT_EQ(last["source_begin_cp"], 37);
    EXPECT_EQ(last["source_end_cp"], 39);
}

TEST(DocumentJson, EditsMapBackToTheOriginalInput) {
    Document doc("d", "aa bb cc");
    doc.replace({0, 2}, "AAAA", "first");
    doc.replace({8, 10}, "C", "second");  // "cc" now sits at 8..10 of "AAAA bb cc"
    const json j = document_to_json(doc);
    ASSERT_EQ(j["edits"].size(), 2u);
    EXPECT_EQ(j["edits"][0]["old_text"], "aa");
    EXPECT_EQ(j["edits"][0]["new_text"], "AAAA");
    EXPECT_EQ(j["edits"][0]["source_begin"], 0);
    EXPECT_EQ(j["edits"][1]["begin"], 8);
    EXPECT_EQ(j["edits"][1]["source_begin"], 6);
    EXPECT_EQ(j["edits"][1]["source_end"], 8);
    EXPECT_EQ(j["edits"][1]["reason"], "second");
}

TEST(DocumentJson, EditsOfOneBatchMapBackToTheOriginalInput) {
    Document doc("d", "aa bb cc dd");
    doc.apply_edits({{{0, 2}, "A", "x"}, {{6, 8}, "CCCC", "y"}, {{9, 11}, "", "z"}}, "s");
    doc.replace({0, 1}, "alpha", "later");
    const json j = document_to_json(doc);
    ASSERT_EQ(j["edits"].size(), 4u);
    const std::string original = j["original_text"];
    for (const auto& e : j["edits"]) {
        if (e["reason"] == "later") continue;  // replaced text that was itself an edit
        const std::size_t b = e["source_begin"], end = e["source_end"];
        EXPECT_EQ(original.substr(b, end - b), e["old_text"]) << e.dump();
    }
    EXPECT_EQ(j["edits"][3]["source_begin"], 0);
    EXPECT_EQ(j["edits"][3]["source_end"], 2);  // "A" came from "aa"
}

TEST(DocumentJson, NonFiniteScoreBecomesNull) {
    Document doc("d", "x");
    doc.layer("l").push_back({{0, 1}, "L", {}, std::numeric_limits<double>::quiet_NaN(), ""});
    const json j = document_to_json(doc);
    EXPECT_TRUE(j["layers"]["l"][0]["score"].is_null());
    // And it still serialises.
    EXPECT_NO_THROW(dump_json(j, -1));
}

TEST(DocumentJson, DumpEscapesUnicodeLineSeparatorsAndDel) {
    const json j = {{"t",
                     "a\xC2\x85"
                     "b\xE2\x80\xA8"
                     "c\xE2\x80\xA9"
                     "d\ne\x7F"}};
    const std::string out = dump_json(j, -1);
    EXPECT_EQ(out, R"({"t":"a\u0085b\u2028c\u2029d\ne\u007f"})");
    EXPECT_EQ(json::parse(out)["t"], j["t"]);
}

}  // namespace
}  // namespace docpipe::exporter
