// The HTML report is well-formed HTML5 by HTML Tidy's reckoning: no error and no warning, for
// the seed's report and for hostile text. Tidy is required (scripts/packages/exporter.txt).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <vector>

#include "format.hpp"
#include "seed_document.hpp"
#include "test_support.hpp"

namespace docpipe::exporter {
namespace {

// Tidy's exit status (0 clean, 1 warnings, 2 errors) and its messages.
std::pair<int, std::string> run_tidy(const std::vector<const Document*>& docs) {
    testing::TempDir dir;
    std::ofstream(dir / "page.html", std::ios::binary)
        << render_in_memory(*find_format("html"), docs).main;
    const std::string command = "tidy -errors -quiet '" + (dir / "page.html").string() + "' 2>'" +
                                (dir / "messages").string() + "'";
    const int status = std::system(command.c_str());
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return {code, testing::read_file(dir / "messages")};
}

TEST(HtmlTidy, SeedReportHasNoErrorOrWarning) {
    const Document seed = testing::seed_document();
    const auto [code, messages] = run_tidy({&seed});
    ASSERT_NE(code, 127) << "tidy not found: install the Debian package `tidy`";
    EXPECT_EQ(code, 0) << messages;
    EXPECT_EQ(messages, "");
}

TEST(HtmlTidy, HostileReportHasNoErrorOrWarning) {
    Document doc("<b>\"id\"</b>", "A <script>x</script> & <p> \x01\r\n</div>\tB\xE2\x80\xA8.");
    doc.layer("entities").push_back({{0, 1}, "<i>", {}, 1, "t"});
    doc.layer("repairs").push_back({{2, 10}, "repair", {{"original", "</del>\""}}, 1, "r"});
    doc.layer("repairs").push_back({{11, 11}, "repair", {{"original", "<x>"}}, 1, "r"});
    doc.metadata()["summary"] = "</section>";
    const auto [code, messages] = run_tidy({&doc});
    ASSERT_NE(code, 127) << "tidy not found: install the Debian package `tidy`";
    EXPECT_EQ(code, 0) << messages;
}

// A page for several documents, streamed: the list at the end, a late type coloured inline.
TEST(HtmlTidy, APageOfSeveralDocumentsHasNoErrorOrWarning) {
    Document a("a", "Alpha."), b("b", "Beta."), c("c", "Gamma and Delta.");
    a.layer("entities").push_back({{0, 5}, "ORG", {}, 1, "e"});
    c.layer("entities").push_back({{10, 15}, "WIDGET", {}, 1, "e"});
    const Document seed = testing::seed_document();
    const auto [code, messages] = run_tidy({&a, &b, &c, &seed});
    ASSERT_NE(code, 127) << "tidy not found: install the Debian package `tidy`";
    EXPECT_EQ(code, 0) << messages;
    EXPECT_EQ(messages, "");
}

}  // namespace
}  // namespace docpipe::exporter
