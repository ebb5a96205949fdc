// Golden files: every format's output for the seed document (tests/data/golden/). Set
// EXPORTER_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "format.hpp"
#include "seed_document.hpp"
#include "test_support.hpp"

namespace docpipe::exporter {
namespace {

const std::string golden_dir = EXPORTER_TEST_DATA_DIR "/golden";

void compare_with_golden(const std::string& name, const std::string& actual) {
    const std::string path = golden_dir + "/" + name;
    if (std::getenv("EXPORTER_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path, std::ios::binary) << actual;
        GTEST_SKIP() << "rewrote " << path;
    }
    const std::string expected = testing::read_file(path);
    EXPECT_EQ(actual, expected) << "output differs from " << path
                                << " (EXPORTER_UPDATE_GOLDEN=1 rewrites it)";
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, SeedDocumentMatches) {
    const Format* format = find_format(GetParam());
    ASSERT_NE(format, nullptr);
    const Document seed = testing::seed_document();
    const Rendered out = render_in_memory(*format, {&seed});
    // Named by format: brat's companion .txt and the text format share an extension.
    const std::string stem = "seed-" + std::string(format->name) + ".";
    compare_with_golden(stem + std::string(format->extension), out.main);
    if (!format->companion_extension.empty()) {
        compare_with_golden(stem + std::string(format->companion_extension), out.companion);
    }
}

INSTANTIATE_TEST_SUITE_P(EveryFormat, Golden, ::testing::ValuesIn(format_names()),
                         [](const auto& info) { return info.param; });

TEST(Golden, NoStaleGoldenFiles) {
    // Every file in golden/ belongs to a format, so a renamed or removed format cannot leave
    // an expected output nobody checks.
    std::set<std::string> expected;
    for (const auto& f : formats()) {
        const std::string stem = "seed-" + std::string(f.name) + ".";
        expected.insert(stem + std::string(f.extension));
        if (!f.companion_extension.empty()) {
            expected.insert(stem + std::string(f.companion_extension));
        }
    }
    for (const auto& entry : std::filesystem::directory_iterator(golden_dir)) {
        EXPECT_TRUE(expected.count(entry.path().filename().string())) << entry.path();
    }
}

}  // namespace
}  // namespace docpipe::exporter
