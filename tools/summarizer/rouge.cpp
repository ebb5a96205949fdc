#include "rouge.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace rouge {
namespace {

using Tokens = std::vector<std::string>;

struct Counts {
    double hit = 0.0;
    double reference = 0.0;
    double candidate = 0.0;
};

std::map<std::string, int> ngrams(const Tokens& tokens, std::size_t n) {
    std::map<std::string, int> out;
    for (std::size_t i = 0; i + n <= tokens.size(); ++i) {
        std::string key = tokens[i];
        for (std::size_t k = 1; k < n; ++k) key += ' ' + tokens[i + k];
        ++out[key];
    }
    return out;
}

Counts ngram_counts(const Tokens& candidate, const Tokens& reference, std::size_t n) {
    const auto c = ngrams(candidate, n);
    const auto r = ngrams(reference, n);
    Counts out;
    for (const auto& [g, count] : r) {
        out.reference += count;
        auto it = c.find(g);
        if (it != c.end()) out.hit += std::min(count, it->second);
    }
    for (const auto& [g, count] : c) out.candidate += count;
    return out;
}

// Positions of `a` that lie on one longest common subsequence with `b`.
std::vector<std::size_t> lcs_positions(const Tokens& a, const Tokens& b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::vector<int>> len(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            len[i][j] = a[i - 1] == b[j - 1] ? len[i - 1][j - 1] + 1
                                             : std::max(len[i - 1][j], len[i][j - 1]);
        }
    }
    std::vector<std::size_t> out;
    std::size_t i = n;
    std::size_t j = m;
    while (i > 0 && j > 0) {
        if (a[i - 1] == b[j - 1]) {
            out.push_back(i - 1);
            --i;
            --j;
        } else if (len[i - 1][j] >= len[i][j - 1]) {
            --i;
        } else {
            --j;
        }
    }
    std::reverse(out.begin(), out.end());
    return out;
}

// Summary-level LCS (Lin 2004, ROUGE-1.5.5): for each reference sentence, the union of its
// LCS words with every candidate sentence; a word counts as a hit only while both sides still
// have an unused occurrence of it, so repeated words are not over-counted.
Counts lcs_counts(const std::vector<Tokens>& candidate, const std::vector<Tokens>& reference) {
    std::map<std::string, int> candidate_left;
    std::map<std::string, int> reference_left;
    Counts out;
    for (const auto& s : candidate) {
        for (const auto& t : s) ++candidate_left[t];
        out.candidate += static_cast<double>(s.size());
    }
    for (const auto& s : reference) {
        for (const auto& t : s) ++reference_left[t];
        out.reference += static_cast<double>(s.size());
    }
    for (const auto& r : reference) {
        std::vector<bool> in_union(r.size(), false);
        for (const auto& c : candidate) {
            for (std::size_t p : lcs_positions(r, c)) in_union[p] = true;
        }
        for (std::size_t p = 0; p < r.size(); ++p) {
            if (!in_union[p]) continue;
            auto& cl = candidate_left[r[p]];
            auto& rl = reference_left[r[p]];
            if (cl > 0 && rl > 0) {
                --cl;
                --rl;
                out.hit += 1.0;
            }
        }
    }
    return out;
}

Score to_score(const Counts& c) {
    Score s;
    s.precision = c.candidate > 0.0 ? c.hit / c.candidate : 0.0;
    s.recall = c.reference > 0.0 ? c.hit / c.reference : 0.0;
    s.f1 = f1(s.precision, s.recall);
    return s;
}

Score combine(const std::vector<Counts>& per_reference, MultiReference multi) {
    if (per_reference.empty()) return {};
    if (multi == MultiReference::best) {
        Score best;
        for (const auto& c : per_reference) {
            const Score s = to_score(c);
            if (s.f1 > best.f1 || (best.f1 == 0.0 && s.recall > best.recall)) best = s;
        }
        return best;
    }
    Counts pooled;
    for (const auto& c : per_reference) {
        pooled.hit += c.hit;
        pooled.reference += c.reference;
        pooled.candidate += c.candidate;
    }
    return to_score(pooled);
}

}  // namespace

double f1(double precision, double recall) {
    return precision + recall > 0.0 ? 2.0 * precision * recall / (precision + recall) : 0.0;
}

void Evaluator::StemmerDeleter::operator()(sb_stemmer* s) const noexcept {
    sb_stemmer_delete(s);
}

Evaluator::Evaluator(Options options) : options_(options) {
    if (options_.stem) {
        stemmer_.reset(sb_stemmer_new("porter", "UTF_8"));
        if (!stemmer_) throw std::runtime_error("libstemmer has no Porter stemmer");
    }
}

Evaluator::~Evaluator() = default;

std::vector<std::string> Evaluator::tokenize(std::string_view text) const {
    std::vector<std::string> out;
    std::string current;
    auto flush = [&] {
        if (current.empty()) return;
        if (stemmer_ && current.size() > 3) {
            const sb_symbol* s =
                sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(current.data()),
                                static_cast<int>(current.size()));
            current.assign(reinterpret_cast<const char*>(s),
                           static_cast<std::size_t>(sb_stemmer_length(stemmer_.get())));
        }
        out.push_back(std::move(current));
        current.clear();
    };
    for (char ch : text) {
        const char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            current += c;
        } else {
            flush();
        }
    }
    flush();
    return out;
}

Scores Evaluator::score(const Sentences& candidate,
                        const std::vector<Sentences>& references) const {
    std::vector<Tokens> cand_sentences;
    Tokens cand_all;
    for (const auto& s : candidate) {
        cand_sentences.push_back(tokenize(s));
        cand_all.insert(cand_all.end(), cand_sentences.back().begin(), cand_sentences.back().end());
    }
    std::vector<Counts> r1, r2, rl;
    for (const auto& ref : references) {
        std::vector<Tokens> ref_sentences;
        Tokens ref_all;
        for (const auto& s : ref) {
            ref_sentences.push_back(tokenize(s));
            ref_all.insert(ref_all.end(), ref_sentences.back().begin(), ref_sentences.back().end());
        }
        r1.push_back(ngram_counts(cand_all, ref_all, 1));
        r2.push_back(ngram_counts(cand_all, ref_all, 2));
        rl.push_back(lcs_counts(cand_sentences, ref_sentences));
    }
    return {combine(r1, options_.multi), combine(r2, options_.multi), combine(rl, options_.multi)};
}

void Average::add(const Scores& s) {
    auto acc = [](Score& into, const Score& x) {
        into.precision += x.precision;
        into.recall += x.recall;
        into.f1 += x.f1;
    };
    acc(sum_.rouge1, s.rouge1);
    acc(sum_.rouge2, s.rouge2);
    acc(sum_.rougeL, s.rougeL);
    ++count_;
}

Scores Average::mean() const {
    if (count_ == 0) return {};
    const double n = static_cast<double>(count_);
    auto div = [n](Score s) {
        s.precision /= n;
        s.recall /= n;
        s.f1 /= n;
        return s;
    };
    return {div(sum_.rouge1), div(sum_.rouge2), div(sum_.rougeL)};
}

}  // namespace rouge
