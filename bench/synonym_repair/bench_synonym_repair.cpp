// Throughput of the synonym_repair stage, in MB/s on one core, beside a naive baseline that
// replaces each dictionary phrase in turn (one search pass over the text per phrase).
//
//   synonym_repair_bench --data plugins/synonym_repair/data --seed ../shared/seed/spun_article.txt
//       --clean ../shared/data/summarization/gum_news/docs [--mb 100] [--naive-mb 1] [--repeat 1]
//
// Corpora: the seed repeated to --mb megabytes, and the clean news documents repeated to the
// same size. Each is measured three ways: the engine over the whole corpus as one text, the
// stage over seed-sized documents (what a pipeline does), and the naive baseline on a
// --naive-mb slice (it is too slow for the full corpus). --repeat runs each measurement again.
// "MB/s CPU" divides by this thread's CPU time, which is what "per core" means on a machine
// shared with other jobs; "MB/s wall" is elapsed time.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "repairer.hpp"
#include "synonym_repair_stage.hpp"

namespace fs = std::filesystem;
using clock_type = std::chrono::steady_clock;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string repeat_to(const std::string& unit, std::size_t bytes) {
    std::string out;
    out.reserve(bytes + unit.size());
    while (out.size() < bytes) {
        out += unit;
        out += '\n';
    }
    return out;
}

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

// CPU time of this thread: what "per core" means on a machine shared with other jobs.
double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The baseline: for each phrase, find every case-insensitive occurrence at word boundaries and
// replace it, then go on with the next phrase on the rewritten text. No context, no scoring.
std::size_t naive_repair(std::string& text,
                         const std::vector<std::pair<std::string, std::string>>& phrases) {
    std::size_t replaced = 0;
    std::string lower = text;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [spun, original] : phrases) {
        std::size_t at = 0;
        bool changed = false;
        while ((at = lower.find(spun, at)) != std::string::npos) {
            const std::size_t end = at + spun.size();
            if ((at > 0 && word_byte(lower[at - 1])) ||
                (end < lower.size() && word_byte(lower[end]))) {
                at = end;
                continue;
            }
            text.replace(at, spun.size(), original);
            lower.replace(at, spun.size(), original);
            at += original.size();
            ++replaced;
            changed = true;
        }
        (void)changed;
    }
    return replaced;
}

}  // namespace

int main(int argc, char** argv) {
    std::string data_dir = "plugins/synonym_repair/data";
    std::string seed_path = "../shared/seed/spun_article.txt";
    std::string clean_dir = "../shared/data/summarization/gum_news/docs";
    double mb = 100;
    double naive_mb = 1;
    int repeat = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--data")
            data_dir = argv[i + 1];
        else if (a == "--seed")
            seed_path = argv[i + 1];
        else if (a == "--clean")
            clean_dir = argv[i + 1];
        else if (a == "--mb")
            mb = std::stod(argv[i + 1]);
        else if (a == "--naive-mb")
            naive_mb = std::stod(argv[i + 1]);
        else if (a == "--repeat")
            repeat = std::stoi(argv[i + 1]);
    }
    const auto t_load = clock_type::now();
    synonym_repair::SynonymRepairStage stage;
    docpipe::Params params;
    params.set("mode", std::string("apply"));
    params.set("min_confidence", 0.5);
    params.set("dictionaries", std::vector<std::string>{"news", "scientific"});
    params.set("user_dictionaries", std::vector<std::string>{});
    params.set("repair_quotes", false);
    docpipe::StageContext ctx;
    ctx.stage_id = "repair";
    ctx.data_dir = data_dir;
    stage.configure(params, ctx);
    const double load_s = seconds_since(t_load);

    synonym_repair::Repairer engine;
    std::vector<std::pair<std::string, std::string>> phrases;
    for (const char* name : {"news", "scientific"}) {
        synonym_repair::PhraseDictionary d;
        d.load_tsv(data_dir + "/" + name + ".tsv", name);
        engine.add_dictionary(d);
        for (const auto& e : d.entries()) {
            std::string spun;
            for (const auto& t : e.spun_tokens) spun += (spun.empty() ? "" : " ") + t;
            phrases.emplace_back(spun, e.original);
        }
    }
    engine.load_head_nouns(data_dir + "/head_nouns.txt");
    synonym_repair::ContextModel lm;
    lm.load(data_dir + "/lm");
    engine.set_context_model(std::move(lm));
    engine.build();

    std::string clean_unit;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(clean_dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) clean_unit += read(f) + "\n";
    const std::string seed_unit = read(seed_path);

    std::printf("configure (load dictionaries, model, build automaton): %.3f s; %zu phrases\n",
                load_s, phrases.size());
    std::printf("%-12s %-34s %8s %9s %9s %10s %10s\n", "corpus", "method", "MB", "wall s", "CPU s",
                "MB/s wall", "MB/s CPU");
    auto row = [](const char* corpus, const char* method, double mb_size, double wall, double cpu,
                  const std::string& note) {
        std::printf("%-12s %-34s %8.1f %9.3f %9.3f %10.2f %10.2f   %s\n", corpus, method, mb_size,
                    wall, cpu, mb_size / wall, mb_size / cpu, note.c_str());
    };
    const std::size_t bytes = static_cast<std::size_t>(mb * 1e6);
    for (const auto& [name, unit] : {std::pair<const char*, const std::string&>{"seed", seed_unit},
                                     {"clean news", clean_unit}}) {
        const std::string corpus = repeat_to(unit, bytes);
        const double size_mb = static_cast<double>(corpus.size()) / 1e6;

        for (int trial = 0; trial < repeat; ++trial) {
            auto t0 = clock_type::now();
            double c0 = thread_cpu_seconds();
            const auto repairs = engine.find(corpus, {});
            row(name, "engine, whole corpus as one text", size_mb, seconds_since(t0),
                thread_cpu_seconds() - c0, std::to_string(repairs.size()) + " repairs");

            // The stage over documents the size of the unit, as a pipeline would run it.
            t0 = clock_type::now();
            c0 = thread_cpu_seconds();
            std::size_t docs = 0;
            std::size_t edits = 0;
            for (std::size_t done = 0; done < corpus.size(); done += unit.size() + 1) {
                docpipe::Document doc("d" + std::to_string(docs++), unit);
                stage.process(doc);
                edits += doc.journal().entries().size();
            }
            row(name, "stage, apply mode, per document", size_mb, seconds_since(t0),
                thread_cpu_seconds() - c0,
                std::to_string(docs) + " documents, " + std::to_string(edits) + " edits");

            std::string slice = repeat_to(unit, static_cast<std::size_t>(naive_mb * 1e6));
            const double slice_mb = static_cast<double>(slice.size()) / 1e6;
            t0 = clock_type::now();
            c0 = thread_cpu_seconds();
            const std::size_t replaced = naive_repair(slice, phrases);
            row(name, "naive, each phrase in turn", slice_mb, seconds_since(t0),
                thread_cpu_seconds() - c0, std::to_string(replaced) + " replacements");
        }
    }
    return 0;
}
