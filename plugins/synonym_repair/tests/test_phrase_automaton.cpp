// The multi-pattern automaton: every phrase, including overlapping and nested ones, in one pass.
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "phrase_automaton.hpp"
#include "token_vocabulary.hpp"
#include "word_scanner.hpp"

using namespace synonym_repair;

namespace {
// (end token index, pattern) pairs found in `words`.
std::set<std::pair<int, std::uint32_t>> run(const PhraseAutomaton& a, const TokenVocabulary& v,
                                            const std::vector<std::string>& words) {
    std::set<std::pair<int, std::uint32_t>> found;
    std::uint32_t state = 0;
    for (int i = 0; i < static_cast<int>(words.size()); ++i) {
        state = a.step(state, v.find(words[i]));
        for (auto p : a.matches(state)) found.insert({i, p});
    }
    return found;
}
}  // namespace

TEST(PhraseAutomaton, FindsOverlappingAndNestedPhrases) {
    TokenVocabulary v;
    PhraseAutomaton a;
    auto ids = [&](std::initializer_list<const char*> ws) {
        std::vector<std::uint32_t> out;
        for (auto w : ws) out.push_back(v.intern(w));
        return out;
    };
    a.add(ids({"in", "the", "future"}), 0);
    a.add(ids({"in", "the", "future", "after"}), 1);
    a.add(ids({"the", "future"}), 2);
    a.add(ids({"future", "after", "the"}), 3);
    a.build();
    const auto found = run(a, v, {"just", "in", "the", "future", "after", "the", "talks"});
    const std::set<std::pair<int, std::uint32_t>> want = {{3, 0}, {3, 2}, {4, 1}, {5, 3}};
    EXPECT_EQ(found, want);
    EXPECT_EQ(a.pattern_length(1), 4u);
}

TEST(PhraseAutomaton, FailureLinksRecoverAfterAPartialMatch) {
    TokenVocabulary v;
    PhraseAutomaton a;
    a.add({v.intern("a"), v.intern("a"), v.intern("b")}, 0);
    a.build();
    EXPECT_EQ(run(a, v, {"a", "a", "a", "b"}), (std::set<std::pair<int, std::uint32_t>>{{3, 0}}));
}

TEST(PhraseAutomaton, UnknownWordResets) {
    TokenVocabulary v;
    PhraseAutomaton a;
    a.add({v.intern("commerce"), v.intern("battle")}, 0);
    a.build();
    EXPECT_TRUE(run(a, v, {"commerce", "big", "battle"}).empty());
}

TEST(WordScanner, SplitsCliticsHyphensAndMarksBreaks) {
    std::vector<std::string> words;
    std::vector<bool> breaks;
    scan_words("China’s non-permanent, \"Café\" 1,000.5", [&](const ScannedToken& t) {
        words.emplace_back(t.lower);
        breaks.push_back(t.break_before);
        // The hash computed while scanning is the vocabulary's hash of the lower-cased word.
        EXPECT_EQ(t.hash, hash_word(t.lower)) << t.lower;
        EXPECT_EQ(t.length, t.lower.size());
    });
    EXPECT_EQ(words, (std::vector<std::string>{"china", "'s", "non", "-", "permanent", "café",
                                               "1,000.5"}));
    EXPECT_TRUE(breaks[5]);   // comma and quote before Café
    EXPECT_FALSE(breaks[3]);  // the hyphen joins
}

// The scanner reads text as the SDK does: its word hashes are the SDK's lower_hash of the
// word's bytes, and letters and spaces are the SDK's classes (text::is_letter / is_space).
TEST(WordScanner, HashesAndClassifiesAsTheSdk) {
    const std::string text = "The Trade WAR, Zoë Chen’s 北京 — and\u2028after\u00a0all";
    std::vector<std::string> words;
    std::vector<bool> breaks, newlines;
    scan_words(text, [&](const ScannedToken& t) {
        words.emplace_back(t.lower);
        breaks.push_back(t.break_before);
        newlines.push_back(t.newline_before);
        EXPECT_EQ(t.hash, docpipe::text::lower_hash(t.lower)) << t.lower;
        if (t.lower != "'s") {  // the clitic's curly apostrophe is read as '
            EXPECT_EQ(t.hash,
                      docpipe::text::lower_hash(docpipe::text::view(text, {t.begin, t.end})));
        }
    });
    EXPECT_EQ(words, (std::vector<std::string>{"the", "trade", "war", "zoë", "chen", "'s", "北京",
                                               "and", "after", "all"}));
    EXPECT_TRUE(breaks[3]);   // the comma
    EXPECT_FALSE(breaks[5]);  // the clitic joins
    EXPECT_FALSE(breaks[6]);  // a space before 北京: a CJK word is letters
    EXPECT_TRUE(breaks[7]);   // the em dash breaks phrases
    EXPECT_FALSE(breaks[8]);  // a line separator is a line break, as '\n' is
    EXPECT_TRUE(newlines[8]);
    EXPECT_FALSE(breaks[9]);  // a no-break space is a space
    EXPECT_FALSE(newlines[9]);
}
