// Throughput of the exporter: each format rendering the seed document (with hand-made
// repairs, entities and summary, as in the golden tests), and the stage writing one file per
// document atomically (temporary file, fsync, rename) into a directory.
//
//   exporter_bench [--repeats N] [--docs N] [--dir DIR]
//
// Prints, per format, microseconds per document and output megabytes per second (best of
// N repeats), then milliseconds per document for atomic per-document files in DIR.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "format.hpp"
#include "seed_document.hpp"
#include "test_support.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
namespace ex = docpipe::exporter;

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    int repeats = 5, docs = 200;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "exporter-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--repeats")
            repeats = std::stoi(argv[i + 1]);
        else if (arg == "--docs")
            docs = std::stoi(argv[i + 1]);
        else if (arg == "--dir")
            dir = argv[i + 1];
        else {
            std::fprintf(stderr, "usage: exporter_bench [--repeats N] [--docs N] [--dir DIR]\n");
            return 64;
        }
    }
    const docpipe::Document doc = ex::testing::seed_document();
    std::printf("seed document: %zu bytes, %zu entities, %zu repairs; %d documents x %d repeats\n",
                doc.text().size(), doc.find_layer("entities")->size(),
                doc.find_layer("repairs")->size(), docs, repeats);
    std::printf("%-9s %12s %12s %10s\n", "format", "us/doc", "output MB/s", "bytes/doc");
    for (const auto& format : ex::formats()) {
        double best = 1e30;
        std::size_t bytes = 0;
        for (int r = 0; r < repeats; ++r) {
            bytes = 0;
            const auto start = clock_type::now();
            for (int d = 0; d < docs; ++d) {
                const auto out = ex::render_in_memory(format, {&doc});
                bytes += out.main.size() + out.companion.size();
            }
            best = std::min(best, seconds_since(start));
        }
        std::printf("%-9s %12.1f %12.1f %10zu\n", std::string(format.name).c_str(),
                    best / docs * 1e6, bytes / best / 1e6, bytes / docs);
    }

    // Atomic per-document files: the cost of fsync and rename on this machine's disk.
    std::filesystem::remove_all(dir);
    auto stage = ex::testing::make_stage(
        {{"format", std::string("json")}, {"path", (dir / "{id}.{ext}").string()}});
    const auto start = clock_type::now();
    for (int d = 0; d < docs; ++d) {
        docpipe::Document copy("doc-" + std::to_string(d), doc.text());
        stage->process(copy);
    }
    const double elapsed = seconds_since(start);
    std::printf("atomic per-document json files in %s: %.3f ms/doc\n", dir.c_str(),
                elapsed / docs * 1e3);
    std::filesystem::remove_all(dir);
    return 0;
}
