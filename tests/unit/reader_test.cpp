#include <gtest/gtest.h>

#include <sstream>

#include "docpipe/host/document_reader.hpp"
#include "docpipe/host/errors.hpp"
#include "test_env.hpp"

using namespace docpipe::host;
using docpipe::testing::TempDir;
using docpipe::testing::write_file;

namespace {

std::vector<std::string> ids_of(DocumentReader& r) {
    std::vector<std::string> ids;
    while (auto d = r.next()) ids.push_back(d->id());
    return ids;
}

int error_code(const std::function<void()>& f, std::string* message = nullptr) {
    try {
        f();
    } catch (const Error& e) {
        if (message) *message = e.what();
        return e.exit_code();
    }
    return 0;
}

}  // namespace

TEST(DocumentReader, ReadsFilesAndDirectoriesRecursivelyWithAGlob) {
    TempDir dir;
    write_file(dir / "in/a.txt", "alpha");
    write_file(dir / "in/sub/b.txt", "beta");
    write_file(dir / "in/sub/c.md", "gamma");
    write_file(dir / "in/.hidden/d.txt", "hidden");
    write_file(dir / "one.txt", "one");
    InputOptions o;
    o.glob = "*.txt";
    DocumentReader r({(dir / "in").string(), (dir / "one.txt").string()}, o);
    EXPECT_EQ(ids_of(r), (std::vector<std::string>{"a", "sub/b", "one"}));
}

TEST(DocumentReader, ReadsJsonLinesWithIdsAndMetadata) {
    TempDir dir;
    write_file(dir / "docs.jsonl",
               "{\"id\": \"x1\", \"text\": \"Hello\", \"meta\": {\"lang\": \"en\", \"n\": 3}}\n\n"
               "{\"text\": \"No id\"}\n");
    DocumentReader r({(dir / "docs.jsonl").string()}, {});
    auto a = r.next();
    ASSERT_TRUE(a);
    EXPECT_EQ(a->id(), "x1");
    EXPECT_EQ(a->text(), "Hello");
    EXPECT_EQ(a->metadata().at("lang"), "en");
    EXPECT_EQ(a->metadata().at("n"), "3");
    auto b = r.next();
    ASSERT_TRUE(b);
    EXPECT_EQ(b->id(), "docs:3");
    EXPECT_FALSE(r.next());
}

TEST(DocumentReader, BadJsonLineIsADataErrorAndReadingContinues) {
    TempDir dir;
    write_file(dir / "d.jsonl", "{\"text\": \"ok\"}\n{broken\n{\"id\": 5}\n{\"text\": \"last\"}\n");
    DocumentReader r({(dir / "d.jsonl").string()}, {});
    EXPECT_TRUE(r.next());
    std::string msg;
    EXPECT_EQ(error_code([&] { r.next(); }, &msg), 65);
    EXPECT_NE(msg.find("d.jsonl:2: not valid JSON"), std::string::npos) << msg;
    EXPECT_EQ(error_code([&] { r.next(); }, &msg), 65);
    EXPECT_NE(msg.find("d.jsonl:3: each line needs a string field \"text\""), std::string::npos);
    auto last = r.next();
    ASSERT_TRUE(last);
    EXPECT_EQ(last->text(), "last");
}

TEST(DocumentReader, InvalidUtf8NamesDocumentAndPosition) {
    TempDir dir;
    write_file(dir / "latin1.txt", "ok line\nna\xEFve");
    DocumentReader r({(dir / "latin1.txt").string()}, {});
    std::string msg;
    EXPECT_EQ(error_code([&] { r.next(); }, &msg), 65);
    EXPECT_EQ(msg, "document 'latin1' (" + (dir / "latin1.txt").string() +
                       "): invalid UTF-8 at byte 10 (line 2, column 3, byte 0xEF); convert it to "
                       "UTF-8 first, e.g. with iconv -f WINDOWS-1252 -t UTF-8");
}

TEST(DocumentReader, MissingInputAndOversizedDocument) {
    EXPECT_EQ(error_code([] { DocumentReader r({"/no/such/file.txt"}, {}); }), 66);
    TempDir dir;
    write_file(dir / "big.txt", std::string(100, 'x'));
    InputOptions o;
    o.max_document_bytes = 10;
    DocumentReader r({(dir / "big.txt").string()}, o);
    std::string msg;
    EXPECT_EQ(error_code([&] { r.next(); }, &msg), 65);
    EXPECT_NE(msg.find("(" + (dir / "big.txt").string() +
                       ") is over the limit of 10 bytes; split it or raise --max-doc-bytes"),
              std::string::npos)
        << msg;
}

TEST(DocumentReader, ReadsStdinAsTextOrJsonLines) {
    std::istringstream text("from stdin");
    DocumentReader r({"-"}, {}, &text);
    auto d = r.next();
    ASSERT_TRUE(d);
    EXPECT_EQ(d->id(), "stdin");
    EXPECT_EQ(d->text(), "from stdin");
    std::istringstream lines("{\"id\":\"a\",\"text\":\"1\"}\n{\"id\":\"b\",\"text\":\"2\"}\n");
    InputOptions o;
    o.format = InputFormat::jsonl;
    DocumentReader j({"-"}, o, &lines);
    EXPECT_EQ(ids_of(j), (std::vector<std::string>{"a", "b"}));
}

// Lines are cut out of the stream's buffer: a line longer than the buffer spans refills, a
// stream without a buffer is read byte by byte, and a file that ends without a line break
// still gives its last line.
TEST(DocumentReader, JsonLinesLongerThanTheReadBufferAndWithoutAFinalNewline) {
    TempDir dir;
    const std::string long_text(300000, 'z');
    write_file(dir / "d.jsonl", "{\"id\":\"long\",\"text\":\"" + long_text +
                                    "\"}\n\n{\"id\":\"short\",\"text\":\"s\"}\n"
                                    "{\"id\":\"last\",\"text\":\"no newline\"}");
    DocumentReader r({(dir / "d.jsonl").string()}, {});
    auto first = r.next();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->text(), long_text);
    EXPECT_EQ(ids_of(r), (std::vector<std::string>{"short", "last"}));

    struct Unbuffered : std::streambuf {  // no get area: every byte through underflow()
        explicit Unbuffered(std::string s) : bytes(std::move(s)) {}
        int_type underflow() override {
            return at < bytes.size() ? traits_type::to_int_type(bytes[at]) : traits_type::eof();
        }
        int_type uflow() override {
            return at < bytes.size() ? traits_type::to_int_type(bytes[at++]) : traits_type::eof();
        }
        std::string bytes;
        std::size_t at = 0;
    } unbuffered("{\"id\":\"a\",\"text\":\"1\"}\n{\"id\":\"b\",\"text\":\"2\"}");
    std::istream in(&unbuffered);
    InputOptions o;
    o.format = InputFormat::jsonl;
    DocumentReader j({"-"}, o, &in);
    EXPECT_EQ(ids_of(j), (std::vector<std::string>{"a", "b"}));
}

TEST(DocumentReader, EmptyDocumentIsStillADocument) {
    TempDir dir;
    write_file(dir / "empty.txt", "");
    DocumentReader r({(dir / "empty.txt").string()}, {});
    auto d = r.next();
    ASSERT_TRUE(d);
    EXPECT_EQ(d->text(), "");
}

TEST(DocumentReader, StdinAndJsonLinesAreBoundedToo) {
    std::istringstream big(std::string(1000, 'x'));
    InputOptions o;
    o.max_document_bytes = 10;
    DocumentReader r({"-"}, o, &big);
    EXPECT_EQ(error_code([&] { r.next(); }), 65);
    std::istringstream lines(std::string("{\"text\": \"") + std::string(100, 'y') +
                             "\"}\n{\"text\": \"ok\"}\n");
    o.format = InputFormat::jsonl;
    o.max_document_bytes = 50;
    DocumentReader j({"-"}, o, &lines);
    std::string msg;
    EXPECT_EQ(error_code([&] { j.next(); }, &msg), 65);
    EXPECT_NE(msg.find("stdin:1: line is over the limit of 50 bytes"), std::string::npos) << msg;
    auto next = j.next();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->text(), "ok");
}
