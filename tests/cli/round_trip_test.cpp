// docpipe reads its own JSON documents back: a pipeline split into two runs gives what one run
// gives, and a document whose parts no longer add up is refused with the line it is on.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_env.hpp"

using namespace docpipe::testing;

namespace {

const std::string analysis =
    "version: 1\nstages:\n"
    "  - {id: repair, plugin: synonym_repair, params: {mode: apply}}\n"
    "  - {id: entities, plugin: entity_tagger}\n"
    "  - {id: summary, plugin: summarizer}\n"
    "  - {id: export, plugin: exporter, params: {format: jsonl}}\n";
const std::string export_only =
    "version: 1\nstages:\n  - {id: export, plugin: exporter, params: {format: jsonl}}\n";

TEST(RoundTrip, JsonLinesOutputReadBackGivesTheSameDocumentsByteForByte) {
    TempDir dir;
    write_file(dir / "analysis.yaml", analysis);
    write_file(dir / "export.yaml", export_only);
    write_file(dir / "second.txt", "A commerce battle between the U.S. and China.\n");
    const auto first =
        run_docpipe({"run", (dir / "analysis.yaml").string(), seed_document().string(),
                     (dir / "second.txt").string(), "-o", (dir / "first.jsonl").string()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string written = read_file(dir / "first.jsonl");
    ASSERT_NE(written.find("\"edits\":[{"), std::string::npos) << "the seed has repairs";
    const auto second =
        run_docpipe({"run", (dir / "export.yaml").string(), (dir / "first.jsonl").string(), "-o",
                     (dir / "second.jsonl").string()});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(read_file(dir / "second.jsonl"), written);
}

TEST(RoundTrip, ADocumentWhoseEditsDoNotProduceItsTextIsBadData) {
    TempDir dir;
    write_file(dir / "export.yaml", export_only);
    write_file(dir / "in.jsonl",
               "{\"schema_version\":\"1.0\",\"id\":\"a\",\"text\":\"x\",\"original_text\":\"x\","
               "\"metadata\":{},\"layers\":{},\"edits\":[]}\n"
               "{\"schema_version\":\"1.0\",\"id\":\"b\",\"text\":\"trade war\","
               "\"original_text\":\"commerce battle\",\"metadata\":{},\"layers\":{},"
               "\"edits\":[{\"begin\":0,\"old_text\":\"commerce battle\",\"new_text\":\"trade "
               "peace\",\"reason\":\"news\",\"stage\":\"repair\"}]}\n");
    const auto r =
        run_docpipe({"run", (dir / "export.yaml").string(), (dir / "in.jsonl").string()});
    EXPECT_EQ(r.exit_code, 65) << r.err;
    EXPECT_NE(r.err.find("in.jsonl:2: the edits do not turn \"original_text\" into \"text\""),
              std::string::npos)
        << r.err;
    // Found in review: an insertion inside a character, and a score that is not a number.
    write_file(dir / "cut.jsonl",
               "{\"schema_version\":\"1.0\",\"original_text\":\"\xC3\xA9\",\"text\":\"x\xC3\xA9\","
               "\"edits\":[{\"begin\":1,\"old_text\":\"\",\"new_text\":\"x\",\"reason\":\"\","
               "\"stage\":\"\"}],\"layers\":{}}\n"
               "{\"schema_version\":\"1.0\",\"original_text\":\"ab\",\"text\":\"ab\",\"edits\":[],"
               "\"layers\":{\"l\":[{\"begin\":0,\"end\":1,\"label\":\"A\",\"attributes\":{},"
               "\"score\":null,\"stage\":\"s\"}]}}\n");
    write_file(dir / "skip.yaml", export_only + "on_error: skip\n");
    // Bad data, not an internal error: 65, or skipped with a warning under on_error: skip.
    EXPECT_EQ(run_docpipe({"run", (dir / "export.yaml").string(), (dir / "cut.jsonl").string()})
                  .exit_code,
              65);
    const auto cut =
        run_docpipe({"run", (dir / "skip.yaml").string(), (dir / "cut.jsonl").string()});
    EXPECT_EQ(cut.exit_code, 0) << cut.err;
    EXPECT_NE(cut.err.find("cut.jsonl:1: edits 0 to 0: span [1, 1) cuts through a multi-byte"),
              std::string::npos)
        << cut.err;
    EXPECT_NE(cut.err.find("cut.jsonl:2: an annotation's \"score\" must be a number"),
              std::string::npos)
        << cut.err;
}

TEST(RoundTrip, PlainJsonLinesKeepTheirOwnSourceAndTakeMetadataUnderEitherName) {
    TempDir dir;
    write_file(dir / "export.yaml", export_only);
    write_file(dir / "in.jsonl",
               "{\"id\":\"a\",\"text\":\"x\",\"metadata\":{\"source\":\"crawl-7\"}}\n"
               "{\"id\":\"b\",\"text\":\"y\",\"meta\":{\"lang\":\"en\"}}\n");
    const auto r =
        run_docpipe({"run", (dir / "export.yaml").string(), (dir / "in.jsonl").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"source\":\"crawl-7\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"lang\":\"en\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("in.jsonl:2\""), std::string::npos)
        << "no source given: the line" << r.out;
}

}  // namespace

// A schema 1.x document held every attribute as a string. Read back and run through the stage
// that made it, whose key is now declared a number, the stage rewrites its layer and the old
// string becomes the number it reads as, instead of the stage failing (found in review); the
// recorded stage times are this run's, not added to those the document was read with.
TEST(RoundTrip, ASchema1DocumentRunsThroughStagesThatNowDeclareTypes) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nrecord_timings: true\nstages:\n  - id: lab\n    plugin: test_labeller\n"
               "    params: {attribute: weight, value: number}\n"
               "  - id: out\n    plugin: exporter\n    params: {format: jsonl}\n");
    write_file(dir / "in.jsonl",
               "{\"schema_version\":\"1.0\",\"id\":\"a\",\"text\":\"ab\",\"original_text\":\"ab\","
               "\"metadata\":{},\"edits\":[],\"layers\":{\"labels\":[{\"begin\":0,\"end\":1,"
               "\"label\":\"FINE\",\"attributes\":{\"weight\":\"0.250\"},\"score\":1,"
               "\"stage\":\"lab\"}]}}\n"
               "{\"schema_version\":\"2.0\",\"id\":\"b\",\"text\":\"ab\",\"original_text\":\"ab\","
               "\"metadata\":{},\"edits\":[],\"layers\":{},"
               "\"stage_times\":[{\"stage\":\"lab\",\"milliseconds\":99}]}\n");
    const auto r = run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in.jsonl").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto newline = r.out.find('\n');
    const auto a = nlohmann::json::parse(r.out.substr(0, newline));
    const auto b = nlohmann::json::parse(r.out.substr(newline + 1));
    ASSERT_EQ(a["layers"]["labels"].size(), 2u) << r.out;
    EXPECT_EQ(a["layers"]["labels"][0]["attributes"]["weight"], 0.25);  // a number now
    EXPECT_EQ(a["layers"]["labels"][1]["attributes"]["weight"], 0.5);
    ASSERT_EQ(b["stage_times"].size(), 1u) << r.out;
    EXPECT_NE(b["stage_times"][0]["milliseconds"], 99) << r.out;
}
