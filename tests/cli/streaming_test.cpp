// `docpipe run --jobs N` and streaming outputs, end to end: outputs equal to one thread's byte
// for byte, and output that reaches a consumer while input is still coming.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "test_env.hpp"

using docpipe::testing::read_file;
using docpipe::testing::run_docpipe;
using docpipe::testing::TempDir;
using docpipe::testing::write_file;

namespace {

// Pieces of the seed article of many sizes (empty to eight times the article), cut between
// words, as JSON Lines; `count` documents.
std::string mixed_documents(std::size_t count) {
    const std::string seed = read_file(docpipe::testing::seed_document());
    std::string lines;
    for (std::size_t i = 0; i < count; ++i) {
        std::string text;
        if (i % 50 == 7) {
            for (std::size_t k = 0; k < 1 + i % 8; ++k) text += seed + "\n\n";
        } else {
            std::size_t cut = (i * 7919) % seed.size();
            while (cut > 0 && seed[cut - 1] != ' ') --cut;
            text = seed.substr(0, cut);
        }
        lines += nlohmann::json{{"id", "doc" + std::to_string(i)}, {"text", text}}.dump() + "\n";
    }
    return lines;
}

const char* analysis_stages =
    "  - id: repair\n    plugin: synonym_repair\n    params: { mode: apply }\n"
    "  - id: entities\n    plugin: entity_tagger\n"
    "  - id: summary\n    plugin: summarizer\n    params: { sentences: 2 }\n";

}  // namespace

TEST(Streaming, JobsFourWritesTheSameBytesAsJobsOne) {
    TempDir dir;
    write_file(dir / "in.jsonl", mixed_documents(300));
    write_file(dir / "p.yaml", std::string("version: 1\nstages:\n") + analysis_stages +
                                   "  - id: export\n    plugin: exporter\n"
                                   "    params: { format: jsonl, also: [json, html] }\n");
    for (const std::string jobs : {"1", "4"}) {
        const auto r =
            run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in.jsonl").string(), "-o",
                         (dir / ("out" + jobs) / "all.jsonl").string(), "--jobs", jobs});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    for (const std::string file : {"all.jsonl", "all.json", "all.html"}) {
        const std::string one = read_file(dir / "out1" / file);
        EXPECT_GT(one.size(), 100000u) << file;
        EXPECT_TRUE(one == read_file(dir / "out4" / file)) << file << " differs";
    }
    // The same to stdout, which streams.
    const auto streamed =
        run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in.jsonl").string(), "--set",
                     "export.also=[]", "--jobs", "4"});
    ASSERT_EQ(streamed.exit_code, 0) << streamed.err;
    EXPECT_TRUE(streamed.out == read_file(dir / "out1" / "all.jsonl"));
}

TEST(Streaming, PerDocumentFilesAreTheSameWithJobs) {
    TempDir dir;
    const std::string seed = read_file(docpipe::testing::seed_document());
    for (int i = 0; i < 40; ++i) {
        write_file(dir / "in" / ("d" + std::to_string(i) + ".txt"),
                   seed.substr(0, seed.size() * (i + 1) / 40));
    }
    write_file(dir / "p.yaml", std::string("version: 1\nstages:\n") + analysis_stages +
                                   "  - id: export\n    plugin: exporter\n"
                                   "    params: { format: json }\n");
    for (const std::string jobs : {"1", "3"}) {
        const auto r = run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in").string(), "-o",
                                    (dir / ("out" + jobs) / "{id}.json").string(), "-j", jobs});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    for (int i = 0; i < 40; ++i) {
        const std::string name = "d" + std::to_string(i) + ".json";
        EXPECT_TRUE(read_file(dir / "out1" / name) == read_file(dir / "out3" / name)) << name;
    }
}

// Input arrives one line at a time on a pipe; the first document's output must come out
// while the pipe is still open, with one thread or several.
TEST(Streaming, TheFirstOutputLineComesBeforeStdinCloses) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: n\n    plugin: test_noop\n"
               "  - id: export\n    plugin: exporter\n    params: { format: jsonl }\n");
    for (const std::string jobs : {"1", "2"}) {
        const auto in_fifo = dir / ("in" + jobs), out_fifo = dir / ("out" + jobs);
        ASSERT_EQ(::mkfifo(in_fifo.c_str(), 0600), 0);
        ASSERT_EQ(::mkfifo(out_fifo.c_str(), 0600), 0);
        const pid_t pid = docpipe::testing::start_process(
            {docpipe::testing::docpipe_binary().string(), "--plugin-path",
             docpipe::testing::test_plugin_dir().string(), "run", (dir / "p.yaml").string(),
             "--input-format", "jsonl", "--jobs", jobs},
            {"NO_COLOR=1"}, in_fifo, out_fifo, dir / "err");
        // Opened in the order the child opens them: stdin first.
        const int to_child = ::open(in_fifo.c_str(), O_WRONLY);
        const int from_child = ::open(out_fifo.c_str(), O_RDONLY);
        ASSERT_GE(to_child, 0);
        ASSERT_GE(from_child, 0);
        const std::string first = "{\"id\": \"first\", \"text\": \"one\"}\n";
        ASSERT_EQ(::write(to_child, first.data(), first.size()),
                  static_cast<ssize_t>(first.size()));

        std::string got;
        for (int waited = 0; got.find('\n') == std::string::npos && waited < 60; ++waited) {
            pollfd p{from_child, POLLIN, 0};
            if (::poll(&p, 1, 1000) <= 0) continue;
            char buffer[4096];
            const ssize_t n = ::read(from_child, buffer, sizeof buffer);
            if (n <= 0) break;
            got.append(buffer, static_cast<std::size_t>(n));
        }
        ASSERT_NE(got.find('\n'), std::string::npos)
            << "no output line while stdin is open (jobs " << jobs
            << "); stderr: " << read_file(dir / "err");
        EXPECT_EQ(nlohmann::json::parse(got.substr(0, got.find('\n')))["id"], "first");

        const std::string second = "{\"id\": \"second\", \"text\": \"two\"}\n";
        ASSERT_EQ(::write(to_child, second.data(), second.size()),
                  static_cast<ssize_t>(second.size()));
        ::close(to_child);
        char buffer[4096];
        for (ssize_t n; (n = ::read(from_child, buffer, sizeof buffer)) > 0;) {
            got.append(buffer, static_cast<std::size_t>(n));
        }
        ::close(from_child);
        int status = 0;
        ::waitpid(pid, &status, 0);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(dir / "err");
        EXPECT_NE(got.find("\"id\":\"second\""), std::string::npos) << got;
    }
}

TEST(Streaming, JobsAndMaxInFlightRefuseNonsense) {
    for (const auto& bad : std::vector<std::vector<std::string>>{
             {"--jobs", "0"}, {"--jobs", "x"}, {"--max-in-flight", "0"}}) {
        std::vector<std::string> args = {
            "run", (docpipe::testing::source_dir() / "configs" / "repair.yaml").string()};
        args.insert(args.end(), bad.begin(), bad.end());
        EXPECT_EQ(run_docpipe(args, "text").exit_code, 64) << bad[0] << " " << bad[1];
    }
}

TEST(Streaming, ProgressAsJsonAndStatsAsJson) {
    TempDir dir;
    std::string lines;
    for (int i = 0; i < 30; ++i)
        lines += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"x\"}\n";
    write_file(dir / "in.jsonl", lines);
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: n\n    plugin: test_noop\n"
               "  - id: export\n    plugin: exporter\n    params: { format: jsonl }\n");
    const auto r = run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in.jsonl").string(), "-o",
                                (dir / "out.jsonl").string(), "--progress", "json", "--stats",
                                "--format", "json", "-j", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // stderr: progress objects, the last one with done, then the statistics object.
    std::vector<nlohmann::json> objects;
    std::size_t from = 0;
    for (std::size_t nl; (nl = r.err.find('\n', from)) != std::string::npos; from = nl + 1) {
        const std::string line = r.err.substr(from, nl - from);
        if (!line.empty() && line[0] == '{') objects.push_back(nlohmann::json::parse(line));
    }
    ASSERT_GE(objects.size(), 2u) << r.err;
    const auto& done = objects[objects.size() - 2];
    EXPECT_EQ(done["done"], true);
    EXPECT_EQ(done["documents"], 30);
    EXPECT_EQ(done["input_bytes"], lines.size());
    EXPECT_EQ(done["total_bytes"], lines.size());
    const auto& stats = objects.back();
    EXPECT_EQ(stats["completed"], 30);
    EXPECT_EQ(stats["jobs"], 2);
    ASSERT_EQ(stats["stages"].size(), 2u);
    EXPECT_EQ(stats["stages"][0]["id"], "n");
    EXPECT_EQ(stats["stages"][0]["calls"], 30);
}
