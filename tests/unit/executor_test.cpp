#include "docpipe/host/executor.hpp"

#include <gtest/gtest.h>

#include "docpipe/host/errors.hpp"
#include "docpipe/host/memory_limit.hpp"
#include "test_env.hpp"

using namespace docpipe::host;

namespace {

struct Fixture {
    Registry registry = Registry::discover({docpipe::testing::test_plugin_dir()}, nullptr);
    PipelineConfig config;
    explicit Fixture(const std::string& yaml) { config = parse_pipeline(yaml, "p.yaml", registry); }
};

}  // namespace

TEST(Executor, RunsStagesInOrderAndCountsCalls) {
    Fixture f(
        "version: 1\nstages:\n  - id: s\n    plugin: test_shout\n    params: {word: war}\n"
        "  - id: n\n    plugin: test_needs_shout\n");
    Executor ex(f.config, f.registry, nullptr);
    std::vector<docpipe::Document> docs{{"a", "trade war"}, {"b", "war and peace"}};
    std::size_t i = 0;
    const auto summary = run_documents(
        ex,
        [&]() -> std::optional<docpipe::Document> {
            if (i == docs.size()) return std::nullopt;
            return docs[i++];
        },
        [](const std::string&) {});
    EXPECT_EQ(summary.documents, 2u);
    EXPECT_EQ(summary.completed, 2u);
    ASSERT_EQ(summary.stages.size(), 2u);
    EXPECT_EQ(summary.stages[0].calls, 2u);
    EXPECT_EQ(summary.stages[1].id, "n");
    EXPECT_NE(format_stats(summary).find("documents: 2 read, 2 completed, 0 skipped"),
              std::string::npos);
}

TEST(Executor, ConfigureFailureNamesTheStage) {
    Fixture f("version: 1\nstages:\n  - id: dict\n    plugin: test_throw_configure\n");
    try {
        Executor ex(f.config, f.registry, nullptr);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), 78);
        EXPECT_STREQ(e.what(),
                     "p.yaml:3:5: stage 'dict' (test_throw_configure) failed to configure: "
                     "dictionary file is missing");
    }
}

TEST(Executor, FailPolicyStopsWithDocumentAndStage) {
    Fixture f("version: 1\nstages:\n  - id: t\n    plugin: test_throw_process\n");
    Executor ex(f.config, f.registry, nullptr);
    docpipe::Document doc("doc-7", "x");
    try {
        ex.process(doc);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), 70);
        EXPECT_STREQ(
            e.what(),
            "document 'doc-7', stage 't' (test_throw_process): cannot handle this document");
    }
}

// After process(), however it ended, the crash guard blames no stage and reads no document
// (the document may be gone; found in review).
TEST(Executor, CrashContextIsClearedWhenProcessingEnds) {
    Fixture f(
        "version: 1\nstages:\n  - id: n\n    plugin: test_noop\n"
        "  - id: t\n    plugin: test_throw_process\n");
    Executor ex(f.config, f.registry, nullptr);
    {
        docpipe::Document doc("doc-1", "x");
        EXPECT_THROW(ex.process(doc), Error);
    }
    EXPECT_EQ(crash_context().stage, nullptr);
    EXPECT_EQ(crash_context().current, nullptr);
    Fixture ok("version: 1\nstages:\n  - id: n\n    plugin: test_noop\n");
    Executor fine(ok.config, ok.registry, nullptr);
    docpipe::Document doc("doc-2", "x");
    ASSERT_TRUE(fine.process(doc));
    EXPECT_EQ(crash_context().current, nullptr);
}

TEST(Executor, SkipPolicyDropsOnlyTheFailingDocument) {
    Fixture f(
        "version: 1\nstages:\n  - id: t\n    plugin: test_throw_process\n"
        "    params: {when_contains: bad}\n    on_error: skip\n");
    Executor ex(f.config, f.registry, nullptr);
    std::vector<docpipe::Document> docs{{"1", "good"}, {"2", "bad"}, {"3", "good"}};
    std::size_t i = 0;
    std::vector<std::string> warnings;
    const auto summary = run_documents(
        ex,
        [&]() -> std::optional<docpipe::Document> {
            if (i == docs.size()) return std::nullopt;
            return docs[i++];
        },
        [&](const std::string& w) { warnings.push_back(w); });
    EXPECT_EQ(summary.completed, 2u);
    EXPECT_EQ(summary.skipped, 1u);
    EXPECT_EQ(summary.stages[0].errors, 1u);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0],
              "skipped: document '2', stage 't' (test_throw_process): cannot handle this document");
}

TEST(Executor, RecordsStageTimesInPipelineOrderWhenAsked) {
    Fixture f(
        "version: 1\nrecord_timings: true\nstages:\n  - id: n\n    plugin: test_noop\n"
        "  - id: b\n    plugin: test_noop\n");
    Executor ex(f.config, f.registry, nullptr);
    ex.set_record_timings(f.config.record_timings);
    docpipe::Document doc("d", "x");
    ASSERT_TRUE(ex.process(doc));
    ASSERT_EQ(doc.stage_times().size(), 2u);
    EXPECT_EQ(doc.stage_times()[0].stage, "n");  // pipeline order, not id order
    EXPECT_EQ(doc.stage_times()[1].stage, "b");
    EXPECT_GE(doc.stage_times()[0].milliseconds, 0.0);
    EXPECT_TRUE(doc.metadata().empty());  // nothing in the user's metadata
}

TEST(Executor, RecordsNoTimingsUnlessAsked) {
    Fixture f("version: 1\nstages:\n  - id: n\n    plugin: test_noop\n");
    Executor ex(f.config, f.registry, nullptr);
    docpipe::Document doc("d", "x");
    ASSERT_TRUE(ex.process(doc));
    EXPECT_TRUE(doc.stage_times().empty());
}

TEST(Executor, FillsTheProducingStageOfUnnamedAnnotations) {
    Fixture f("version: 1\nstages:\n  - id: loud\n    plugin: test_shout\n");
    Executor ex(f.config, f.registry, nullptr);
    docpipe::Document doc("d", "a b");
    doc.layer("shouted").push_back({{0, 1}, "EARLIER", {}, 1.0, "someone"});
    ASSERT_TRUE(ex.process(doc));
    const auto& layer = doc.layer("shouted");
    ASSERT_GT(layer.size(), 1u);
    EXPECT_EQ(layer.front().stage, "someone");  // kept
    EXPECT_EQ(layer.back().stage, "loud");      // filled in by the host
}

TEST(Executor, StampsTheStageOnEveryNewAnnotationWhereverItStands) {
    Fixture f(
        "version: 1\nstages:\n  - id: b\n    plugin: test_boundary\n"
        "    params: {do: [prepend]}\n");
    Executor ex(f.config, f.registry, nullptr);
    docpipe::Document doc("d", "a b");
    doc.layer("marks").push_back({{2, 3}, "EARLIER", {}, 1.0, "someone"});
    ASSERT_TRUE(ex.process(doc));
    const auto& marks = doc.layer("marks");
    ASSERT_EQ(marks.size(), 2u);
    EXPECT_EQ(marks[0].label, "FIRST");
    EXPECT_EQ(marks[0].stage, "b");  // at the front, stamped all the same
    EXPECT_EQ(marks[1].stage, "someone");
}

TEST(Executor, StampsTheStageOnJournalEntriesAndMapsThemInTheNextStage) {
    Fixture f(
        "version: 1\nstages:\n  - id: loud\n    plugin: test_shout\n"
        "  - id: b\n    plugin: test_boundary\n    params: {do: [edit, map]}\n");
    Executor ex(f.config, f.registry, nullptr);
    docpipe::Document doc("d", "a trade war");
    ASSERT_TRUE(ex.process(doc));
    EXPECT_EQ(doc.text(), "X TRADE WAR");
    std::string stages;
    for (const auto& e : doc.journal().entries()) stages += e.stage + " ";
    EXPECT_EQ(stages, "loud loud loud b ");  // the plugins passed no stage name
    // The next stage saw the same journal, batch by batch: its mapping equals the host's.
    std::string mapped;
    for (const auto& a : doc.layer("shouted")) {
        const auto o = doc.to_original(a.span);
        mapped += std::to_string(o.begin) + "-" + std::to_string(o.end) + " ";
    }
    EXPECT_EQ(doc.metadata().at("mapped"), mapped);
    EXPECT_EQ(doc.metadata().at("journal_stages"), "loud loud loud b ");
}

TEST(Executor, ALargeLayerCrossesTheBoundaryWhole) {
    Fixture f(
        "version: 1\nstages:\n  - id: b\n    plugin: test_boundary\n"
        "    params: {do: [many]}\n");
    Executor ex(f.config, f.registry, nullptr);
    docpipe::Document doc("d", "some text");
    doc.layer("marks").push_back({{5, 9}, "OLD", {}, 1.0, "earlier"});
    ASSERT_TRUE(ex.process(doc));
    const auto& marks = doc.layer("marks");
    ASSERT_EQ(marks.size(), 2501u);
    EXPECT_EQ(marks[0].label, "OLD");
    for (int i = 0; i < 2500; ++i) {
        ASSERT_EQ(marks[i + 1].attributes.at("i"), std::to_string(i));
        ASSERT_EQ(marks[i + 1].stage, "b");
    }
}

TEST(Executor, AStageCannotReplaceItsDocumentWhole) {
    Fixture f(
        "version: 1\nstages:\n  - id: b\n    plugin: test_boundary\n"
        "    params: {do: [replace_whole]}\n");
    Executor ex(f.config, f.registry, nullptr);
    docpipe::Document doc("d", "some text");
    try {
        ex.process(doc);
        FAIL() << "processed";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("a stage cannot replace the document it was given"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(doc.text(), "some text");
}

TEST(Executor, ReadingALayerCreatesNoneAndACopyIsStandalone) {
    Fixture f(
        "version: 1\nstages:\n  - id: b\n    plugin: test_boundary\n"
        "    params: {do: [peek, copy, bad_span]}\n");
    Executor ex(f.config, f.registry, nullptr);
    docpipe::Document doc("d", "some text");
    ASSERT_TRUE(ex.process(doc));
    EXPECT_FALSE(doc.has_layer("ghost"));
    EXPECT_EQ(doc.text(), "some text");  // the copy's edit stayed in the copy
    EXPECT_EQ(doc.metadata().at("copy_text"), "copy:some text");
    EXPECT_EQ(doc.metadata().at("copy_original"), "some text");
    EXPECT_EQ(doc.metadata().at("caught"), "span [0, 14) is outside the text of 9 bytes");
    EXPECT_TRUE(doc.journal().empty());
}

TEST(Executor, StagesReadTheTokensOfTheCurrentTextFromTheHost) {
    Fixture f(
        "version: 1\nstages:\n  - id: t1\n    plugin: test_tokens\n"
        "  - id: loud\n    plugin: test_shout\n    params: {word: war}\n"
        "  - id: b\n    plugin: test_boundary\n    params: {do: [edit]}\n"
        "  - id: t2\n    plugin: test_tokens\n");
    Executor ex(f.config, f.registry, nullptr);
    docpipe::Document doc("d", "a trade war. Then peace");
    ASSERT_TRUE(ex.process(doc));
    EXPECT_EQ(doc.text(), "X trade WAR. Then peace");
    // The host's token layer, built for the text as it stood after the edits, matches what
    // the stage computes itself, hashes included.
    EXPECT_EQ(doc.metadata().at("tokens_as_local"), "yes");
    EXPECT_EQ(doc.metadata().at("tokens"), "6");
    EXPECT_EQ(doc.metadata().at("sentences"), "2");
    ASSERT_EQ(doc.tokens().size(), 6u);
    EXPECT_EQ(doc.tokens()[2].lower_hash, docpipe::text::lower_hash("war"));
}

TEST(Executor, WarnsAboutDuplicateDocumentIds) {
    Fixture f("version: 1\nstages:\n  - id: n\n    plugin: test_noop\n");
    Executor ex(f.config, f.registry, nullptr);
    std::vector<docpipe::Document> docs{{"same", "x"}, {"same", "y"}};
    std::size_t i = 0;
    std::vector<std::string> warnings;
    run_documents(
        ex,
        [&]() -> std::optional<docpipe::Document> {
            if (i == docs.size()) return std::nullopt;
            return docs[i++];
        },
        [&](const std::string& w) { warnings.push_back(w); });
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("document id 'same' appears more than once", 0), 0u);
}

TEST(MemoryLimit, ParsesByteSizes) {
    using docpipe::host::parse_byte_size;
    EXPECT_EQ(parse_byte_size("1048576"), 1048576u);
    EXPECT_EQ(parse_byte_size("512K"), 512u << 10);
    EXPECT_EQ(parse_byte_size("4G"), std::size_t{4} << 30);
    EXPECT_EQ(parse_byte_size("3MiB"), std::size_t{3} << 20);
    EXPECT_EQ(parse_byte_size("7B"), 7u);
    EXPECT_EQ(parse_byte_size("0"), std::nullopt);
    EXPECT_EQ(parse_byte_size("G"), std::nullopt);
    EXPECT_EQ(parse_byte_size("5X"), std::nullopt);
    EXPECT_EQ(parse_byte_size("5GG"), std::nullopt);
    EXPECT_EQ(parse_byte_size("99999999999T"), std::nullopt);
}
