// Throughput of the entity tagger on a text file: words/s on one core, best of N runs.
//   bench_entity_tagger MODEL CORPUS [runs]
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>

#include "tagger.hpp"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_entity_tagger MODEL CORPUS [runs]\n");
        return 64;
    }
    const int runs = argc > 3 ? std::stoi(argv[3]) : 3;
    std::ifstream in(argv[2], std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot open %s\n", argv[2]);
        return 66;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    // Words as whitespace-separated strings: the same count the compromise script uses.
    std::size_t words = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    const entity_tagger::Tagger tagger(entity_tagger::SequenceModel::load(argv[1]));
    entity_tagger::Tagger::Workspace ws;
    std::vector<entity_tagger::Entity> found;
    // Wall time and this thread's CPU time: the machine is shared, so CPU time is the fairer
    // "per core" figure; both are printed.
    auto cpu_now = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    double best = 1e30, best_cpu = 1e30;
    // Documents are separated by form feeds: a news pipeline tags one article at a time.
    for (int r = 0; r < runs; ++r) {
        found.clear();
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_now();
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\f', start);
            if (end == std::string::npos) end = text.size();
            tagger.tag(std::string_view(text).substr(start, end - start), ws, found);
            start = end + 1;
        }
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::min(best, s);
        best_cpu = std::min(best_cpu, cpu_now() - c0);
    }
    std::printf(
        "entity_tagger\t%zu bytes\t%zu words\t%zu entities\twall %.3f s\t%.0f words/s\tcpu %.3f "
        "s\t%.0f words/cpu-s\n",
        text.size(), words, found.size(), best, static_cast<double>(words) / best, best_cpu,
        static_cast<double>(words) / best_cpu);
    return 0;
}
