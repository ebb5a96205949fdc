// End-to-end tests of inputs and configs a careless user or an attacker gives: unreadable
// files and folders, FIFOs and devices as the pipeline, encodings, control characters.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_env.hpp"

using docpipe::testing::ProcessResult;
using docpipe::testing::read_file;
using docpipe::testing::run_docpipe;
using docpipe::testing::run_process;
using docpipe::testing::TempDir;
using docpipe::testing::write_file;

namespace {

const char* const noop_pipeline =
    "version: 1\nstages:\n  - id: n\n    plugin: test_noop\n"
    "  - id: export\n    plugin: exporter\n    params: {format: text}\n";

// Root reads every file whatever its mode: permission tests then run docpipe as `nobody`.
ProcessResult run_docpipe_unprivileged(std::vector<std::string> args) {
    args.insert(args.begin(), {docpipe::testing::docpipe_binary().string(), "--plugin-path",
                               docpipe::testing::test_plugin_dir().string()});
    if (::geteuid() == 0) {
        args.insert(args.begin(),
                    {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
    }
    return run_process(args, {}, {"NO_COLOR=1"});
}

// A tree `nobody` may read, with one folder and one file it may not.
struct UnreadableTree {
    TempDir dir;
    UnreadableTree() {
        write_file(dir / "p.yaml", noop_pipeline);
        write_file(dir / "skip.yaml", std::string("on_error: skip\n") + noop_pipeline);
        write_file(dir / "in/a.txt", "first");
        write_file(dir / "in/locked/b.txt", "hidden away");
        write_file(dir / "in/secret.txt", "no access");
        write_file(dir / "in/z.txt", "last");
        std::filesystem::permissions(dir.path(), std::filesystem::perms(0755));
        for (const char* d : {"in", "in/locked"}) {
            std::filesystem::permissions(dir / d, std::filesystem::perms(0755));
        }
        std::filesystem::permissions(dir / "in/locked", std::filesystem::perms::none);
        std::filesystem::permissions(dir / "in/secret.txt", std::filesystem::perms::none);
    }
    ~UnreadableTree() {
        std::filesystem::permissions(dir / "in/locked", std::filesystem::perms(0755));
    }
};

}  // namespace

TEST(HostileInput, UnreadableFolderAndFileFailTheRunByDefault) {
    UnreadableTree t;
    const auto r =
        run_docpipe_unprivileged({"run", (t.dir / "p.yaml").string(), (t.dir / "in").string()});
    EXPECT_EQ(r.exit_code, 66) << r.err;
    EXPECT_NE(r.err.find("cannot list directory '" + (t.dir / "in/locked").string() +
                         "': Permission denied"),
              std::string::npos)
        << r.err;
}

TEST(HostileInput, UnreadableFolderAndFileAreSkippedUnderSkip) {
    UnreadableTree t;
    const auto r =
        run_docpipe_unprivileged({"run", (t.dir / "skip.yaml").string(), (t.dir / "in").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "first\n\nlast\n");
    EXPECT_NE(r.err.find("skipped: cannot list directory"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("skipped: cannot read '" + (t.dir / "in/secret.txt").string()),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("2 of 4 documents skipped"), std::string::npos) << r.err;
}

TEST(HostileInput, PipelineThatIsAFifoOrADeviceIsRefusedNotWaitedOn) {
    TempDir dir;
    const auto fifo = dir / "p.yaml";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    for (const std::string& pipeline : {fifo.string(), std::string("/dev/zero")}) {
        const auto r = run_docpipe({"run", pipeline}, "x");
        EXPECT_EQ(r.exit_code, 66) << pipeline << ": " << r.err;
        EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
    }
    const auto dir_as_pipeline = run_docpipe({"validate", dir.path().string()});
    EXPECT_EQ(dir_as_pipeline.exit_code, 66);
    EXPECT_NE(dir_as_pipeline.err.find("it is a directory"), std::string::npos)
        << dir_as_pipeline.err;
}

TEST(HostileInput, PipelineThatIsNotUtf8IsRefusedWithItsPosition) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\n# caf\xE9\nstages:\n  - id: n\n    plugin: test_noop\n");
    const auto r = run_docpipe({"validate", (dir / "p.yaml").string()});
    EXPECT_EQ(r.exit_code, 78);
    EXPECT_NE(r.err.find((dir / "p.yaml").string() + ":2:6: the pipeline file is not UTF-8"),
              std::string::npos)
        << r.err;
}

TEST(HostileInput, SecondYamlDocumentIsAnError) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: n\n    plugin: test_noop\n---\nversion: 1\n");
    const auto r = run_docpipe({"validate", (dir / "p.yaml").string()});
    EXPECT_EQ(r.exit_code, 78);
    EXPECT_NE(r.err.find((dir / "p.yaml").string() + ":5:1: a second YAML document"),
              std::string::npos)
        << r.err;
}

TEST(HostileInput, NegativeOrZeroMaxDocBytesIsAUsageError) {
    TempDir dir;
    write_file(dir / "p.yaml", noop_pipeline);
    EXPECT_EQ(
        run_docpipe({"run", (dir / "p.yaml").string(), "--max-doc-bytes", "-1"}, "x").exit_code,
        64);
    EXPECT_EQ(
        run_docpipe({"run", (dir / "p.yaml").string(), "--max-doc-bytes", "0"}, "x").exit_code, 64);
}

// The default limit comes from the memory a document needs in the default chain (about 70x its
// size at worst): 64 MiB. Sizes take the suffixes of --max-memory.
TEST(HostileInput, DefaultDocumentLimitIs64MiBAndLimitsTakeSizeSuffixes) {
    TempDir dir;
    write_file(dir / "p.yaml", noop_pipeline);
    const auto over = run_docpipe({"run", (dir / "p.yaml").string()},
                                  std::string((std::size_t{64} << 20) + 1, 'a'));
    EXPECT_EQ(over.exit_code, 65);
    EXPECT_NE(over.err.find("is over the limit of 67108864 bytes"), std::string::npos) << over.err;
    EXPECT_EQ(run_docpipe({"run", (dir / "p.yaml").string(), "--max-doc-bytes", "1K"},
                          std::string(1025, 'a'))
                  .exit_code,
              65);
    EXPECT_EQ(run_docpipe({"run", (dir / "p.yaml").string(), "--max-doc-bytes", "1K"},
                          std::string(1024, 'a'))
                  .exit_code,
              0);
    const auto bad =
        run_docpipe({"run", (dir / "p.yaml").string(), "--max-doc-bytes", "lots"}, "x");
    EXPECT_EQ(bad.exit_code, 64);
    EXPECT_NE(bad.err.find("--max-doc-bytes lots: give a positive size"), std::string::npos)
        << bad.err;
}

TEST(HostileInput, ControlCharactersInIdsAndMessagesAreEscapedInDiagnostics) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\non_error: skip\nstages:\n  - id: t\n    plugin: test_throw_process\n");
    // An id that would retitle the terminal and clear it, twice (duplicate-id warning too).
    const std::string line =
        "{\"id\":\"\\u001b]0;pwned\\u0007\\u001b[2J\xe2\x80\xae"
        "evil\","
        "\"text\":\"x\"}\n";
    write_file(dir / "in.jsonl", line + line);
    const auto r = run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in.jsonl").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\x07'), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("\xe2\x80\xae"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("\\x1b]0;pwned\\x07\\x1b[2J\\u{202e}evil"), std::string::npos) << r.err;
    // A plugin's own log message, and an error naming a file.
    write_file(dir / "log.yaml",
               "version: 1\nstages:\n  - id: l\n    plugin: test_misbehave\n"
               "    params: {how: log, message: \"fake\\nline \\e[31mred\"}\n");
    const auto logged = run_docpipe({"run", (dir / "log.yaml").string()}, "x");
    EXPECT_EQ(logged.exit_code, 0) << logged.err;
    EXPECT_NE(logged.err.find("fake\\x0aline \\x1b[31mred"), std::string::npos) << logged.err;
    const auto missing =
        run_docpipe({"run", (dir / "p.yaml").string(), (dir / "no\x1b[2Jsuch.txt").string()});
    EXPECT_EQ(missing.exit_code, 66);
    EXPECT_NE(missing.err.find("no\\x1b[2Jsuch.txt"), std::string::npos) << missing.err;
}

// Found by fuzz_pipeline_config: yaml-cpp 0.7's LoadAll loops forever, allocating, on this
// malformed file (yaml-cpp PR #1319). The config is refused at once instead.
TEST(HostileInput, MalformedYamlThatHangsYamlCppLoadAllIsRefusedAtOnce) {
    const auto file = docpipe::testing::source_dir() / "tests/data/hostile/yaml-loadall-loop.yaml";
    const auto r = run_docpipe({"validate", file.string()});
    EXPECT_EQ(r.exit_code, 78) << r.err;
    EXPECT_NE(r.err.find(file.string() + ":"), std::string::npos) << r.err;
}

TEST(HostileInput, ReadErrorInAJsonLinesFileIsAnInputError) {
    TempDir dir;
    write_file(dir / "p.yaml", noop_pipeline);
    write_file(dir / "skip.yaml", std::string("on_error: skip\n") + noop_pipeline);
    // Reading /proc/self/mem at offset 0 fails with EIO.
    if (!std::filesystem::exists("/proc/self/mem")) GTEST_SKIP() << "no /proc";
    const auto r = run_docpipe(
        {"run", (dir / "p.yaml").string(), "--input-format", "jsonl", "/proc/self/mem"});
    EXPECT_EQ(r.exit_code, 66) << r.err;
    EXPECT_NE(r.err.find("error reading '/proc/self/mem'"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    const auto s = run_docpipe(
        {"run", (dir / "skip.yaml").string(), "--input-format", "jsonl", "/proc/self/mem"});
    EXPECT_EQ(s.exit_code, 0) << s.err;
}

TEST(HostileInput, ClosedStdoutDoesNotLendItsDescriptorToAnOutput) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: m\n    plugin: test_misbehave\n"
               "    params: {how: stdout}\n"
               "  - id: export\n    plugin: exporter\n    params: {format: text}\n");
    write_file(dir / "in/a.txt", "clean text");
    const std::string command = "'" + docpipe::testing::docpipe_binary().string() +
                                "' --plugin-path '" + docpipe::testing::test_plugin_dir().string() +
                                "' run '" + (dir / "p.yaml").string() + "' '" +
                                (dir / "in").string() + "' -o '" + (dir / "out/{id}.txt").string() +
                                "' >&- 2>/dev/null";
    const auto r = run_process({"/bin/sh", "-c", command});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(read_file(dir / "out/a.txt"), "clean text\n");
    // Data for a closed stdout is an output error, not silently dropped.
    const std::string to_stdout =
        "'" + docpipe::testing::docpipe_binary().string() + "' --plugin-path '" +
        docpipe::testing::test_plugin_dir().string() + "' run '" + (dir / "p.yaml").string() +
        "' '" + (dir / "in").string() + "' >&-";
    const auto closed = run_process({"/bin/sh", "-c", to_stdout});
    EXPECT_EQ(closed.exit_code, 74) << closed.err;
    EXPECT_NE(closed.err.find("cannot write to stdout: it is closed"), std::string::npos)
        << closed.err;
}
