// Hostile text comes out inert in every format: no markup, script, link or table cell can be
// injected, and no line-based format gets extra lines or columns.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "docpipe/text.hpp"
#include "format.hpp"
#include "test_support.hpp"

namespace docpipe::exporter {
namespace {

using json = nlohmann::json;

std::string hostile_text() {
    std::string t =
        "Intro <script>alert(\"x\")</script> and <img src=x onerror=alert(1)> by Eve.\n"
        "# Not a heading\n"
        "> not a quote\n"
        "- not a list\n"
        "1. not a list either\n"
        "[a link](javascript:alert(1)) and ![img](http://x/y.png) | a | b |\n"
        "Quotes \" ' ` and &amp; &lt;entity&gt; --> ]]> <!-- <style>body{}</style>\n"
        "Tabs\there\tand\r\nCRLF and a lone CR\rhere.\n"
        "Controls: \x01\x02\x1b[31mred\x1b[0m \x7f bell\x07 form\x0c feed\x0b vtab.\n"
        "Separators: a\xC2\x85"
        "b\xE2\x80\xA8"
        "c\xE2\x80\xA9"
        "d.\n"
        "\tIndented code?\n"
        "    Four spaces.\n"
        "-DOCSTART-\tO\n"
        "T99\tPERSON 0 1\tfake\n";
    t += "Long: ";
    for (int i = 0; i < 20000; ++i) t += "word" + std::to_string(i % 10) + " ";
    t += "end.\n";
    t.push_back('\0');
    t += " after NUL.";
    return t;
}

Document hostile_document() {
    Document doc("<script>alert('id')</script>\"\n\t../x", hostile_text());
    const std::string& t = doc.text();
    auto span_of = [&](std::string_view needle) {
        const std::size_t at = t.find(needle);
        return Span{at, at + needle.size()};
    };
    // Entities over markup-like text, across a tab and a CRLF, with a hostile label.
    doc.layer("entities").push_back({span_of("Eve"), "PER<b>SON\n\"", {{"x", "<i>"}}, 0.5, "t"});
    doc.layer("entities").push_back({span_of("<script>alert(\"x\")</script>"), "MISC", {}, 1, "t"});
    doc.layer("entities").push_back({span_of("Tabs\there\tand\r\nCRLF"), "ORG", {}, 1, "t"});
    doc.layer("entities").push_back({span_of("\x1b[31mred"), "MISC", {}, 1, "t"});
    doc.layer("repairs").push_back(
        {span_of("Quotes"), "repair", {{"original", "<script>x</script>\"\n\t|"}}, 1, "r"});
    doc.layer("repairs").push_back(
        {span_of("a link"), "repair", {{"original", "]] --> \x01"}}, 1, "r"});
    doc.layer("summary").push_back({span_of("# Not a heading"), "sentence", {}, 1, "s"});
    doc.metadata()["summary"] = "</p><script>alert('summary')</script>\n# h\r\n| x |";
    doc.metadata()["title"] = "<title>T</title>\x1b]0;pwned\x07";
    doc.record_stage_time("<b>x</b>", 1.5);  // a stage id is any text
    return doc;
}

Rendered render(const std::string& format, const Document& doc) {
    return render_in_memory(*find_format(format), {&doc});
}

// Bytes that must never appear raw: C0 controls other than tab, LF and CR; DEL; and the
// Unicode line separators.
void expect_no_raw_controls(const std::string& out, bool allow_tab_cr) {
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        const bool layout = c == '\n' || (allow_tab_cr && (c == '\t' || c == '\r'));
        ASSERT_TRUE(c >= 0x20 || layout) << "control byte " << int(c) << " at " << i;
        ASSERT_NE(c, 0x7F) << "DEL at " << i;
        ASSERT_FALSE(c == 0xC2 && i + 1 < out.size() &&
                     static_cast<unsigned char>(out[i + 1]) == 0x85);
        ASSERT_EQ(out.find("\xE2\x80\xA8"), std::string::npos);
        ASSERT_EQ(out.find("\xE2\x80\xA9"), std::string::npos);
    }
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    for (std::size_t nl = s.find('\n'); nl != std::string::npos; nl = s.find('\n', at)) {
        lines.push_back(s.substr(at, nl - at));
        at = nl + 1;
    }
    if (at < s.size()) lines.push_back(s.substr(at));
    return lines;
}

TEST(Hostile, JsonRoundTripsEveryByteAndEscapesControls) {
    const Document doc = hostile_document();
    for (const char* format : {"json", "jsonl"}) {
        const std::string out = render(format, doc).main;
        expect_no_raw_controls(out, false);
        const json j = json::parse(out);
        EXPECT_EQ(j["text"], doc.text()) << format;
        EXPECT_EQ(j["id"], doc.id()) << format;
        EXPECT_EQ(j["metadata"]["summary"], doc.metadata().at("summary")) << format;
        EXPECT_EQ(j["layers"]["repairs"][0]["attributes"]["original"], "<script>x</script>\"\n\t|");
    }
    // JSON Lines: one line per document, whatever the text holds.
    const std::string jsonl = render("jsonl", doc).main;
    EXPECT_EQ(std::count(jsonl.begin(), jsonl.end(), '\n'), 1);
    EXPECT_EQ(jsonl.back(), '\n');
}

TEST(Hostile, TextIsTheDocumentTextUnchanged) {
    const Document doc = hostile_document();
    EXPECT_EQ(render("text", doc).main, doc.text() + "\n");
}

// Every tag in the page is one the exporter writes; no attribute comes from the document.
TEST(Hostile, HtmlHasOnlyItsOwnMarkup) {
    const std::string out = render("html", hostile_document()).main;
    expect_no_raw_controls(out, true);
    const std::set<std::string> allowed = {
        "!DOCTYPE", "html",    "head",   "meta", "title",  "style", "body", "main",  "nav",
        "a",        "article", "header", "p",    "h1",     "h2",    "h3",   "span",  "section",
        "div",      "aside",   "ul",     "li",   "dl",     "dt",    "dd",   "table", "tr",
        "td",       "mark",    "del",    "ins",  "footer", "code"};
    const std::regex tag(R"(<(/?)(!?[A-Za-z0-9]+)([^<>]*)>)");
    std::size_t tags = 0;
    for (auto it = std::sregex_iterator(out.begin(), out.end(), tag); it != std::sregex_iterator();
         ++it) {
        EXPECT_TRUE(allowed.count((*it)[2].str())) << "unexpected tag " << it->str();
        // Attribute values are always double-quoted with no raw quote or angle bracket inside.
        const std::string attrs = (*it)[3];
        EXPECT_TRUE(std::regex_match(attrs, std::regex(R"(( [a-z-]+(="[^"<>]*")?)*\s*)")) ||
                    (*it)[2] == "!DOCTYPE")
            << "attributes " << attrs;
        ++tags;
    }
    EXPECT_GT(tags, 50u);
    // Every '<' and '>' of the page belongs to a tag: none stands alone in text.
    const std::string without_tags = std::regex_replace(out, tag, "");
    EXPECT_EQ(without_tags.find('<'), std::string::npos);
    EXPECT_EQ(without_tags.find('>'), std::string::npos);
    EXPECT_NE(out.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(out.find("default-src 'none'"), std::string::npos);
}

TEST(Hostile, MarkdownEscapesEverythingThatCouldBeMarkup) {
    const std::string out = render("markdown", hostile_document()).main;
    expect_no_raw_controls(out, false);
    EXPECT_EQ(out.find('<'), std::string::npos) << "raw HTML could pass through";
    EXPECT_EQ(out.find('>'), std::string::npos);
    const std::set<std::string> headings = {"# &lt;title&gt;T&lt;/title&gt;␛\\]0;pwned␇",
                                            "## Summary", "## Entities", "## Repairs", "## Text"};
    for (const auto& line : lines_of(out)) {
        if (line.empty()) continue;
        // Only the exporter's own headings and table rows start with block syntax.
        if (line[0] == '#') {
            EXPECT_TRUE(headings.count(line)) << line;
        }
        if (line[0] == '|') {
            const std::regex unescaped_pipe(R"((^|[^\\])\|)");
            const auto pipes =
                std::distance(std::sregex_iterator(line.begin(), line.end(), unescaped_pipe),
                              std::sregex_iterator());
            EXPECT_EQ(pipes, 5) << line;
        }
        EXPECT_NE(line[0], '>') << line;
        EXPECT_NE(line[0], ' ') << line;
        EXPECT_FALSE(line[0] == '-' && line != "---" && line != "|---|---|---|---:|") << line;
        // Every bracket, backtick and asterisk is escaped.
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '[' || line[i] == ']' || line[i] == '`') {
                EXPECT_TRUE(i > 0 && line[i - 1] == '\\') << line;
            }
        }
    }
    EXPECT_NE(out.find("\\[a link\\](javascript:alert(1))"), std::string::npos);
}

TEST(Hostile, ConllHasTwoColumnsOnEveryLine) {
    const Document doc = hostile_document();
    const std::string out = render("conll", doc).main;
    expect_no_raw_controls(out, true);
    const std::regex row(R"([^\t\r\n]+\t(O|[BI]-[A-Za-z0-9_.-]+))");
    std::size_t rows = 0;
    for (const auto& line : lines_of(out)) {
        if (line.empty()) continue;
        EXPECT_TRUE(std::regex_match(line, row)) << line;
        ++rows;
    }
    EXPECT_EQ(rows, text::tokenize(doc.text()).size() + 1);  // + -DOCSTART-
    EXPECT_NE(out.find("Eve\tB-PER_b_SON__"), std::string::npos);
}

TEST(Hostile, BratLinesKeepTheirShapeAndOffsetsPointIntoTheText) {
    const Document doc = hostile_document();
    const Rendered out = render("brat", doc);
    EXPECT_EQ(out.companion, doc.text() + "\n");
    const std::size_t length = utf8::codepoint_count(out.companion, out.companion.size());
    const std::regex text_bound(R"(T\d+\t[A-Za-z0-9_.-]+ (\d+ \d+(;\d+ \d+)*)\t([^\t\r]*))");
    // The .txt as code points, which is how brat slices it.
    std::vector<std::string> chars;
    for (std::size_t i = 0; i < out.companion.size();) {
        std::size_t len = 0;
        utf8::decode(out.companion, i, len);
        chars.push_back(out.companion.substr(i, len));
        i += len;
    }
    const std::regex note(R"(#\d+\tAnnotatorNotes T\d+\t[^\t\r]*)");
    std::size_t entities = 0;
    for (const auto& line : lines_of(out.main)) {
        std::smatch m;
        if (std::regex_match(line, m, text_bound)) {
            ++entities;
            const std::regex pair(R"((\d+) (\d+))");
            const std::string offsets = m[1];
            std::string sliced;
            for (auto it = std::sregex_iterator(offsets.begin(), offsets.end(), pair);
                 it != std::sregex_iterator(); ++it) {
                const std::size_t b = std::stoul((*it)[1]), e = std::stoul((*it)[2]);
                EXPECT_LT(b, e);
                ASSERT_LE(e, length);
                if (!sliced.empty()) sliced += ' ';
                for (std::size_t k = b; k < e; ++k) sliced += chars[k];
            }
            // brat checks that the text column is what the offsets cover.
            EXPECT_EQ(m[3].str(), sliced) << line;
        } else {
            EXPECT_TRUE(std::regex_match(line, note)) << line;
        }
    }
    EXPECT_EQ(entities, 7u);
    // The span across a tab and a CRLF is cut into fragments: "Tabs", "here", "and", "CRLF".
    EXPECT_NE(out.main.find("\tTabs here and CRLF\n"), std::string::npos);
}

TEST(Hostile, InvalidUtf8IsRefusedByEveryFormatNamingTheDocument) {
    for (const auto& format : format_names()) {
        testing::TempDir dir;
        auto stage =
            testing::make_stage({{"format", format}, {"path", (dir / "out/{id}.{ext}").string()}});
        Document doc("latin1-notes", "na\xEFve caf\xE9");
        try {
            stage->process(doc);
            ADD_FAILURE() << format << ": expected an error";
        } catch (const std::runtime_error& e) {
            EXPECT_NE(std::string(e.what()).find("document 'latin1-notes': invalid UTF-8"),
                      std::string::npos)
                << e.what();
        }
        EXPECT_TRUE(testing::list_tree(dir.path()).empty()) << format;
    }
}

}  // namespace
}  // namespace docpipe::exporter
