// The JSON form of a document: offsets in bytes and code points, into both texts, and the
// edit journal mapped back to the original input.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

#include "document_json.hpp"
#include "json_text.hpp"

namespace docpipe::exporter {
namespace {

using json = nlohmann::ordered_json;

json document_to_json(const Document& doc) {
    std::string out;
    append_document_json(doc, -1, 0, out);
    return json::parse(out);
}

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

TEST(DocumentJson, AttributeValuesKeepTheirTypes) {
    Document doc("d", "x y");
    doc.layer("marks").push_back({{0, 1},
                                  "m",
                                  {{"text", "0.5"},
                                   {"confidence", 0.93},
                                   {"rank", 2},
                                   {"negative", -3},
                                   {"big", 1e300},
                                   {"flag", true}},
                                  1.0,
                                  "s"});
    std::string out;
    append_document_json(doc, -1, 0, out);
    EXPECT_NE(out.find("\"attributes\":{\"big\":1e+300,\"confidence\":0.93,\"flag\":true,"
                       "\"negative\":-3,\"rank\":2,\"text\":\"0.5\"}"),
              std::string::npos)
        << out;
}

TEST(DocumentJson, StageTimesFollowThePipelineOrderAndOnlyWhenRecorded) {
    Document doc("d", "x");
    EXPECT_FALSE(document_to_json(doc).contains("stage_times"));
    doc.record_stage_time("repair", 2.5);
    doc.record_stage_time("entities", 0.125);
    const json j = document_to_json(doc);
    ASSERT_EQ(j["stage_times"].size(), 2u);
    EXPECT_EQ(j["stage_times"][0]["stage"], "repair");
    EXPECT_EQ(j["stage_times"][1]["milliseconds"], 0.125);
    EXPECT_TRUE(j["metadata"].empty());
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
}

TEST(JsonText, EscapesUnicodeLineSeparatorsAndDel) {
    std::string out;
    JsonText::append_string(out,
                            "a\xC2\x85"
                            "b\xE2\x80\xA8"
                            "c\xE2\x80\xA9"
                            "d\ne\x7F\xC2\xA0\xE2\x80\x94");
    EXPECT_EQ(out, R"("a\u0085b\u2028c\u2029d\ne\u007f)"
                   "\xC2\xA0\xE2\x80\x94\"");
}

// What the exporter wrote before it had its own writer: nlohmann's dump plus the four escapes.
std::string nlohmann_reference(const json& value, int indent) {
    std::string raw = value.dump(indent);
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c == 0x7F) {
            out += "\\u007f";
        } else if (c == 0xC2 && i + 1 < raw.size() && raw[i + 1] == '\x85') {
            out += "\\u0085";
            ++i;
        } else if (c == 0xE2 && i + 2 < raw.size() && raw[i + 1] == '\x80' &&
                   (raw[i + 2] == '\xA8' || raw[i + 2] == '\xA9')) {
            out += raw[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += raw[i];
        }
    }
    return out;
}

// Random strings over the bytes that matter (controls, quotes, backslashes, the separators
// and ordinary multi-byte characters), numbers across the ranges nlohmann formats differently,
// and nested objects and arrays, written both ways.
TEST(JsonText, WritesTheBytesNlohmannWrites) {
    std::mt19937_64 rng(7);
    const std::vector<std::string> pieces = {"a",
                                             "Z",
                                             " ",
                                             "\"",
                                             "\\",
                                             "/",
                                             "\n",
                                             "\r",
                                             "\t",
                                             "\b",
                                             "\f",
                                             std::string(1, '\0'),
                                             "\x01",
                                             "\x1F",
                                             "\x7F",
                                             "\xC2\x85",
                                             "\xE2\x80\xA8",
                                             "\xE2\x80\xA9",
                                             "\xC3\xA9",
                                             "\xE2\x80\x94",
                                             "\xF0\x9F\x98\x80",
                                             "\xC2\xA0"};
    const auto random_string = [&] {
        std::string s;
        for (int n = static_cast<int>(rng() % 8); n-- > 0;) s += pieces[rng() % pieces.size()];
        return s;
    };
    const auto random_double = [&] {
        switch (rng() % 6) {
            case 0: return 0.0;
            case 1: return -0.0;
            case 2: return static_cast<double>(rng() % 1000) / 1000.0;
            case 3:
                return std::ldexp(static_cast<double>(rng() % 100000),
                                  static_cast<int>(rng() % 200) - 100);
            case 4:
                return -std::ldexp(static_cast<double>(rng() % 7 + 1),
                                   static_cast<int>(rng() % 120) - 60);
            default: return std::numeric_limits<double>::quiet_NaN();
        }
    };
    for (int round = 0; round < 300; ++round) {
        json expected = json::object();
        std::string compact, pretty;
        JsonText c(compact, -1), p(pretty, 2);
        c.begin_object();
        p.begin_object();
        for (int m = static_cast<int>(rng() % 5); m-- > 0;) {
            const std::string key = random_string() + std::to_string(m);  // distinct keys
            c.key(key);
            p.key(key);
            json items = json::array();
            c.begin_array();
            p.begin_array();
            for (int k = static_cast<int>(rng() % 4); k-- > 0;) {
                switch (rng() % 4) {
                    case 0: {
                        const std::string s = random_string();
                        items.push_back(s);
                        c.value(std::string_view(s));
                        p.value(std::string_view(s));
                        break;
                    }
                    case 1: {
                        const std::size_t n = rng() >> (rng() % 64);
                        items.push_back(n);
                        c.value(n);
                        p.value(n);
                        break;
                    }
                    case 2: {
                        const double d = random_double();
                        items.push_back(std::isfinite(d) ? json(d) : json(nullptr));
                        c.value(d);
                        p.value(d);
                        break;
                    }
                    default:
                        items.push_back(json::object());
                        c.begin_object();
                        p.begin_object();
                        c.end_object();
                        p.end_object();
                }
            }
            c.end_array();
            p.end_array();
            expected[key] = std::move(items);
        }
        c.end_object();
        p.end_object();
        ASSERT_EQ(compact, nlohmann_reference(expected, -1));
        ASSERT_EQ(pretty, nlohmann_reference(expected, 2));
        ASSERT_EQ(json::parse(compact), expected);
    }
}

// The mapping the exporter used before the journal's source_of(): undo every earlier entry,
// latest first.
Span undo_entries_reference(const std::vector<EditJournal::Entry>& entries, std::size_t count,
                            Span span) {
    const auto undo = [&](std::size_t offset, bool is_end) {
        for (std::size_t k = count; k-- > 0;) {
            const auto& e = entries[k];
            const std::size_t b = e.begin, new_end = b + e.new_text.size();
            if (offset < b || (offset == b && (!e.new_text.empty() || is_end))) continue;
            offset = offset >= new_end ? offset - e.new_text.size() + e.old_text.size()
                                       : (is_end ? b + e.old_text.size() : b);
        }
        return offset;
    };
    const std::size_t begin = undo(span.begin, false);
    if (span.empty()) return {begin, begin};
    return {begin, std::max(begin, undo(span.end, true))};
}

// Random batches and single replacements, as stages make them: every entry's mapping equals
// what the exporter wrote before.
TEST(DocumentJson, EditSourcesEqualTheEarlierMapping) {
    std::mt19937_64 rng(11);
    for (int round = 0; round < 400; ++round) {
        Document doc("d", std::string(20 + rng() % 40, 'x'));
        for (int step = static_cast<int>(rng() % 5); step-- > 0;) {
            std::vector<TextEdit> edits;
            std::size_t at = 0;
            while (at < doc.text().size() && edits.size() < 4) {
                const std::size_t b = at + rng() % 6;
                if (b > doc.text().size()) break;
                const std::size_t e = std::min(doc.text().size(), b + rng() % 4);
                edits.push_back({{b, e}, std::string(rng() % 4, 'y'), "r"});
                at = e + 1;
            }
            if (edits.empty()) continue;
            if (rng() % 3 == 0) {
                doc.replace(edits.front().span, edits.front().replacement, "single");
            } else {
                doc.apply_edits(edits, "batch");
            }
        }
        const auto& entries = doc.journal().entries();
        for (std::size_t k = 0; k < entries.size(); ++k) {
            const Span expected = undo_entries_reference(
                entries, k, {entries[k].begin, entries[k].begin + entries[k].old_text.size()});
            const Span got = doc.journal().source_of(k);
            ASSERT_EQ(got.begin, expected.begin) << "round " << round << " entry " << k;
            ASSERT_EQ(got.end, expected.end) << "round " << round << " entry " << k;
        }
    }
}

}  // namespace
}  // namespace docpipe::exporter
