// Exact rules: dates, times, money, percent, quantities, ordinals, cardinals, NORP, titles.
#include <gtest/gtest.h>

#include <docpipe/text.hpp>
#include <string>
#include <vector>

#include "features.hpp"
#include "rules.hpp"
#include "tagger.hpp"

namespace et = entity_tagger;

namespace {

// The gazetteer parts the rules rely on: titles and demonyms.
const et::Gazetteer& rule_gazetteer() {
    static const et::Gazetteer g = [] {
        et::Gazetteer gaz;
        for (auto t : et::title_phrases()) gaz.add(t, et::gaz_bit(et::GazCategory::title));
        for (const char* d : {"Chinese", "American", "Americans", "North Korean"}) {
            gaz.add(d, et::gaz_bit(et::GazCategory::demonym));
        }
        for (auto w : et::organisation_words()) gaz.add(w, et::gaz_bit(et::GazCategory::org_word));
        return gaz;
    }();
    return g;
}

// "label:text" for every rule match of `text`.
std::vector<std::string> rules_of(const std::string& text) {
    const auto tokens = docpipe::text::tokenize(text);
    std::vector<std::string_view> views;
    for (const auto& t : tokens) views.push_back(docpipe::text::view(text, t.span));
    et::FeatureBuffer buffer;
    et::extract_features(views.data(), views.size(), rule_gazetteer(), buffer);
    std::vector<et::RuleMatch> matches;
    et::find_rule_entities(views.data(), buffer.tokens.data(), buffer.gazetteer.data(),
                           views.size(), matches);
    std::vector<std::string> out;
    for (const auto& m : matches) {
        const auto begin = tokens[m.first].span.begin, end = tokens[m.last - 1].span.end;
        out.push_back(std::string(m.label) + ":" + text.substr(begin, end - begin));
    }
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST(Rules, Dates) {
    EXPECT_EQ(rules_of("On June 5, the leaders spoke."), Strings{"DATE:June 5"});
    EXPECT_EQ(rules_of("It began on May 12, 2025 in Geneva."), Strings{"DATE:May 12, 2025"});
    EXPECT_EQ(rules_of("They met on 5 June 2024."), Strings{"DATE:5 June 2024"});
    EXPECT_EQ(rules_of("Talks resumed on Monday, March 3."), Strings{"DATE:Monday, March 3"});
    EXPECT_EQ(rules_of("We may 12 times say it."), Strings{"CARDINAL:12"});
    EXPECT_EQ(rules_of("It grew in 2025 and last year."), (Strings{"DATE:2025", "DATE:last year"}));
    EXPECT_EQ(rules_of("a 90-day truce"), Strings{"DATE:90-day"});
    EXPECT_EQ(rules_of("in the 1990s"), Strings{"DATE:the 1990s"});
}

TEST(Rules, SpunMayIsADateOnlyBeforeADay) {
    EXPECT_EQ(rules_of("reached a truce in Geneva on Might 12, negotiations"),
              Strings{"DATE:Might 12"});
    EXPECT_TRUE(rules_of("Might this work?").empty());
    EXPECT_TRUE(rules_of("We might 12 go.").size() == 1);  // lower-case "might": only the number
}

TEST(Rules, TimesMoneyPercentQuantity) {
    EXPECT_EQ(rules_of("at 10:30 a.m. ET"), Strings{"TIME:10:30 a.m. ET"});
    EXPECT_EQ(rules_of("at 3 p.m. sharp"), Strings{"TIME:3 p.m."});
    EXPECT_EQ(rules_of("cost $3.5 billion"), Strings{"MONEY:$3.5 billion"});
    EXPECT_EQ(rules_of("paid 40 million euros"), Strings{"MONEY:40 million euros"});
    EXPECT_EQ(rules_of("rose 5% and 2.5 percent"), (Strings{"PERCENT:5%", "PERCENT:2.5 percent"}));
    EXPECT_EQ(rules_of("a 30 km walk"), Strings{"QUANTITY:30 km"});
}

TEST(Rules, OrdinalsAndCardinals) {
    EXPECT_EQ(rules_of("his second term and the 21st century"),
              (Strings{"ORDINAL:second", "ORDINAL:21st"}));
    EXPECT_EQ(rules_of("wait a second"), Strings{});
    EXPECT_EQ(rules_of("the 2 leaders and three million people"),
              (Strings{"CARDINAL:2", "CARDINAL:three million"}));
}

TEST(Rules, NationalitiesAndGroups) {
    EXPECT_EQ(rules_of("Chinese language President said"), Strings{"NORP:Chinese"});
    EXPECT_EQ(rules_of("North Korean and American officials"),
              (Strings{"NORP:North Korean", "NORP:American"}));
    EXPECT_EQ(rules_of("Republicans and Democrats voted"),
              (Strings{"NORP:Republicans", "NORP:Democrats"}));
    EXPECT_TRUE(rules_of("chinese food").empty());  // lower case: not a reliable demonym
}

TEST(Rules, TitlesIntroducePeople) {
    EXPECT_EQ(rules_of("Chinese language President Xi Jinping said"),
              (Strings{"NORP:Chinese", "PERSON:Xi Jinping"}));
    EXPECT_EQ(rules_of("I like President XI of China"), Strings{"PERSON:XI"});
    EXPECT_EQ(rules_of("as Prime Minister Keir Starmer said"), Strings{"PERSON:Keir Starmer"});
    EXPECT_EQ(rules_of("Sen. Elizabeth Warren"), Strings{"PERSON:Elizabeth Warren"});
    EXPECT_TRUE(rules_of("the president said").empty());
    EXPECT_TRUE(rules_of("President Trump’s order").size() == 1);
    EXPECT_EQ(rules_of("President Trump’s order"), Strings{"PERSON:Trump"});
    // an organisation after a title is not a person
    EXPECT_TRUE(rules_of("Chairman Committee").empty());
    EXPECT_EQ(rules_of("at King Abdullah University now"), Strings{});
}

TEST(Rules, AGazetteerPhraseOfOneKindDecidesTheEntityType) {
    using C = entity_tagger::GazCategory;
    auto bit = [](C c) { return entity_tagger::gaz_bit(c); };
    using entity_tagger::unambiguous_kind;
    EXPECT_EQ(unambiguous_kind(bit(C::known_organisation)), "ORG");  // Alcoholics Anonymous
    EXPECT_EQ(unambiguous_kind(bit(C::company) | bit(C::public_org)), "ORG");  // two org lists
    EXPECT_EQ(unambiguous_kind(bit(C::country)), "GPE");
    EXPECT_EQ(unambiguous_kind(bit(C::known_facility) | bit(C::city)), "GPE");
    EXPECT_EQ(unambiguous_kind(bit(C::known_facility)), "FAC");  // Kremlin
    EXPECT_EQ(unambiguous_kind(bit(C::known_person) | bit(C::surname)), "PERSON");
    // Ambiguous or uncertain: left to the model.
    EXPECT_EQ(unambiguous_kind(bit(C::city) | bit(C::surname)), "");         // Washington
    EXPECT_EQ(unambiguous_kind(bit(C::country) | bit(C::first_name)), "");   // Jordan
    EXPECT_EQ(unambiguous_kind(bit(C::company) | bit(C::common_word)), "");  // Shell
    EXPECT_EQ(unambiguous_kind(bit(C::first_name) | bit(C::surname)), "");   // a name alone
    EXPECT_EQ(unambiguous_kind(bit(C::title)), "");
    EXPECT_EQ(unambiguous_kind(0), "");
}
