#include "summarizer.hpp"

#include <algorithm>
#include <cmath>
#include <docpipe/text.hpp>
#include <map>
#include <numeric>

namespace summarizer {
namespace {

using docpipe::text::Token;
using docpipe::text::TokenKind;

bool opens_with_quote(std::string_view text, const Token& first) {
    const auto t = docpipe::text::view(text, first.span);
    return t == "\"" || t == "\xE2\x80\x9C" || t == "'" || t == "\xE2\x80\x98";
}

// Salience of each candidate from the entities layer: an entity mentioned often is what the
// document is about. Mentions are keyed by their last word, so "Xi" meets "Xi Jinping".
std::vector<double> entity_scores(std::string_view text, const docpipe::Layer& entities,
                                  const std::vector<docpipe::Span>& spans) {
    std::vector<std::pair<std::size_t, std::string>> mentions;
    std::map<std::string, int> counts;
    for (const auto& a : entities) {
        if (a.span.end > text.size() || a.span.empty()) continue;
        const auto tokens = docpipe::text::tokenize(docpipe::text::view(text, a.span));
        std::string key;
        for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
            if (it->kind != TokenKind::punct) {
                key = std::string(docpipe::text::view(text.substr(a.span.begin), it->span));
                break;
            }
        }
        for (auto& c : key) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        if (key.empty()) continue;
        ++counts[key];
        mentions.emplace_back(a.span.begin, std::move(key));
    }
    std::sort(mentions.begin(), mentions.end());
    std::vector<double> out(spans.size(), 0.0);
    for (std::size_t i = 0; i < spans.size(); ++i) {
        auto it = std::lower_bound(mentions.begin(), mentions.end(),
                                   std::make_pair(spans[i].begin, std::string()));
        std::vector<std::string_view> seen;
        for (; it != mentions.end() && it->first < spans[i].end; ++it) {
            if (std::find(seen.begin(), seen.end(), it->second) != seen.end()) continue;
            seen.push_back(it->second);
            out[i] += std::log(static_cast<double>(counts[it->second]));  // once-only: 0
        }
    }
    normalize_max(out);
    return out;
}

}  // namespace

std::optional<Method> parse_method(std::string_view name) {
    if (name == "combined") return Method::combined;
    if (name == "textrank") return Method::textrank;
    if (name == "lexrank") return Method::lexrank;
    if (name == "position") return Method::position;
    if (name == "lead") return Method::lead;
    return std::nullopt;
}

const char* to_string(Method method) noexcept {
    switch (method) {
        case Method::combined: return "combined";
        case Method::textrank: return "textrank";
        case Method::lexrank: return "lexrank";
        case Method::position: return "position";
        case Method::lead: return "lead";
    }
    return "?";
}

std::string validate(const Options& o) {
    if (!(o.ratio >= 0.0 && o.ratio <= 1.0)) {
        return "ratio must be between 0 and 1 (0 = unused), got " + std::to_string(o.ratio);
    }
    if (o.ratio > 0.0 && o.words > 0) {
        return "conflicting budgets: set either ratio or words, not both";
    }
    if (o.sentences == 0 && o.ratio == 0.0 && o.words == 0) {
        return "no budget: set sentences >= 1, or ratio, or words";
    }
    if (!(o.redundancy >= 0.0 && o.redundancy <= 1.0)) {
        return "redundancy (the MMR lambda) must be between 0 and 1, got " +
               std::to_string(o.redundancy);
    }
    return {};
}

Summarizer::Summarizer(Options options) : options_(options) {
    if (auto error = validate(options_); !error.empty()) throw std::invalid_argument(error);
}

Summary Summarizer::summarize(std::string_view text, const docpipe::Layer* entities) const {
    const auto tokens = docpipe::text::tokenize(text);
    return summarize(text, tokens, docpipe::text::split_sentences(text, tokens), entities);
}

Summary Summarizer::summarize(std::string_view text,
                              const std::vector<docpipe::text::Token>& tokens,
                              const std::vector<docpipe::text::Sentence>& sentences,
                              const docpipe::Layer* entities) const {
    Summary summary;
    summary.classified = classify_sentences(text, tokens, sentences);

    TermExtractor terms_extractor;
    std::vector<docpipe::Span> spans;
    std::vector<std::vector<int>> terms;
    std::vector<std::size_t> words;
    std::vector<bool> quoted;
    std::vector<int> title_terms;
    for (const auto& c : summary.classified) {
        if (c.role == SentenceRole::title && title_terms.empty()) {
            title_terms = terms_extractor.terms(text, tokens, c.first_token, c.sentence.last_token);
        }
        if (c.role != SentenceRole::body) continue;
        std::size_t n = 0;
        for (std::size_t k = c.first_token; k < c.sentence.last_token; ++k) {
            if (tokens[k].kind != TokenKind::punct) ++n;
        }
        if (n == 0) continue;
        spans.push_back(c.span);
        terms.push_back(terms_extractor.terms(text, tokens, c.first_token, c.sentence.last_token));
        words.push_back(n);
        quoted.push_back(opens_with_quote(text, tokens[c.first_token]));
    }
    const std::size_t n = spans.size();
    summary.candidates = n;
    if (n == 0) return summary;

    // The headline joins the IDF statistics so its vector lives in the same space.
    auto with_title = terms;
    with_title.push_back(title_terms);
    auto vectors = tfidf_vectors(with_title, terms_extractor.vocabulary_size());
    const SparseVector title_vector = vectors.back();
    vectors.pop_back();

    const Weights& w = options_.weights;
    std::vector<double> scores;
    switch (options_.method) {
        case Method::lead:
        case Method::position: scores = position_scores(n); break;
        case Method::textrank: scores = textrank_scores(terms, vectors); break;
        case Method::lexrank: scores = lexrank_scores(vectors); break;
        case Method::combined: {
            auto position = position_scores(n, w.position_decay);
            auto centrality = lexrank_scores(vectors);
            normalize_max(centrality);
            std::vector<double> title(n, 0.0);
            for (std::size_t i = 0; i < n; ++i) title[i] = cosine(vectors[i], title_vector);
            normalize_max(title);
            std::vector<double> entity(n, 0.0);
            double entity_weight = 0.0;
            if (options_.use_entities && entities != nullptr && !entities->empty()) {
                entity = entity_scores(text, *entities, spans);
                entity_weight = w.entities;
            }
            scores.resize(n);
            const double total = w.position + w.centrality + w.title + entity_weight;
            for (std::size_t i = 0; i < n; ++i) {
                scores[i] = (w.position * position[i] + w.centrality * centrality[i] +
                             w.title * title[i] + entity_weight * entity[i]) /
                            (total > 0.0 ? total : 1.0);
            }
            break;
        }
    }
    if (options_.method == Method::combined || options_.method == Method::position) {
        // Fragments and pull quotes rarely state the news.
        for (std::size_t i = 0; i < n; ++i) {
            if (words[i] < w.full_length_words) {
                scores[i] *=
                    static_cast<double>(words[i]) / static_cast<double>(w.full_length_words);
            }
            if (quoted[i]) scores[i] *= w.quote_factor;
        }
    }
    normalize_max(scores);

    Budget budget;
    budget.words = options_.words;
    budget.sentences = options_.sentences;
    if (options_.ratio > 0.0) {
        budget.sentences = std::max<std::size_t>(
            1, static_cast<std::size_t>(std::lround(options_.ratio * static_cast<double>(n))));
    }
    std::vector<std::size_t> picked;
    if (options_.method == Method::lead) {
        std::size_t used = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (budget.words > 0) {
                if (used + words[i] > budget.words) break;
            } else if (picked.size() >= budget.sentences) {
                break;
            }
            picked.push_back(i);
            used += words[i];
        }
        if (picked.empty()) picked.push_back(0);
    } else {
        picked = select_mmr(scores, vectors, words, budget, options_.redundancy);
    }
    for (std::size_t r = 0; r < picked.size(); ++r) {
        summary.sentences.push_back({spans[picked[r]], scores[picked[r]], r + 1});
    }
    std::sort(summary.sentences.begin(), summary.sentences.end(),
              [](const PickedSentence& a, const PickedSentence& b) {
                  return a.span.begin < b.span.begin;
              });
    return summary;
}

std::string summary_text(std::string_view text, const Summary& summary) {
    std::string out;
    for (const auto& s : summary.sentences) {
        if (!out.empty()) out += ' ';
        bool space = false;
        for (char c : docpipe::text::view(text, s.span)) {
            if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
                space = true;
                continue;
            }
            if (space) out += ' ';
            space = false;
            out += c;
        }
    }
    return out;
}

}  // namespace summarizer
