// Boilerplate filtering: what a news page has besides body text.
// Some sentences are adapted from Wikinews articles (CC BY 2.5, https://en.wikinews.org) as
// found in the GUM corpus (Zeldes 2017); the rest are made up.
#include "boilerplate.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using summarizer::SentenceRole;

struct Classified {
    std::string text;
    std::vector<summarizer::ClassifiedSentence> sentences;

    explicit Classified(std::string t) : text(std::move(t)) {
        const auto tokens = docpipe::text::tokenize(text);
        sentences = summarizer::classify_sentences(text, tokens,
                                                   docpipe::text::split_sentences(text, tokens));
    }
    // The role of the sentence whose extracted text starts with `prefix`.
    SentenceRole role_of(std::string_view prefix) const {
        for (const auto& s : sentences) {
            if (docpipe::text::view(text, s.span).substr(0, prefix.size()) == prefix) return s.role;
        }
        ADD_FAILURE() << "no sentence starts with " << prefix;
        return SentenceRole::body;
    }
};

TEST(Boilerplate, DatelineOnItsOwnLineIsNotBody) {
    Classified c("Flag vote planned\n\nThursday, May 7, 2015\n\nThe government announced a vote.");
    EXPECT_EQ(c.role_of("Flag vote planned"), SentenceRole::title);
    EXPECT_EQ(c.role_of("Thursday"), SentenceRole::dateline);
    EXPECT_EQ(c.role_of("The government"), SentenceRole::body);
}

TEST(Boilerplate, DatelineGluedToTheFirstSentenceIsCutOff) {
    Classified c("Thursday, May 7, 2015 On Tuesday, the government announced a vote.");
    ASSERT_EQ(c.sentences.size(), 1u);
    EXPECT_EQ(c.sentences[0].role, SentenceRole::body);
    EXPECT_EQ(docpipe::text::view(c.text, c.sentences[0].span),
              "On Tuesday, the government announced a vote.");
}

TEST(Boilerplate, WireDatelinePrefixIsCutOff) {
    Classified c("LONDON (Reuters) - The bank raised its rates on Thursday.");
    ASSERT_EQ(c.sentences.size(), 1u);
    EXPECT_EQ(docpipe::text::view(c.text, c.sentences[0].span),
              "The bank raised its rates on Thursday.");
}

TEST(Boilerplate, PlaceDatelinePrefixIsCutOff) {
    Classified c("Taipei, Taiwan — The Taipei City Lantern Festival opened on Saturday.");
    ASSERT_EQ(c.sentences.size(), 1u);
    EXPECT_EQ(docpipe::text::view(c.text, c.sentences[0].span),
              "The Taipei City Lantern Festival opened on Saturday.");
    // A name followed by a dash is not a dateline: no comma, not in capitals.
    Classified name("Barack Obama - The president spoke on Monday.");
    EXPECT_EQ(docpipe::text::view(name.text, name.sentences[0].span),
              "Barack Obama - The president spoke on Monday.");
}

TEST(Boilerplate, LoneLowerCaseFragmentIsACaption) {
    Classified c(
        "A storm caused a crane to fall into the mosque.\n\n"
        "pilgrims at Mecca's Grand Mosque in 2008.\n\n"
        "Officials said the crane was operated by a contractor.");
    EXPECT_EQ(c.role_of("pilgrims"), SentenceRole::caption);
    EXPECT_EQ(c.role_of("A storm"), SentenceRole::body);
}

TEST(Boilerplate, AgencyCreditLineAndItsCaptionAreDropped) {
    Classified c(
        "Beijing suspended shipments to American companies.\n"
        "U.S. auto assembly lines rely on rare earth materials from China.\n"
        "Jeff Kowalsky/AFP by way of Getty Photos\n"
        "Under the terms of the deal, China agreed to lift its ban.");
    EXPECT_EQ(c.role_of("Jeff Kowalsky"), SentenceRole::credit);
    EXPECT_EQ(c.role_of("U.S. auto"), SentenceRole::caption);
    EXPECT_EQ(c.role_of("Beijing suspended"), SentenceRole::body);
    EXPECT_EQ(c.role_of("Under the terms"), SentenceRole::body);
}

TEST(Boilerplate, HeadingsThatMentionAgenciesLoosely) {
    // "AP Photo/Evan Vucci" is a credit (Name/Agency slash); a heading about a pool is not,
    // and the sentence before it stays body text.
    Classified c(
        "The president spoke to reporters outside the White House on Monday.\n"
        "AP Photo/Evan Vucci\n"
        "The city opened a new public swimming facility on Saturday.\n"
        "Pool party rules\n"
        "Children under twelve must be accompanied by an adult.");
    EXPECT_EQ(c.role_of("AP Photo"), SentenceRole::credit);
    EXPECT_EQ(c.role_of("The president"), SentenceRole::caption);
    EXPECT_EQ(c.role_of("Pool party rules"), SentenceRole::heading);
    EXPECT_EQ(c.role_of("The city opened"), SentenceRole::body);
}

TEST(Boilerplate, ImageCreditParagraphIsACaption) {
    Classified c(
        "NASA picks museums for shuttles\n\n"
        "NASA announced where the orbiters will be displayed.\n\n"
        "Space Shuttle Columbia lifts off from Launch Pad 39A. Image: NASA.\n\n"
        "The decision was a difficult one, officials said.");
    EXPECT_EQ(c.role_of("Space Shuttle Columbia"), SentenceRole::caption);
    EXPECT_EQ(c.role_of("Image: NASA."), SentenceRole::credit);
    EXPECT_EQ(c.role_of("NASA announced"), SentenceRole::body);
    EXPECT_EQ(c.role_of("The decision"), SentenceRole::body);
}

TEST(Boilerplate, HeadingsAreLinesWithoutFinalPunctuation) {
    Classified c(
        "Trade talks\n"
        "The call eased some tensions on both sides.\n"
        "A rare earths ace\n"
        "Beijing suspended shipments.\n"
        "A game of telephone?\n"
        "Who is winning the dispute is unclear to most of the observers who follow it?\n");
    EXPECT_EQ(c.role_of("Trade talks"), SentenceRole::title);
    EXPECT_EQ(c.role_of("A rare earths ace"), SentenceRole::heading);
    EXPECT_EQ(c.role_of("A game of telephone?"), SentenceRole::heading);
    EXPECT_EQ(c.role_of("Who is winning"), SentenceRole::body);
    EXPECT_EQ(c.role_of("Beijing suspended"), SentenceRole::body);
}

TEST(Boilerplate, SourcesListAndEverythingAfterItIsDropped) {
    Classified c(
        "The minister asked how the documents ended up on the street.\n\n"
        "Sources\n\n"
        "\"Sensitive government document found on rainy Ottawa street\" — CBC.ca, "
        "August 15, 2008\n\n"
        "Peter Zimonjic. \"MP calls for probe\" — Edmonton Sun, August 16, 2008");
    EXPECT_EQ(c.role_of("The minister"), SentenceRole::body);
    EXPECT_EQ(c.role_of("Sources"), SentenceRole::sources);
    EXPECT_EQ(c.role_of("\"Sensitive"), SentenceRole::sources);
    EXPECT_EQ(c.role_of("Peter Zimonjic."), SentenceRole::sources);
}

TEST(Boilerplate, DatesInsideSentencesAreNotDatelines) {
    std::size_t end = 0;
    const std::string text = "On May 7, 2015 the vote began.";
    const auto tokens = docpipe::text::tokenize(text);
    EXPECT_FALSE(summarizer::starts_with_date(text, tokens, 0, tokens.size(), end));
    EXPECT_TRUE(summarizer::starts_with_date(text, tokens, 1, tokens.size(), end));
    EXPECT_EQ(docpipe::text::view(text, tokens[end].span), "the");
}

}  // namespace
