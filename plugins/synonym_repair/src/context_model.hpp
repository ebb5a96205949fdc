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
#include <unordered_map>

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
    double association(std::string_view first, std::string_view second) const noexcept;

private:
    static std::uint64_t pair_key(std::string_view a, std::string_view b) noexcept;

    std::unordered_map<std::uint64_t, double> unigrams_;  // word hash -> count
    std::unordered_map<std::uint64_t, double> bigrams_;   // pair hash -> count
    double total_ = 0;
};

}  // namespace synonym_repair
