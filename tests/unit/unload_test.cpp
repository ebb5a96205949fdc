// Every shipped plugin is unmapped once its last stage object goes, also after real process()
// calls on several threads and on the thread that unloads them: nothing in them (a thread_local
// with a destructor, a leaked handle) pins the library, which hot reload and the long-running
// service rely on.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <thread>

#include "docpipe/host/pipeline_config.hpp"
#include "docpipe/host/registry.hpp"
#include "test_env.hpp"

using namespace docpipe::host;

namespace {

using docpipe::testing::is_loaded;

const std::filesystem::path bundled = DOCPIPE_BUNDLED_PLUGIN_DIR;

TEST(Unload, EveryShippedPluginUnmapsAfterProcessingOnSeveralThreads) {
    docpipe::testing::TempDir out;
    const std::string yaml =
        "version: 1\nstages:\n"
        "  - {id: repair, plugin: synonym_repair, params: {mode: apply}}\n"
        "  - {id: entities, plugin: entity_tagger}\n"
        "  - {id: summary, plugin: summarizer}\n"
        "  - {id: export, plugin: exporter, params: {format: json, path: \"" +
        (out / "{id}.json").string() + "\"}}\n";
    const std::string text = docpipe::testing::read_file(docpipe::testing::seed_document());
    std::vector<std::filesystem::path> files;
    {
        auto registry = Registry::discover({bundled}, nullptr);
        const PipelineConfig config = parse_pipeline(yaml, "unload.yaml", registry);
        for (const auto& stage : config.stages) {
            const auto* entry = registry.find_stage(stage.stage);
            ASSERT_NE(entry, nullptr) << stage.stage;
            files.push_back(entry->plugin->path);
            ASSERT_FALSE(is_loaded(files.back())) << files.back();
        }
        std::vector<std::shared_ptr<docpipe::host::PluginStage>> stages;
        for (const auto& stage : config.stages) {
            auto handle = registry.create_stage(stage.stage);
            docpipe::StageContext context;
            context.stage_id = stage.id;
            context.data_dir = (registry.find_stage(stage.stage)->plugin->path.parent_path() /
                                registry.find_stage(stage.stage)->plugin->manifest->name)
                                   .string();
            const auto status = handle->configure(stage.params, context);
            ASSERT_TRUE(status.ok) << stage.id << ": " << status.message;
            stages.push_back(std::move(handle));
        }
        // The analysis stages are thread-safe: three threads share each instance. The exporter
        // is not, so each thread's documents go through it under a lock.
        std::mutex exporter_lock;
        std::vector<std::thread> threads;
        for (int t = 0; t < 3; ++t) {
            threads.emplace_back([&, t] {
                for (int d = 0; d < 2; ++d) {
                    docpipe::Document doc("doc-" + std::to_string(t) + "-" + std::to_string(d),
                                          text);
                    for (std::size_t s = 0; s < stages.size(); ++s) {
                        std::unique_lock lock(exporter_lock, std::defer_lock);
                        if (s + 1 == stages.size()) lock.lock();
                        const auto status = stages[s]->process(doc);
                        EXPECT_TRUE(status.ok) << status.message;
                    }
                    EXPECT_FALSE(doc.layer("entities").empty());
                }
            });
        }
        for (auto& th : threads) th.join();
        // And on this thread, which outlives the plugins: per-thread storage with a destructor
        // registered here would keep a library mapped until the thread ends.
        docpipe::Document doc("main", text);
        for (auto& stage : stages) EXPECT_TRUE(stage->process(doc).ok);
        for (auto& stage : stages) EXPECT_TRUE(stage->finish().ok);
        for (const auto& file : files) EXPECT_TRUE(is_loaded(file)) << file;
    }  // the stages, the registry and its cache of loaded plugins are gone
    for (const auto& file : files) EXPECT_FALSE(is_loaded(file)) << file << " is still mapped";
    EXPECT_TRUE(std::filesystem::exists(out / "doc-2-1.json"));
}

// An embedding host may keep a stage in a static, destroyed at exit after the plugin's own
// static data (fuzz_stages under ASan found the host reading a freed stage table then): the
// host keeps its own copies of the tables. Fails under the sanitizers without them.
TEST(Unload, AStageKeptInAStaticOutlivesThePluginsStaticData) {
    static std::shared_ptr<PluginStage> kept;  // constructed before the plugin is loaded
    auto registry = Registry::discover({docpipe::testing::test_plugin_dir()}, nullptr);
    kept = registry.create_stage("test_noop");
    docpipe::Document doc("d", "x");
    EXPECT_TRUE(kept->process(doc).ok);
}

// Replaces `target` with `source` as a build does: a new file renamed into place.
void rebuild(const std::filesystem::path& source, const std::filesystem::path& target) {
    const auto tmp = target.parent_path() / ".rebuild.tmp";
    std::filesystem::copy_file(source, tmp, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::rename(tmp, target);
}

std::string run_swap_stage(const std::shared_ptr<PluginStage>& stage) {
    docpipe::Document doc("d", "x");
    EXPECT_TRUE(stage->process(doc).ok);
    return doc.metadata().at("minimal");
}

TEST(Reload, APluginRebuiltAtTheSamePathIsLoadedAfreshEvenWhileTheOldOneRuns) {
    const std::filesystem::path builds = DOCPIPE_SWAP_PLUGIN_DIR;
    docpipe::testing::TempDir dir;
    std::filesystem::permissions(dir.path(), std::filesystem::perms(0755));
    const auto file = dir / "swappable.so";
    rebuild(builds / "swap_v1.so", file);

    auto registry = Registry::discover({dir.path()}, nullptr);
    auto old = registry.create_stage("swap_stage");
    EXPECT_EQ(run_swap_stage(old), "v1");

    rebuild(builds / "swap_v2.so", file);
    // The same registry notices the new file; so does a new one. The old stage keeps its code.
    auto fresh = registry.create_stage("swap_stage");
    EXPECT_EQ(run_swap_stage(fresh), "v2");
    auto rediscovered = Registry::discover({dir.path()}, nullptr).create_stage("swap_stage");
    EXPECT_EQ(run_swap_stage(rediscovered), "v2");
    EXPECT_EQ(run_swap_stage(old), "v1");

    // Once every stage is gone both versions are unmapped, and the next load reads the file.
    old.reset();
    fresh.reset();
    rediscovered.reset();
    registry = Registry::discover({dir.path()}, nullptr);
    EXPECT_FALSE(is_loaded(file));
    EXPECT_FALSE(is_loaded(builds / "swap_v1.so"));
    rebuild(builds / "swap_v1.so", file);
    EXPECT_EQ(run_swap_stage(registry.create_stage("swap_stage")), "v1");
    registry = Registry::discover({dir.path()}, nullptr);  // drops its cache of loaded plugins
    EXPECT_FALSE(is_loaded(file));
}

}  // namespace
