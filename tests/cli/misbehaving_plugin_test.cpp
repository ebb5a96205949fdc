// End-to-end tests of plugins that end the process their own way (exit(), a stack overflow, a
// crash on their own thread) and of signals sent to a run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <thread>

#include "test_env.hpp"

using docpipe::testing::read_file;
using docpipe::testing::run_docpipe;
using docpipe::testing::spawn_docpipe;
using docpipe::testing::TempDir;
using docpipe::testing::wait_for_signal_handler;
using docpipe::testing::write_file;

namespace {

std::string misbehave_pipeline(const std::string& how) {
    return "version: 1\nstages:\n  - id: bad\n    plugin: test_misbehave\n    params: {how: " +
           how + "}\n";
}

}  // namespace

TEST(MisbehavingPlugin, ExitInAStageIsReportedAndExits70) {
    TempDir dir;
    for (const std::string how : {"exit", "quick_exit"}) {
        write_file(dir / "p.yaml", misbehave_pipeline(how));
        const auto r = run_docpipe({"run", (dir / "p.yaml").string()}, "x");
        EXPECT_EQ(r.exit_code, 70) << how << ": " << r.err;
        EXPECT_NE(r.err.find("stage 'bad' called exit() while processing document 'stdin'"),
                  std::string::npos)
            << how << ": " << r.err;
    }
}

TEST(MisbehavingPlugin, ExitInConfigureIsReportedNotTakenForSuccess) {
    TempDir dir;
    write_file(dir / "p.yaml", misbehave_pipeline("exit_in_configure"));
    const auto r = run_docpipe({"run", (dir / "p.yaml").string()}, "x");
    EXPECT_EQ(r.exit_code, 70) << r.err;
    EXPECT_NE(r.err.find("stage 'bad' called exit() while processing document '(configure)'"),
              std::string::npos)
        << r.err;
    const auto v = run_docpipe({"validate", "--configure", (dir / "p.yaml").string()});
    EXPECT_EQ(v.exit_code, 70) << v.err;
}

TEST(MisbehavingPlugin, StackOverflowIsReportedLikeAnyCrash) {
    TempDir dir;
    write_file(dir / "p.yaml", misbehave_pipeline("stack_overflow"));
    const auto r = run_docpipe({"run", (dir / "p.yaml").string()}, "x");
    EXPECT_EQ(r.exit_code, 70) << r.err;
    EXPECT_NE(r.err.find("SIGSEGV in stage 'bad' while processing document 'stdin'"),
              std::string::npos)
        << r.err;
}

TEST(MisbehavingPlugin, CrashOnAPluginsOwnThreadIsNotBlamedOnTheStage) {
    TempDir dir;
    write_file(dir / "p.yaml", misbehave_pipeline("thread_crash"));
    const auto r = run_docpipe({"run", (dir / "p.yaml").string()}, "x");
    EXPECT_EQ(r.exit_code, 70) << r.err;
    EXPECT_NE(r.err.find("on a thread the docpipe host did not start"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("SIGSEGV in stage"), std::string::npos) << r.err;
}

TEST(MisbehavingPlugin, InterruptStopsAfterTheDocumentInFlightAndLeavesNoTemporaryFile) {
    TempDir dir;
    for (int i = 0; i < 40; ++i) write_file(dir / "in" / ("d" + std::to_string(i) + ".txt"), "x");
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: slow\n    plugin: test_misbehave\n"
               "    params: {how: sleep}\n"
               "  - id: export\n    plugin: exporter\n    params: {format: json}\n");
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
        std::filesystem::remove_all(dir / "out");
        auto run = spawn_docpipe({"run", (dir / "p.yaml").string(), (dir / "in").string(), "-o",
                                  (dir / "out/all.json").string()});
        ASSERT_TRUE(wait_for_signal_handler(run->pid(), sig));
        std::this_thread::sleep_for(std::chrono::milliseconds(400));  // inside a document
        ASSERT_EQ(::kill(run->pid(), sig), 0);
        const auto r = run->wait();
        EXPECT_EQ(r.exit_code, 128 + sig) << r.err;
        EXPECT_NE(r.err.find("stopping after the document in flight"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("interrupted by SIG"), std::string::npos) << r.err;
        // An interrupted run commits no partial output: nothing at the target, nothing beside.
        if (std::filesystem::exists(dir / "out")) {
            EXPECT_TRUE(std::filesystem::is_empty(dir / "out"));
        }
    }
}

TEST(MisbehavingPlugin, SecondInterruptEndsTheRunAtOnce) {
    TempDir dir;
    for (int i = 0; i < 40; ++i) write_file(dir / "in" / ("d" + std::to_string(i) + ".txt"), "x");
    write_file(dir / "p.yaml", misbehave_pipeline("sleep"));
    auto run = spawn_docpipe({"run", (dir / "p.yaml").string(), (dir / "in").string()});
    ASSERT_TRUE(wait_for_signal_handler(run->pid(), SIGINT));
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // inside a document
    ASSERT_EQ(::kill(run->pid(), SIGINT), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(::kill(run->pid(), SIGINT), 0);
    const auto r = run->wait();
    EXPECT_EQ(r.exit_code, 130) << r.err;
    EXPECT_NE(r.err.find("SIGINT again: stopping at once"), std::string::npos) << r.err;
}

// ASan reserves terabytes of address space for itself, so an address-space cap cannot be
// tested under it.
#if defined(__SANITIZE_ADDRESS__)
#define DOCPIPE_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DOCPIPE_UNDER_ASAN 1
#endif
#endif

TEST(MisbehavingPlugin, MaxMemoryTurnsAnOutOfMemoryStageIntoAClearError) {
#ifdef DOCPIPE_UNDER_ASAN
    GTEST_SKIP() << "an address-space limit cannot work under AddressSanitizer";
#endif
    TempDir dir;
    write_file(dir / "p.yaml", misbehave_pipeline("allocate"));
    const auto r = run_docpipe({"run", (dir / "p.yaml").string(), "--max-memory", "1G"}, "x");
    EXPECT_EQ(r.exit_code, 70) << r.err;
    EXPECT_NE(r.err.find("document 'stdin', stage 'bad' (test_misbehave): out of memory"),
              std::string::npos)
        << r.err;
    write_file(dir / "skip.yaml", "on_error: skip\n" + misbehave_pipeline("allocate"));
    const auto s = run_docpipe({"run", (dir / "skip.yaml").string(), "--max-memory", "1G"}, "x");
    EXPECT_EQ(s.exit_code, 0) << s.err;
    EXPECT_NE(s.err.find("1 of 1 documents skipped"), std::string::npos) << s.err;
}

TEST(MisbehavingPlugin, MaxMemoryNeedsASize) {
    TempDir dir;
    write_file(dir / "p.yaml", misbehave_pipeline("log"));
    for (const std::string bad : {"lots", "0", "12Q", "-5G"}) {
        const auto r = run_docpipe({"run", (dir / "p.yaml").string(), "--max-memory", bad}, "x");
        EXPECT_EQ(r.exit_code, 64) << bad << ": " << r.err;
    }
#ifndef DOCPIPE_UNDER_ASAN  // an address-space limit cannot work under AddressSanitizer
    EXPECT_EQ(
        run_docpipe({"run", (dir / "p.yaml").string(), "--max-memory", "16GiB"}, "x").exit_code, 0);
#endif
}

TEST(MisbehavingPlugin, AnnotationCuttingACharacterFailsTheStageNotTheWriters) {
    TempDir dir;
    write_file(dir / "p.yaml",
               misbehave_pipeline("cut_character") +
                   "  - id: export\n    plugin: exporter\n    params: {format: html}\n");
    const auto r = run_docpipe({"run", (dir / "p.yaml").string()}, "é and more");
    EXPECT_EQ(r.exit_code, 70) << r.err;
    EXPECT_NE(r.err.find("stage 'bad' (test_misbehave): the stage produced an invalid annotation "
                         "[0, 1) 'HALF' in layer 'bad' that cuts a multi-byte UTF-8 character"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty()) << "no invalid UTF-8 reached the output";
}

TEST(MisbehavingPlugin, PrintsToStdoutNeverReachTheDataStream) {
    TempDir dir;
    write_file(dir / "p.yaml",
               misbehave_pipeline("stdout") +
                   "  - id: export\n    plugin: exporter\n    params: {format: jsonl}\n");
    const auto r = run_docpipe({"run", (dir / "p.yaml").string()}, "some text");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("plugin noise"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("plugin noise on stdout"), std::string::npos) << r.err;
    EXPECT_EQ(r.out.rfind("{\"schema_version\"", 0), 0u) << r.out;
    // /dev/stdout and /dev/fd/1 name the data stream too.
    for (const std::string alias : {"/dev/stdout", "/dev/fd/1"}) {
        const auto a = run_docpipe({"run", (dir / "p.yaml").string(), "-o", alias}, "x");
        ASSERT_EQ(a.exit_code, 0) << a.err;
        EXPECT_EQ(a.out.find("plugin noise"), std::string::npos) << alias << ": " << a.out;
        EXPECT_EQ(a.out.rfind("{\"schema_version\"", 0), 0u) << alias << ": " << a.out;
    }
}

TEST(MisbehavingPlugin, InterruptDuringAHangingStageEndsWithinTheGracePeriod) {
    TempDir dir;
    write_file(dir / "in.txt", "x");
    write_file(dir / "p.yaml", misbehave_pipeline("hang"));
    auto run = spawn_docpipe({"run", (dir / "p.yaml").string(), (dir / "in.txt").string()});
    ASSERT_TRUE(wait_for_signal_handler(run->pid(), SIGTERM));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // inside the document
    const auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(::kill(run->pid(), SIGTERM), 0);
    const auto r = run->wait();
    const auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(r.exit_code, 143) << r.err;
    EXPECT_NE(r.err.find("did not finish within 10 s; stopping at once"), std::string::npos)
        << r.err;
    EXPECT_LT(waited, std::chrono::seconds(30)) << "the stage sleeps 120 s";
}

TEST(MisbehavingPlugin, InterruptWhileWaitingForInputStopsAtOnce) {
    TempDir dir;
    write_file(dir / "p.yaml", misbehave_pipeline("log"));
    const auto fifo = dir / "in.fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // Reading a FIFO that never gets a writer: no document is in flight.
    auto run = spawn_docpipe({"run", (dir / "p.yaml").string(), fifo.string()});
    ASSERT_TRUE(wait_for_signal_handler(run->pid(), SIGINT));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // blocked opening the FIFO
    const auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(::kill(run->pid(), SIGINT), 0);
    const auto r = run->wait();
    EXPECT_EQ(r.exit_code, 130) << r.err;
    EXPECT_NE(r.err.find("SIGINT: stopping; no document was in flight"), std::string::npos)
        << r.err;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}
