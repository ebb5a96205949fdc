// The HTML report as a browser sees it: headless Chromium renders the seed's report to a
// screenshot that is not blank and shows the marks, and builds a DOM in which repairs (with
// their original wording), entities and the summary are marked. Chromium is required: CI
// installs it (scripts/packages/exporter.txt), so its absence is a failure, not a skip.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>

#include "chromium.hpp"
#include "format.hpp"
#include "seed_document.hpp"
#include "test_support.hpp"

namespace docpipe::exporter {
namespace {

using testing::TempDir;

std::string render_html(const Document& doc) {
    return render_in_memory(*find_format("html"), {&doc}).main;
}

std::size_t count(const std::string& haystack, const std::regex& re) {
    return static_cast<std::size_t>(std::distance(
        std::sregex_iterator(haystack.begin(), haystack.end(), re), std::sregex_iterator()));
}

class Chromium : public ::testing::Test {
protected:
    void SetUp() override {
        chromium_ = testing::find_chromium();
        ASSERT_FALSE(chromium_.empty())
            << "chromium not found on PATH (set EXPORTER_CHROMIUM to its binary); install the "
               "Debian package `chromium` (scripts/install-deps.sh does)";
    }
    std::filesystem::path write_page(const std::string& name, const std::string& html) {
        const auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << html;
        return path;
    }

    std::string chromium_;
    TempDir dir_;
};

TEST_F(Chromium, SeedReportScreenshotIsNotBlankAndShowsTheMarks) {
    const auto page = write_page("seed.html", render_html(testing::seed_document()));
    const auto shot = dir_ / "seed.png";
    testing::run_chromium(chromium_, page, dir_.path(),
                          {"--window-size=1280,1600", "--screenshot=" + shot.string()});
    const testing::Image image = testing::read_png(shot);
    ASSERT_EQ(image.width, 1280u);
    ASSERT_GT(image.height, 0u);

    // Count pixels by colour: a blank page is one colour; the report has text in many shades
    // and the flat fills of the summary box and of the repair marks.
    std::map<unsigned, std::size_t> colours;
    for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3) {
        ++colours[(image.rgb[i] << 16) | (image.rgb[i + 1] << 8) | image.rgb[i + 2]];
    }
    const std::size_t pixels = image.rgb.size() / 3;
    const unsigned paper = (image.rgb[0] << 16) | (image.rgb[1] << 8) | image.rgb[2];
    EXPECT_EQ(paper, 0xfbfaf7u) << "the page background";
    EXPECT_LT(colours[paper], pixels * 95 / 100) << "the screenshot is (almost) blank";
    EXPECT_GT(colours.size(), 50u);
    EXPECT_GT(colours[0xfff4cc], 20000u) << "summary box and summary sentences";
    EXPECT_GT(colours[0xe6f4ea], 500u) << "repair marks";
}

TEST_F(Chromium, SeedReportDomMarksRepairsEntitiesAndSummary) {
    const Document doc = testing::seed_document();
    const auto page = write_page("seed.html", render_html(doc));
    const std::string dom = testing::run_chromium(chromium_, page, dir_.path(), {"--dump-dom"});
    ASSERT_NE(dom.find("<body>"), std::string::npos) << dom.substr(0, 500);

    // Each repair: a marked span whose <del> holds the original wording, then the new text.
    const std::regex repair(
        R"re(<span class="repair" tabindex="0"><del>cellphone name</del><ins>phone call</ins></span>)re");
    EXPECT_EQ(count(dom, repair), 3u);
    EXPECT_EQ(count(dom, std::regex(R"(<span class="repair")")), doc.find_layer("repairs")->size());
    // Entities, typed.
    EXPECT_EQ(count(dom, std::regex(R"(<mark class="entity t\d+" data-type="[A-Z]+")")),
              doc.find_layer("entities")->size());
    EXPECT_NE(dom.find(R"(data-type="PERSON" title="PERSON · 0.95">Donald Trump</mark>)"),
              std::string::npos);
    // The summary at the top and its sentences marked in the text.
    const std::size_t summary = dom.find(R"(<section class="summary">)");
    const std::size_t text = dom.find(R"(<div class="text">)");
    ASSERT_NE(summary, std::string::npos);
    ASSERT_NE(text, std::string::npos);
    EXPECT_LT(summary, text);
    EXPECT_NE(dom.find("<p class=\"summary-text\">On June 5, U.S. President Donald Trump held "
                       "a phone call"),
              std::string::npos);
    EXPECT_EQ(count(dom, std::regex(R"(<span class="in-summary">)")), 3u);
    // The legend names each entity type; the timings panel lists each stage.
    for (const char* type : {"PERSON", "GPE", "NORP", "DATE", "ORG"}) {
        EXPECT_NE(dom.find(std::string("<span class=\"name\">") + type + "</span>"),
                  std::string::npos)
            << type;
    }
    for (const char* stage : {"repair", "entities", "summary"}) {
        EXPECT_NE(dom.find(std::string("<td class=\"stage\">") + stage + "</td>"),
                  std::string::npos)
            << stage;
    }
}

TEST_F(Chromium, HostileTextBuildsNoElementOfItsOwn) {
    Document doc("<img src=x onerror=alert(1)>",
                 "A <script>document.title='pwned'</script> B <img src=x onerror=alert(2)>\n"
                 "<style>body{display:none}</style> C </p></div></article><iframe src=x>");
    doc.layer("entities").push_back({{0, 1}, "<b>X</b>", {}, 1, "t"});
    doc.layer("repairs").push_back(
        {{2, 10}, "repair", {{"original", "</del><script>x</script>"}}, 1, "r"});
    doc.metadata()["summary"] = "<script>alert(3)</script>";
    const auto page = write_page("hostile.html", render_html(doc));
    const std::string dom = testing::run_chromium(chromium_, page, dir_.path(), {"--dump-dom"});
    ASSERT_NE(dom.find("<body>"), std::string::npos);
    for (const char* tag : {"<script", "<img", "<iframe"}) {
        EXPECT_EQ(dom.find(tag), std::string::npos) << tag;
    }
    // One <style>: the exporter's own, in the head.
    EXPECT_EQ(count(dom, std::regex("<style")), 1u);
    const std::string text = dom.substr(dom.find("<div class=\"text\">"), 700);
    EXPECT_NE(text.find("<ins>&lt;script&gt;</ins></span>document.title='pwned'&lt;/script&gt;"),
              std::string::npos)
        << text;
    EXPECT_NE(dom.find("<del>&lt;/del&gt;&lt;script&gt;x&lt;/script&gt;</del>"), std::string::npos);
    EXPECT_NE(dom.find("<title>&lt;img src=x onerror=alert(1)&gt; — docpipe report</title>"),
              std::string::npos);
}

}  // namespace
}  // namespace docpipe::exporter
