// `docpipe run --jobs N` and streaming outputs, end to end: outputs equal to one thread's byte
// for byte, and output that reaches a consumer while input is still coming.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <set>

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

// Each worker has its own instance of a stage that is not thread-safe, and finish() is called
// on each; the sink has one instance, which sees the documents in input order.
TEST(Streaming, WorkersHaveTheirOwnInstancesAndTheSinkOneInInputOrder) {
    TempDir dir;
    std::string lines;
    for (int i = 0; i < 200; ++i) {
        lines += "{\"id\": \"d" + std::to_string(i) + "\", \"text\": \"doc " + std::to_string(i) +
                 "\"}\n";
    }
    write_file(dir / "in.jsonl", lines);
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n"
               "  - id: u\n    plugin: test_unshared\n    params: {finish_log: '" +
                   (dir / "unshared.log").string() +
                   "'}\n"
                   "  - id: s\n    plugin: test_sink\n    params: {finish_log: '" +
                   (dir / "sink.log").string() +
                   "'}\n"
                   "  - id: export\n    plugin: exporter\n    params: { format: jsonl }\n");
    const auto r =
        run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in.jsonl").string(), "--jobs", "3"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> workers, sinks;
    std::size_t line = 0;
    for (std::size_t from = 0, nl; (nl = r.out.find('\n', from)) != std::string::npos;
         from = nl + 1, ++line) {
        const auto doc = nlohmann::json::parse(r.out.substr(from, nl - from));
        EXPECT_EQ(doc["id"], "d" + std::to_string(line));
        EXPECT_EQ(doc["metadata"]["sink_position"], std::to_string(line + 1));
        workers.insert(doc["metadata"]["test_unshared_instance"].get<std::string>());
        sinks.insert(doc["metadata"]["test_sink_instance"].get<std::string>());
    }
    EXPECT_EQ(line, 200u);
    EXPECT_GE(workers.size(), 2u);  // the documents were shared out
    EXPECT_EQ(sinks.size(), 1u);
    // finish() once per instance: three workers' instances, one sink.
    const std::string unshared = read_file(dir / "unshared.log");
    std::size_t finished = 0, seen = 0;
    for (std::size_t from = 0, nl; (nl = unshared.find('\n', from)) != std::string::npos;
         from = nl + 1, ++finished) {
        seen += std::stoul(unshared.substr(unshared.find("saw ", from) + 4));
    }
    EXPECT_EQ(finished, 3u) << unshared;
    EXPECT_EQ(seen, 200u) << unshared;
    EXPECT_EQ(read_file(dir / "sink.log"), "instance 1 saw 200 documents\n");
}

// docpipe reading a FIFO as stdin and writing stdout to another, so a test can feed input
// line by line and watch output arrive. Every wait is bounded: a child that dies or hangs fails
// the test instead of hanging it.
class Piped {
public:
    Piped(const TempDir& dir, const std::string& name, const std::vector<std::string>& run_args)
        : err_(dir / (name + ".err")) {
        const auto in_fifo = dir / (name + ".in"), out_fifo = dir / (name + ".out");
        if (::mkfifo(in_fifo.c_str(), 0600) != 0 || ::mkfifo(out_fifo.c_str(), 0600) != 0) {
            throw std::runtime_error("mkfifo failed");
        }
        std::vector<std::string> args = {docpipe::testing::docpipe_binary().string(),
                                         "--plugin-path",
                                         docpipe::testing::test_plugin_dir().string(), "run"};
        args.insert(args.end(), run_args.begin(), run_args.end());
        pid_ = docpipe::testing::start_process(args, {"NO_COLOR=1"}, in_fifo, out_fifo, err_);
        // The write end opens once the child reads its stdin.
        for (int i = 0; i < 3000 && to_child_ < 0; ++i) {
            to_child_ = ::open(in_fifo.c_str(), O_WRONLY | O_NONBLOCK);
            if (to_child_ < 0) ::usleep(10000);
        }
        if (to_child_ >= 0) ::fcntl(to_child_, F_SETFL, 0);
        from_child_ = ::open(out_fifo.c_str(), O_RDONLY | O_NONBLOCK);
    }
    ~Piped() {
        close_input();
        if (from_child_ >= 0) ::close(from_child_);
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    bool started() const { return to_child_ >= 0 && from_child_ >= 0; }
    pid_t pid() const { return pid_; }
    std::string err() const { return read_file(err_); }
    void send(const std::string& line) {
        ASSERT_EQ(::write(to_child_, line.data(), line.size()), static_cast<ssize_t>(line.size()));
    }
    void close_input() {
        if (to_child_ >= 0) ::close(to_child_);
        to_child_ = -1;
    }
    /// Output until it holds a line break, or the child closed stdout, or `seconds` passed.
    std::string read_line(int seconds) {
        read_while([&] { return got_.find('\n') == std::string::npos; }, seconds);
        return got_;
    }
    /// Everything until the child closes stdout (or `seconds` pass).
    std::string read_all(int seconds) {
        read_while([] { return true; }, seconds);
        return got_;
    }
    /// The exit code, or -1 when the child is still running after `seconds`.
    int wait(int seconds) {
        for (int i = 0; i < seconds * 100; ++i) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            ::usleep(10000);
        }
        return -1;
    }

private:
    template <typename More>
    void read_while(More more, int seconds) {
        for (int waited = 0; more() && !closed_ && waited < seconds; ++waited) {
            pollfd p{from_child_, POLLIN, 0};
            if (::poll(&p, 1, 1000) <= 0) continue;
            char buffer[4096];
            const ssize_t n = ::read(from_child_, buffer, sizeof buffer);
            if (n == 0 && (p.revents & POLLHUP)) closed_ = true;
            if (n > 0) got_.append(buffer, static_cast<std::size_t>(n));
        }
    }

    std::filesystem::path err_;
    pid_t pid_ = -1;
    int to_child_ = -1, from_child_ = -1;
    std::string got_;
    bool closed_ = false;
};

// Input arrives one line at a time on a pipe; the first document's output must come out
// while the pipe is still open, with one thread or several.
TEST(Streaming, TheFirstOutputLineComesBeforeStdinCloses) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: n\n    plugin: test_noop\n"
               "  - id: export\n    plugin: exporter\n    params: { format: jsonl }\n");
    for (const std::string jobs : {"1", "2"}) {
        Piped run(dir, "j" + jobs,
                  {(dir / "p.yaml").string(), "--input-format", "jsonl", "--jobs", jobs});
        ASSERT_TRUE(run.started()) << run.err();
        run.send("{\"id\": \"first\", \"text\": \"one\"}\n");
        const std::string line = run.read_line(60);
        ASSERT_NE(line.find('\n'), std::string::npos)
            << "no output line while stdin is open (jobs " << jobs << "); stderr: " << run.err();
        EXPECT_EQ(nlohmann::json::parse(line.substr(0, line.find('\n')))["id"], "first");
        run.send("{\"id\": \"second\", \"text\": \"two\"}\n");
        run.close_input();
        EXPECT_NE(run.read_all(60).find("\"id\":\"second\""), std::string::npos);
        EXPECT_EQ(run.wait(60), 0) << run.err();
    }
}

// A failing document ends the run at once, though the input is still open and sends nothing
// more (found in review: with several jobs the run waited for the next line).
TEST(Streaming, AFailureEndsTheRunWhileStdinStaysOpen) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: t\n    plugin: test_throw_process\n"
               "    params: {when_contains: bad}\n"
               "  - id: export\n    plugin: exporter\n    params: { format: jsonl }\n");
    for (const std::string jobs : {"1", "2"}) {
        Piped run(dir, "j" + jobs,
                  {(dir / "p.yaml").string(), "--input-format", "jsonl", "--jobs", jobs});
        ASSERT_TRUE(run.started()) << run.err();
        run.send("{\"id\": \"ok\", \"text\": \"fine\"}\n{\"id\": \"b\", \"text\": \"bad\"}\n");
        EXPECT_EQ(run.wait(30), 70) << "jobs " << jobs << ": " << run.err();
        EXPECT_NE(run.err().find("document 'b', stage 't'"), std::string::npos) << run.err();
        EXPECT_NE(run.read_all(5).find("\"id\":\"ok\""), std::string::npos);
    }
}

// A signal while a document is in flight and stdin sends nothing more: the document
// completes, then the run ends with 128 + signal, though the reader still waits for input.
// Not under ThreadSanitizer (the tsan preset excludes it), which holds a signal for a thread
// until that thread enters a call it intercepts: a worker waiting for work never does.
TEST(Streaming, AnInterruptEndsTheRunWhileStdinStaysOpen) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: slow\n    plugin: test_delay\n"
               "    params: {ms: 700}\n"
               "  - id: export\n    plugin: exporter\n    params: { format: jsonl }\n");
    for (const std::string jobs : {"1", "2"}) {
        Piped run(dir, "j" + jobs,
                  {(dir / "p.yaml").string(), "--input-format", "jsonl", "--jobs", jobs});
        ASSERT_TRUE(run.started()) << run.err();
        ASSERT_TRUE(docpipe::testing::wait_for_signal_handler(run.pid(), SIGINT));
        run.send("{\"id\": \"one\", \"text\": \"x\"}\n");
        ::usleep(200000);  // read and in flight (it takes 700 ms)
        ::kill(run.pid(), SIGINT);
        EXPECT_EQ(run.wait(30), 130) << "jobs " << jobs << ": " << run.err();
        EXPECT_NE(run.err().find("interrupted by SIGINT after 1 completed documents"),
                  std::string::npos)
            << run.err();
        EXPECT_NE(run.read_all(5).find("\"id\":\"one\""), std::string::npos);
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
