// What the C boundary promises about compatibility: a plugin built against the frozen SDK 2.0
// headers runs in this host, a plugin written in plain C runs, and a table smaller than API 2.0
// is refused. (Versions and compilers: loader_test.cpp and clang_plugins_test.sh.)
#include <gtest/gtest.h>

#include "docpipe/detail/plugin_abi.hpp"
#include "docpipe/host/errors.hpp"
#include "docpipe/host/executor.hpp"
#include "docpipe/host/host_document.hpp"
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

// The SDK reads a host table only as far as its struct_size: against an API 2.0 host, which has
// no token functions, a document tokenizes itself; against a 2.1 host it takes the host's.
TEST(Compatibility, FieldsBeyondTheHostTablesSizeAreAbsent) {
    docpipe::Document host_doc("d", "Hello big world.");
    const std::string stage = "s";
    const docpipe::StageInfo info;
    docpipe_document handle{&host_doc, &stage, &info};
    docpipe_error error;
    docpipe_host_api table = *host_api();
    // A host whose token layer is recognisably its own: one token, hash 42.
    table.document_tokens = [](const docpipe_document*, docpipe_token* out, size_t capacity) {
        if (capacity > 0) out[0] = {0, 5, 0, 0, 42};
        return size_t{1};
    };
    table.document_sentences = [](const docpipe_document*, docpipe_sentence* out, size_t capacity) {
        if (capacity > 0) out[0] = {0, 5, 0, 1};
        return size_t{1};
    };
    {
        docpipe::detail::HostDocumentSource source(table, &handle, &error, stage);
        const auto view = docpipe::detail::DocumentBinding::view(source);
        ASSERT_EQ(view.tokens().size(), 1u);
        EXPECT_EQ(view.tokens()[0].lower_hash, 42u);
        EXPECT_EQ(view.sentences().size(), 1u);
    }
    table.struct_size = offsetof(docpipe_host_api, document_tokens);  // the size of API 2.0
    {
        docpipe::detail::HostDocumentSource source(table, &handle, &error, stage);
        const auto view = docpipe::detail::DocumentBinding::view(source);
        ASSERT_EQ(view.tokens().size(), 4u);  // Hello big world .
        EXPECT_EQ(view.tokens()[0].lower_hash, docpipe::text::lower_hash("hello"));
        EXPECT_EQ(view.sentences().size(), 1u);
    }
}
