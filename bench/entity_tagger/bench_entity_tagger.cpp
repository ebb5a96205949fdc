// Throughput of the entity tagger on a text file: words/s on one core, best of N runs.
//   bench_entity_tagger MODEL CORPUS [runs]
#include <chrono>
#include <cstdio>
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
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    const entity_tagger::Tagger tagger(entity_tagger::SequenceModel::load(argv[1]));
    entity_tagger::Tagger::Workspace ws;
    std::vector<entity_tagger::Entity> found;
    double best = 1e30;
    // Paragraphs are the documents: a news pipeline tags one article at a time.
    for (int r = 0; r < runs; ++r) {
        found.clear();
        const auto t0 = std::chrono::steady_clock::now();
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find("\n\n", start);
            if (end == std::string::npos) end = text.size();
            tagger.tag(std::string_view(text).substr(start, end - start), ws, found);
            start = end + 2;
        }
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::min(best, s);
    }
    std::printf("entity_tagger\t%zu bytes\t%zu words\t%zu entities\t%.3f s\t%.0f words/s\n",
                text.size(), words, found.size(), best, static_cast<double>(words) / best);
    return 0;
}
