// Feature extraction: token analysis, window features and gazetteer features.
#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "features.hpp"
#include "hashing.hpp"

namespace et = entity_tagger;

namespace {

std::vector<std::uint64_t> features_of(const std::vector<std::string_view>& tokens, std::size_t i,
                                       const et::Gazetteer& gaz = {}) {
    et::FeatureBuffer buffer;
    et::extract_features(tokens.data(), tokens.size(), gaz, buffer);
    return {buffer.begin_of(i), buffer.end_of(i)};
}

bool has(const std::vector<std::uint64_t>& ids, std::uint64_t id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST(TokenAnalysis, ShapeDistinguishesCapitalisationAndCollapsesRepeats) {
    EXPECT_EQ(et::analyze_token("Beijing").shape, et::analyze_token("Geneva").shape);
    EXPECT_NE(et::analyze_token("Beijing").shape, et::analyze_token("beijing").shape);
    EXPECT_NE(et::analyze_token("U.S.").shape, et::analyze_token("US").shape);
    EXPECT_EQ(et::analyze_token("1990").shape, et::analyze_token("2025").shape);
}

TEST(TokenAnalysis, FlagsDescribeTheToken) {
    const auto us = et::analyze_token("U.S.");
    EXPECT_TRUE(us.flags & et::flag_init_cap);
    EXPECT_TRUE(us.flags & et::flag_all_caps);
    EXPECT_TRUE(us.flags & et::flag_has_period);
    EXPECT_FALSE(us.flags & et::flag_has_lower);
    const auto num = et::analyze_token("1,000");
    EXPECT_TRUE(num.flags & et::flag_has_digit);
    EXPECT_FALSE(num.flags & et::flag_punct);
    EXPECT_TRUE(et::analyze_token("—").flags & et::flag_punct);
    EXPECT_TRUE(et::analyze_token("Élysée").flags & et::flag_init_cap);
}

TEST(TokenAnalysis, LowerHashIsCaseInsensitiveAndExactIsNot) {
    EXPECT_EQ(et::analyze_token("China").lower, et::analyze_token("CHINA").lower);
    EXPECT_NE(et::analyze_token("China").exact, et::analyze_token("CHINA").exact);
}

TEST(TokenAnalysis, AffixesAreLowerCasedPrefixesAndSuffixes) {
    const auto a = et::analyze_token("Jinping");
    EXPECT_EQ(a.prefix[1], et::hash_bytes("ji", true));
    EXPECT_EQ(a.suffix[2], et::hash_bytes("ing", true));
    EXPECT_EQ(et::analyze_token("a").prefix[0], 0u);  // no affixes of a whole one-byte token
}

TEST(FeatureExtraction, WindowFeaturesSeeTheNeighbours) {
    const std::vector<std::string_view> a = {"President", "Xi", "said"};
    const std::vector<std::string_view> b = {"Minister", "Xi", "said"};
    const auto fa = features_of(a, 1), fb = features_of(b, 1);
    const auto president = et::feature_id(et::t_word_prev, et::hash_bytes("president", true));
    EXPECT_TRUE(has(fa, president));
    EXPECT_FALSE(has(fb, president));
    EXPECT_TRUE(has(fa, et::feature_id(et::t_word, et::hash_bytes("xi", true))));
    EXPECT_TRUE(has(fa, et::feature_id(et::t_bias, 0)));
}

TEST(FeatureExtraction, SentenceBoundariesHaveTheirOwnValues) {
    const std::vector<std::string_view> one = {"Geneva"};
    const auto f = features_of(one, 0);
    EXPECT_FALSE(has(f, et::feature_id(et::t_word_prev, et::hash_bytes("geneva", true))));
    EXPECT_EQ(f.size(), features_of(one, 0).size());  // deterministic
}

TEST(FeatureExtraction, GazetteerMembershipBecomesFeatures) {
    et::Gazetteer gaz;
    gaz.add("Geneva", et::gaz_bit(et::GazCategory::city));
    const std::vector<std::string_view> tokens = {"in", "Geneva", "today"};
    const auto city = static_cast<std::uint64_t>(et::GazCategory::city);
    EXPECT_TRUE(has(features_of(tokens, 1, gaz), et::feature_id(et::t_gaz, city)));
    EXPECT_FALSE(has(features_of(tokens, 1), et::feature_id(et::t_gaz, city)));
    // The neighbours know about it too.
    EXPECT_TRUE(has(features_of(tokens, 2, gaz), et::feature_id(et::t_gaz_prev, city * 2 + 0)));
}

TEST(FeatureExtraction, CapitalisedRunPositionIsAFeature) {
    const std::vector<std::string_view> tokens = {"met", "Xi", "Jinping", "today"};
    et::FeatureBuffer buffer;
    et::extract_features(tokens.data(), tokens.size(), {}, buffer);
    // begin of a run of two, end of a run of two: different cap_run values
    const std::vector<std::uint64_t> xi(buffer.begin_of(1), buffer.end_of(1));
    const std::vector<std::uint64_t> jinping(buffer.begin_of(2), buffer.end_of(2));
    EXPECT_TRUE(has(xi, et::feature_id(et::t_cap_run, 4 + 1 * 8 + 2)));
    EXPECT_TRUE(has(jinping, et::feature_id(et::t_cap_run, 4 + 2 * 8 + 2)));
}
