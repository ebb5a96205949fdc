// What the C boundary promises about compatibility: a plugin built against the frozen SDK 2.0
// headers runs in this host, a plugin written in plain C runs, and a table smaller than API 2.0
// is refused. (Versions and compilers: loader_test.cpp and clang_plugins_test.sh.)
#include <gtest/gtest.h>

#include "docpipe/host/errors.hpp"
#include "docpipe/host/executor.hpp"
#include "test_env.hpp"

using namespace docpipe::host;

namespace {

struct Pipeline {
    Registry registry;
    PipelineConfig config;
    Pipeline(const std::filesystem::path& plugins, const std::string& yaml)
        : registry(Registry::discover({plugins}, nullptr)),
          config(parse_pipeline(yaml, "p.yaml", registry)) {}
};

}  // namespace

TEST(Compatibility, APluginBuiltAgainstTheFrozen20HeadersRunsInThisHost) {
    Pipeline p(DOCPIPE_FROZEN_PLUGIN_DIR,
               "version: 1\nstages:\n  - id: loud\n    plugin: test_shout\n"
               "  - id: b\n    plugin: test_boundary\n    params: {do: [edit, map, copy]}\n");
    const auto* plugin = p.registry.find_plugin("test_stages");
    ASSERT_NE(plugin, nullptr);
    EXPECT_EQ(plugin->manifest->api_version(), "2.0");
    EXPECT_EQ(plugin->path.parent_path(), std::filesystem::path(DOCPIPE_FROZEN_PLUGIN_DIR));
    Executor ex(p.config, p.registry, nullptr);
    docpipe::Document doc("d", "a trade war");
    ASSERT_TRUE(ex.process(doc)) << ex.last_skip_reason();
    EXPECT_EQ(doc.text(), "X TRADE WAR");
    EXPECT_EQ(doc.metadata().at("journal_stages"), "loud loud loud b ");
    EXPECT_EQ(doc.metadata().at("copy_text"), "copy:X TRADE WAR");
    ASSERT_EQ(doc.layer("shouted").size(), 3u);
    EXPECT_EQ(doc.layer("shouted")[1].stage, "loud");
}

TEST(Compatibility, APluginWrittenInCRunsThroughTheHostsDocumentFunctions) {
    Pipeline p(DOCPIPE_C_PLUGIN_DIR,
               "version: 1\nstages:\n  - id: up\n    plugin: c_upper\n    params: {letters: 3}\n");
    Executor ex(p.config, p.registry, nullptr);
    docpipe::Document doc("d", "hello world");
    ASSERT_TRUE(ex.process(doc)) << ex.last_skip_reason();
    EXPECT_EQ(doc.text(), "HELlo world");
    const auto& marks = doc.layer("c_marks");
    ASSERT_EQ(marks.size(), 1u);
    EXPECT_EQ(marks[0].span, (docpipe::Span{0, 3}));
    EXPECT_EQ(marks[0].label, "FIRST");
    EXPECT_EQ(marks[0].stage, "up");  // stamped by the host: the C code names no stage
    EXPECT_EQ(marks[0].attributes.at("by"), "c");
    ASSERT_EQ(doc.journal().entries().size(), 1u);
    EXPECT_EQ(doc.journal().entries()[0].stage, "up");
    EXPECT_EQ(doc.journal().entries()[0].reason, "c_upper");
    EXPECT_EQ(doc.to_original(docpipe::Span{0, 3}), (docpipe::Span{0, 3}));
}

TEST(Compatibility, ACPluginsErrorMessageReachesTheUser) {
    Pipeline p(
        DOCPIPE_C_PLUGIN_DIR,
        "version: 1\nstages:\n  - id: up\n    plugin: c_upper\n    params: {letters: 200}\n");
    try {
        Executor ex(p.config, p.registry, nullptr);
        FAIL() << "configured";
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), 78);
        EXPECT_NE(std::string(e.what()).find("stage 'up' (c_upper) failed to configure: letters "
                                             "must be at most 100"),
                  std::string::npos)
            << e.what();
    }
}

TEST(Compatibility, AStageTableSmallerThanApi20IsRefused) {
    const auto file = std::filesystem::path(DOCPIPE_C_PLUGIN_DIR) / "c_plugin_small_table.so";
    try {
        load_plugin(file);
        FAIL() << "loaded";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "plugin '" + file.string() +
                      "': stage table 0 is too small (16 bytes, API 2.0 has " +
                      std::to_string(offsetof(docpipe_stage_table, destroy) +
                                     sizeof(docpipe_stage_table::destroy)) +
                      ")");
    }
}
