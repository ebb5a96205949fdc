// Throughput of the exporter: each format rendering the seed document (with hand-made
// repairs, entities and summary, as in the golden tests), and the stage writing one file per
// document atomically (temporary file, fsync, rename) into a directory.
//
//   exporter_bench [--repeats N] [--docs N] [--dir DIR] [--large-mb N]
//
// Prints, per format, microseconds per document and output megabytes per second (best of
// N repeats), then milliseconds per document for atomic per-document files in DIR, then the
// time to render one document of N MB against the same text as 100 documents.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "format.hpp"
#include "seed_document.hpp"
#include "test_support.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
namespace ex = docpipe::exporter;

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

// One document of `mb` megabytes (the seed repeated, with its hand-made repairs, entities and
// summary) against the same text as 100 documents: rendering that is linear in the
// annotations costs the same either way.
void large_document_versus_many(int mb) {
    const std::string seed = ex::testing::seed_text() + "\n\n";
    const std::size_t copies = std::max<std::size_t>(100, (std::size_t(mb) << 20) / seed.size());
    std::string all;
    for (std::size_t i = 0; i < copies; ++i) all += seed;
    const docpipe::Document large = ex::testing::seed_document(all, "large");
    std::vector<docpipe::Document> parts;
    const std::size_t per_part = copies / 100;
    for (std::size_t p = 0; p < 100; ++p) {
        std::string text;
        for (std::size_t i = 0; i < per_part; ++i) text += seed;
        parts.push_back(ex::testing::seed_document(text, "part-" + std::to_string(p)));
    }
    std::vector<const docpipe::Document*> part_pointers;
    for (const auto& p : parts) part_pointers.push_back(&p);
    std::printf(
        "\none document of %.1f MB (%zu entities, %zu repairs) vs %zu documents of %.2f MB\n",
        large.text().size() / 1e6, large.find_layer("entities")->size(),
        large.find_layer("repairs")->size(), parts.size(), parts[0].text().size() / 1e6);
    std::printf("%-9s %12s %12s %8s\n", "format", "one doc s", "100 docs s", "ratio");
    for (const char* name : {"html", "json", "jsonl"}) {
        const ex::Format& format = *ex::find_format(name);
        auto start = clock_type::now();
        const auto one = ex::render_in_memory(format, {&large});
        const double one_s = seconds_since(start);
        start = clock_type::now();
        const auto many = ex::render_in_memory(format, part_pointers);
        const double many_s = seconds_since(start);
        std::printf("%-9s %12.3f %12.3f %7.2fx\n", name, one_s, many_s, one_s / many_s);
    }
}

}  // namespace

int main(int argc, char** argv) {
    int repeats = 5, docs = 200, large_mb = 10;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "exporter-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--repeats")
            repeats = std::stoi(argv[i + 1]);
        else if (arg == "--docs")
            docs = std::stoi(argv[i + 1]);
        else if (arg == "--dir")
            dir = argv[i + 1];
        else if (arg == "--large-mb")
            large_mb = std::stoi(argv[i + 1]);
        else {
            std::fprintf(
                stderr,
                "usage: exporter_bench [--repeats N] [--docs N] [--dir DIR] [--large-mb N]\n");
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

    large_document_versus_many(large_mb);
    return 0;
}
