#pragma once
// A small collocation model for choosing between the spun wording and its candidate original
// in context: word and word-pair counts from clean English, loaded from TSV files.
//
//   ContextModel lm;
//   lm.load(data_dir + "/lm");
//   lm.association("trade", "war") > lm.association("commerce", "battle");   // true
//
// association(a, b) compares how often the pair was seen with how often it would be seen if
// the two words were independent: log((observed + ½) / (expected + ½)). Pairs that are
// frequent by chance ("the primary") are expected often, so not seeing them is evidence too;
// pairs of rare words are expected rarely, so not seeing them costs little.

#include <cstdint>
#include <string>
#include <string_view>

#include "flat_hash_table.hpp"
#include "token_vocabulary.hpp"

namespace synonym_repair {

class ContextModel {
public:
    /// Loads `<dir>/unigrams.tsv` (word, count) and `<dir>/bigrams.tsv` (first, second,
    /// count). Throws std::runtime_error naming the file and line on a malformed line.
    void load(const std::string& dir);
    /// Adds counts directly (tests, tools).
    void add_unigram(std::string_view word, double count);
    void add_bigram(std::string_view first, std::string_view second, double count);

    bool empty() const noexcept { return total_ == 0; }
    double unigram_count(std::string_view word) const noexcept;
    double bigram_count(std::string_view first, std::string_view second) const noexcept;
    /// Observed-versus-expected log ratio of the pair (0 when either word is empty).
    double association(std::string_view first, std::string_view second) const noexcept {
        if (first.empty() || second.empty()) return 0.0;
        return association(hash_word(first), hash_word(second));
    }
    /// The same for words given by hash_word() of their lower-case form.
    double association(std::uint64_t first, std::uint64_t second) const noexcept;
    /// association(left, a) - association(left, b), with one lookup of `left` and one log.
    double left_difference(std::uint64_t left, std::uint64_t a, std::uint64_t b) const noexcept;
    /// association(a, right) - association(b, right).
    double right_difference(std::uint64_t a, std::uint64_t b, std::uint64_t right) const noexcept;

private:
    double count(const FlatHashTable<float>& table, std::uint64_t key) const noexcept {
        const float* c = table.find(key);
        return c == nullptr ? 0.0 : *c;
    }
    static std::uint64_t pair_key(std::uint64_t a, std::uint64_t b) noexcept {
        return a * 0x100000001B3ULL + b + 0x9E3779B97F4A7C15ULL;
    }

    FlatHashTable<float> unigrams_;  // word hash -> count
    FlatHashTable<float> bigrams_;   // pair hash -> count
    double total_ = 0;
};

}  // namespace synonym_repair
