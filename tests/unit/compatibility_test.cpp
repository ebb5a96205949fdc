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

// Typed attributes (API 2.2) next to plugins and hosts that predate them: a 2.0/2.1 plugin
// reads every value as text through layer_annotation; the SDK against a 2.1-sized host table
// reads text and writes its typed values as text.
TEST(Compatibility, TypedAttributesReachOlderPluginsAndHostsAsText) {
    docpipe::Document host_doc("d", "Hello big world.");
    host_doc.layer("m").push_back(
        {{0, 5}, "M", {{"w", 0.25}, {"flag", true}, {"s", "x"}, {"n", 3}}, 1.0, "other"});
    const std::string stage = "s";
    const docpipe::StageInfo info;
    docpipe_document handle{&host_doc, &stage, &info};
    docpipe_error error;

    // The 2.0 function, as an API 2.0 plugin calls it.
    const docpipe_host_api* host = host_api();
    const docpipe_layer* layer = host->layer_find(&handle, {"m", 1});
    ASSERT_NE(layer, nullptr);
    docpipe_annotation a{};
    host->layer_annotation(&handle, layer, 0, &a);
    std::map<std::string, std::string> text;
    for (size_t k = 0; k < a.attribute_count; ++k) {
        text[docpipe::detail::cpp_str(a.attributes[k].key)] =
            docpipe::detail::cpp_str(a.attributes[k].value);
    }
    EXPECT_EQ(text, (std::map<std::string, std::string>{
                        {"flag", "true"}, {"n", "3"}, {"s", "x"}, {"w", "0.25"}}));

    // The SDK against an API 2.1 host table.
    docpipe_host_api table = *host;
    table.struct_size = offsetof(docpipe_host_api, layer_annotation_typed);
    {
        docpipe::detail::HostDocumentSource source(table, &handle, &error, stage);
        auto view = docpipe::detail::DocumentBinding::view(source);
        auto& m = view.layer("m");  // non-const: the layer goes back to the host as text
        EXPECT_EQ(m[0].attributes.at("w"), "0.25");  // a string
        m[0].attributes["n"] = "4";                  // changed by the stage
        view.layer("out").push_back({{0, 5}, "O", {{"w", 0.5}}, 1.0, ""});
        docpipe::detail::DocumentBinding::commit(view);
    }
    EXPECT_EQ(host_doc.layer("out")[0].attributes.at("w"), "0.5");
    // What the old stage left as it was keeps its type; what it changed is its text.
    EXPECT_EQ(host_doc.layer("m")[0].attributes.at("w"), docpipe::Value(0.25));
    EXPECT_EQ(host_doc.layer("m")[0].attributes.at("flag"), docpipe::Value(true));
    EXPECT_EQ(host_doc.layer("m")[0].attributes.at("n"), "4");

    // And against this host: typed both ways.
    {
        docpipe::detail::HostDocumentSource source(*host, &handle, &error, stage);
        auto view = docpipe::detail::DocumentBinding::view(source);
        EXPECT_EQ(view.find_layer("m")->at(0).attributes.at("w"), docpipe::Value(0.25));
        EXPECT_EQ(view.find_layer("m")->at(0).attributes.at("flag"), docpipe::Value(true));
        view.layer("out").push_back({{0, 5}, "O", {{"w", 0.5}}, 1.0, ""});
        docpipe::detail::DocumentBinding::commit(view);
    }
    EXPECT_EQ(host_doc.layer("out")[1].attributes.at("w"), docpipe::Value(0.5));
}

// A refused call leaves nothing of itself behind, even when its first annotations were fine
// (found in review: they stayed in the layer, unchecked, for a C plugin that ignores errors).
TEST(Compatibility, ARefusedAppendLeavesTheLayerAsItWas) {
    docpipe::Document host_doc("d", "Hello");
    host_doc.layer("m").push_back({{0, 1}, "M", {}, 1.0, "s"});
    const std::string stage = "s";
    const docpipe::StageInfo info;
    docpipe_document handle{&host_doc, &stage, &info};
    docpipe_error error;
    const docpipe_annotation in[2] = {{0, 2, {"A", 1}, 1.0, {}, nullptr, 0},
                                      {0, 99, {"B", 1}, 1.0, {}, nullptr, 0}};  // past the end
    EXPECT_EQ(host_api()->layer_append(&handle, {"m", 1}, in, 2, &error), DOCPIPE_FAILED);
    EXPECT_EQ(error.kind, DOCPIPE_ERROR_INVALID);
    ASSERT_EQ(host_doc.layer("m").size(), 1u);
    EXPECT_EQ(host_doc.layer("m")[0].label, "M");
}
