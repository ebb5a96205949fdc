// The dictionary loader: accepted lines, and bad lines reported with file and line number.
#include <gtest/gtest.h>

#include <string>

#include "dictionary.hpp"

using namespace synonym_repair;

namespace {
std::string load_error(std::string_view text) {
    PhraseDictionary d;
    try {
        d.load_tsv_text(text, "user.tsv", "user");
    } catch (const DictionaryError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(Dictionary, ParsesEntriesCommentsAndBlankLines) {
    PhraseDictionary d;
    d.load_tsv_text("# comment\n\ncommerce battle\ttrade war\t0.8\r\nCellphone  Name\tphone call\n",
                    "user.tsv", "user");
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d.entries()[0].spun_tokens, (std::vector<std::string>{"commerce", "battle"}));
    EXPECT_EQ(d.entries()[0].original, "trade war");
    EXPECT_DOUBLE_EQ(d.entries()[0].prior, 0.8);
    EXPECT_EQ(d.entries()[0].source, "user");
    // Case and spacing of the spun side do not matter; the prior defaults to 0.9.
    EXPECT_EQ(d.entries()[1].spun_tokens, (std::vector<std::string>{"cellphone", "name"}));
    EXPECT_DOUBLE_EQ(d.entries()[1].prior, 0.9);
}

TEST(Dictionary, NumberPlaceholderIsOneToken) {
    PhraseDictionary d;
    d.load_tsv_text("might <num>\tMay <num>\n", "user.tsv", "user");
    EXPECT_EQ(d.entries()[0].spun_tokens, (std::vector<std::string>{"might", "<num>"}));
}

TEST(Dictionary, SpacesInsteadOfTabNameFileAndLine) {
    const std::string e = load_error("a\tb\n# ok\ncommerce battle    trade war\n");
    EXPECT_NE(e.find("user.tsv:3:"), std::string::npos) << e;
    EXPECT_NE(e.find("TAB"), std::string::npos) << e;
}

TEST(Dictionary, BadPriorNamesFileAndLine) {
    EXPECT_NE(load_error("a\tb\tlots\n").find("user.tsv:1: prior must be a number"),
              std::string::npos);
    EXPECT_NE(load_error("a\tb\t0.5\nc\td\t1.5\n").find("user.tsv:2: prior"), std::string::npos);
    EXPECT_NE(load_error("a\tb\t0\n").find("user.tsv:1:"), std::string::npos);
}

TEST(Dictionary, EmptySidesAreErrors) {
    EXPECT_NE(load_error("x\ty\n\ttrade war\n").find("user.tsv:2: the spun phrase has no words"),
              std::string::npos);
    EXPECT_NE(load_error("commerce\t \n").find("user.tsv:1: the original phrase is empty"),
              std::string::npos);
    EXPECT_NE(load_error("a\tb\tc\td\n").find("user.tsv:1: expected"), std::string::npos);
}

TEST(Dictionary, MissingFileNamesThePath) {
    PhraseDictionary d;
    try {
        d.load_tsv("/nonexistent/dir/words.tsv", "user");
        FAIL() << "no error";
    } catch (const DictionaryError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/words.tsv"), std::string::npos);
    }
}

TEST(Dictionary, ShippedDictionariesLoad) {
    PhraseDictionary news;
    news.load_tsv(std::string(SYNONYM_REPAIR_DATA_DIR) + "/news.tsv", "news");
    EXPECT_GT(news.size(), 2000u);
    PhraseDictionary sci;
    sci.load_tsv(std::string(SYNONYM_REPAIR_DATA_DIR) + "/scientific.tsv", "scientific");
    EXPECT_GT(sci.size(), 5000u);
}

TEST(Dictionary, HeadPlaceholderOnlyAtTheEnd) {
    PhraseDictionary d;
    d.load_tsv_text("chinese language <head>\tChinese\t0.95\n", "user.tsv", "user");
    EXPECT_TRUE(d.entries()[0].head_after);
    EXPECT_EQ(d.entries()[0].spun_tokens, (std::vector<std::string>{"chinese", "language"}));
    EXPECT_NE(load_error("x\ty\n<head> language\tChinese\n").find("user.tsv:2:"),
              std::string::npos);
    EXPECT_NE(load_error("chinese <head> language\tChinese\n").find("user.tsv:1: <head>"),
              std::string::npos);
}
