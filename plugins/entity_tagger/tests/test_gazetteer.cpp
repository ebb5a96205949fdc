// Gazetteer phrase matching.
#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "gazetteer.hpp"
#include "hashing.hpp"

namespace et = entity_tagger;

namespace {

std::vector<et::GazMask> match(const et::Gazetteer& g,
                               const std::vector<std::string_view>& tokens) {
    std::vector<std::uint64_t> hashes;
    for (auto t : tokens) hashes.push_back(et::hash_bytes(t, true));
    std::vector<et::GazMask> out(tokens.size());
    g.match(hashes.data(), hashes.size(), out.data());
    return out;
}

constexpr auto city = et::gaz_bit(et::GazCategory::city);
constexpr auto region = et::gaz_bit(et::GazCategory::region);

}  // namespace

TEST(Gazetteer, MatchesCaseInsensitivelyAndMarksBeginAndInside) {
    et::Gazetteer g;
    g.add("New York City", city);
    const auto m = match(g, {"in", "new", "YORK", "City", "now"});
    EXPECT_EQ(m[0], 0u);
    EXPECT_EQ(et::gaz_begin_mask(m[1]), city);
    EXPECT_EQ(et::gaz_inside_mask(m[2]), city);
    EXPECT_EQ(et::gaz_inside_mask(m[3]), city);
    EXPECT_EQ(m[4], 0u);
}

TEST(Gazetteer, PrefersTheLongestMatchAndKeepsCategoriesApart) {
    et::Gazetteer g;
    g.add("York", city);
    g.add("New York", region);
    g.add("New York City", city);
    const auto m = match(g, {"New", "York", "City"});
    EXPECT_EQ(et::gaz_begin_mask(m[0]), city | region);
    EXPECT_EQ(et::gaz_begin_mask(m[1]), 0u);  // "York" is inside the longer city match
    EXPECT_EQ(et::gaz_inside_mask(m[1]), city | region);
}

TEST(Gazetteer, APrefixAloneIsNotAMatch) {
    et::Gazetteer g;
    g.add("Hong Kong", city);
    EXPECT_EQ(g.lookup_text("Hong"), 0u);
    EXPECT_EQ(g.lookup_text("hong kong"), city);
    const auto m = match(g, {"Hong", "Wei"});
    EXPECT_EQ(m[0], 0u);
}

TEST(Gazetteer, RawEntriesRoundTrip) {
    et::Gazetteer g;
    g.add("Geneva", city);
    g.add("Bavaria", region);
    et::Gazetteer copy;
    for (const auto& [k, v] : g.entries()) copy.insert_raw(k, v);
    EXPECT_EQ(copy.lookup_text("geneva"), city);
    EXPECT_EQ(copy.lookup_text("Bavaria"), region);
    EXPECT_EQ(copy.size(), g.size());
}
