// Gazetteer phrase matching.
#include <gtest/gtest.h>

#include <sstream>
#include <string_view>
#include <vector>

#include "gazetteer.hpp"
#include "gazetteer_builder.hpp"
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

TEST(Gazetteer, CategoriesAboveSixteenKeepBeginAndInsideApart) {
    et::Gazetteer g;
    constexpr auto word = et::gaz_bit(et::GazCategory::dictionary_name);
    static_assert(static_cast<std::uint32_t>(et::GazCategory::dictionary_name) >= 16);
    g.add("Santa Barbara", word);
    const auto m = match(g, {"Santa", "Barbara"});
    EXPECT_EQ(et::gaz_begin_mask(m[0]), word);
    EXPECT_EQ(et::gaz_inside_mask(m[0]), 0u);
    EXPECT_EQ(et::gaz_begin_mask(m[1]), 0u);
    EXPECT_EQ(et::gaz_inside_mask(m[1]), word);
}

// A few lines in WordNet 3.0's data.noun format (real layout; offsets, pointers and glosses
// made up for the test): an organisation two hypernyms below organization.n.01, a person and a
// place (instances), a facility, a lower-case common noun and a group that is no organisation;
// the index lists the common nouns' senses.
TEST(GazetteerBuilder, SortsWordNetNounsByLexicographerFileAndHypernyms) {
    std::istringstream data_noun(
        "  1 This software and database is being provided to you, the LICENSEE, by\n"
        "08008335 14 n 02 organization 0 organisation 0 001 @ 07950920 n 0000 | a group\n"
        "08164585 14 n 01 political_unit 0 001 @ 08008335 n 0000 | a unit with government\n"
        "08294696 14 n 02 United_Nations 0 UN 0 001 @i 08164585 n 0000 | an organization\n"
        "10594147 18 n 02 Einstein 0 Albert_Einstein 0 001 @i 10433164 n 0000 | physicist\n"
        "09039411 15 n 01 Zurich 0 001 @i 08524735 n 0000 | a city in Switzerland\n"
        "03266906 06 n 01 Eiffel_Tower 0 001 @i 04460130 n 0000 | a wrought iron tower\n"
        "02084071 05 n 01 dog 0 001 @ 02083346 n 0000 | a domesticated animal\n"
        "07974025 14 n 01 Navaho 0 001 @ 07967982 n 0000 | a people\n");
    std::istringstream index_noun(
        "  1 This software and database is being provided to you, the LICENSEE, by\n"
        "dog n 1 1 @ 1 1 02084071\n"
        "organization n 1 1 @ 1 1 08008335\n"
        "political_unit n 1 1 @ 1 1 08164585\n"
        "einstein n 1 1 @ 1 1 10594147\n"  // the index is lower case: still a name
        "zurich n 1 1 @ 1 1 09039411\n");
    et::Gazetteer g;
    et::tools::add_wordnet_names(g, data_noun, index_noun);
    EXPECT_EQ(g.lookup_text("United Nations"), et::gaz_bit(et::GazCategory::known_organisation));
    EXPECT_EQ(g.lookup_text("UN"), et::gaz_bit(et::GazCategory::known_organisation));
    EXPECT_EQ(g.lookup_text("Albert Einstein"), et::gaz_bit(et::GazCategory::known_person));
    EXPECT_EQ(g.lookup_text("einstein"), et::gaz_bit(et::GazCategory::known_person));
    EXPECT_EQ(g.lookup_text("Zurich"), et::gaz_bit(et::GazCategory::known_place));
    EXPECT_EQ(g.lookup_text("Eiffel Tower"), et::gaz_bit(et::GazCategory::known_facility));
    EXPECT_EQ(g.lookup_text("Navaho"), 0u);  // a people, not an organisation
    // Common nouns are classed by their first sense.
    EXPECT_EQ(g.lookup_text("dog"), 0u);
    EXPECT_EQ(g.lookup_text("organization"), et::gaz_bit(et::GazCategory::organisation_noun));
    EXPECT_EQ(g.lookup_text("political unit"), et::gaz_bit(et::GazCategory::organisation_noun));
}

TEST(GazetteerBuilder, WordListSplitsOrdinaryWordsFromNames) {
    std::istringstream words("party\nBoston\nBoston's\nparty's\nbank\r\n\n");
    et::Gazetteer g;
    et::tools::add_word_list(g, words);
    EXPECT_EQ(g.lookup_text("party"), et::gaz_bit(et::GazCategory::common_word));
    EXPECT_EQ(g.lookup_text("bank"), et::gaz_bit(et::GazCategory::common_word));
    EXPECT_EQ(g.lookup_text("Boston"), et::gaz_bit(et::GazCategory::dictionary_name));
    EXPECT_EQ(g.lookup_text("Boston's"), 0u);  // possessives are skipped
    EXPECT_EQ(g.size(), 3u);
}
