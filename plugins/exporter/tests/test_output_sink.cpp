// Output sinks: small outputs stay in memory, large ones spill into the target's temporary
// file as they grow, and rewriting (a head put in front, lines indented) gives the same bytes
// either way. Through the stage: streamed targets equal what rendering in memory gives.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>

#include "format.hpp"
#include "output_sink.hpp"
#include "test_support.hpp"

namespace docpipe::exporter {
namespace {

using testing::list_tree;
using testing::make_stage;
using testing::read_file;
using testing::TempDir;

// Lines of varied length, `bytes` long in all.
std::string lines(std::size_t bytes) {
    std::string out;
    for (std::size_t i = 0; out.size() < bytes; ++i) {
        out += std::string(1 + i % 97, static_cast<char>('a' + i % 26));
        out += '\n';
    }
    out.resize(bytes);
    return out;
}

void write_in_pieces(OutputSink& sink, std::string_view bytes) {
    for (std::size_t at = 0; at < bytes.size(); at += 4096) {
        sink.buffer() += bytes.substr(at, 4096);
        sink.spill();
    }
}

std::string commit(OutputSink& sink) {
    auto file = sink.close();
    file->commit(Overwrite::replace);
    return read_file(sink.target());
}

TEST(OutputSink, SmallOutputStaysInMemoryUntilClose) {
    TempDir dir;
    OutputSink sink(dir / "out.txt");
    write_in_pieces(sink, "hello\n");
    EXPECT_FALSE(sink.spilled());
    EXPECT_TRUE(list_tree(dir.path()).empty());
    EXPECT_EQ(commit(sink), "hello\n");
}

// Open files in `dir` without a name there: the exporter's unnamed temporaries.
int unnamed_files_in(const std::filesystem::path& dir) {
    int n = 0;
    for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd")) {
        std::error_code ec;
        const std::string target = std::filesystem::read_symlink(fd.path(), ec).string();
        if (!ec && target.rfind(dir.string() + "/#", 0) == 0) ++n;
    }
    return n;
}

TEST(OutputSink, LargeOutputSpillsIntoTheTemporaryFile) {
    TempDir dir;
    const std::string content = lines(3 * OutputSink::spill_threshold + 123);
    OutputSink sink(dir / "out.txt");
    write_in_pieces(sink, content);
    EXPECT_TRUE(sink.spilled());
    EXPECT_LT(sink.buffer().size(), OutputSink::spill_threshold);
    EXPECT_TRUE(list_tree(dir.path()).empty()) << "nothing is visible before commit";
    EXPECT_EQ(unnamed_files_in(dir.path()), 1);
    EXPECT_EQ(commit(sink), content);
    EXPECT_EQ(list_tree(dir.path()), (std::vector<std::string>{"out.txt"}));
}

TEST(OutputSink, RollbackTakesBackWhatWasWrittenSinceTheCheckpoint) {
    TempDir dir;
    const std::string before = lines(OutputSink::spill_threshold / 2);
    for (const std::size_t after : {std::size_t{10}, 3 * OutputSink::spill_threshold}) {
        OutputSink sink(dir / "out.txt");
        write_in_pieces(sink, before);
        sink.checkpoint();
        write_in_pieces(sink, lines(after));
        ASSERT_TRUE(sink.rollback());
        sink.buffer() += "end";
        EXPECT_EQ(commit(sink), before + "end") << after;
    }
}

TEST(OutputSink, DevicesAreNeverSpilledInto) {
    OutputSink sink("/dev/null");
    write_in_pieces(sink, lines(OutputSink::spill_threshold + 10));
    EXPECT_FALSE(sink.spilled());
    EXPECT_EQ(sink.buffer().size(), OutputSink::spill_threshold + 10);
}

// Two documents of about 1.5 MB each: larger than the spill threshold, so every format's
// output streams into its temporary file while documents arrive.
std::vector<Document> large_documents() {
    std::vector<Document> docs;
    for (const char* id : {"first", "second"}) {
        std::string text;
        while (text.size() < 3 * OutputSink::spill_threshold / 2) {
            text += "President Xi met the trade war envoy.\nAnother line\tof text.\n";
        }
        Document doc(id, text);
        for (std::size_t at = 0; at + 9 < text.size(); at += 61) {
            doc.layer("entities").push_back({{at, at + 9}, "PERSON", {{"source", "test"}}, 0.5});
        }
        docs.push_back(std::move(doc));
    }
    return docs;
}

TEST(StageOutput, LargeOutputsStreamToTheTemporaryFileAndEqualTheInMemoryBytes) {
    const auto docs = large_documents();
    const std::vector<const Document*> all = {&docs[0], &docs[1]};
    for (const auto& format : formats()) {
        SCOPED_TRACE(std::string(format.name));
        TempDir dir;
        const auto target = dir / ("all." + std::string(format.extension));
        auto stage = make_stage({{"format", std::string(format.name)}, {"path", target.string()}});
        for (auto doc : docs) stage->process(doc);
        // Streaming: the bytes sit in unnamed temporary files, nothing is visible yet.
        EXPECT_TRUE(list_tree(dir.path()).empty());
        EXPECT_EQ(unnamed_files_in(dir.path()), format.companion_extension.empty() ? 1 : 2);
        stage->finish();
        const Rendered expected = render_in_memory(format, all);
        EXPECT_EQ(read_file(target), expected.main);
        if (!format.companion_extension.empty()) {
            EXPECT_EQ(read_file(dir / "all.txt"), expected.companion);
        }
    }
}

// A document that fails halfway (here: the file size limit stops its spill) leaves nothing in
// the shared output; the documents before and after it are written as if it never came.
TEST(StageOutput, ADocumentThatFailsHalfwayLeavesNoTraceInASharedOutput) {
    const auto large = large_documents();
    const Document first("first", "A small document.\n"), last("last", "Another one.\n");
    for (const auto& format : formats()) {
        SCOPED_TRACE(std::string(format.name));
        TempDir dir;
        const auto target = dir / ("all." + std::string(format.extension));
        auto stage = make_stage({{"format", std::string(format.name)}, {"path", target.string()}});
        Document a = first, b = large[0], c = last;
        stage->process(a);
        struct rlimit saved {};
        ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = saved;
        small.rlim_cur = OutputSink::spill_threshold + 4096;
        ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
        EXPECT_THROW(stage->process(b), OutputError);
        ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &saved), 0);
        std::signal(SIGXFSZ, old_handler);
        stage->process(c);
        stage->finish();
        const Rendered expected = render_in_memory(format, {&first, &last});
        EXPECT_EQ(read_file(target), expected.main);
        if (!format.companion_extension.empty()) {
            EXPECT_EQ(read_file(dir / "all.txt"), expected.companion);
        }
    }
}

}  // namespace
}  // namespace docpipe::exporter
