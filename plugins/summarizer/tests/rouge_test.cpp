// ROUGE on cases small enough to count by hand.
#include "rouge.hpp"

#include <gtest/gtest.h>

namespace {

using rouge::Evaluator;

TEST(Rouge, TokenizesLikeRouge155) {
    Evaluator plain({.stem = false});
    EXPECT_EQ(plain.tokenize("U.S.-China trade, 2025!"),
              (std::vector<std::string>{"u", "s", "china", "trade", "2025"}));
}

TEST(Rouge, StemsOnlyWordsLongerThanThreeCharacters) {
    Evaluator stem({.stem = true});
    EXPECT_EQ(stem.tokenize("Running dogs ran generalizations was"),
              (std::vector<std::string>{"run", "dog", "ran", "gener", "was"}));
}

TEST(Rouge, SingleReferenceHandComputed) {
    Evaluator rouge({.stem = false});
    // cand: the cat sat on the mat; ref: the cat was on the mat
    // R-1 hits: the x2, cat, on, mat = 5 of 6 both ways.
    // R-2 hits: "the cat", "on the", "the mat" = 3 of 5 both ways.
    // LCS: the cat on the mat = 5 of 6.
    const auto s = rouge.score({"The cat sat on the mat."}, {{"The cat was on the mat."}});
    EXPECT_NEAR(s.rouge1.precision, 5.0 / 6, 1e-12);
    EXPECT_NEAR(s.rouge1.recall, 5.0 / 6, 1e-12);
    EXPECT_NEAR(s.rouge1.f1, 5.0 / 6, 1e-12);
    EXPECT_NEAR(s.rouge2.f1, 3.0 / 5, 1e-12);
    EXPECT_NEAR(s.rougeL.f1, 5.0 / 6, 1e-12);
}

TEST(Rouge, UnequalLengthsGiveDifferentPrecisionAndRecall) {
    Evaluator rouge({.stem = false});
    // cand: a b c (3); ref: a b c d e f (6): hits 3 -> P = 1, R = 0.5, F = 2/3.
    const auto s = rouge.score({"alpha beta gamma"}, {{"alpha beta gamma delta eps zeta"}});
    EXPECT_DOUBLE_EQ(s.rouge1.precision, 1.0);
    EXPECT_DOUBLE_EQ(s.rouge1.recall, 0.5);
    EXPECT_NEAR(s.rouge1.f1, 2.0 / 3, 1e-12);
    // Bigrams: cand 2, ref 5, hits 2 -> P = 1, R = 0.4, F = 0.8 / 1.4.
    EXPECT_NEAR(s.rouge2.f1, 0.8 / 1.4, 1e-12);
}

TEST(Rouge, StemmingMatchesInflections) {
    Evaluator plain({.stem = false});
    Evaluator stem({.stem = true});
    // running dogs / dogs run: unstemmed only "dogs" matches (P = R = 1/2);
    // stemmed both words match in swapped order: R-1 = 1, R-2 = 0, LCS = 1 of 2.
    EXPECT_DOUBLE_EQ(plain.score({"running dogs"}, {{"dogs run"}}).rouge1.f1, 0.5);
    const auto s = stem.score({"running dogs"}, {{"dogs run"}});
    EXPECT_DOUBLE_EQ(s.rouge1.f1, 1.0);
    EXPECT_DOUBLE_EQ(s.rouge2.f1, 0.0);
    EXPECT_DOUBLE_EQ(s.rougeL.f1, 0.5);
}

TEST(Rouge, SeveralReferencesArePooledOrBest) {
    // cand: apple banana; ref1: apple cherry (hit 1 of 2); ref2: apple banana cherry date
    // (hit 2 of 4). Pooled: hits 3, reference words 6, candidate words 2 x 2 = 4
    // -> P = 0.75, R = 0.5, F = 0.6. Best: ref2 with P = 1, R = 0.5, F = 2/3.
    const std::vector<rouge::Sentences> refs = {{"apple cherry"}, {"apple banana cherry date"}};
    Evaluator average({.stem = false, .multi = rouge::MultiReference::average});
    Evaluator best({.stem = false, .multi = rouge::MultiReference::best});
    const auto a = average.score({"apple banana"}, refs);
    EXPECT_DOUBLE_EQ(a.rouge1.precision, 0.75);
    EXPECT_DOUBLE_EQ(a.rouge1.recall, 0.5);
    EXPECT_NEAR(a.rouge1.f1, 0.6, 1e-12);
    EXPECT_NEAR(best.score({"apple banana"}, refs).rouge1.f1, 2.0 / 3, 1e-12);
}

TEST(Rouge, SummaryLevelLcsTakesTheUnionOverCandidateSentences) {
    // Lin (2004): r = w1 w2 w3 w4 w5; c1 = w1 w2 w6 w7 w8; c2 = w1 w3 w8 w9 w5.
    // LCS(r, c1) = w1 w2, LCS(r, c2) = w1 w3 w5; union = w1 w2 w3 w5 -> 4 hits.
    // R = 4/5, P = 4/10, F = 2 * 0.4 * 0.8 / 1.2.
    Evaluator rouge({.stem = false});
    const auto s = rouge.score({"w1 w2 w6 w7 w8", "w1 w3 w8 w9 w5"}, {{"w1 w2 w3 w4 w5"}});
    EXPECT_DOUBLE_EQ(s.rougeL.recall, 0.8);
    EXPECT_DOUBLE_EQ(s.rougeL.precision, 0.4);
    EXPECT_NEAR(s.rougeL.f1, 0.64 / 1.2, 1e-12);
}

TEST(Rouge, LcsHitsAreClippedByWordCounts) {
    // One reference of two sentences, "aa cc" and "aa dd"; candidate "aa bb". Each reference
    // sentence's LCS is "aa", but the candidate has only one "aa" to give: 1 hit, not 2.
    // R = 1/4, P = 1/2.
    Evaluator rouge({.stem = false});
    const auto s = rouge.score({"aa bb"}, {{"aa cc", "aa dd"}});
    EXPECT_DOUBLE_EQ(s.rougeL.recall, 0.25);
    EXPECT_DOUBLE_EQ(s.rougeL.precision, 0.5);
}

TEST(Rouge, EmptyCandidateScoresZero) {
    Evaluator rouge;
    const auto s = rouge.score({}, {{"the cat sat"}});
    EXPECT_EQ(s.rouge1.f1, 0.0);
    EXPECT_EQ(s.rougeL.f1, 0.0);
}

TEST(Rouge, AverageIsOverDocuments) {
    rouge::Average avg;
    rouge::Scores a;
    a.rouge1.f1 = 0.5;
    rouge::Scores b;
    b.rouge1.f1 = 1.0;
    avg.add(a);
    avg.add(b);
    EXPECT_EQ(avg.count(), 2u);
    EXPECT_DOUBLE_EQ(avg.mean().rouge1.f1, 0.75);
}

}  // namespace
