#include "terms.hpp"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace summarizer {

bool is_stopword(std::string_view w) {
    // Sorted, so lookup is a binary search.
    static constexpr std::array<std::string_view, 170> words = {
        "'d",     "'ll",     "'m",      "'re",     "'s",      "'ve",    "a",      "about",
        "above",  "after",   "again",   "against", "all",     "also",   "am",     "an",
        "and",    "any",     "are",     "as",      "at",      "be",     "became", "because",
        "been",   "before",  "being",   "below",   "between", "both",   "but",    "by",
        "can",    "could",   "did",     "do",      "does",    "doing",  "done",   "down",
        "during", "each",    "even",    "ever",    "few",     "for",    "from",   "further",
        "get",    "got",     "had",     "has",     "have",    "having", "he",     "her",
        "here",   "hers",    "herself", "him",     "himself", "his",    "how",    "however",
        "i",      "if",      "in",      "into",    "is",      "it",     "its",    "itself",
        "just",   "last",    "least",   "less",    "like",    "made",   "make",   "many",
        "may",    "me",      "might",   "more",    "most",    "much",   "must",   "my",
        "myself", "n't",     "near",    "no",      "nor",     "not",    "now",    "of",
        "off",    "on",      "once",    "one",     "only",    "or",     "other",  "ought",
        "our",    "ours",    "out",     "over",    "own",     "per",    "quite",  "rather",
        "really", "said",    "same",    "say",     "says",    "she",    "should", "since",
        "so",     "some",    "still",   "such",    "than",    "that",   "the",    "their",
        "theirs", "them",    "then",    "there",   "these",   "they",   "this",   "those",
        "though", "through", "thus",    "to",      "told",    "too",    "under",  "until",
        "up",     "upon",    "us",      "very",    "was",     "we",     "were",   "what",
        "when",   "where",   "whether", "which",   "while",   "who",    "whom",   "whose",
        "why",    "will",    "with",    "within",  "without", "would",  "yet",    "you",
        "your",   "yours"};
    return std::binary_search(words.begin(), words.end(), w);
}

void TermExtractor::StemmerDeleter::operator()(sb_stemmer* s) const noexcept {
    sb_stemmer_delete(s);
}

TermExtractor::TermExtractor() : stemmer_(sb_stemmer_new("english", "UTF_8")) {
    if (!stemmer_) throw std::runtime_error("libstemmer has no English stemmer");
}

TermExtractor::~TermExtractor() = default;

void TermExtractor::reset() {
    ids_.clear();
}

int TermExtractor::term_of(std::string_view word) {
    lowered_.assign(word);
    bool has_alnum = false;
    for (auto& c : lowered_) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9')) {
            has_alnum = true;
        }
    }
    // The SDK splits clitics with a typographic apostrophe; fold it so "’s" is a stop word.
    if (lowered_.rfind("\xE2\x80\x99", 0) == 0) lowered_.replace(0, 3, "'");
    if (!has_alnum || is_stopword(lowered_)) return -1;
    if (!lowered_.empty() && lowered_.back() == '.') lowered_.pop_back();  // "U.S." -> "u.s"
    const sb_symbol* stem =
        sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(lowered_.data()),
                        static_cast<int>(lowered_.size()));
    std::string key(reinterpret_cast<const char*>(stem),
                    static_cast<std::size_t>(sb_stemmer_length(stemmer_.get())));
    auto [it, inserted] = ids_.try_emplace(std::move(key), static_cast<int>(ids_.size()));
    return it->second;
}

std::vector<int> TermExtractor::terms(std::string_view text,
                                      const std::vector<docpipe::text::Token>& tokens,
                                      std::size_t first, std::size_t last) {
    std::vector<int> out;
    out.reserve(last - first);
    for (std::size_t k = first; k < last; ++k) {
        if (tokens[k].kind == docpipe::text::TokenKind::punct) continue;
        const int id = term_of(docpipe::text::view(text, tokens[k].span));
        if (id >= 0) out.push_back(id);
    }
    return out;
}

}  // namespace summarizer
