// docpipe reads its own JSON documents back: a pipeline split into two runs gives what one run
// gives, and a document whose parts no longer add up is refused with the line it is on.
#include <gtest/gtest.h>

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
