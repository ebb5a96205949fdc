#include "repairer.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "case_style.hpp"
#include "word_scanner.hpp"

namespace synonym_repair {
namespace {

// Weights of the evidence terms, in logit units. Chosen by reasoning about magnitudes (an
// association difference of 3 is a pair seen ~20x more often than chance against one never
// seen) and checked on the seed; see docs/quality/synonym_repair.md.
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
    // Opening curly quote (U+201C) or em dash after a heading-like break.
    return gap.find("\xE2\x80\x9C") != std::string_view::npos;
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
    number_id_ = vocabulary_.intern("<num>");
    std::map<std::vector<std::string>, std::uint32_t> pattern_of;
    std::vector<std::vector<std::uint32_t>> pattern_ids;
    std::vector<std::uint32_t> literal_numbers;
    for (std::uint32_t e = 0; e < entries_.size(); ++e) {
        const auto& tokens = entries_[e].spun_tokens;
        original_tokens_.push_back(normalise_phrase(entries_[e].original));
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
    built_ = true;
}

double Repairer::context_score(std::string_view text, const std::vector<Token>& tokens,
                               const Candidate& c, const std::vector<std::string>& left_override,
                               const std::vector<std::string>& right_override) const {
    if (model_.empty()) return 0.0;
    const auto& x = original_tokens_[c.entry];
    if (x.empty()) return 0.0;
    std::vector<std::string> y;
    for (std::uint32_t k = c.first_token; k <= c.last_token; ++k) {
        y.push_back(lower_token(text, tokens[k].begin, tokens[k].end));
    }
    double score = 0;
    if (c.first_token > 0 && !tokens[c.first_token].break_before) {
        const std::uint32_t k = c.first_token - 1;
        const std::string left = !left_override[k].empty()
                                     ? left_override[k]
                                     : lower_token(text, tokens[k].begin, tokens[k].end);
        score +=
            std::clamp(model_.association(left, x.front()) - model_.association(left, y.front()),
                       -context_clamp, context_clamp);
    }
    if (c.last_token + 1 < tokens.size() && !tokens[c.last_token + 1].break_before) {
        const std::uint32_t k = c.last_token + 1;
        const std::string right = !right_override[k].empty()
                                      ? right_override[k]
                                      : lower_token(text, tokens[k].begin, tokens[k].end);
        score +=
            std::clamp(model_.association(x.back(), right) - model_.association(y.back(), right),
                       -context_clamp, context_clamp);
    }
    // Inside the phrase: "rare earth" is a collocation, "uncommon earth" is not. Only when both
    // sides have word pairs, since a one-word original has no inside to compare.
    if (x.size() >= 2 && y.size() >= 2) {
        double fx = 0;
        double fy = 0;
        for (std::size_t i = 0; i + 1 < x.size(); ++i) fx += model_.association(x[i], x[i + 1]);
        for (std::size_t i = 0; i + 1 < y.size(); ++i) fy += model_.association(y[i], y[i + 1]);
        score += std::clamp(
            fx / static_cast<double>(x.size() - 1) - fy / static_cast<double>(y.size() - 1),
            -context_clamp, context_clamp);
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
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 6 + 16);
    std::vector<Candidate> candidates;
    std::uint32_t state = 0;
    bool in_quote = false;
    scan_words(text, [&](const ScannedToken& t) {
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
        std::uint32_t id = vocabulary_.find(t.lower);
        if (id == TokenVocabulary::unknown && t.is_number) id = number_id_;
        const auto index = static_cast<std::uint32_t>(tokens.size());
        tokens.push_back({static_cast<std::uint32_t>(t.begin), static_cast<std::uint32_t>(t.end),
                          t.break_before, in_quote});
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

    std::vector<std::string> left_override(tokens.size());
    std::vector<std::string> right_override(tokens.size());
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
        c.context = context_score(text, tokens, c, left_override, right_override);
    }

    // Document evidence: how many confident, unambiguous spins per 1,000 words, not counting
    // the candidate itself (one tortured phrase must not vouch for itself).
    std::vector<std::uint32_t> strong_starts;
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
        const bool self =
            std::binary_search(strong_starts.begin(), strong_starts.end(), c.first_token) &&
            is_strong(c);
        const double others = static_cast<double>(strong_starts.size()) - (self ? 1.0 : 0.0);
        const double density = others * 1000.0 / words;
        const double spin_level = std::min(density / full_density_per_1000, 1.0);
        return clean_text_penalty + spun_text_bonus * spin_level;
    };
    for (auto& c : candidates) c.document = document_term(c);

    auto select = [&](std::vector<Candidate*>& chosen) {
        std::vector<Candidate*> order;
        for (auto& c : candidates) {
            c.confidence = logistic(c.base_logit + c.document + context_weight * c.context);
            if (c.confidence >= options.min_confidence) order.push_back(&c);
        }
        // Most confident first; a longer phrase wins a tie, since it carries more context.
        std::sort(order.begin(), order.end(), [](const Candidate* a, const Candidate* b) {
            const double sa = a->confidence + 0.02 * (a->last_token - a->first_token);
            const double sb = b->confidence + 0.02 * (b->last_token - b->first_token);
            if (sa != sb) return sa > sb;
            return a->first_token < b->first_token;
        });
        std::vector<char> taken(tokens.size(), 0);
        chosen.clear();
        for (Candidate* c : order) {
            bool free = true;
            for (std::uint32_t k = c->first_token; k <= c->last_token && free; ++k)
                free = !taken[k];
            if (!free) continue;
            for (std::uint32_t k = c->first_token; k <= c->last_token; ++k) taken[k] = 1;
            chosen.push_back(c);
        }
    };
    std::vector<Candidate*> chosen;
    select(chosen);
    // Second pass: spun neighbours were judged against spun context ("uncommon earth
    // supplies"); judge again against the restored words ("rare earth | supplies").
    bool changed = false;
    for (const Candidate* c : chosen) {
        const auto& x = original_tokens_[c->entry];
        if (x.empty()) continue;
        right_override[c->first_token] = x.front();
        left_override[c->last_token] = x.back();
        changed = true;
    }
    if (changed) {
        for (auto& c : candidates) {
            c.context = context_score(text, tokens, c, left_override, right_override);
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
