#pragma once
// ROUGE-1, ROUGE-2 and ROUGE-L (summary-level union LCS), computed as ROUGE-1.5.5 does with
// `-m` (Porter stemming) and the default `-f A` model averaging, so numbers compare with
// published ones.
//
//   rouge::Evaluator rouge({.stem = true});
//   auto s = rouge.score({"the cat sat on the mat"}, {{"a cat was on the mat"}});
//   s.rouge1.f1;  // 0.666...
//
// Tokens: lower-cased runs of [a-z0-9]; everything else separates them (ROUGE-1.5.5 turns
// non-alphanumerics into spaces). With stemming, tokens longer than 3 characters go through
// the original Porter stemmer (Snowball's "porter"), as ROUGE-1.5.5's `-m` does.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct sb_stemmer;

namespace rouge {

/// How scores over several references of one document combine.
enum class MultiReference {
    /// Pool hits and counts over the references (ROUGE-1.5.5 `-f A`, its default): every
    /// reference counts, so one idiosyncratic reference cannot carry the score.
    average,
    /// The reference giving the highest F1 (ROUGE-1.5.5 `-f B` picks by best hit rate).
    best,
};

struct Options {
    bool stem = true;
    MultiReference multi = MultiReference::average;
};

struct Score {
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
};

struct Scores {
    Score rouge1;
    Score rouge2;
    Score rougeL;
};

/// A text split into sentences (ROUGE-L works per sentence); each sentence a string.
using Sentences = std::vector<std::string>;

class Evaluator {
public:
    explicit Evaluator(Options options = {});
    ~Evaluator();
    Evaluator(const Evaluator&) = delete;
    Evaluator& operator=(const Evaluator&) = delete;

    /// Lower-cased, optionally stemmed tokens of `text`.
    std::vector<std::string> tokenize(std::string_view text) const;

    /// Scores one candidate summary against one or more references of the same document.
    Scores score(const Sentences& candidate, const std::vector<Sentences>& references) const;

private:
    struct StemmerDeleter {
        void operator()(sb_stemmer* s) const noexcept;
    };
    Options options_;
    std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer_;
};

/// Accumulates per-document scores; the mean is a macro average over documents, as
/// ROUGE-1.5.5 reports it.
class Average {
public:
    void add(const Scores& s);
    Scores mean() const;
    std::size_t count() const noexcept { return count_; }

private:
    Scores sum_;
    std::size_t count_ = 0;
};

/// F1 from precision and recall (0 when both are 0).
double f1(double precision, double recall);

}  // namespace rouge
