// Atomic writes: the temporary file, the rename, the overwrite policy, permissions.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <thread>

#include "atomic_file.hpp"
#include "codepoint_index.hpp"
#include "test_support.hpp"

namespace docpipe::exporter {
namespace {

using testing::list_tree;
using testing::read_file;
using testing::TempDir;

TEST(AtomicFile, TemporaryFileHasNoNameUntilCommit) {
    TempDir dir;
    PendingFile file(dir / "out.json");
    file.write("{}");
    EXPECT_TRUE(file.unnamed()) << "this filesystem has O_TMPFILE";
    EXPECT_TRUE(list_tree(dir.path()).empty());
    file.commit(Overwrite::replace);
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"out.json"}));
    EXPECT_EQ(read_file(dir / "out.json"), "{}");
}

// A writer that dies before commit, whatever kills it, leaves nothing in the folder.
TEST(AtomicFile, AWriterKilledBeforeCommitLeavesNothing) {
    TempDir dir;
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        PendingFile file(dir / "out.json");
        file.write("partial");
        ::_exit(0);  // no destructor runs, as with SIGKILL
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(list_tree(dir.path()).empty());
}

// Where unnamed files are not available, the temporary file has a hidden name.
struct NamedTemporaries {
    NamedTemporaries() { use_unnamed_temporaries(false); }
    ~NamedTemporaries() { use_unnamed_temporaries(true); }
};

TEST(AtomicFile, WithoutUnnamedFilesTheTemporaryIsHiddenBesideTheTarget) {
    const NamedTemporaries named;
    TempDir dir;
    PendingFile file(dir / "out.json");
    file.write("{}");
    EXPECT_FALSE(file.unnamed());
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

// The nodes an output path may name that are not regular files: written in place, never
// replaced by a rename (which as root turned /dev/null into a regular file).
TEST(AtomicFile, FifoIsWrittenInPlaceAndItsReaderGetsTheBytes) {
    TempDir dir;
    const auto fifo = dir / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto reader = std::async(std::launch::async, [&] { return read_file(fifo); });
    write_file_atomically(fifo, "through the pipe", Overwrite::replace);
    EXPECT_EQ(reader.get(), "through the pipe");
    struct stat st {};
    ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the FIFO is still a FIFO";
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"pipe"}));
}

TEST(AtomicFile, RefusePolicyDoesNotApplyToAFifo) {
    TempDir dir;
    const auto fifo = dir / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_FALSE(is_existing_file(fifo));
    auto reader = std::async(std::launch::async, [&] { return read_file(fifo); });
    write_file_atomically(fifo, "x", Overwrite::refuse);
    EXPECT_EQ(reader.get(), "x");
}

TEST(AtomicFile, CharacterDeviceStaysADevice) {
    TempDir dir;
    const auto null = dir / "null";
    // Only root may create device nodes; elsewhere the real /dev/null is written (not as a
    // test of its kind: it cannot be replaced without root).
    if (::mknod(null.c_str(), S_IFCHR | 0666, ::makedev(1, 3)) != 0) {
        write_file_atomically("/dev/null", "discarded", Overwrite::replace);
        GTEST_SKIP() << "mknod needs root; wrote /dev/null only";
    }
    write_file_atomically(null, "discarded", Overwrite::replace);
    struct stat st {};
    ASSERT_EQ(::lstat(null.c_str(), &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << "still a character device, not a regular file";
    EXPECT_EQ(st.st_rdev, ::makedev(1, 3));
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"null"}));
}

TEST(AtomicFile, SymlinkIsFollowedAndTheFileItPointsAtIsReplaced) {
    TempDir dir;
    std::filesystem::create_directories(dir / "real");
    std::ofstream(dir / "real/data.txt") << "old";
    std::filesystem::create_symlink("real/data.txt", dir / "link.txt");
    {
        const NamedTemporaries named;
        PendingFile file(dir / "link.txt");
        EXPECT_EQ(file.temporary().parent_path(), dir / "real")
            << "beside the target, not the link";
    }
    PendingFile file(dir / "link.txt");
    file.write("new");
    file.commit(Overwrite::replace);
    EXPECT_EQ(list_tree(dir / "real"), (std::vector<std::string>{"data.txt"}));
    EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.txt"));
    EXPECT_EQ(std::filesystem::read_symlink(dir / "link.txt"), "real/data.txt");
    EXPECT_EQ(read_file(dir / "real/data.txt"), "new");
}

TEST(AtomicFile, DanglingSymlinkCreatesItsTarget) {
    TempDir dir;
    std::filesystem::create_symlink("made.txt", dir / "link.txt");
    write_file_atomically(dir / "link.txt", "made", Overwrite::replace);
    EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.txt"));
    EXPECT_EQ(read_file(dir / "made.txt"), "made");
}

TEST(AtomicFile, SymlinkToAnExistingFileCountsAsExistingForRefuse) {
    TempDir dir;
    std::ofstream(dir / "data.txt") << "old";
    std::filesystem::create_symlink("data.txt", dir / "link.txt");
    EXPECT_TRUE(is_existing_file(dir / "link.txt"));
    EXPECT_THROW(write_file_atomically(dir / "link.txt", "new", Overwrite::refuse),
                 std::runtime_error);
    EXPECT_EQ(read_file(dir / "data.txt"), "old");
}

TEST(AtomicFile, SymlinkLoopAndDirectoryAreClearErrors) {
    TempDir dir;
    std::filesystem::create_symlink("b", dir / "a");
    std::filesystem::create_symlink("a", dir / "b");
    try {
        PendingFile file(dir / "a");
        FAIL() << "a symlink loop was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("too many levels of symbolic links"),
                  std::string::npos)
            << e.what();
    }
    try {
        PendingFile file(dir.path());
        FAIL() << "a directory was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("it is a directory"), std::string::npos) << e.what();
    }
}

TEST(AtomicFile, DescriptorAliasWritesThroughTheOpenDescriptor) {
    TempDir dir;
    // A descriptor open for appending, as `>> log` gives a program: the bytes go after the
    // existing content, and the file is not replaced.
    std::ofstream(dir / "log.txt") << "before\n";
    const int fd = ::open((dir / "log.txt").c_str(), O_WRONLY | O_APPEND);
    ASSERT_GE(fd, 0);
    struct stat before {};
    ASSERT_EQ(::fstat(fd, &before), 0);
    write_file_atomically("/dev/fd/" + std::to_string(fd), "after\n", Overwrite::refuse);
    write_file_atomically("/proc/self/fd/" + std::to_string(fd), "again\n", Overwrite::replace);
    ::close(fd);
    EXPECT_EQ(read_file(dir / "log.txt"), "before\nafter\nagain\n");
    struct stat after {};
    ASSERT_EQ(::stat((dir / "log.txt").c_str(), &after), 0);
    EXPECT_EQ(after.st_ino, before.st_ino);
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"log.txt"}));
}

TEST(AtomicFile, DescriptorAliasesAreRecognised) {
    EXPECT_EQ(descriptor_alias("/dev/stdout"), 1);
    EXPECT_EQ(descriptor_alias("/dev/stderr"), 2);
    EXPECT_EQ(descriptor_alias("/dev/fd/63"), 63);
    EXPECT_EQ(descriptor_alias("/proc/self/fd/7"), 7);
    EXPECT_EQ(descriptor_alias("/proc/" + std::to_string(::getpid()) + "/fd/4"), 4);
    EXPECT_EQ(descriptor_alias("/dev/fd/x"), std::nullopt);
    EXPECT_EQ(descriptor_alias("out/stdout"), std::nullopt);
    EXPECT_EQ(descriptor_alias("/proc/1/fd/4").has_value(), ::getpid() == 1);
}

TEST(AtomicFile, AnotherProcesssDescriptorIsRefusedNotFollowed) {
    const std::string foreign = "/proc/" + std::to_string(::getppid()) + "/fd/1";
    try {
        write_file_atomically(foreign, "x", Overwrite::replace);
        FAIL() << "another process's descriptor was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("is a descriptor of another process"),
                  std::string::npos)
            << e.what();
    }
}

TEST(AtomicFile, ClosedDescriptorIsAClearError) {
    try {
        write_file_atomically("/dev/fd/987", "x", Overwrite::replace);
        FAIL() << "a closed descriptor was accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("descriptor 987 is not open"), std::string::npos)
            << e.what();
    }
}

TEST(AtomicFile, ReplacedFileKeepsItsMode) {
    TempDir dir;
    std::ofstream(dir / "secret.txt") << "old";
    ASSERT_EQ(::chmod((dir / "secret.txt").c_str(), 0600), 0);
    write_file_atomically(dir / "secret.txt", "new", Overwrite::replace);
    struct stat st {};
    ASSERT_EQ(::stat((dir / "secret.txt").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600u);
    EXPECT_EQ(read_file(dir / "secret.txt"), "new");
}

TEST(AtomicFile, ReplacedFileKeepsItsOwner) {
    TempDir dir;
    const auto file = dir / "theirs.txt";
    std::ofstream(file) << "old";
    ASSERT_EQ(::chmod(file.c_str(), 0640), 0);
    // Another owner: as root chown works and the replacement must keep it; as a normal user
    // it cannot be given away, so the file is refused and left alone.
    const uid_t other_uid = 65534;  // nobody
    const gid_t other_gid = 65534;
    const bool can_chown = ::chown(file.c_str(), other_uid, other_gid) == 0;
    if (!can_chown) GTEST_SKIP() << "chown needs root";
    write_file_atomically(file, "new", Overwrite::replace);
    struct stat st {};
    ASSERT_EQ(::stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, other_uid);
    EXPECT_EQ(st.st_gid, other_gid);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    EXPECT_EQ(read_file(file), "new");
}

TEST(AtomicFile, FileWhoseOwnerCannotBeKeptIsRefusedAndLeftAlone) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to act as another user";
    TempDir dir;
    std::filesystem::permissions(dir.path(), std::filesystem::perms::all);  // nobody may write
    const auto file = dir / "roots.txt";
    std::ofstream(file) << "old";
    // A child becomes `nobody`, who may write into the folder but cannot give a file to root.
    const pid_t child = ::fork();
    if (child == 0) {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
        try {
            write_file_atomically(file, "new", Overwrite::replace);
        } catch (const std::runtime_error& e) {
            ::_exit(std::string(e.what()).find("could not keep that owner") != std::string::npos
                        ? 0
                        : 3);
        }
        ::_exit(1);  // replaced: wrong
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "1: replaced, 2: setuid failed, 3: other error";
    EXPECT_EQ(read_file(file), "old");
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"roots.txt"}));
}

TEST(AtomicFile, HardLinkedFileIsReplacedUnderItsNameOnlyAndSaysSo) {
    TempDir dir;
    std::ofstream(dir / "a.txt") << "old";
    std::filesystem::create_hard_link(dir / "a.txt", dir / "b.txt");
    PendingFile file(dir / "a.txt");
    EXPECT_EQ(file.replaced_links(), 2u);
    file.write("new");
    file.commit(Overwrite::replace);
    EXPECT_EQ(read_file(dir / "a.txt"), "new");
    EXPECT_EQ(read_file(dir / "b.txt"), "old");
}

// A pid that no process has: a child that already ended and was reaped.
pid_t dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

void age(const std::filesystem::path& file, std::chrono::minutes by) {
    std::filesystem::last_write_time(file, std::filesystem::file_time_type::clock::now() - by);
}

TEST(AtomicFile, LaterWritesRemoveTemporariesOfWritersThatDied) {
    TempDir dir;
    const pid_t dead = dead_pid();
    const auto stale = dir / (".out.txt.docpipe-" + std::to_string(dead) + "-a1B2c3");
    const auto recent = dir / (".new.txt.docpipe-" + std::to_string(dead) + "-d4E5f6");
    const auto alive = dir / (".mine.txt.docpipe-" + std::to_string(::getpid()) + "-g7H8i9");
    const auto other = dir / ".notes.docpipe-backup";
    for (const auto& f : {stale, recent, alive, other}) std::ofstream(f) << "partial";
    age(stale, std::chrono::minutes(5));
    age(alive, std::chrono::minutes(5));
    age(other, std::chrono::minutes(5));
    write_file_atomically(dir / "out.txt", "x", Overwrite::replace);
    EXPECT_FALSE(std::filesystem::exists(stale)) << "a dead writer's old temporary is removed";
    EXPECT_TRUE(std::filesystem::exists(recent)) << "written less than a minute ago";
    EXPECT_TRUE(std::filesystem::exists(alive)) << "its writer is alive";
    EXPECT_TRUE(std::filesystem::exists(other)) << "not a docpipe temporary";
    // Once per folder and process.
    const auto again = dir / (".out.txt.docpipe-" + std::to_string(dead) + "-j1K2l3");
    std::ofstream(again) << "partial";
    age(again, std::chrono::minutes(5));
    EXPECT_EQ(remove_stale_temporaries(dir.path()), 0u);
}

TEST(AtomicFile, TemporaryNameCarriesTheWritersPid) {
    const NamedTemporaries named;
    TempDir dir;
    PendingFile file(dir / "out.json");
    EXPECT_EQ(file.temporary().filename().string().rfind(
                  ".out.json.docpipe-" + std::to_string(::getpid()) + "-", 0),
              0u);
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
