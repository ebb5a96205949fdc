// The conlleval-style evaluator.
#include <gtest/gtest.h>

#include "conll_corpus.hpp"
#include "conlleval.hpp"

namespace tools = entity_tagger::tools;
using Tags = std::vector<std::string>;

TEST(Conlleval, ChunksFollowConllevalRules) {
    const auto c = tools::chunks_of({"B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"});
    ASSERT_EQ(c.size(), 4u);
    EXPECT_EQ(c[0], (tools::Chunk{0, 2, "PER"}));
    EXPECT_EQ(c[1], (tools::Chunk{3, 5, "LOC"}));  // I- after O starts a chunk
    EXPECT_EQ(c[2], (tools::Chunk{5, 6, "LOC"}));  // B- splits two adjacent chunks
    EXPECT_EQ(c[3], (tools::Chunk{6, 7, "ORG"}));  // a type change starts a chunk
}

TEST(Conlleval, ExactTypedSpansOnly) {
    tools::ConllEvaluator eval;
    // gold: PER(0-2) LOC(3) ORG(5); predicted: PER(0-1) wrong boundary, LOC(3) right,
    // LOC(5) wrong type
    eval.add({"B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"},
             {"B-PER", "O", "O", "B-LOC", "O", "B-LOC"});
    EXPECT_EQ(eval.overall().gold, 3u);
    EXPECT_EQ(eval.overall().predicted, 3u);
    EXPECT_EQ(eval.overall().correct, 1u);
    EXPECT_NEAR(eval.overall().f1(), 100.0 / 3, 1e-9);
    EXPECT_EQ(eval.per_type().at("LOC").predicted, 2u);
    EXPECT_EQ(eval.per_type().at("LOC").correct, 1u);
    EXPECT_NEAR(eval.per_type().at("LOC").precision(), 50.0, 1e-9);
    EXPECT_NEAR(eval.per_type().at("LOC").recall(), 100.0, 1e-9);
    EXPECT_EQ(eval.per_type().at("ORG").correct, 0u);
    EXPECT_EQ(eval.per_type().at("ORG").f1(), 0.0);
}

TEST(Conlleval, MicroAveragesOverSentences) {
    tools::ConllEvaluator eval;
    eval.add({"B-PER"}, {"B-PER"});
    eval.add({"B-PER", "O"}, {"O", "B-ORG"});
    EXPECT_NEAR(eval.overall().precision(), 50.0, 1e-9);
    EXPECT_NEAR(eval.overall().recall(), 50.0, 1e-9);
    EXPECT_NE(eval.report("x").find("overall"), std::string::npos);
}

TEST(Conlleval, LengthMismatchIsAnError) {
    tools::ConllEvaluator eval;
    EXPECT_THROW(eval.add({"O", "O"}, {"O"}), std::invalid_argument);
}

TEST(Conlleval, NoPredictionsScoreZeroNotNaN) {
    tools::ConllEvaluator eval;
    eval.add({"B-LOC"}, {"O"});
    EXPECT_EQ(eval.overall().f1(), 0.0);
    EXPECT_EQ(eval.overall().precision(), 0.0);
}

TEST(CorpusTags, NormaliseKeepsTypesAndRepairsBrokenInsideTags) {
    EXPECT_EQ(tools::normalise_tags({"B-MISC", "I-MISC", "I-PER", "I-PER", "B-LOC"},
                                    {"PER", "ORG", "LOC"}),
              (Tags{"O", "O", "B-PER", "I-PER", "B-LOC"}));
}

TEST(CorpusTags, FacilitiesNamedAsOrganisationsBecomeLocations) {
    tools::LabeledSentence s;
    s.tokens = {"near", "Dulles", "Airport", ",",  "Boeing", "and",    "the", "Museum",
                "of",   "Flight", "met",     "at", "Royal",  "Albert", "Hall"};
    s.tags = {"O",     "B-ORG", "I-ORG", "O", "B-ORG", "O",     "O",    "B-ORG",
              "I-ORG", "I-ORG", "O",     "O", "B-LOC", "I-LOC", "I-LOC"};
    tools::facilities_as_locations(s);
    // The airport moves to LOC. A company, an organisation whose last word is no facility
    // word and an existing LOC stay as they were.
    EXPECT_EQ(s.tags, (Tags{"O", "B-LOC", "I-LOC", "O", "B-ORG", "O", "O", "B-ORG", "I-ORG",
                            "I-ORG", "O", "O", "B-LOC", "I-LOC", "I-LOC"}));
}
