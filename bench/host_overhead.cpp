// Host overhead per stage per document: a pipeline of N no-op stages run by the executor,
// against a loop calling the same stage objects directly. Both in one run, same documents.
//   host_overhead [STAGES=8] [DOCUMENTS=200000] [ROUNDS=5] [DOC_BYTES=0]
// DOC_BYTES 0: one short sentence per document; otherwise documents of about that many bytes.
// BENCH_PLUGIN_DIR overrides where bench_noop.so is (to run another build's plugin).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "docpipe/host/executor.hpp"
#include "docpipe/host/pipeline_config.hpp"
#include "docpipe/host/registry.hpp"

using namespace docpipe::host;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    const int stages = argc > 1 ? std::atoi(argv[1]) : 8;
    const int documents = argc > 2 ? std::atoi(argv[2]) : 200000;
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
    const std::size_t doc_bytes = argc > 4 ? static_cast<std::size_t>(std::atol(argv[4])) : 0;

    auto registry = Registry::discover({DOCPIPE_BENCH_PLUGIN_DIR}, nullptr);
    std::string yaml = "version: 1\nstages:\n";
    for (int i = 0; i < stages; ++i) {
        yaml += "  - id: s" + std::to_string(i) + "\n    plugin: bench_noop\n";
    }
    const auto config = parse_pipeline(yaml, "bench.yaml", registry);
    Executor executor(config, registry, nullptr);

    std::vector<std::shared_ptr<PluginStage>> direct;
    for (int i = 0; i < stages; ++i) direct.push_back(registry.create_stage("bench_noop"));

    // Small documents, created up front so both loops see the same memory.
    std::vector<docpipe::Document> docs;
    docs.reserve(documents);
    for (int i = 0; i < documents; ++i) {
        std::string text = "A short news sentence number " + std::to_string(i) + ".";
        while (text.size() < doc_bytes) text += " Another sentence of a longer news document.";
        docs.emplace_back("doc-" + std::to_string(i), std::move(text));
    }

    double best_pipeline = 1e300, best_direct = 1e300;
    for (int r = 0; r < rounds; ++r) {
        auto t0 = Clock::now();
        for (auto& d : docs) {
            for (auto& s : direct) {
                if (!s->process(d).ok) return 1;
            }
        }
        auto t1 = Clock::now();
        for (auto& d : docs) {
            if (!executor.process(d)) return 1;
        }
        auto t2 = Clock::now();
        best_direct =
            std::min(best_direct, std::chrono::duration<double, std::nano>(t1 - t0).count());
        best_pipeline =
            std::min(best_pipeline, std::chrono::duration<double, std::nano>(t2 - t1).count());
    }
    const double calls = static_cast<double>(stages) * documents;
    std::printf("stages=%d documents=%d rounds=%d bytes/document=%zu (best round)\n", stages,
                documents, rounds, docs.front().text().size());
    std::printf("stage call:     %8.1f ns per stage per document (no-op stage, called directly)\n",
                best_direct / calls);
    std::printf(
        "pipeline:       %8.1f ns per stage per document (executor; all host overhead, "
        "target <= 100)\n",
        best_pipeline / calls);
    std::printf("executor share: %8.1f ns per stage per document\n",
                (best_pipeline - best_direct) / calls);
    std::printf("ratio pipeline/direct: %.2f\n", best_pipeline / best_direct);
    return 0;
}
