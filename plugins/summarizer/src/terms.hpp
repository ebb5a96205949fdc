#pragma once
// Turns sentence tokens into the content terms the rankers compare: lower-cased, stop words
// dropped, stemmed with Snowball's English stemmer so "referendum" meets "referendums".

#include <docpipe/text.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sb_stemmer;

namespace summarizer {

/// True for English function words that say nothing about a sentence's topic.
bool is_stopword(std::string_view lower_word);

/// Maps words to dense term ids, one vocabulary per document. Not thread-safe (the stemmer
/// keeps state), so each stage instance owns one.
class TermExtractor {
public:
    TermExtractor();
    ~TermExtractor();
    TermExtractor(const TermExtractor&) = delete;
    TermExtractor& operator=(const TermExtractor&) = delete;

    /// Forgets the vocabulary of the previous document.
    void reset();
    /// Term ids of the content words among tokens [first, last), in text order.
    std::vector<int> terms(std::string_view text, const std::vector<docpipe::text::Token>& tokens,
                           std::size_t first, std::size_t last);
    /// The term id of one word, or -1 when it is a stop word or punctuation.
    int term_of(std::string_view word);
    std::size_t vocabulary_size() const noexcept { return ids_.size(); }

private:
    struct StemmerDeleter {
        void operator()(sb_stemmer* s) const noexcept;
    };
    std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer_;
    std::unordered_map<std::string, int> ids_;
    std::string lowered_;
};

}  // namespace summarizer
