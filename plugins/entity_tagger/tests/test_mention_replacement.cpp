// Mention replacement, the training-data augmentation of tools/entity_tagger.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "mention_replacement.hpp"

namespace tools = entity_tagger::tools;

namespace {

tools::LabeledSentence sentence(std::vector<std::string> tokens, std::vector<std::string> tags) {
    tools::LabeledSentence s;
    s.doc = "d";
    s.tokens = std::move(tokens);
    s.tags = std::move(tags);
    return s;
}

// The entity mentions of a sentence as "TYPE:token token".
std::vector<std::string> mentions(const tools::LabeledSentence& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.tags.size(); ++i) {
        if (s.tags[i].rfind("B-", 0) == 0) {
            out.push_back(s.tags[i].substr(2) + ":" + s.tokens[i]);
        } else if (s.tags[i].rfind("I-", 0) == 0) {
            EXPECT_FALSE(out.empty()) << "I- tag without a B- before it";
            EXPECT_EQ(s.tags[i - 1].substr(2), s.tags[i].substr(2));
            out.back() += " " + s.tokens[i];
        }
    }
    return out;
}

const std::vector<tools::LabeledSentence> corpus = {
    sentence({"Xi", "Jinping", "visited", "New", "York", "."},
             {"B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"}),
    sentence({"Huawei", "sued", "Ann", "in", "Paris", "."},
             {"B-ORG", "O", "B-PER", "O", "B-LOC", "O"}),
    sentence({"Nothing", "here", "."}, {"O", "O", "O"}),
};

}  // namespace

TEST(MentionReplacement, SwapsEntitiesForSameTypeMentionsAndKeepsTheContext) {
    const auto out = tools::augment_mentions(corpus, 3, 7);
    ASSERT_EQ(out.size(), 6u);  // 3 copies of the 2 sentences with entities
    const std::set<std::string> pool = {"PER:Xi Jinping", "PER:Ann", "LOC:New York", "LOC:Paris",
                                        "ORG:Huawei"};
    bool changed = false;
    for (std::size_t k = 0; k < out.size(); ++k) {
        const auto& s = out[k];
        const auto& source = corpus[k % 2];
        ASSERT_EQ(s.tokens.size(), s.tags.size());
        const auto m = mentions(s);
        const auto original = mentions(source);
        ASSERT_EQ(m.size(), original.size());
        for (std::size_t e = 0; e < m.size(); ++e) {
            EXPECT_TRUE(pool.count(m[e])) << m[e];
            EXPECT_EQ(m[e].substr(0, 4), original[e].substr(0, 4));  // same type
            changed = changed || m[e] != original[e];
        }
        // The words outside entities are the source sentence's, in order.
        std::vector<std::string> context, source_context;
        for (std::size_t i = 0; i < s.tokens.size(); ++i)
            if (s.tags[i] == "O") context.push_back(s.tokens[i]);
        for (std::size_t i = 0; i < source.tokens.size(); ++i)
            if (source.tags[i] == "O") source_context.push_back(source.tokens[i]);
        EXPECT_EQ(context, source_context);
    }
    EXPECT_TRUE(changed);
}

TEST(MentionReplacement, NeverPutsBackTheMentionItReplaces) {
    // One PER in each sentence: every copy must carry the other sentence's name.
    const std::vector<tools::LabeledSentence> two = {
        sentence({"Ann", "spoke", "."}, {"B-PER", "O", "O"}),
        sentence({"Bob", "Lee", "left", "."}, {"B-PER", "I-PER", "O", "O"}),
    };
    const auto out = tools::augment_mentions(two, 20, 3);
    ASSERT_EQ(out.size(), 40u);
    for (std::size_t k = 0; k < out.size(); k += 2) {
        EXPECT_EQ(mentions(out[k]), std::vector<std::string>{"PER:Bob Lee"});
        EXPECT_EQ(mentions(out[k + 1]), std::vector<std::string>{"PER:Ann"});
    }
}

TEST(MentionReplacement, IsReproducibleForASeedAndEmptyForNoCopies) {
    const auto a = tools::augment_mentions(corpus, 2, 11);
    const auto b = tools::augment_mentions(corpus, 2, 11);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        EXPECT_EQ(a[k].tokens, b[k].tokens);
        EXPECT_EQ(a[k].tags, b[k].tags);
    }
    EXPECT_TRUE(tools::augment_mentions(corpus, 0, 11).empty());
}
