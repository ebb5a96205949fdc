// Throughput of the `summarizer` stage: words per second over a set of documents, through
// the same Stage::process call a pipeline makes. bench/summarizer/run.sh runs it beside OTS.
//
//   summarizer_bench [--repeats N] [--method M] [--sentences K] FILE...
//
// Words are whitespace-separated words of the input, counted the same way for OTS.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "summarizer_stage.hpp"

namespace {

std::size_t whitespace_words(const std::string& text) {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

}  // namespace

int main(int argc, char** argv) {
    int repeats = 20;
    std::string method = "combined";
    std::int64_t sentences = 3;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--repeats" && i + 1 < argc) {
            repeats = std::stoi(argv[++i]);
        } else if (arg == "--method" && i + 1 < argc) {
            method = argv[++i];
        } else if (arg == "--sentences" && i + 1 < argc) {
            sentences = std::stoll(argv[++i]);
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "usage: summarizer_bench [--repeats N] [--method M] FILE...\n");
        return 64;
    }
    std::vector<std::string> texts;
    std::size_t words_per_pass = 0;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "cannot read %s\n", f.c_str());
            return 66;
        }
        std::ostringstream s;
        s << in.rdbuf();
        texts.push_back(s.str());
        words_per_pass += whitespace_words(texts.back());
    }
    summarizer::SummarizerStage stage;
    stage.configure(docpipe::Params({{"method", method}, {"sentences", sentences}}), {});
    std::size_t picked = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int r = 0; r < repeats; ++r) {
        for (std::size_t i = 0; i < texts.size(); ++i) {
            docpipe::Document doc("d" + std::to_string(i), texts[i]);
            stage.process(doc);
            picked += doc.layer("summary").size();  // keeps the work observable
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double words = static_cast<double>(words_per_pass) * repeats;
    std::printf("docpipe %s %zu documents x %d: %.4f s, %.0f words, %.0f words/s (%zu picks)\n",
                method.c_str(), texts.size(), repeats, seconds, words, words / seconds, picked);
    return 0;
}
