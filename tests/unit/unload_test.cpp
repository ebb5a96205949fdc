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

}  // namespace
