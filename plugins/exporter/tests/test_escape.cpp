// The escaping helpers, one behaviour at a time.
#include <gtest/gtest.h>

#include "escape.hpp"
#include "output_path.hpp"

namespace docpipe::exporter {
namespace {

TEST(Escape, MakeVisibleShowsControlsAndLineSeparators) {
    EXPECT_EQ(make_visible("a\x01"
                           "b\x1b"
                           "c\x7f",
                           false),
              "a␁b␛c␡");
    EXPECT_EQ(make_visible("x\xC2\x85y\xE2\x80\xA8z\xE2\x80\xA9", false), "x␤y␤z␤");
    EXPECT_EQ(make_visible("c1:\xC2\x9B", false), "c1:\xEF\xBF\xBD");  // CSI -> U+FFFD
    EXPECT_EQ(make_visible("t\tn\nr\r", false), "t␉n␊r␍");
    EXPECT_EQ(make_visible("t\tn\nr\r", true), "t\tn\nr\r");
    EXPECT_EQ(make_visible("plain — café", false), "plain — café");
}

TEST(Escape, HtmlEscapesMarkupCharactersAndQuotes) {
    EXPECT_EQ(html_escape(R"(<a href="x" onclick='y'>&amp;</a>)"),
              "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    EXPECT_EQ(html_escape("bell\x07"), "bell␇");
    EXPECT_EQ(html_escape("keeps\nlines"), "keeps\nlines");
}

TEST(Escape, MarkdownEscapesInlineSyntax) {
    EXPECT_EQ(markdown_escape("*b* _i_ `c` [l](u) ![i](u) a|b ~s~"),
              "\\*b\\* \\_i\\_ \\`c\\` \\[l\\](u) \\!\\[i\\](u) a\\|b \\~s\\~");
    EXPECT_EQ(markdown_escape("<b>&copy;</b>"), "&lt;b&gt;&amp;copy;&lt;/b&gt;");
    EXPECT_EQ(markdown_escape("back\\slash"), "back\\\\slash");
}

TEST(Escape, MarkdownEscapesBlockStartersOnlyAtTheStart) {
    EXPECT_EQ(markdown_escape("# title"), "\\# title");
    EXPECT_EQ(markdown_escape("- item"), "\\- item");
    EXPECT_EQ(markdown_escape("+ item"), "\\+ item");
    EXPECT_EQ(markdown_escape("=== rule"), "\\=== rule");
    EXPECT_EQ(markdown_escape("2025. year"), "2025\\. year");
    EXPECT_EQ(markdown_escape("3) three"), "3\\) three");
    EXPECT_EQ(markdown_escape("a - b. 3) c"), "a - b. 3) c");
    EXPECT_EQ(markdown_escape("> quote"), "&gt; quote");
}

TEST(Escape, MarkdownKeepsEverythingOnOneLine) {
    EXPECT_EQ(markdown_escape("a\nb\r\nc\td"), "a b  c d");
    EXPECT_EQ(markdown_escape("    indented"), "indented");
    EXPECT_EQ(markdown_escape("\n# after newline"), "\\# after newline");
}

TEST(Escape, SafeLabelKeepsTagCharacters) {
    EXPECT_EQ(safe_label("PERSON", "X"), "PERSON");
    EXPECT_EQ(safe_label("B-ORG.sub_1", "X"), "B-ORG.sub_1");
    EXPECT_EQ(safe_label("a b\tc\nd", "X"), "a_b_c_d");
    EXPECT_EQ(safe_label("Straße", "X"), "Stra_e");
    EXPECT_EQ(safe_label("", "ENTITY"), "ENTITY");
}

TEST(OutputPathTemplate, ResolvesIdAndExtension) {
    const OutputPath p("out/{id}/{id}.{ext}");
    EXPECT_TRUE(p.per_document());
    EXPECT_EQ(p.resolve("a/b", "json"), "out/a_b/a_b.json");
    EXPECT_FALSE(OutputPath("report.{ext}").per_document());
    EXPECT_EQ(OutputPath("report.{ext}").resolve("ignored", "html"), "report.html");
    EXPECT_TRUE(OutputPath("-").is_stdout());
    EXPECT_THROW(OutputPath(""), std::invalid_argument);
    EXPECT_THROW(OutputPath("out/{ID}.json"), std::invalid_argument);
}

TEST(OutputPathTemplate, WithExtensionReplacesTheLastOne) {
    EXPECT_EQ(with_extension("out/a.ann", "txt"), "out/a.txt");
    EXPECT_EQ(with_extension("out/a.b.html", "json"), "out/a.b.json");
    EXPECT_EQ(with_extension("out/report", "json"), "out/report.json");
}

}  // namespace
}  // namespace docpipe::exporter
