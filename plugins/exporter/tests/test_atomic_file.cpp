// Atomic writes: the temporary file, the rename, the overwrite policy, permissions.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "atomic_file.hpp"
#include "codepoint_index.hpp"
#include "test_support.hpp"

namespace docpipe::exporter {
namespace {

using testing::list_tree;
using testing::read_file;
using testing::TempDir;

TEST(AtomicFile, TemporaryFileIsHiddenBesideTheTargetUntilCommit) {
    TempDir dir;
    PendingFile file(dir / "out.json");
    file.write("{}");
    EXPECT_EQ(file.temporary().parent_path(), dir.path());
    EXPECT_EQ(file.temporary().filename().string().rfind(".out.json.docpipe-", 0), 0u);
    EXPECT_FALSE(std::filesystem::exists(dir / "out.json"));
    file.commit(Overwrite::replace);
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"out.json"}));
    EXPECT_EQ(read_file(dir / "out.json"), "{}");
}

TEST(AtomicFile, DestroyedWithoutCommitLeavesNothing) {
    TempDir dir;
    {
        PendingFile file(dir / "a/b/out.txt");
        file.write("partial");
    }
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"a", "a/b"}));
}

TEST(AtomicFile, RefusePolicyKeepsTheExistingFileAndCleansUp) {
    TempDir dir;
    std::ofstream(dir / "out.txt") << "old";
    {
        PendingFile file(dir / "out.txt");
        file.write("new");
        EXPECT_THROW(file.commit(Overwrite::refuse), std::runtime_error);
    }
    EXPECT_EQ(read_file(dir / "out.txt"), "old");
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"out.txt"}));
}

TEST(AtomicFile, FilesGetTheUsualPermissionsNotMkstempsPrivateOnes) {
    TempDir dir;
    const mode_t old_mask = ::umask(022);
    write_file_atomically(dir / "out.txt", "x", Overwrite::replace);
    ::umask(old_mask);
    struct stat st {};
    ASSERT_EQ(::stat((dir / "out.txt").c_str(), &st), 0);
    // The umask is read once per process; under the usual 022 the file is 0644.
    if (old_mask == 022) {
        EXPECT_EQ(st.st_mode & 0777, 0644u);
    }
    EXPECT_NE(st.st_mode & 0044, 0u) << "group and others can read, as with any new file";
}

TEST(CodepointIndex, MatchesCountingFromTheStartAtEveryOffset) {
    std::string text;
    for (int i = 0; i < 300; ++i) text += i % 3 == 0 ? "é" : i % 3 == 1 ? "—" : "a";
    text += "😀z";
    const CodepointIndex index(text);
    for (std::size_t b = 0; b <= text.size() + 2; ++b) {
        ASSERT_EQ(index.at(b), utf8::codepoint_count(text, b)) << "byte " << b;
    }
}

}  // namespace
}  // namespace docpipe::exporter
