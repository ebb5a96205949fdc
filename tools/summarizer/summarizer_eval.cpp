// Scores the summarizer, Lead-2 and (when its outputs are given) OTS with ROUGE-1/2/L on the
// GUM news summaries. tools/summarizer/evaluate.sh runs the whole comparison; see
// docs/QUALITY.md.
//
//   summarizer_eval --data ../shared/data/summarization/gum_news --write-inputs /tmp/in
//   summarizer_eval --data ... --ots /tmp/ots --k 2 [--refs human|llm] [--show]
//
// Two inputs per document, given to every system alike:
//   clean: the body as the data's README defines it (p and quote blocks, datelines removed),
//          paragraphs separated by blank lines, no headline;
//   page:  docs/<id>.txt as shipped: headline, dateline, captions, credits, "Sources".
// References: `human` (the test set: 1 per document, 5 for the GUM dev/test documents) or
// `llm` (the model-written summaries of 20 documents, used as development data for tuning).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "rouge.hpp"
#include "summarizer.hpp"

namespace {

struct Article {
    std::string id;
    std::string clean;                        // clean body text
    std::string page;                         // docs/<id>.txt
    std::vector<std::string> body_sentences;  // gold segmentation of the clean body
    std::vector<std::string> human_refs;
    std::vector<std::string> llm_refs;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + path);
    out << text;
}

std::vector<Article> load(const std::string& dir) {
    static const std::regex dateline(
        "^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ [0-9]{1,2}, "
        "[0-9]{4}$");
    std::vector<Article> out;
    std::ifstream in(dir + "/gum_news_summ.jsonl");
    if (!in) throw std::runtime_error("cannot read " + dir + "/gum_news_summ.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line);
        Article a;
        a.id = j.at("id").get<std::string>();
        for (const auto& p : j.at("paragraphs")) {
            const auto block = p.at("block").get<std::string>();
            if (block != "p" && block != "quote") continue;
            std::string paragraph;
            for (const auto& s : p.at("sentences")) {
                const auto sentence = s.get<std::string>();
                if (std::regex_match(sentence, dateline)) continue;
                a.body_sentences.push_back(sentence);
                if (!paragraph.empty()) paragraph += ' ';
                paragraph += sentence;
            }
            if (paragraph.empty()) continue;
            if (!a.clean.empty()) a.clean += "\n\n";
            a.clean += paragraph;
        }
        a.clean += '\n';
        a.page = read_file(dir + "/docs/" + a.id + ".txt");
        for (const auto& s : j.at("summaries")) {
            (s.at("human").get<bool>() ? a.human_refs : a.llm_refs)
                .push_back(s.at("text").get<std::string>());
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<std::string> run(const summarizer::Summarizer& s, const std::string& text) {
    const auto summary = s.summarize(text);
    std::vector<std::string> out;
    for (const auto& p : summary.sentences) out.emplace_back(docpipe::text::view(text, p.span));
    return out;
}

// The first k sentences of the SDK splitter, boilerplate and all: Lead-k on the raw page.
std::vector<std::string> naive_lead(const std::string& text, std::size_t k) {
    std::vector<std::string> out;
    for (const auto& s : docpipe::text::split_sentences(text)) {
        if (out.size() == k) break;
        out.emplace_back(docpipe::text::view(text, s.span));
    }
    return out;
}

std::vector<std::string> read_lines(const std::string& path) {
    std::vector<std::string> out;
    std::istringstream in(read_file(path));
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(line);
    }
    return out;
}

struct Row {
    std::string name;
    rouge::Average avg;
    std::vector<rouge::Scores> per_document;

    void add(const rouge::Scores& s) {
        avg.add(s);
        per_document.push_back(s);
    }
};

double metric(const rouge::Scores& s, int which) {
    return which == 0 ? s.rouge1.f1 : which == 1 ? s.rouge2.f1 : s.rougeL.f1;
}

// 95% percentile bootstrap interval (1,000 resamples of the documents, fixed seed) of the
// mean of `values`; with `minus`, of the paired difference values - minus.
std::pair<double, double> bootstrap(const std::vector<double>& values) {
    std::mt19937 rng(20231);
    std::uniform_int_distribution<std::size_t> pick(0, values.size() - 1);
    std::vector<double> means;
    for (int b = 0; b < 1000; ++b) {
        double sum = 0.0;
        for (std::size_t i = 0; i < values.size(); ++i) sum += values[pick(rng)];
        means.push_back(sum / static_cast<double>(values.size()));
    }
    std::sort(means.begin(), means.end());
    return {means[25], means[974]};
}

void print_table(const std::string& title, const std::vector<Row>& rows) {
    std::printf(
        "\n%s\n\n| system | R-1 F1 | R-2 F1 | R-L F1 | R-1 95%% CI |\n|---|---|---|---|---|\n",
        title.c_str());
    for (const auto& r : rows) {
        const auto m = r.avg.mean();
        std::vector<double> r1;
        for (const auto& d : r.per_document) r1.push_back(d.rouge1.f1);
        const auto [lo, hi] = bootstrap(r1);
        std::printf("| %s | %.2f | %.2f | %.2f | %.1f-%.1f |\n", r.name.c_str(), 100 * m.rouge1.f1,
                    100 * m.rouge2.f1, 100 * m.rougeL.f1, 100 * lo, 100 * hi);
    }
}

// Paired differences of the first row against each baseline, with bootstrap intervals.
void print_differences(const std::vector<Row>& rows, const std::vector<std::size_t>& baselines) {
    std::printf(
        "\n| %s minus | R-1 | R-2 | R-L | documents better / worse on R-1 |\n"
        "|---|---|---|---|---|\n",
        rows[0].name.c_str());
    for (std::size_t b : baselines) {
        std::printf("| %s |", rows[b].name.c_str());
        for (int which = 0; which < 3; ++which) {
            std::vector<double> diff;
            for (std::size_t d = 0; d < rows[0].per_document.size(); ++d) {
                diff.push_back(metric(rows[0].per_document[d], which) -
                               metric(rows[b].per_document[d], which));
            }
            double mean = 0.0;
            for (double x : diff) mean += x;
            mean /= static_cast<double>(diff.size());
            const auto [lo, hi] = bootstrap(diff);
            std::printf(" %+.2f [%+.1f, %+.1f] |", 100 * mean, 100 * lo, 100 * hi);
        }
        int better = 0;
        int worse = 0;
        for (std::size_t d = 0; d < rows[0].per_document.size(); ++d) {
            const double x =
                metric(rows[0].per_document[d], 0) - metric(rows[b].per_document[d], 0);
            better += x > 1e-12;
            worse += x < -1e-12;
        }
        std::printf(" %d / %d |\n", better, worse);
    }
}

int usage() {
    std::fprintf(stderr,
                 "usage: summarizer_eval --summarize FILE [--k N] [--show]\n"
                 "       summarizer_eval --data DIR [--write-inputs OUT] [--ots DIR] [--k N]\n"
                 "       [--system NAME=DIR]... [--input clean|page] [--refs human|llm]\n"
                 "       [--multi average|best] [--no-stem] [--show]\n"
                 "       [--weights POSITION,CENTRALITY,TITLE] [--redundancy L] [--sweep]\n");
    return 64;
}

}  // namespace

int run_main(int argc, char** argv) {
    std::string data;
    std::string write_inputs;
    std::string ots;
    std::string summarize_file;
    std::string only_input;                                     // clean, page, or both when empty
    std::vector<std::pair<std::string, std::string>> external;  // --system NAME=DIR
    std::string refs = "human";
    std::size_t k = 2;
    bool show = false;
    bool sweep = false;
    rouge::Options rouge_options;
    summarizer::Options base;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--data") {
            data = value();
        } else if (arg == "--write-inputs") {
            write_inputs = value();
        } else if (arg == "--ots") {
            ots = value();
        } else if (arg == "--summarize") {
            summarize_file = value();
        } else if (arg == "--system") {
            // NAME=DIR: another system's outputs, DIR/<input>/<id>.txt, one sentence a line.
            const auto v = value();
            const auto eq = v.find('=');
            if (eq == std::string::npos) return usage();
            external.emplace_back(v.substr(0, eq), v.substr(eq + 1));
        } else if (arg == "--input") {
            only_input = value();
        } else if (arg == "--k") {
            k = std::stoul(value());
        } else if (arg == "--refs") {
            refs = value();
        } else if (arg == "--show") {
            show = true;
        } else if (arg == "--sweep") {
            sweep = true;
        } else if (arg == "--no-stem") {
            rouge_options.stem = false;
        } else if (arg == "--multi") {
            rouge_options.multi =
                value() == "best" ? rouge::MultiReference::best : rouge::MultiReference::average;
        } else if (arg == "--redundancy") {
            base.redundancy = std::stod(value());
        } else if (arg == "--weights") {
            const auto v = value();
            if (std::sscanf(v.c_str(), "%lf,%lf,%lf", &base.weights.position,
                            &base.weights.centrality, &base.weights.title) != 3) {
                return usage();
            }
        } else {
            return usage();
        }
    }
    if (!summarize_file.empty()) {
        // One document: print the picked sentences with their rank and score.
        summarizer::Options o = base;
        o.sentences = k;
        summarizer::Summarizer s(o);
        const std::string text = read_file(summarize_file);
        const auto summary = s.summarize(text);
        for (const auto& c : summary.classified) {
            if (c.role != summarizer::SentenceRole::body && show) {
                std::printf("[%s] %s\n", summarizer::to_string(c.role),
                            std::string(docpipe::text::view(text, c.span)).c_str());
            }
        }
        std::printf("%zu sentences, %zu body candidates\n", summary.classified.size(),
                    summary.candidates);
        for (const auto& p : summary.sentences) {
            std::printf("%zu (%.2f): %s\n", p.rank, p.score,
                        std::string(docpipe::text::view(text, p.span)).c_str());
        }
        return 0;
    }
    if (data.empty()) return usage();
    const auto articles = load(data);

    if (!write_inputs.empty()) {
        for (const auto& a : articles) {
            write_file(write_inputs + "/clean/" + a.id + ".txt", a.clean);
            write_file(write_inputs + "/page/" + a.id + ".txt", a.page);
        }
        std::printf("wrote %zu clean and %zu page inputs under %s\n", articles.size(),
                    articles.size(), write_inputs.c_str());
        return 0;
    }

    rouge::Evaluator rouge(rouge_options);
    auto references = [&](const Article& a) {
        std::vector<rouge::Sentences> out;
        for (const auto& r : refs == "llm" ? a.llm_refs : a.human_refs) out.push_back({r});
        return out;
    };

    if (sweep) {
        // Development grid: score the combined method against the chosen references.
        std::printf(
            "| centrality | title | redundancy | decay | full length | R-1 | R-2 | R-L |\n"
            "|---|---|---|---|---|---|---|---|\n");
        for (double c : {0.3, 0.6, 1.0}) {
            for (double t : {0.0, 0.3, 0.6}) {
                for (double lambda : {0.5, 0.7, 1.0}) {
                    for (double decay : {0.3, 0.5, 1.0}) {
                        for (std::size_t full : {8, 12, 20, 30}) {
                            summarizer::Options o = base;
                            o.sentences = k;
                            o.weights.position = 1.0;
                            o.weights.centrality = c;
                            o.weights.title = t;
                            o.weights.position_decay = decay;
                            o.weights.full_length_words = full;
                            o.redundancy = lambda;
                            summarizer::Summarizer s(o);
                            rouge::Average avg;
                            for (const auto& a : articles) {
                                const auto r = references(a);
                                if (r.empty()) continue;
                                avg.add(rouge.score(run(s, a.page), r));
                            }
                            const auto m = avg.mean();
                            std::printf(
                                "| %.1f | %.1f | %.1f | %.1f | %zu | %.2f | %.2f | %.2f |\n", c, t,
                                lambda, decay, full, 100 * m.rouge1.f1, 100 * m.rouge2.f1,
                                100 * m.rougeL.f1);
                        }
                    }
                }
            }
        }
        return 0;
    }

    using summarizer::Method;
    const std::vector<Method> methods = {Method::combined, Method::lexrank, Method::textrank,
                                         Method::position, Method::lead};
    std::vector<std::unique_ptr<summarizer::Summarizer>> systems;
    for (auto m : methods) {
        summarizer::Options o = base;
        o.method = m;
        o.sentences = k;
        systems.push_back(std::make_unique<summarizer::Summarizer>(o));
    }

    std::size_t scored = 0;
    for (const std::string input : {"clean", "page"}) {
        if (!only_input.empty() && input != only_input) continue;
        std::vector<Row> rows;
        for (auto m : methods)
            rows.push_back({std::string("docpipe ") + summarizer::to_string(m), {}});
        rows.push_back(
            {"Lead-" + std::to_string(k) +
                 (input == "clean" ? " (gold sentences)" : " (first sentences, unfiltered)"),
             {}});
        if (!ots.empty()) rows.push_back({"OTS 0.5.0", {}});
        for (const auto& [name, dir] : external) rows.push_back({name, {}});
        const std::size_t first_external = rows.size() - external.size();
        scored = 0;
        for (const auto& a : articles) {
            const auto r = references(a);
            if (r.empty()) continue;
            ++scored;
            const std::string& text = input == "clean" ? a.clean : a.page;
            for (std::size_t m = 0; m < methods.size(); ++m) {
                const auto out = run(*systems[m], text);
                rows[m].add(rouge.score(out, r));
                if (show && m == 0) {
                    std::printf("## %s (%s)\n", a.id.c_str(), input.c_str());
                    for (const auto& s : out) std::printf("  > %s\n", s.c_str());
                }
            }
            std::vector<std::string> lead;
            if (input == "clean") {
                for (std::size_t i = 0; i < k && i < a.body_sentences.size(); ++i) {
                    lead.push_back(a.body_sentences[i]);
                }
            } else {
                lead = naive_lead(text, k);
            }
            rows[methods.size()].add(rouge.score(lead, r));
            for (std::size_t e = 0; e < external.size(); ++e) {
                const auto o = read_lines(external[e].second + "/" + input + "/" + a.id + ".txt");
                rows[first_external + e].add(rouge.score(o, r));
            }
            if (!ots.empty()) {
                const auto o = read_lines(ots + "/" + input + "/" + a.id + ".txt");
                rows[methods.size() + 1].add(rouge.score(o, r));
                if (show) {
                    for (const auto& s : o) std::printf("  ots> %s\n", s.c_str());
                }
            }
        }
        print_table("Input `" + input + "`, k = " + std::to_string(k) + ", " + refs +
                        " references, " + std::to_string(scored) + " documents, " +
                        (rouge_options.stem ? "Porter stemming" : "no stemming") + ", " +
                        (rouge_options.multi == rouge::MultiReference::average
                             ? "references pooled (ROUGE-1.5.5 -f A)"
                             : "best reference"),
                    rows);
        std::vector<std::size_t> baselines = {methods.size()};
        if (!ots.empty()) baselines.push_back(methods.size() + 1);
        print_differences(rows, baselines);
    }
    return 0;
}

int main(int argc, char** argv) {
    try {
        return run_main(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "summarizer_eval: %s\n", e.what());
        return 1;
    }
}
