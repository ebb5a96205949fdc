// Case preservation: the restored wording takes the capitalisation of the spun words.
#include <gtest/gtest.h>

#include "case_style.hpp"

using namespace synonym_repair;

namespace {
std::string restore(std::string_view spun, std::string_view original) {
    return apply_case(original, detect_case(spun));
}
}  // namespace

TEST(CaseStyle, SentenceCaseCarriesOver) {
    EXPECT_EQ(restore("Commerce battle", "trade war"), "Trade war");
}

TEST(CaseStyle, AllCapsStaysAllCaps) {
    EXPECT_EQ(restore("COMMERCE BATTLE", "trade war"), "TRADE WAR");
}

TEST(CaseStyle, TitleCaseCapitalisesEveryWord) {
    EXPECT_EQ(restore("Commerce Battle", "trade war"), "Trade War");
}

TEST(CaseStyle, LowerCaseKeepsTheDictionarySpelling) {
    EXPECT_EQ(restore("commerce battle", "trade war"), "trade war");
    // Capitals the dictionary writes on purpose survive a lower-case spin.
    EXPECT_EQ(restore("chinese language", "Chinese"), "Chinese");
}

TEST(CaseStyle, SingleCapitalLetterIsNotAllCaps) {
    EXPECT_EQ(detect_case("A"), CaseStyle::sentence);
    EXPECT_EQ(restore("Might 12", "May 12"), "May 12");
}
