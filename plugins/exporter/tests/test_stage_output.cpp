// Output targets: stdout, one file, per-document files; atomic writes, overwrite policy,
// errors, unsafe ids and invalid UTF-8.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace docpipe::exporter {
namespace {

using testing::list_tree;
using testing::make_stage;
using testing::read_file;
using testing::TempDir;
using json = nlohmann::json;

// What `stage` wrote to stdout during each process() call, then during finish() (last).
std::vector<std::string> stdout_per_call(ExporterStage& stage, std::vector<Document>& docs) {
    std::vector<std::string> seen;
    for (Document& doc : docs) {
        ::testing::internal::CaptureStdout();
        stage.process(doc);
        seen.push_back(::testing::internal::GetCapturedStdout());
    }
    ::testing::internal::CaptureStdout();
    stage.finish();
    seen.push_back(::testing::internal::GetCapturedStdout());
    return seen;
}

// A consumer of stdout sees each document once it is complete, not at the end of the run.
TEST(StageOutput, TextToStdoutStreamsEachDocumentAsItCompletes) {
    auto stage = make_stage({{"format", std::string("text")}});
    std::vector<Document> docs = {{"a", "first"}, {"b", "second\n"}};
    EXPECT_EQ(stdout_per_call(*stage, docs),
              (std::vector<std::string>{"first\n", "\nsecond\n", ""}));
}

// The first document waits for a second (is it an array?); from then on each goes out whole.
TEST(StageOutput, JsonToStdoutStreamsFromTheSecondDocument) {
    for (const int documents : {1, 3}) {
        auto stage = make_stage({{"format", std::string("json")}});
        std::vector<Document> docs;
        for (int i = 0; i < documents; ++i) docs.emplace_back("d" + std::to_string(i), "x");
        const std::vector<std::string> seen = stdout_per_call(*stage, docs);
        const std::string& tail = seen.back();
        EXPECT_EQ(seen[0], "");
        std::string all;
        for (const auto& s : seen) all += s;
        const json parsed = json::parse(all);
        if (documents == 1) {
            EXPECT_TRUE(parsed.is_object());
            EXPECT_EQ(tail.back(), '\n');
        } else {
            EXPECT_NE(seen[1].find("\"d1\""), std::string::npos);  // out before the run ends
            EXPECT_NE(seen[2].find("\"d2\""), std::string::npos);
            EXPECT_EQ(tail, "\n]\n");
            ASSERT_TRUE(parsed.is_array());
            EXPECT_EQ(parsed.size(), 3u);
            EXPECT_EQ(parsed[2]["id"], "d2");
        }
    }
}

TEST(StageOutput, OneJsonDocumentIsAnObjectAndSeveralAreAnArray) {
    TempDir dir;
    {
        auto stage = make_stage({{"path", (dir / "one.json").string()}});
        Document a("a", "x");
        stage->process(a);
        stage->finish();
    }
    EXPECT_TRUE(json::parse(read_file(dir / "one.json")).is_object());
    {
        auto stage = make_stage({{"path", (dir / "two.json").string()}});
        Document a("a", "x"), b("b", "y");
        stage->process(a);
        stage->process(b);
        stage->finish();
    }
    const json two = json::parse(read_file(dir / "two.json"));
    ASSERT_TRUE(two.is_array());
    EXPECT_EQ(two[1]["id"], "b");
}

TEST(StageOutput, SingleFileAppearsOnlyAtFinishAndLeavesNoTemporaryFile) {
    TempDir dir;
    auto stage = make_stage(
        {{"format", std::string("json")}, {"path", (dir / "nested/deeper/out.json").string()}});
    Document a("a", "x");
    stage->process(a);
    EXPECT_FALSE(std::filesystem::exists(dir / "nested/deeper/out.json"));
    stage->finish();
    EXPECT_EQ(list_tree(dir.path()),
              (std::vector<std::string>{"nested", "nested/deeper", "nested/deeper/out.json"}));
}

// Regressions: `-o out/all.json` with no `out` yet in the working directory was refused
// ("cannot create directory 'out': Not a directory"); with the folder missing, the first
// output large enough to spill to disk crashed the exporter.
TEST(StageOutput, ARelativePathInAFolderStillToBeMadeIsAccepted) {
    TempDir dir;
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    struct Restore {
        std::filesystem::path to;
        ~Restore() { std::filesystem::current_path(to); }
    } restore{previous};
    auto stage =
        make_stage({{"format", std::string("jsonl")}, {"path", std::string("out/new/all.jsonl")}});
    EXPECT_FALSE(std::filesystem::exists(dir / "out"));  // checked, not made, at configure
    Document a("a", "x"), b("b", std::string(3 * OutputSink::spill_threshold, 'y'));
    stage->process(a);
    stage->process(b);  // spills
    stage->finish();
    EXPECT_GT(std::filesystem::file_size(dir / "out/new/all.jsonl"),
              6 * OutputSink::spill_threshold);
}

TEST(StageOutput, FailedRunLeavesNoOutputAndNoTemporaryFile) {
    TempDir dir;
    {
        auto stage = make_stage({{"path", (dir / "out.json").string()}});
        Document a("a", "x");
        stage->process(a);
        // The run fails: finish() is never called and the stage is destroyed.
    }
    EXPECT_TRUE(list_tree(dir.path()).empty());
}

TEST(StageOutput, PerDocumentTemplateWritesEachDocumentDuringProcess) {
    TempDir dir;
    auto stage =
        make_stage({{"format", std::string("text")}, {"path", (dir / "out/{id}.{ext}").string()}});
    Document a("a", "alpha"), b("b", "beta");
    stage->process(a);
    EXPECT_EQ(read_file(dir / "out/a.txt"), "alpha\n");
    stage->process(b);
    EXPECT_EQ(read_file(dir / "out/b.txt"), "beta\n");
    EXPECT_EQ(list_tree(dir / "out"), (std::vector<std::string>{"a.txt", "b.txt"}));
}

TEST(StageOutput, DocumentIdsCannotEscapeTheOutputDirectory) {
    TempDir dir;
    auto stage =
        make_stage({{"format", std::string("text")}, {"path", (dir / "out/{id}.{ext}").string()}});
    for (const char* id : {"../../escape", "/etc/passwd", "..", "a/b\\c", ".hidden", ""}) {
        Document doc(id, "x");
        stage->process(doc);
    }
    EXPECT_EQ(
        list_tree(dir.path()),
        (std::vector<std::string>{"out", "out/_.txt", "out/__.txt", "out/___.._escape.txt",
                                  "out/_etc_passwd.txt", "out/_hidden.txt", "out/a_b_c.txt"}));
}

TEST(StageOutput, SafeFileNameKeepsUnicodeAndBoundsLength) {
    EXPECT_EQ(safe_file_name("Zürich report"), "Zürich_report");
    EXPECT_EQ(safe_file_name("a\nb\x01"), "a_b_");
    EXPECT_EQ(safe_file_name("bad\xFF"), "bad_");
    EXPECT_EQ(safe_file_name(std::string(500, 'x')).size(), 200u);
    // Cut before a multi-byte character rather than through it.
    const std::string long_unicode = std::string(199, 'x') + "é";
    EXPECT_EQ(safe_file_name(long_unicode), std::string(199, 'x'));
}

TEST(StageOutput, TwoDocumentsOnOneFileIsAnError) {
    TempDir dir;
    auto stage = make_stage({{"path", (dir / "{id}.json").string()}});
    Document a("a/b", "x"), b("a_b", "y");
    stage->process(a);
    try {
        stage->process(b);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("would overwrite"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("'a/b'"), std::string::npos) << e.what();
    }
    EXPECT_EQ(json::parse(read_file(dir / "a_b.json"))["text"], "x");
}

TEST(StageOutput, OverwriteFalseRefusesAnExistingSingleTargetBeforeAnyDocument) {
    TempDir dir;
    std::ofstream(dir / "out.json") << "keep me";
    try {
        make_stage({{"path", (dir / "out.json").string()}, {"overwrite", false}});
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("out.json"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("overwrite is false"), std::string::npos);
    }
    EXPECT_EQ(read_file(dir / "out.json"), "keep me");
}

TEST(StageOutput, OverwriteFalseRefusesAnExistingPerDocumentFile) {
    TempDir dir;
    std::ofstream(dir / "b.json") << "keep me";
    auto stage = make_stage({{"path", (dir / "{id}.json").string()}, {"overwrite", false}});
    Document a("a", "x"), b("b", "y");
    stage->process(a);
    EXPECT_THROW(stage->process(b), std::runtime_error);
    EXPECT_EQ(read_file(dir / "b.json"), "keep me");
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"a.json", "b.json"}));
}

TEST(StageOutput, OverwriteTrueReplacesAnExistingFile) {
    TempDir dir;
    std::ofstream(dir / "out.txt") << "old";
    auto stage =
        make_stage({{"format", std::string("text")}, {"path", (dir / "out.txt").string()}});
    Document a("a", "new");
    stage->process(a);
    stage->finish();
    EXPECT_EQ(read_file(dir / "out.txt"), "new\n");
}

TEST(StageOutput, UnwritablePathNamesThePathAndTheReason) {
    TempDir dir;
    std::ofstream(dir / "file") << "x";
    // A regular file where a directory is needed: fails even for root.
    // Found when configured, before any document (it used to be found at finish()).
    const std::string target = (dir / "file/sub/out.json").string();
    try {
        make_stage({{"path", target}});
        FAIL() << "expected an error";
    } catch (const OutputError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("cannot write '" + target + "'"), std::string::npos) << message;
        EXPECT_NE(message.find((dir / "file/sub").string()), std::string::npos) << message;
        EXPECT_NE(message.find("Not a directory"), std::string::npos) << message;
    }
}

TEST(StageOutput, UnknownTemplateFieldIsRejected) {
    EXPECT_THROW(make_stage({{"path", std::string("out/{name}.json")}}), std::invalid_argument);
}

TEST(StageOutput, InvalidUtf8NamesTheDocumentAndThePlace) {
    auto stage = make_stage({});
    Document doc("report-7", "caf\xE9 au lait");
    try {
        stage->process(doc);
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("document 'report-7'"), std::string::npos) << message;
        EXPECT_NE(message.find("invalid UTF-8 in the original text at byte 3"), std::string::npos)
            << message;
    }
    Document meta("m", "fine");
    meta.metadata()["title"] = "\xC0\x80";
    EXPECT_THROW(stage->process(meta), std::runtime_error);
}

TEST(StageOutput, BratToOneFileWritesTheAnnAndTheTxtBesideIt) {
    TempDir dir;
    auto stage =
        make_stage({{"format", std::string("brat")}, {"path", (dir / "out.ann").string()}});
    Document doc("d", "Xi met Trump.");
    doc.layer("entities").push_back({{0, 2}, "PERSON", {}, 1, "t"});
    stage->process(doc);
    EXPECT_TRUE(list_tree(dir.path()).empty());
    stage->finish();
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"out.ann", "out.txt"}));
    EXPECT_EQ(read_file(dir / "out.txt"), "Xi met Trump.\n");
    EXPECT_EQ(read_file(dir / "out.ann"), "T1\tPERSON 0 2\tXi\n");
}

TEST(StageOutput, BratPerDocumentWritesBothFilesInProcess) {
    TempDir dir;
    auto stage =
        make_stage({{"format", std::string("brat")}, {"path", (dir / "out/{id}.{ext}").string()}});
    Document a("a", "x"), b("b", "y");
    stage->process(a);
    stage->process(b);
    EXPECT_EQ(list_tree(dir / "out"),
              (std::vector<std::string>{"a.ann", "a.txt", "b.ann", "b.txt"}));
}

TEST(StageOutput, BratRefusesStdoutAndAPathThatIsItsOwnCompanion) {
    EXPECT_THROW(make_stage({{"format", std::string("brat")}}), std::invalid_argument);
    EXPECT_THROW(make_stage({{"format", std::string("brat")}, {"path", std::string("x.txt")}}),
                 std::invalid_argument);
}

TEST(StageOutput, SeveralBratDocumentsShareOneTxtWithShiftedOffsets) {
    TempDir dir;
    auto stage =
        make_stage({{"format", std::string("brat")}, {"path", (dir / "all.ann").string()}});
    Document a("a", "Café Xi"), b("b", "Xi");
    a.layer("entities").push_back({{6, 8}, "PERSON", {}, 1, "t"});
    b.layer("entities").push_back({{0, 2}, "PERSON", {}, 1, "t"});
    stage->process(a);
    stage->process(b);
    stage->finish();
    EXPECT_EQ(read_file(dir / "all.txt"), "Café Xi\n\nXi\n");
    // "Café Xi\n\n" is 9 code points (10 bytes): brat counts characters.
    EXPECT_EQ(read_file(dir / "all.ann"), "T1\tPERSON 5 7\tXi\nT2\tPERSON 9 11\tXi\n");
}

TEST(StageOutput, AlsoWritesMoreFormatsBesideTheMainOutput) {
    TempDir dir;
    auto stage = make_stage({{"format", std::string("html")},
                             {"path", (dir / "report.html").string()},
                             {"also", std::vector<std::string>{"json", "markdown"}}});
    Document doc("d", "text");
    stage->process(doc);
    EXPECT_TRUE(list_tree(dir.path()).empty());
    stage->finish();
    EXPECT_EQ(list_tree(dir.path()),
              (std::vector<std::string>{"report.html", "report.json", "report.md"}));
    EXPECT_EQ(nlohmann::json::parse(read_file(dir / "report.json"))["text"], "text");
    EXPECT_EQ(read_file(dir / "report.html").rfind("<!DOCTYPE html>", 0), 0u);
}

TEST(StageOutput, AlsoWorksPerDocument) {
    TempDir dir;
    auto stage = make_stage({{"format", std::string("html")},
                             {"path", (dir / "{id}.{ext}").string()},
                             {"also", std::vector<std::string>{"json"}}});
    Document a("a", "x");
    stage->process(a);
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"a.html", "a.json"}));
}

TEST(StageOutput, AlsoNeedsAFileAndDistinctNames) {
    // Beside stdout there is no place for it.
    EXPECT_THROW(
        make_stage({{"format", std::string("html")}, {"also", std::vector<std::string>{"json"}}}),
        std::invalid_argument);
    // Without an extension, report.html and report.json cannot both come from "report.json".
    EXPECT_THROW(make_stage({{"format", std::string("html")},
                             {"path", std::string("out/report.json")},
                             {"also", std::vector<std::string>{"json"}}}),
                 std::invalid_argument);
    EXPECT_THROW(make_stage({{"format", std::string("json")},
                             {"path", std::string("out/r.json")},
                             {"also", std::vector<std::string>{"json"}}}),
                 std::invalid_argument);
}

TEST(StageOutput, AlsoRefusesExistingFilesWhenOverwriteIsFalse) {
    TempDir dir;
    std::ofstream(dir / "report.json") << "keep";
    EXPECT_THROW(make_stage({{"format", std::string("html")},
                             {"path", (dir / "report.html").string()},
                             {"overwrite", false},
                             {"also", std::vector<std::string>{"json"}}}),
                 std::runtime_error);
    EXPECT_EQ(read_file(dir / "report.json"), "keep");
}

// One HTML page for several documents streams too: the head and the first two articles with
// the second document, each later article with its document, the list of documents at the end.
TEST(StageOutput, AnHtmlPageToStdoutStreamsFromTheSecondDocument) {
    auto stage = make_stage({{"format", std::string("html")}});
    std::vector<Document> docs;
    for (int i = 0; i < 3; ++i) docs.emplace_back("d" + std::to_string(i), "Text.");
    const std::vector<std::string> seen = stdout_per_call(*stage, docs);
    const std::string& tail = seen.back();
    EXPECT_EQ(seen[0], "");
    EXPECT_EQ(seen[1].rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_NE(seen[1].find("id=\"doc-2\""), std::string::npos);
    EXPECT_NE(seen[2].find("id=\"doc-3\""), std::string::npos);
    EXPECT_NE(tail.find("<nav class=\"documents\""), std::string::npos);
    EXPECT_NE(tail.find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace docpipe::exporter

namespace docpipe::exporter {

// Written at depth 1 as it streams, an element is byte for byte the document written alone,
// indented one level (what one document to a file gives).
TEST(StageOutput, JsonArrayElementsAreTheDocumentsAloneIndentedOneLevel) {
    Document a("a", "first line\nsecond"), b("b", "y"), c("c", "");
    a.layer("entities").push_back({{0, 5}, "X", {{"k", Value(2.0)}}, 0.5, "t"});
    const Format& json_format = *find_format("json");
    std::string expected = "[\n  ";
    bool first = true;
    for (const Document* doc : {&a, &b, &c}) {
        std::string alone = render_in_memory(json_format, {doc}).main;
        ASSERT_EQ(alone.back(), '\n');
        alone.pop_back();
        if (!first) expected += ",\n  ";
        first = false;
        append_indented(expected, alone, "  ");
    }
    expected += "\n]\n";
    EXPECT_EQ(render_in_memory(json_format, {&a, &b, &c}).main, expected);
}

}  // namespace docpipe::exporter
