// The HTML report's structure: nesting of overlapping marks, repairs' original wording,
// deletions, paragraphs and headings, several documents on one page.
#include <gtest/gtest.h>

#include <regex>

#include "format.hpp"

namespace docpipe::exporter {
namespace {

std::string render_html(const std::vector<Document>& docs) {
    std::vector<const Document*> all;
    for (const auto& d : docs) all.push_back(&d);
    return render_in_memory(*find_format("html"), all).main;
}

std::string text_part(const std::string& html) {
    const std::size_t b = html.find("<div class=\"text\">");
    const std::size_t e = html.find("</div>", b);
    return html.substr(b, e - b);
}

// Tags open and close in stack order.
void expect_well_nested(const std::string& html) {
    const std::regex tag(R"(<(/?)([a-z0-9]+)[^>]*>)");
    std::vector<std::string> stack;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), tag);
         it != std::sregex_iterator(); ++it) {
        const std::string name = (*it)[2];
        if (name == "meta") continue;
        if ((*it)[1] == "/") {
            ASSERT_FALSE(stack.empty()) << "stray </" << name << ">";
            ASSERT_EQ(stack.back(), name) << "</" << name << "> closes <" << stack.back() << ">";
            stack.pop_back();
        } else {
            stack.push_back(name);
        }
    }
    EXPECT_TRUE(stack.empty());
}

TEST(Html, OverlappingMarksNestAndARepairShowsItsOriginalOnce) {
    Document doc("d", "President Xi Jinping spoke.");
    // The entity "Xi Jinping" overlaps the end of the repair "President Xi".
    doc.layer("repairs").push_back({{0, 12}, "repair", {{"original", "Presidente Xi"}}, 1, "r"});
    doc.layer("entities").push_back({{10, 20}, "PERSON", {}, 1, "e"});
    doc.layer("summary").push_back({{0, 27}, "sentence", {}, 1, "s"});
    const std::string html = render_html({doc});
    expect_well_nested(html);
    const std::string text = text_part(html);
    // The entity, innermost, is cut at the repair's end; the repair stays whole.
    EXPECT_EQ(text,
              "<div class=\"text\">\n<p><span class=\"in-summary\"><span class=\"repair\" "
              "tabindex=\"0\"><del>Presidente Xi</del><ins>President <mark class=\"entity t0\" "
              "data-type=\"PERSON\" title=\"PERSON · 1.00\">Xi</mark></ins></span><mark "
              "class=\"entity t0\" data-type=\"PERSON\" title=\"PERSON · 1.00\"> "
              "Jinping</mark> spoke.</span></p>\n");
}

TEST(Html, ARepairCutByAnOuterMarkShowsItsOriginalOnce) {
    Document doc("d", "one two three four");
    // A summary sentence (outermost) ends inside the repair "three four".
    doc.layer("summary").push_back({{0, 13}, "sentence", {}, 1, "s"});
    doc.layer("repairs").push_back({{8, 18}, "repair", {{"original", "tres cuatro"}}, 1, "r"});
    const std::string html = render_html({doc});
    expect_well_nested(html);
    const std::string text = text_part(html);
    EXPECT_NE(text.find("<span class=\"in-summary\">one two <span class=\"repair\" "
                        "tabindex=\"0\"><del>tres cuatro</del><ins>three</ins></span></span><span "
                        "class=\"repair\" tabindex=\"0\"><ins> four</ins></span>"),
              std::string::npos)
        << text;
}

TEST(Html, DeletionRepairLeavesAMarkerWithTheOriginal) {
    Document doc("d", "It was very good.");
    doc.layer("repairs").push_back({{7, 7}, "repair", {{"original", "really "}}, 1, "r"});
    const std::string text = text_part(render_html({doc}));
    EXPECT_NE(text.find("It was <span class=\"repair deletion\" tabindex=\"0\"><del>really "
                        "</del></span>very good."),
              std::string::npos)
        << text;
}

TEST(Html, LinesBecomeParagraphsAndShortUnpunctuatedLinesHeadings) {
    Document doc("d", "First paragraph.\r\n\nA Short Heading\nSecond paragraph.\nLast line");
    const std::string text = text_part(render_html({doc}));
    EXPECT_NE(text.find("<p>First paragraph.</p>\n<h3 class=\"subhead\">A Short Heading</h3>\n"
                        "<p>Second paragraph.</p>\n<p>Last line</p>"),
              std::string::npos)
        << text;
}

TEST(Html, ShortLinesWithASlashArePhotoCreditsNotHeadings) {
    Document doc("d", "Paragraph one.\nJane Doe/AFP via Getty Images\nParagraph two.");
    const std::string text = text_part(render_html({doc}));
    EXPECT_NE(text.find("<p class=\"credit\">Jane Doe/AFP via Getty Images</p>"), std::string::npos)
        << text;
}

TEST(Html, SeveralDocumentsShareOnePageWithANavigation) {
    Document a("a", "Alpha."), b("b", "Beta.");
    a.layer("entities").push_back({{0, 5}, "ORG", {}, 1, "e"});
    b.layer("entities").push_back({{0, 4}, "ORG", {}, 1, "e"});
    const std::string html = render_html({a, b});
    expect_well_nested(html);
    // The list of documents is known at the end only: it closes the page, linked from the top.
    EXPECT_NE(html.find("<nav class=\"documents\" id=\"documents\"><h2 class=\"section-title\">2 "
                        "documents</h2><a href=\"#doc-1\">a</a><a href=\"#doc-2\">b</a></nav>"),
              std::string::npos);
    EXPECT_LT(html.find("href=\"#documents\""), html.find("id=\"doc-1\""));
    EXPECT_GT(html.find("<nav class=\"documents\""), html.find("id=\"doc-2\""));
    EXPECT_NE(html.find("<article class=\"document\" id=\"doc-2\">"), std::string::npos);
    EXPECT_NE(html.find("<title>docpipe report</title>"), std::string::npos);
    // One colour class per type for the whole page.
    EXPECT_EQ(html.find("t1"), std::string::npos);
}

// The head is written with the second document: a type first seen later colours its marks
// and its legend entry inline, so the page needs no style rule after its head.
TEST(Html, ATypeFirstSeenAfterTheHeadColoursItselfInline) {
    Document a("a", "Alpha."), b("b", "Beta."), c("c", "Gamma and Delta.");
    a.layer("entities").push_back({{0, 5}, "ORG", {}, 1, "e"});
    b.layer("entities").push_back({{0, 4}, "PERSON", {}, 1, "e"});
    c.layer("entities").push_back({{0, 5}, "ORG", {}, 1, "e"});
    c.layer("entities").push_back({{10, 15}, "WIDGET", {}, 1, "e"});
    const std::string html = render_html({a, b, c});
    expect_well_nested(html);
    const std::size_t head_end = html.find("</head>");
    EXPECT_NE(html.substr(0, head_end).find(".t1 {"), std::string::npos);  // PERSON, in the head
    EXPECT_EQ(html.substr(0, head_end).find(".t2 {"), std::string::npos);  // WIDGET, not
    EXPECT_NE(html.find("<mark class=\"entity t2 late\" style=\"--ent: #"), std::string::npos);
    EXPECT_NE(html.find("<li class=\"t2 late\" style=\"--ent: #"), std::string::npos);
    EXPECT_NE(html.find("<mark class=\"entity t0\" data-type=\"ORG\""), std::string::npos);
    EXPECT_EQ(html.find("<style", head_end), std::string::npos);
}

TEST(Html, MissingLayersAndMetadataGiveHintsNotGaps) {
    const std::string html = render_html({Document("d", "Just text.")});
    EXPECT_NE(html.find("No summary was produced"), std::string::npos);
    EXPECT_NE(html.find("No entities were tagged."), std::string::npos);
    EXPECT_NE(html.find("record_timings: true"), std::string::npos);
}

}  // namespace
}  // namespace docpipe::exporter
