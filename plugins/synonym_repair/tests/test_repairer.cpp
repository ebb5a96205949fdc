// The repair engine: overlapping candidates, case, numbers, quotes, and false-repair guards
// with the shipped dictionaries and context model.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "repairer.hpp"

using namespace synonym_repair;

namespace {

std::string apply_all(std::string text, const std::vector<Repair>& repairs) {
    for (auto it = repairs.rbegin(); it != repairs.rend(); ++it) {
        text.replace(it->begin, it->end - it->begin, it->replacement);
    }
    return text;
}

Repairer small(std::string_view tsv) {
    PhraseDictionary d;
    d.load_tsv_text(tsv, "test.tsv", "test");
    Repairer r;
    r.add_dictionary(d);
    r.build();
    return r;
}

// The full shipped configuration, loaded once for all tests.
const Repairer& shipped() {
    static const std::unique_ptr<Repairer> r = [] {
        auto rep = std::make_unique<Repairer>();
        for (const char* name : {"news", "scientific"}) {
            PhraseDictionary d;
            d.load_tsv(std::string(SYNONYM_REPAIR_DATA_DIR) + "/" + name + ".tsv", name);
            rep->add_dictionary(d);
        }
        rep->load_head_nouns(std::string(SYNONYM_REPAIR_DATA_DIR) + "/head_nouns.txt");
        ContextModel lm;
        lm.load(std::string(SYNONYM_REPAIR_DATA_DIR) + "/lm");
        rep->set_context_model(std::move(lm));
        rep->build();
        return rep;
    }();
    return *r;
}

std::string repair(const std::string& text, RepairOptions options = {}) {
    return apply_all(text, shipped().find(text, options));
}

}  // namespace

TEST(Repairer, RestoresWithCaseOfTheSpunWords) {
    const Repairer r = small("commerce battle\ttrade war\t0.95\n");
    EXPECT_EQ(apply_all("Commerce battle looms.", r.find("Commerce battle looms.", {})),
              "Trade war looms.");
    EXPECT_EQ(apply_all("A COMMERCE BATTLE!", r.find("A COMMERCE BATTLE!", {})), "A TRADE WAR!");
    EXPECT_EQ(apply_all("the commerce battle", r.find("the commerce battle", {})), "the trade war");
}

TEST(Repairer, OverlappingCandidatesGiveOneNonOverlappingRepair) {
    const Repairer r = small(
        "uncommon earth\trare earth\t0.95\n"
        "earth supplies\tearth materials\t0.6\n"
        "in the future\tone day\t0.1\n"
        "in the future after\tone day after\t0.95\n");
    const std::string text = "uncommon earth supplies came just in the future after the deal";
    const auto repairs = r.find(text, {});
    ASSERT_EQ(repairs.size(), 2u);
    EXPECT_LE(repairs[0].end, repairs[1].begin);
    EXPECT_EQ(repairs[0].spun, "uncommon earth");
    EXPECT_EQ(repairs[1].spun, "in the future after");
    EXPECT_EQ(apply_all(text, repairs), "rare earth supplies came just one day after the deal");
}

TEST(Repairer, NumberPlaceholderCopiesTheNumber) {
    const Repairer r = small("might <num>\tMay <num>\t0.95\nthe 2\tthe two\t0.95\n");
    EXPECT_EQ(apply_all("on Might 12, and the 2 sides", r.find("on Might 12, and the 2 sides", {})),
              "on May 12, and the two sides");
    // A literal number that another phrase spells out still matches <num>.
    EXPECT_EQ(apply_all("on Might 2.", r.find("on Might 2.", {})), "on May 2.");
}

TEST(Repairer, QuotedTextIsLeftAloneUnlessAsked) {
    const Repairer r = small("commerce battle\ttrade war\t0.95\n");
    const std::string text =
        "He said “the commerce battle is over” and the commerce battle went on.";
    const auto repairs = r.find(text, {});
    ASSERT_EQ(repairs.size(), 1u);
    EXPECT_GT(repairs[0].begin, text.find("went") - 20);
    RepairOptions all;
    all.repair_quotes = true;
    EXPECT_EQ(r.find(text, all).size(), 2u);
}

TEST(Repairer, EveryRepairCarriesConfidenceAndSource) {
    const auto repairs = shipped().find(
        "Xi held a cellphone name with the Chinese language "
        "President about the commerce battle.",
        {});
    ASSERT_FALSE(repairs.empty());
    for (const auto& r : repairs) {
        EXPECT_GT(r.confidence, 0.5);
        EXPECT_LE(r.confidence, 1.0);
        EXPECT_EQ(r.source, "news");
    }
}

TEST(Repairer, RestoresSpunNews) {
    EXPECT_EQ(repair("Trump held a cellphone name with Chinese language President Xi Jinping "
                     "about the commerce battle and uncommon earth exports."),
              "Trump held a phone call with Chinese President Xi Jinping about the trade war and "
              "rare earth exports.");
    EXPECT_EQ(repair("As an professional on commerce talks, I reviewed it by way of Getty Photos."),
              "As an expert on trade talks, I reviewed it via Getty Images.");
}

TEST(Repairer, GuardPrimaryElection) {
    const std::string text = "Voters went to the polls in the primary election on Tuesday.";
    EXPECT_EQ(repair(text), text);
}

TEST(Repairer, GuardPrimaryElectionInsideASpunText) {
    // Even where the text around it is spun (which raises every candidate's confidence), the
    // collocation "primary election" keeps "primary".
    const std::string text =
        "The federal authorities introduced a plan, in keeping with a press release from the "
        "White Home. Consultants warn that local weather change will make such storms extra "
        "frequent sooner or later. The primary election is scheduled for June.";
    const std::string out = repair(text);
    EXPECT_NE(out.find("White House"), std::string::npos) << out;
    EXPECT_NE(out.find("climate change"), std::string::npos) << out;
    EXPECT_NE(out.find("The primary election"), std::string::npos) << out;
}

TEST(Repairer, GuardMightIAsk) {
    const std::string text = "Might I ask what the professional staff think of it?";
    EXPECT_EQ(repair(text), text);
}

TEST(Repairer, GuardChineseLanguageHasTones) {
    const std::string text = "Unlike English, the Chinese language has tones.";
    EXPECT_EQ(repair(text), text);
}

TEST(Repairer, GuardCapitalisedNameInMidSentence) {
    // "Commerce" as part of a name is not the spinner's "commerce".
    const std::string text = "She met the Commerce Secretary in Washington.";
    EXPECT_EQ(repair(text), text);
}

TEST(Repairer, MinConfidenceFilters) {
    RepairOptions strict;
    strict.min_confidence = 0.999;
    const std::string text = "the primary since tensions escalated in the commerce battle";
    EXPECT_LT(shipped().find(text, strict).size(), shipped().find(text, {}).size());
}
