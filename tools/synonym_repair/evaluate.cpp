// Measures the synonym_repair engine:
//   - precision and recall against a hand-made gold of a spun document;
//   - edits per 1,000 words on clean (unspun) text, i.e. false repairs.
//
//   synonym_repair_eval --data plugins/synonym_repair/data
//       --gold tests/data/synonym_repair/seed_gold.tsv --text ../shared/seed/spun_article.txt
//       --clean ../shared/data/summarization/gum_news/docs [--min-confidence 0.5] [--verbose]
//       [--repaired OUT] [--news-only] [--no-context]
//
// Gold format (TSV, '#' comments): spun <TAB> occurrence <TAB> restore <TAB> kind
//   spun        exact text as it appears in the document
//   occurrence  which occurrence of that text (1 = first), counted at word boundaries
//   restore     what a careful reader would write instead; alternatives separated by '|'
//   kind        required (the spun wording is wrong or unidiomatic) or optional (the spun
//               wording is still fine English; restoring it is right but not expected)
// A gold item counts as restored when the repairs overlapping it turn its text into one of the
// alternatives (case-insensitive). A repair is correct when it overlaps a restored gold item.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "repairer.hpp"

namespace fs = std::filesystem;
using synonym_repair::Repair;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error(p.string() + ": cannot open");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string lower(std::string s) {
    for (auto& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return s;
}

bool is_word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

struct GoldItem {
    std::string spun;
    std::vector<std::string> restore;
    bool required = true;
    std::size_t begin = 0;
    std::size_t end = 0;
    int line = 0;
};

std::vector<GoldItem> load_gold(const fs::path& path, const std::string& text) {
    std::vector<GoldItem> items;
    std::istringstream in(read(path));
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> f;
        std::size_t start = 0;
        while (true) {
            const auto tab = line.find('\t', start);
            f.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        if (f.size() != 4) {
            throw std::runtime_error(path.string() + ":" + std::to_string(line_no) +
                                     ": expected 4 tab-separated fields");
        }
        GoldItem g;
        g.spun = f[0];
        g.line = line_no;
        g.required = f[3] == "required";
        std::size_t s = 0;
        while (true) {
            const auto bar = f[2].find('|', s);
            g.restore.push_back(f[2].substr(s, bar == std::string::npos ? bar : bar - s));
            if (bar == std::string::npos) break;
            s = bar + 1;
        }
        const int occurrence = std::stoi(f[1]);
        int seen = 0;
        std::size_t at = 0;
        bool found = false;
        while ((at = text.find(g.spun, at)) != std::string::npos) {
            const bool left_ok = at == 0 || !is_word_byte(text[at - 1]);
            const std::size_t e = at + g.spun.size();
            const bool right_ok = e >= text.size() || !is_word_byte(text[e]);
            if (left_ok && right_ok && ++seen == occurrence) {
                g.begin = at;
                g.end = e;
                found = true;
                break;
            }
            ++at;
        }
        if (!found) {
            throw std::runtime_error(path.string() + ":" + std::to_string(line_no) + ": '" +
                                     g.spun + "' occurrence " + f[1] + " not in the text");
        }
        items.push_back(std::move(g));
    }
    return items;
}

bool overlaps(std::size_t b1, std::size_t e1, std::size_t b2, std::size_t e2) {
    return b1 < e2 && b2 < e1;
}

std::string apply_repairs(const std::string& text, const std::vector<Repair>& repairs) {
    std::string out;
    std::size_t pos = 0;
    for (const auto& r : repairs) {
        out.append(text, pos, r.begin - pos);
        out += r.replacement;
        pos = r.end;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

std::size_t count_words(const std::string& text) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    std::string data_dir, gold_path, text_path, clean_dir, repaired_path;
    synonym_repair::RepairOptions options;
    std::vector<std::string> dictionaries = {"news", "scientific"};
    bool verbose = false;
    bool use_context = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--data")
            data_dir = next();
        else if (a == "--gold")
            gold_path = next();
        else if (a == "--text")
            text_path = next();
        else if (a == "--clean")
            clean_dir = next();
        else if (a == "--repaired")
            repaired_path = next();
        else if (a == "--min-confidence")
            options.min_confidence = std::stod(next());
        else if (a == "--news-only")
            dictionaries = {"news"};
        else if (a == "--verbose")
            verbose = true;
        else if (a == "--no-context")
            use_context = false;
        else {
            std::cerr << "unknown argument " << a << "\n";
            return 64;
        }
    }
    try {
        synonym_repair::Repairer repairer;
        for (const auto& d : dictionaries) {
            synonym_repair::PhraseDictionary dict;
            dict.load_tsv(data_dir + "/" + d + ".tsv", d);
            repairer.add_dictionary(dict);
        }
        repairer.load_head_nouns(data_dir + "/head_nouns.txt");
        synonym_repair::ContextModel model;
        if (use_context) model.load(data_dir + "/lm");
        repairer.set_context_model(std::move(model));
        repairer.build();
        std::printf("dictionary entries: %zu (%zu phrases), min_confidence %.2f\n",
                    repairer.entry_count(), repairer.pattern_count(), options.min_confidence);

        if (!text_path.empty()) {
            const std::string text = read(text_path);
            const auto repairs = repairer.find(text, options);
            if (!repaired_path.empty()) {
                std::ofstream(repaired_path, std::ios::binary) << apply_repairs(text, repairs);
            }
            if (!gold_path.empty()) {
                const auto gold = load_gold(gold_path, text);
                std::size_t required = 0, required_ok = 0, optional = 0, optional_ok = 0;
                std::vector<bool> gold_ok(gold.size(), false);
                for (std::size_t g = 0; g < gold.size(); ++g) {
                    const auto& item = gold[g];
                    std::size_t b = item.begin, e = item.end;
                    std::vector<Repair> local;
                    for (const auto& r : repairs) {
                        if (overlaps(r.begin, r.end, item.begin, item.end)) {
                            local.push_back(r);
                            b = std::min(b, r.begin);
                            e = std::max(e, r.end);
                        }
                    }
                    const std::string region = text.substr(b, e - b);
                    std::vector<Repair> shifted = local;
                    for (auto& r : shifted) {
                        r.begin -= b;
                        r.end -= b;
                    }
                    const std::string got = lower(apply_repairs(region, shifted));
                    // Other gold items inside the region may be restored or left as they are
                    // (a repair of "at residence and overseas" covers two items).
                    bool ok = false;
                    std::vector<std::size_t> inside;
                    for (std::size_t o = 0; o < gold.size(); ++o) {
                        if (o != g && gold[o].begin >= b && gold[o].end <= e &&
                            !overlaps(gold[o].begin, gold[o].end, item.begin, item.end)) {
                            inside.push_back(o);
                        }
                    }
                    // Enumerate: this item takes one of its alternatives, each other item its
                    // spun text or one of its alternatives; build right to left.
                    std::vector<std::size_t> all = inside;
                    all.push_back(g);
                    std::sort(all.begin(), all.end(), [&](std::size_t x, std::size_t y) {
                        return gold[x].begin > gold[y].begin;
                    });
                    std::vector<std::string> variants = {region};
                    for (std::size_t o : all) {
                        std::vector<std::string> next;
                        std::vector<std::string> options = gold[o].restore;
                        if (o != g) options.push_back(gold[o].spun);
                        for (const auto& v : variants) {
                            for (const auto& alt : options) {
                                std::string w = v;
                                w.replace(gold[o].begin - b, gold[o].end - gold[o].begin, alt);
                                next.push_back(w);
                            }
                        }
                        variants = std::move(next);
                        if (variants.size() > 4096) break;
                    }
                    for (const auto& v : variants) {
                        if (lower(v) == got) ok = true;
                    }
                    gold_ok[g] = ok && !local.empty();
                    (item.required ? required : optional) += 1;
                    if (gold_ok[g]) (item.required ? required_ok : optional_ok) += 1;
                    if (verbose && !gold_ok[g] && item.required) {
                        std::printf("  MISSED  line %d: '%s' -> '%s' (got '%s')\n", item.line,
                                    item.spun.c_str(), item.restore[0].c_str(), got.c_str());
                    }
                }
                std::size_t correct = 0;
                for (const auto& r : repairs) {
                    bool ok = false;
                    for (std::size_t g = 0; g < gold.size(); ++g) {
                        if (gold_ok[g] && overlaps(r.begin, r.end, gold[g].begin, gold[g].end))
                            ok = true;
                    }
                    if (ok) {
                        ++correct;
                    } else if (verbose) {
                        std::printf("  WRONG   '%s' -> '%s' (%.2f, %s) at byte %zu\n",
                                    r.spun.c_str(), r.replacement.c_str(), r.confidence,
                                    std::string(r.source).c_str(), r.begin);
                    }
                }
                std::printf("seed: %zu repairs; gold %zu required + %zu optional items\n",
                            repairs.size(), required, optional);
                std::printf("recall (required items restored): %zu/%zu = %.1f%%\n", required_ok,
                            required, 100.0 * required_ok / std::max<std::size_t>(required, 1));
                std::printf("optional items restored: %zu/%zu\n", optional_ok, optional);
                std::printf("precision (repairs that are right): %zu/%zu = %.1f%%\n", correct,
                            repairs.size(),
                            100.0 * correct / std::max<std::size_t>(repairs.size(), 1));
            }
        }
        if (!clean_dir.empty()) {
            std::vector<fs::path> files;
            for (const auto& e : fs::directory_iterator(clean_dir)) {
                if (e.is_regular_file()) files.push_back(e.path());
            }
            std::sort(files.begin(), files.end());
            std::size_t words = 0, edits = 0;
            for (const auto& f : files) {
                const std::string text = read(f);
                words += count_words(text);
                const auto repairs = repairer.find(text, options);
                edits += repairs.size();
                if (verbose) {
                    for (const auto& r : repairs) {
                        std::printf("  CLEAN-EDIT %s: '%s' -> '%s' (%.2f, %s)\n",
                                    f.filename().c_str(), r.spun.c_str(), r.replacement.c_str(),
                                    r.confidence, std::string(r.source).c_str());
                    }
                }
            }
            std::printf("clean text: %zu documents, %zu words, %zu edits = %.2f per 1,000 words\n",
                        files.size(), words, edits,
                        1000.0 * edits / std::max<std::size_t>(words, 1));
        }
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
