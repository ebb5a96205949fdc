#include "repairer.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <stdexcept>

#include "case_style.hpp"
#include "word_scanner.hpp"

namespace synonym_repair {
namespace {

// Weights of the evidence terms, in logit units. Chosen by reasoning about magnitudes (an
// association difference of 3 is a pair seen ~20x more often than chance against one never
// seen) and checked on the seed; see docs/QUALITY.md.
constexpr double context_weight = 0.6;
constexpr double context_clamp = 3.0;
constexpr double article_agrees_with_original = 2.5;
constexpr double article_agrees_with_spun = -2.0;
constexpr double clean_text_penalty = -1.0;    // document term with no unambiguous spins
constexpr double spun_text_bonus = 3.0;        // document term added at full spin density
constexpr double full_density_per_1000 = 6.0;  // unambiguous spins per 1,000 words
constexpr double min_words = 300.0;            // short texts: one spin is not yet a high density
constexpr double proper_noun_penalty = -2.5;
constexpr double strong_prior = 0.85;
constexpr double strong_confidence = 0.8;

// The spun word forms a known collocation with its neighbour ("primary election") that the
// original does not ("first election"): strong evidence that the word is the author's.
// Applied before the context weight, so it counts 0.6 x 3.5 = 2.1 logits.
constexpr double collocation_strength = 1.5;  // association of an attested collocation
constexpr double collocation_penalty = -3.5;

double collocation_guard(double spun_association, double original_association) {
    if (spun_association >= collocation_strength &&
        spun_association - original_association >= 1.0) {
        return collocation_penalty;
    }
    return 0.0;
}

double logit(double p) {
    p = std::clamp(p, 0.01, 0.99);
    return std::log(p / (1 - p));
}
double logistic(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}

bool starts_with_vowel_sound(std::string_view w) {
    if (w.empty()) return false;
    const char c = w[0];
    // Rough: letters only; "hour"/"university" are rare among dictionary words.
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

std::string lower_token(std::string_view text, std::size_t begin, std::size_t end) {
    std::string out;
    out.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
        const char c = text[i];
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c + 32);
        } else if (c == '\xE2' && i + 2 < end && text[i + 1] == '\x80' && text[i + 2] == '\x99') {
            out += '\'';  // curly apostrophe of a clitic
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

bool has_upper(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// True when the gap before a token ends a sentence or a line (or there is no gap before it).
bool starts_sentence(std::string_view gap, bool first_token) {
    if (first_token) return true;
    for (char c : gap) {
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == '"' || c == '(') {
            return true;
        }
    }
    // An opening curly quote (U+201C) also starts what follows.
    return gap.find("\xE2\x80\x9C") != std::string_view::npos;
}

const std::uint64_t* find_override(const std::vector<std::pair<std::uint32_t, std::uint64_t>>& o,
                                   std::uint32_t token) {
    auto it = std::lower_bound(o.begin(), o.end(), token,
                               [](const auto& p, std::uint32_t t) { return p.first < t; });
    return it != o.end() && it->first == token ? &it->second : nullptr;
}

bool is_number_word(std::string_view w) {
    return !w.empty() && w[0] >= '0' && w[0] <= '9';
}

}  // namespace

void Repairer::load_head_nouns(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open head-noun list");
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        head_nouns_.intern(line);
    }
}

void Repairer::add_dictionary(const PhraseDictionary& dictionary) {
    entries_.insert(entries_.end(), dictionary.entries().begin(), dictionary.entries().end());
    built_ = false;
}

void Repairer::build() {
    vocabulary_ = TokenVocabulary();
    automaton_ = PhraseAutomaton();
    pattern_entries_.clear();
    original_tokens_.clear();
    original_hashes_.clear();
    number_id_ = vocabulary_.intern("<num>");
    std::map<std::vector<std::string>, std::uint32_t> pattern_of;
    std::vector<std::vector<std::uint32_t>> pattern_ids;
    std::vector<std::uint32_t> literal_numbers;
    for (std::uint32_t e = 0; e < entries_.size(); ++e) {
        const auto& tokens = entries_[e].spun_tokens;
        original_tokens_.push_back(normalise_phrase(entries_[e].original));
        std::vector<std::uint64_t> hashes;
        for (const auto& w : original_tokens_.back()) hashes.push_back(hash_word(w));
        original_hashes_.push_back(std::move(hashes));
        auto [it, inserted] =
            pattern_of.try_emplace(tokens, static_cast<std::uint32_t>(pattern_entries_.size()));
        if (inserted) {
            pattern_entries_.emplace_back();
            std::vector<std::uint32_t> ids;
            for (const auto& t : tokens) {
                const std::uint32_t id = vocabulary_.intern(t);
                if (id != number_id_ && is_number_word(t) &&
                    std::find(literal_numbers.begin(), literal_numbers.end(), id) ==
                        literal_numbers.end()) {
                    literal_numbers.push_back(id);
                }
                ids.push_back(id);
            }
            pattern_ids.push_back(std::move(ids));
        }
        pattern_entries_[it->second].push_back(e);
    }
    for (std::uint32_t p = 0; p < pattern_ids.size(); ++p) {
        automaton_.add(pattern_ids[p], p);
        // A number that some phrase spells out literally gets its own id, so `<num>` phrases
        // also need a path through each such literal.
        const auto& ids = pattern_ids[p];
        if (std::count(ids.begin(), ids.end(), number_id_) == 1) {
            for (std::uint32_t literal : literal_numbers) {
                auto variant = ids;
                std::replace(variant.begin(), variant.end(), number_id_, literal);
                automaton_.add(variant, p);
            }
        }
    }
    automaton_.build();
    // Mean association inside each original phrase, fixed once the model is known.
    inside_fit_.assign(entries_.size(), 0.0);
    for (std::size_t e = 0; e < entries_.size(); ++e) {
        const auto& x = original_hashes_[e];
        if (x.size() < 2) continue;
        double fx = 0;
        for (std::size_t i = 0; i + 1 < x.size(); ++i) fx += model_.association(x[i], x[i + 1]);
        inside_fit_[e] = fx / static_cast<double>(x.size() - 1);
    }
    built_ = true;
}

double Repairer::context_score(const std::vector<Token>& tokens, const Candidate& c,
                               const Overrides& left_override,
                               const Overrides& right_override) const {
    if (model_.empty()) return 0.0;
    const auto& x = original_hashes_[c.entry];
    if (x.empty()) return 0.0;
    auto token_hash = [&](std::uint32_t k) { return tokens[k].hash; };
    const std::uint64_t y_first = token_hash(c.first_token);
    const std::uint64_t y_last = token_hash(c.last_token);
    double score = 0;
    if (c.first_token > 0 && !tokens[c.first_token].break_before) {
        const std::uint32_t k = c.first_token - 1;
        const std::uint64_t* o = find_override(left_override, k);
        const std::uint64_t left = o != nullptr ? *o : token_hash(k);
        const double ax = model_.association(left, x.front());
        const double ay = model_.association(left, y_first);
        score += std::clamp(ax - ay, -context_clamp, context_clamp) + collocation_guard(ay, ax);
    }
    if (c.last_token + 1 < tokens.size() && !tokens[c.last_token + 1].break_before) {
        const std::uint32_t k = c.last_token + 1;
        const std::uint64_t* o = find_override(right_override, k);
        const std::uint64_t right = o != nullptr ? *o : token_hash(k);
        const double ax = model_.association(x.back(), right);
        const double ay = model_.association(y_last, right);
        score += std::clamp(ax - ay, -context_clamp, context_clamp) + collocation_guard(ay, ax);
    }
    // Inside the phrase: "rare earth" is a collocation, "uncommon earth" is not. Only when both
    // sides have word pairs, since a one-word original has no inside to compare.
    const std::uint32_t y_size = c.last_token - c.first_token + 1;
    if (x.size() >= 2 && y_size >= 2) {
        const double fx = inside_fit_[c.entry];
        double fy = 0;
        std::uint64_t prev = y_first;
        for (std::uint32_t k = c.first_token + 1; k <= c.last_token; ++k) {
            const std::uint64_t h = token_hash(k);
            fy += model_.association(prev, h);
            prev = h;
        }
        score +=
            std::clamp(fx - fy / static_cast<double>(y_size - 1), -context_clamp, context_clamp);
    }
    return score;
}

std::string Repairer::render(std::string_view text, const std::vector<Token>& tokens,
                             const Candidate& c) const {
    const PhraseEntry& e = entries_[c.entry];
    const std::string_view surface = text.substr(
        tokens[c.first_token].begin, tokens[c.last_token].end - tokens[c.first_token].begin);
    std::string out = e.original;
    // Copy numbers matched by `<num>` into the replacement, in order.
    std::size_t k = 0;
    for (std::size_t at = out.find("<num>"); at != std::string::npos; at = out.find("<num>", at)) {
        while (k < e.spun_tokens.size() && e.spun_tokens[k] != "<num>") ++k;
        if (k >= e.spun_tokens.size()) break;
        const Token& t = tokens[c.first_token + k];
        const std::string_view number = text.substr(t.begin, t.end - t.begin);
        out.replace(at, 5, number);
        at += number.size();
        ++k;
    }
    return apply_case(out, detect_case(surface));
}

std::vector<Repair> Repairer::find(std::string_view text, const RepairOptions& options) const {
    std::vector<Repair> repairs;
    if (!built_ || entries_.empty()) return repairs;
    // Borrowed scratch space: a pipeline calls find() once per document, and reusing
    // capacity saves the allocations (and page faults) of fresh vectors every time.
    const auto workspace = workspaces_.acquire();
    auto& tokens = workspace->tokens;
    auto& candidates = workspace->candidates;
    tokens.clear();
    candidates.clear();
    tokens.reserve(text.size() / 6 + 16);
    std::uint32_t state = 0;
    bool in_quote = false;
    scan_words<false>(text, [&](const ScannedToken& t) {
        // Quotations rarely run across a line break in news copy; resetting there keeps one
        // unbalanced quote from hiding the rest of the document.
        if (t.newline_before) in_quote = false;
        switch (t.quotes_before) {
            case QuoteEvent::none: break;
            case QuoteEvent::open: in_quote = true; break;
            case QuoteEvent::close: in_quote = false; break;
            case QuoteEvent::toggle:
                if (t.quote_count_before % 2 == 1) in_quote = !in_quote;
                break;
        }
        if (t.break_before) state = 0;
        const std::uint64_t hash = t.hash;
        std::uint32_t id = vocabulary_.find_hashed(hash, t.length);
        if (id == TokenVocabulary::unknown && t.is_number) id = number_id_;
        const auto index = static_cast<std::uint32_t>(tokens.size());
        tokens.push_back({hash, static_cast<std::uint32_t>(t.begin),
                          static_cast<std::uint32_t>(t.end), t.break_before, in_quote});
        state = automaton_.step(state, id);
        if (state == 0) return;
        for (std::uint32_t p : automaton_.matches(state)) {
            const std::uint32_t first = index + 1 - automaton_.pattern_length(p);
            for (std::uint32_t e : pattern_entries_[p]) {
                candidates.push_back({first, index, e, 0, 0, 0, 0});
            }
        }
    });
    if (candidates.empty()) return repairs;

    // `<head>` entries need a head noun right after the phrase.
    std::erase_if(candidates, [&](const Candidate& c) {
        if (!entries_[c.entry].head_after) return false;
        const std::uint32_t k = c.last_token + 1;
        if (k >= tokens.size() || tokens[k].break_before) return true;
        return head_nouns_.find(lower_token(text, tokens[k].begin, tokens[k].end)) ==
               TokenVocabulary::unknown;
    });

    // Quoted words are the speaker's, not the spinner's, unless the caller says otherwise.
    if (!options.repair_quotes) {
        std::erase_if(candidates, [&](const Candidate& c) {
            for (std::uint32_t k = c.first_token; k <= c.last_token; ++k) {
                if (tokens[k].quoted) return true;
            }
            return false;
        });
    }

    auto& left_override = workspace->left_override;
    auto& right_override = workspace->right_override;
    left_override.clear();
    right_override.clear();
    for (auto& c : candidates) {
        const PhraseEntry& e = entries_[c.entry];
        c.base_logit = logit(e.prior);
        if (c.first_token > 0 && !tokens[c.first_token].break_before) {
            const Token& a = tokens[c.first_token - 1];
            const std::string article = lower_token(text, a.begin, a.end);
            if (article == "a" || article == "an") {
                const bool want_vowel = article == "an";
                const auto& x = original_tokens_[c.entry];
                const bool x_agrees =
                    !x.empty() && starts_with_vowel_sound(x.front()) == want_vowel;
                const bool y_agrees = starts_with_vowel_sound(e.spun_tokens.front()) == want_vowel;
                if (x_agrees && !y_agrees) c.base_logit += article_agrees_with_original;
                if (!x_agrees && y_agrees) c.base_logit += article_agrees_with_spun;
            }
        }
        // A capitalised word in mid-sentence is usually a name ("Commerce Secretary", "Navy
        // band"), unless the original is capitalised as well ("Chinese language" -> "Chinese").
        const Token& first = tokens[c.first_token];
        const std::string_view surface =
            text.substr(first.begin, tokens[c.last_token].end - first.begin);
        if (text[first.begin] >= 'A' && text[first.begin] <= 'Z' && !has_upper(e.original) &&
            detect_case(surface) != CaseStyle::upper) {
            const std::size_t gap_begin = c.first_token == 0 ? 0 : tokens[c.first_token - 1].end;
            const std::string_view gap = text.substr(gap_begin, first.begin - gap_begin);
            if (!starts_sentence(gap, c.first_token == 0)) c.base_logit += proper_noun_penalty;
        }
        c.context = context_score(tokens, c, left_override, right_override);
    }

    // Document evidence: how many confident, unambiguous spins per 1,000 words, not counting
    // the candidate itself (one tortured phrase must not vouch for itself).
    auto& strong_starts = workspace->strong_starts;
    strong_starts.clear();
    auto is_strong = [&](const Candidate& c) {
        return entries_[c.entry].prior >= strong_prior &&
               logistic(c.base_logit + context_weight * c.context) >= strong_confidence;
    };
    for (const auto& c : candidates) {
        if (is_strong(c)) strong_starts.push_back(c.first_token);
    }
    std::sort(strong_starts.begin(), strong_starts.end());
    strong_starts.erase(std::unique(strong_starts.begin(), strong_starts.end()),
                        strong_starts.end());
    const double words = std::max<double>(static_cast<double>(tokens.size()), min_words);
    auto document_term = [&](const Candidate& c) {
        const bool self = is_strong(c);  // a strong candidate's start is in the list
        const double others = static_cast<double>(strong_starts.size()) - (self ? 1.0 : 0.0);
        const double density = others * 1000.0 / words;
        const double spin_level = std::min(density / full_density_per_1000, 1.0);
        return clean_text_penalty + spun_text_bonus * spin_level;
    };
    for (auto& c : candidates) c.document = document_term(c);

    // Chooses non-overlapping candidates. Overlapping candidates form clusters, solved apart:
    // most confident first, a longer phrase winning a tie (it carries more context).
    // Candidates arrive in order of their last token, so a cluster is a run of the array
    // (merged backwards when a long phrase reaches into earlier ones), and no global sort is
    // needed: most clusters hold one candidate.
    auto& clusters = workspace->clusters;
    auto& order = workspace->order;
    auto select = [&](std::vector<Candidate*>& chosen) {
        chosen.clear();
        clusters.clear();
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            Candidate& c = candidates[i];
            c.confidence = logistic(c.base_logit + c.document + context_weight * c.context);
            Cluster cur{i, c.first_token, c.last_token};
            while (!clusters.empty() && cur.first <= clusters.back().last) {
                cur.begin = clusters.back().begin;
                cur.first = std::min(cur.first, clusters.back().first);
                cur.last = std::max(cur.last, clusters.back().last);
                clusters.pop_back();
            }
            clusters.push_back(cur);
        }
        for (std::size_t k = 0; k < clusters.size(); ++k) {
            const std::size_t b = clusters[k].begin;
            const std::size_t e =
                k + 1 < clusters.size() ? clusters[k + 1].begin : candidates.size();
            if (e - b == 1) {
                if (candidates[b].confidence >= options.min_confidence)
                    chosen.push_back(&candidates[b]);
                continue;
            }
            order.clear();
            for (std::size_t i = b; i < e; ++i) {
                if (candidates[i].confidence >= options.min_confidence)
                    order.push_back(&candidates[i]);
            }
            std::sort(order.begin(), order.end(), [](const Candidate* x, const Candidate* y) {
                const double sx = x->confidence + 0.02 * (x->last_token - x->first_token);
                const double sy = y->confidence + 0.02 * (y->last_token - y->first_token);
                if (sx != sy) return sx > sy;
                return x->first_token < y->first_token;
            });
            const std::size_t cluster_start = chosen.size();
            for (Candidate* c : order) {
                bool free = true;
                for (std::size_t j = cluster_start; j < chosen.size() && free; ++j) {
                    free = c->last_token < chosen[j]->first_token ||
                           c->first_token > chosen[j]->last_token;
                }
                if (free) chosen.push_back(c);
            }
        }
    };
    std::vector<Candidate*> chosen;
    select(chosen);
    // Second pass: spun neighbours were judged against spun context ("uncommon earth
    // supplies"); judge again against the restored words ("rare earth | supplies").
    auto& marks = workspace->marks;  // 1: left override, 2: right override
    marks.assign(tokens.size(), 0);
    std::vector<const Candidate*> by_position(chosen.begin(), chosen.end());
    std::sort(by_position.begin(), by_position.end(), [](const Candidate* a, const Candidate* b) {
        return a->first_token < b->first_token;
    });
    for (const Candidate* c : by_position) {
        const auto& x = original_hashes_[c->entry];
        if (x.empty()) continue;
        right_override.emplace_back(c->first_token, x.front());
        left_override.emplace_back(c->last_token, x.back());
        marks[c->last_token] |= 1;
        marks[c->first_token] |= 2;
    }
    if (!right_override.empty()) {
        // Only candidates next to a restored phrase see a different context.
        for (auto& c : candidates) {
            const bool left_changed = c.first_token > 0 && (marks[c.first_token - 1] & 1) != 0;
            const bool right_changed =
                c.last_token + 1 < tokens.size() && (marks[c.last_token + 1] & 2) != 0;
            if (left_changed || right_changed) {
                c.context = context_score(tokens, c, left_override, right_override);
            }
        }
        select(chosen);
    }
    std::sort(chosen.begin(), chosen.end(), [](const Candidate* a, const Candidate* b) {
        return a->first_token < b->first_token;
    });
    repairs.reserve(chosen.size());
    for (const Candidate* c : chosen) {
        Repair r;
        r.begin = tokens[c->first_token].begin;
        r.end = tokens[c->last_token].end;
        r.spun = std::string(text.substr(r.begin, r.end - r.begin));
        r.replacement = render(text, tokens, *c);
        r.source = entries_[c->entry].source;
        r.confidence = c->confidence;
        if (r.replacement == r.spun) continue;
        repairs.push_back(std::move(r));
    }
    return repairs;
}

}  // namespace synonym_repair
