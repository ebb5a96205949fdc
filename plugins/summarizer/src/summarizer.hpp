#pragma once
// The extractive summarizer without the pipeline around it: text (and optionally entity
// mentions) in, chosen sentence spans out. The stage, the evaluation tool and the benchmark
// all call this, so what is measured is what runs.

#include <docpipe/document.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "boilerplate.hpp"
#include "ranking.hpp"
#include "terms.hpp"

namespace summarizer {

enum class Method { combined, textrank, lexrank, position, lead };

/// Parses a method name ("combined", "textrank", ...); nullopt when unknown.
std::optional<Method> parse_method(std::string_view name);
const char* to_string(Method method) noexcept;

/// How the combined method mixes its signals. The defaults were set on development data
/// (docs/QUALITY.md says which), not on the test references.
struct Weights {
    double position = 1.0;               ///< news position prior
    double position_decay = 0.5;         ///< the prior is 1 / (1 + index)^decay
    double centrality = 0.6;             ///< LexRank centrality
    double title = 0.3;                  ///< similarity to the headline
    double entities = 0.3;               ///< salient entity mentions (only with an entities layer)
    std::size_t full_length_words = 12;  ///< shorter sentences are scaled down by words / this
    double quote_factor = 0.85;          ///< sentences that open with a quotation mark
};

struct Options {
    Method method = Method::combined;
    std::size_t sentences = 3;  ///< used when ratio and words are 0
    double ratio = 0.0;         ///< share of candidate sentences (0 = unused)
    std::size_t words = 0;      ///< word budget (0 = unused)
    double redundancy = 0.7;    ///< MMR lambda: 1 = scores only, lower = more diversity
    bool use_entities = true;
    Weights weights;
};

/// Checks an Options; returns an error message naming the parameter, or "" when valid.
std::string validate(const Options& options);

/// One extracted sentence.
struct PickedSentence {
    docpipe::Span span;    ///< bytes of the text given to summarize()
    double score = 0.0;    ///< the method's score, scaled so the document's best is 1
    std::size_t rank = 0;  ///< 1 = picked first
};

struct Summary {
    std::vector<PickedSentence> sentences;       ///< in document order
    std::vector<ClassifiedSentence> classified;  ///< every sentence with its role
    std::size_t candidates = 0;                  ///< body sentences considered
};

/// Immutable after construction: one instance may summarize on several threads at once
/// (each call has its own stemmer and vocabulary).
class Summarizer {
public:
    explicit Summarizer(Options options);

    /// Summarizes `text`. `entities` (may be null) are mention spans in the same text.
    Summary summarize(std::string_view text, const docpipe::Layer* entities = nullptr) const;
    /// The same, with the text's tokens and sentences (docpipe::text) already at hand.
    Summary summarize(std::string_view text, const std::vector<docpipe::text::Token>& tokens,
                      const std::vector<docpipe::text::Sentence>& sentences,
                      const docpipe::Layer* entities) const;

    const Options& options() const noexcept { return options_; }

private:
    Options options_;
};

/// The summary's sentences joined by single spaces, with line breaks inside them flattened.
std::string summary_text(std::string_view text, const Summary& summary);

}  // namespace summarizer
