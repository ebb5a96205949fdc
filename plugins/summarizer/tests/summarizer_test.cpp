// The summarizer core: methods, budgets, redundancy control and entity salience.
// Some sentences are adapted from Wikinews articles (CC BY 2.5, https://en.wikinews.org) as
// found in the GUM corpus (Zeldes 2017); the rest are made up.
#include "summarizer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using summarizer::Method;
using summarizer::Options;
using summarizer::Summarizer;

// A news story: a headline, a long lead in words of its own, a short fragment, and a late
// sentence that shares the most words with the rest (the graph rankers' favourite).
const std::string kStory =
    "Council approves new bridge over river\n\n"
    "Lawmakers on Monday backed a crossing proposal, closing years of argument about "
    "congestion downtown and the cost of the project.\n\n"
    "It rained.\n\n"
    "Traffic in the old town has doubled since 2010, the council said.\n\n"
    "Residents had asked the council for a bridge, and the council said the bridge and the "
    "river traffic plan will ease traffic in the old town.\n\n"
    "Construction of the bridge starts next year.";

std::vector<std::string> picked(const std::string& text, Options o,
                                const docpipe::Layer* entities = nullptr) {
    Summarizer s(o);
    const auto summary = s.summarize(text, entities);
    std::vector<std::string> out;
    for (const auto& p : summary.sentences) out.emplace_back(docpipe::text::view(text, p.span));
    return out;
}

Options with(Method m, std::size_t sentences) {
    Options o;
    o.method = m;
    o.sentences = sentences;
    return o;
}

TEST(Summarizer, LeadTakesTheFirstBodySentences) {
    const auto out = picked(kStory, with(Method::lead, 2));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].substr(0, 19), "Lawmakers on Monday");
    EXPECT_EQ(out[1], "It rained.");  // lead is the plain baseline: no length penalty
}

TEST(Summarizer, PositionSkipsFragments) {
    const auto out = picked(kStory, with(Method::position, 2));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].substr(0, 19), "Lawmakers on Monday");
    EXPECT_EQ(out[1].substr(0, 20), "Traffic in the old t");
}

TEST(Summarizer, LexRankPicksTheCentralSentence) {
    const auto out = picked(kStory, with(Method::lexrank, 1));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].substr(0, 18), "Residents had aske");
}

TEST(Summarizer, TextRankPicksTheCentralSentence) {
    const auto out = picked(kStory, with(Method::textrank, 1));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].substr(0, 18), "Residents had aske");
}

TEST(Summarizer, CombinedKeepsTheLeadAndNeverTheHeadline) {
    const auto out = picked(kStory, with(Method::combined, 2));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].substr(0, 19), "Lawmakers on Monday");
    for (const auto& s : out) EXPECT_NE(s.substr(0, 7), "Council");
    for (const auto& s : out) EXPECT_NE(s, "It rained.");
}

TEST(Summarizer, SentencesComeInDocumentOrderWithRanks) {
    Summarizer s(with(Method::lexrank, 3));
    const auto summary = s.summarize(kStory);
    ASSERT_EQ(summary.sentences.size(), 3u);
    std::vector<std::size_t> ranks;
    for (std::size_t i = 0; i < summary.sentences.size(); ++i) {
        if (i > 0) {
            EXPECT_LT(summary.sentences[i - 1].span.begin, summary.sentences[i].span.begin);
        }
        ranks.push_back(summary.sentences[i].rank);
        EXPECT_GT(summary.sentences[i].score, 0.0);
        EXPECT_LE(summary.sentences[i].score, 1.0);
    }
    std::sort(ranks.begin(), ranks.end());
    EXPECT_EQ(ranks, (std::vector<std::size_t>{1, 2, 3}));
}

TEST(Summarizer, EmptyDocumentGivesEmptySummary) {
    for (auto m :
         {Method::combined, Method::textrank, Method::lexrank, Method::position, Method::lead}) {
        EXPECT_TRUE(picked("", with(m, 3)).empty());
        EXPECT_TRUE(picked("  \n\n ", with(m, 3)).empty());
    }
}

TEST(Summarizer, OneSentenceDocumentIsItsOwnSummary) {
    const std::string one = "The council approved the bridge on Monday.";
    for (auto m :
         {Method::combined, Method::textrank, Method::lexrank, Method::position, Method::lead}) {
        const auto out = picked(one, with(m, 3));
        ASSERT_EQ(out.size(), 1u) << summarizer::to_string(m);
        EXPECT_EQ(out[0], one);
    }
}

TEST(Summarizer, WordBudgetIsNotExceeded) {
    Options o;
    o.words = 20;  // the lead has 21 words, the later sentences fewer
    const auto out = picked(kStory, o);
    ASSERT_FALSE(out.empty());
    std::size_t words = 0;
    for (const auto& s : out) {
        for (const auto& t : docpipe::text::tokenize(s)) {
            words += t.kind != docpipe::text::TokenKind::punct;
        }
    }
    EXPECT_LE(words, 20u);
}

TEST(Summarizer, TinyWordBudgetStillGivesOneSentence) {
    Options o;
    o.words = 1;
    EXPECT_EQ(picked(kStory, o).size(), 1u);
}

TEST(Summarizer, RatioCountsBodySentences) {
    Options o;
    o.ratio = 0.4;  // 5 body sentences -> 2
    EXPECT_EQ(picked(kStory, o).size(), 2u);
}

TEST(Summarizer, RedundancyControlSkipsNearDuplicates) {
    const std::string text =
        "The council approved a new bridge over the river on Monday after long debate.\n\n"
        "On Monday the council approved a new bridge over the river after long debate.\n\n"
        "Shops in the old town expect more visitors once construction ends in 2027.";
    Options diverse = with(Method::lexrank, 2);
    diverse.redundancy = 0.3;
    const auto out = picked(text, diverse);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[1].substr(0, 5), "Shops");
    Options plain = with(Method::position, 2);
    plain.redundancy = 1.0;  // scores only: the two near-duplicates lead
    const auto dup = picked(text, plain);
    ASSERT_EQ(dup.size(), 2u);
    EXPECT_EQ(dup[1].substr(0, 9), "On Monday");
}

TEST(Summarizer, SalientEntitiesLiftSentences) {
    const std::string text =
        "Officials met on Monday to discuss the regional budget for next year in detail.\n\n"
        "Weather forecasts for the week call for rain across the region and cooler nights.\n\n"
        "Mayor Alvarez said the plan would protect jobs, and Alvarez promised a vote soon.\n\n"
        "Alvarez has led the city since 2019.";
    docpipe::Layer entities;
    for (std::size_t at = text.find("Alvarez"); at != std::string::npos;
         at = text.find("Alvarez", at + 1)) {
        entities.push_back({{at, at + 7}, "PERSON"});
    }
    Options o = with(Method::combined, 1);
    o.weights.entities = 3.0;
    const auto with_entities = picked(text, o, &entities);
    ASSERT_EQ(with_entities.size(), 1u);
    EXPECT_EQ(with_entities[0].substr(0, 5), "Mayor");
    const auto without = picked(text, o);  // no layer: entities are not required
    ASSERT_EQ(without.size(), 1u);
    EXPECT_EQ(without[0].substr(0, 9), "Officials");
    o.use_entities = false;
    EXPECT_EQ(picked(text, o, &entities)[0].substr(0, 9), "Officials");
}

TEST(Summarizer, BoilerplateIsNeverPicked) {
    const std::string text =
        "Friday, August 15, 2008\n\n"
        "A sensitive government document was found on an Ottawa street by a passerby.\n\n"
        "An Ottawa street in the rain. Image: Jambula.\n\n"
        "The minister asked officials how the sensitive document ended up on the street.\n\n"
        "Sources\n\n"
        "\"Sensitive government document found on rainy Ottawa street\" — CBC.ca";
    for (auto m :
         {Method::combined, Method::textrank, Method::lexrank, Method::position, Method::lead}) {
        const auto out = picked(text, with(m, 5));
        ASSERT_EQ(out.size(), 2u) << summarizer::to_string(m);
        EXPECT_EQ(out[0].substr(0, 12), "A sensitive ");
        EXPECT_EQ(out[1].substr(0, 12), "The minister");
    }
}

TEST(Summarizer, LongDocumentsFallBackFromTheGraph) {
    // More sentences than the graph rankers take: centroid similarity must still find the
    // sentence made of the document's most frequent words.
    std::string text;
    for (std::size_t i = 0; i < summarizer::max_graph_sentences + 50; ++i) {
        text += "Filler number " + std::to_string(i) + " mentions bridge and word" +
                std::to_string(i) + ".\n\n";
    }
    text += "The bridge filler number mentions the bridge.\n\n";
    for (auto m : {Method::lexrank, Method::textrank, Method::combined}) {
        const auto out = picked(text, with(m, 2));
        ASSERT_EQ(out.size(), 2u) << summarizer::to_string(m);
        if (m != Method::combined) {
            EXPECT_TRUE(out[0].find("The bridge") == 0 || out[1].find("The bridge") == 0)
                << summarizer::to_string(m);
        }
    }
}

TEST(Summarizer, OddInputsGiveValidSpans) {
    const std::vector<std::string> inputs = {
        "!!! ??? ... --- ,,,",
        "Sources",
        "Friday, August 15, 2008",
        "Image: NASA.",
        "A heading\nAnother heading\nThird heading",
        std::string(5000, 'a'),
        "word " + std::string(3000, '.') + " word",
        "\xE2\x80\x9C\xE2\x80\x9D \xE2\x80\x94 \xC3\xA9t\xC3\xA9.",
        "Monday, May 4, 2020 - - - Image: x.\n\nSources\n\nend.",
        "a.b.c.d.e.f.g. U.S. Dr. Jan. 5, 2020. Mr. Smith.",
    };
    for (auto m :
         {Method::combined, Method::textrank, Method::lexrank, Method::position, Method::lead}) {
        for (const auto& text : inputs) {
            Summarizer s(with(m, 2));
            const auto summary = s.summarize(text);
            EXPECT_LE(summary.sentences.size(), 2u);
            for (const auto& p : summary.sentences) {
                EXPECT_LT(p.span.begin, p.span.end);
                EXPECT_LE(p.span.end, text.size());
                EXPECT_TRUE(docpipe::utf8::is_boundary(text, p.span.begin));
                EXPECT_TRUE(docpipe::utf8::is_boundary(text, p.span.end));
                EXPECT_GE(p.score, 0.0);
                EXPECT_LE(p.score, 1.0);
            }
        }
    }
}

TEST(Summarizer, SummaryTextFlattensLineBreaks) {
    const std::string text = "The council approved\nthe bridge. Work starts in May.";
    Summarizer s(with(Method::lead, 2));
    EXPECT_EQ(summarizer::summary_text(text, s.summarize(text)),
              "The council approved the bridge. Work starts in May.");
}

TEST(Summarizer, ValidateNamesTheProblem) {
    Options o;
    o.ratio = 0.5;
    o.words = 10;
    EXPECT_NE(summarizer::validate(o).find("conflicting"), std::string::npos);
    o = Options{};
    o.ratio = 1.5;
    EXPECT_NE(summarizer::validate(o).find("ratio"), std::string::npos);
    o = Options{};
    o.sentences = 0;
    EXPECT_NE(summarizer::validate(o).find("no budget"), std::string::npos);
    o = Options{};
    o.redundancy = -0.1;
    EXPECT_NE(summarizer::validate(o).find("redundancy"), std::string::npos);
    EXPECT_TRUE(summarizer::validate(Options{}).empty());
    EXPECT_THROW(Summarizer{o}, std::invalid_argument);
}

}  // namespace
