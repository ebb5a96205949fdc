#include <gtest/gtest.h>

#include <docpipe/document.hpp>
#include <docpipe/text.hpp>
#include <docpipe/utf8.hpp>

namespace text = docpipe::text;

namespace {

std::vector<std::string> tokens_of(const std::string& s) {
    std::vector<std::string> out;
    for (const auto& t : text::tokenize(s)) out.emplace_back(text::view(s, t.span));
    return out;
}

std::vector<std::string> sentences_of(const std::string& s) {
    std::vector<std::string> out;
    for (const auto& sentence : text::split_sentences(s)) {
        out.emplace_back(text::view(s, sentence.span));
    }
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST(Tokenizer, KeepsAbbreviationsInitialsAndNumbersWhole) {
    EXPECT_EQ(tokens_of("U.S. President Donald J. Trump paid $1,000.50 on Jan. 5."),
              (Strings{"U.S.", "President", "Donald", "J.", "Trump", "paid", "$", "1,000.50", "on",
                       "Jan.", "5", "."}));
    EXPECT_EQ(tokens_of("Dr. Smith, e.g. at 10:30"),
              (Strings{"Dr.", "Smith", ",", "e.g.", "at", "10:30"}));
}

TEST(Tokenizer, SplitsUpperCaseClitics) {
    EXPECT_EQ(tokens_of("I'M SURE THEY'RE RIGHT, WE DON'T AND SHE’LL"),
              (Strings{"I", "'M", "SURE", "THEY", "'RE", "RIGHT", ",", "WE", "DO", "N'T", "AND",
                       "SHE", "’LL"}));
    EXPECT_EQ(tokens_of("Don'T"), (Strings{"Do", "n'T"}));  // mixed case too
}

TEST(Tokenizer, SplitsClitics_HyphensAndCurlyQuotes) {
    EXPECT_EQ(tokens_of("China’s U.S.-China “trade” didn't"),
              (Strings{"China", "’s", "U.S.", "-", "China", "“", "trade", "”", "did", "n't"}));
    EXPECT_EQ(tokens_of("surface-level 90-day"),
              (Strings{"surface", "-", "level", "90", "-", "day"}));
    EXPECT_EQ(tokens_of("U.S-China"), (Strings{"U.S", "-", "China"}));
}

TEST(Tokenizer, HandlesNonAsciiLettersAndRecordsLineBreaks) {
    const std::string s = "Zürich café\n\nNext";
    EXPECT_EQ(tokens_of(s), (Strings{"Zürich", "café", "Next"}));
    const auto t = text::tokenize(s);
    EXPECT_EQ(t[2].newlines_before, 2);
    EXPECT_EQ(t[0].kind, text::TokenKind::word);
    EXPECT_EQ(text::tokenize("42")[0].kind, text::TokenKind::number);
    EXPECT_TRUE(text::tokenize(" \n\t ").empty());
}

TEST(SentenceSplitter, DoesNotSplitAtAbbreviationsInitialsOrDecimals) {
    EXPECT_EQ(sentences_of("Dr. Smith met U.S. officials on Jan. 5 in Washington. "
                           "Donald J. Trump paid 3.5 million. It worked."),
              (Strings{"Dr. Smith met U.S. officials on Jan. 5 in Washington.",
                       "Donald J. Trump paid 3.5 million.", "It worked."}));
}

TEST(SentenceSplitter, SplitsAfterAnAbbreviationThatEndsTheSentence) {
    EXPECT_EQ(sentences_of("The talks favour the U.S. The Chinese side disagreed."),
              (Strings{"The talks favour the U.S.", "The Chinese side disagreed."}));
}

TEST(SentenceSplitter, KeepsClosingQuotesWithTheirSentence) {
    EXPECT_EQ(sentences_of("He said “it is over.” Then he left! Really?"),
              (Strings{"He said “it is over.”", "Then he left!", "Really?"}));
    EXPECT_EQ(sentences_of("“HARD TO MAKE A DEAL WITH!!!” His call"),
              (Strings{"“HARD TO MAKE A DEAL WITH!!!”", "His call"}));
}

TEST(SentenceSplitter, TreatsLinesWithoutFinalPunctuationAsHeadings) {
    EXPECT_EQ(sentences_of("A rare earths ace\nThe call should not distract.\nPhoto by AP\n"),
              (Strings{"A rare earths ace", "The call should not distract.", "Photo by AP"}));
    // A hard-wrapped line continuing in lower case stays in its sentence.
    EXPECT_EQ(sentences_of("The talks\ncontinued today."),
              (Strings{"The talks\ncontinued today."}));
}

TEST(SentenceSplitter, EmptyAndOneSentenceTexts) {
    EXPECT_TRUE(sentences_of("").empty());
    EXPECT_EQ(sentences_of("no final punctuation"), (Strings{"no final punctuation"}));
}

TEST(Utf8, FindsInvalidSequences) {
    EXPECT_TRUE(docpipe::utf8::is_valid("plain ascii"));
    EXPECT_TRUE(docpipe::utf8::is_valid("Zürich — 中国 😀"));
    EXPECT_EQ(docpipe::utf8::find_invalid("ab\xFF"), 2u);            // invalid lead byte
    EXPECT_EQ(docpipe::utf8::find_invalid("a\xC3"), 1u);             // truncated
    EXPECT_EQ(docpipe::utf8::find_invalid("\xC0\xAF"), 0u);          // overlong "/"
    EXPECT_EQ(docpipe::utf8::find_invalid("x\xED\xA0\x80"), 1u);     // UTF-16 surrogate
    EXPECT_EQ(docpipe::utf8::find_invalid("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
}

TEST(Utf8, CountsCodePointsAndDecodes) {
    const std::string s = "a€b";  // € is 3 bytes
    EXPECT_EQ(docpipe::utf8::codepoint_count(s, 4), 2u);
    EXPECT_EQ(docpipe::utf8::codepoint_count(s, s.size()), 3u);
    std::size_t len = 0;
    EXPECT_EQ(docpipe::utf8::decode(s, 1, len), U'€');
    EXPECT_EQ(len, 3u);
    std::string out;
    docpipe::utf8::append(out, U'€');
    EXPECT_EQ(out, "€");
}

TEST(SentenceSplitter, StraightQuotesOpenAfterASpaceAndCloseWhenAttached) {
    EXPECT_EQ(sentences_of("He left. \"Go home,\" she said."),
              (Strings{"He left.", "\"Go home,\" she said."}));
    EXPECT_EQ(sentences_of("She said \"stop.\" Then he left."),
              (Strings{"She said \"stop.\"", "Then he left."}));
}

TEST(SentenceSplitter, NoAndStEndSentencesUnlessANumberOrNameFollows) {
    EXPECT_EQ(sentences_of("The answer was no. We left early."),
              (Strings{"The answer was no.", "We left early."}));
    EXPECT_EQ(sentences_of("It is No. 5 on the list."), (Strings{"It is No. 5 on the list."}));
}

TEST(SentenceSplitter, HardWrappedLinesKeepAbbreviationsAndOpenEndings) {
    EXPECT_EQ(sentences_of("He met Dr.\nSmith at noon."), (Strings{"He met Dr.\nSmith at noon."}));
    EXPECT_EQ(sentences_of("He met with\nJohn Smith on Monday."),
              (Strings{"He met with\nJohn Smith on Monday."}));
}

TEST(Tokenizer, KeepsDottedDegreesWhole) {
    EXPECT_EQ(tokens_of("a Ph.D. in physics"), (Strings{"a", "Ph.D.", "in", "physics"}));
    EXPECT_EQ(sentences_of("He has a Ph.D. in physics."), (Strings{"He has a Ph.D. in physics."}));
}

TEST(Tokenizer, UnicodeLineAndParagraphSeparatorsAreWhitespace) {
    EXPECT_EQ(tokens_of("a\xC2\x85"
                        "b\xE2\x80\xA8"
                        "c\xE2\x80\xA9"
                        "d"),
              (Strings{"a", "b", "c", "d"}));
}

TEST(Tokens, CarryTheirLowerCaseHashAndFollowTheDocumentsText) {
    docpipe::Document doc("d", "Trade WAR, trade war.");
    const auto& tokens = doc.tokens();
    ASSERT_EQ(tokens.size(), 6u);
    EXPECT_EQ(tokens[0].lower_hash, tokens[3].lower_hash);  // Trade, trade
    EXPECT_EQ(tokens[1].lower_hash, tokens[4].lower_hash);  // WAR, war
    EXPECT_NE(tokens[0].lower_hash, tokens[1].lower_hash);
    EXPECT_EQ(tokens[1].lower_hash, docpipe::text::lower_hash("war"));
    EXPECT_EQ(&doc.tokens(), &tokens);  // built once per version of the text
    doc.replace({0, 5}, "Peace and");
    ASSERT_EQ(doc.tokens().size(), 7u);  // rebuilt for the new text
    EXPECT_EQ(doc.tokens()[1].lower_hash, docpipe::text::lower_hash("and"));
    EXPECT_EQ(doc.sentences().size(), 1u);
}
