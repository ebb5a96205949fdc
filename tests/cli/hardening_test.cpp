// End-to-end tests of what a careless user or an attacker can do to a run: outputs that are
// devices, pipes, links or the inputs themselves, and hostile input lines.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <future>

#include "test_env.hpp"

using docpipe::testing::read_file;
using docpipe::testing::run_docpipe;
using docpipe::testing::TempDir;
using docpipe::testing::write_file;

namespace {

const char* const text_pipeline =
    "version: 1\nstages:\n  - id: s\n    plugin: test_shout\n    params: {word: war}\n"
    "  - id: export\n    plugin: exporter\n    params: {format: text}\n";

struct Fixture {
    TempDir dir;
    std::string pipeline = (dir / "p.yaml").string();
    std::string input = (dir / "in.txt").string();
    Fixture() {
        write_file(dir / "p.yaml", text_pipeline);
        write_file(dir / "in.txt", "a trade war");
    }
};

}  // namespace

TEST(Hardening, OutputToACharacterDeviceLeavesTheDevice) {
    Fixture f;
    const auto null = f.dir / "null";
    if (::mknod(null.c_str(), S_IFCHR | 0666, ::makedev(1, 3)) != 0) {
        GTEST_SKIP() << "mknod needs root";
    }
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", null.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    struct stat st {};
    ASSERT_EQ(::lstat(null.c_str(), &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode)) << "the device node was replaced by a regular file";
}

TEST(Hardening, DevNullIsWrittenAndStaysADevice) {
    Fixture f;
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", "/dev/null"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    struct stat st {};
    ASSERT_EQ(::lstat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST(Hardening, OutputToAFifoReachesItsReader) {
    Fixture f;
    const auto fifo = f.dir / "fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto reader = std::async(std::launch::async, [&] { return read_file(fifo); });
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", fifo.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(reader.get(), "a trade WAR\n");
    struct stat st {};
    ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST(Hardening, DevStdoutWritesToStdout) {
    Fixture f;
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", "/dev/stdout"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "a trade WAR\n");
}

TEST(Hardening, OutputThroughASymlinkReplacesItsTargetAndKeepsTheLink) {
    Fixture f;
    write_file(f.dir / "real/out.txt", "old");
    std::filesystem::create_symlink("real/out.txt", f.dir / "link.txt");
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", (f.dir / "link.txt").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::is_symlink(f.dir / "link.txt"));
    EXPECT_EQ(read_file(f.dir / "real/out.txt"), "a trade WAR\n");
}

TEST(Hardening, ReplacedOutputKeepsItsMode) {
    Fixture f;
    const auto out = f.dir / "private.txt";
    write_file(out, "old");
    ASSERT_EQ(::chmod(out.c_str(), 0600), 0);
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    struct stat st {};
    ASSERT_EQ(::stat(out.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(Hardening, OutputThatIsTheInputIsRefusedWith64AndTheInputKept) {
    Fixture f;
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", f.input});
    EXPECT_EQ(r.exit_code, 64);
    EXPECT_NE(r.err.find("output '" + f.input + "' is the input"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--in-place"), std::string::npos) << r.err;
    EXPECT_EQ(read_file(f.input), "a trade war");
    // Another spelling of the same file, and a symlink to it.
    std::filesystem::create_symlink("in.txt", f.dir / "alias.txt");
    EXPECT_EQ(
        run_docpipe({"run", f.pipeline, f.input, "-o", (f.dir / "alias.txt").string()}).exit_code,
        64);
    const std::string dotted = (f.dir / "." / "in.txt").string();
    EXPECT_EQ(run_docpipe({"run", f.pipeline, f.input, "-o", dotted}).exit_code, 64);
    EXPECT_EQ(read_file(f.input), "a trade war");
}

TEST(Hardening, InPlaceReplacesTheInputOnPurpose) {
    Fixture f;
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", f.input, "--in-place"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_file(f.input), "a trade WAR\n");
}

TEST(Hardening, BratCompanionBesideTheInputIsRefused) {
    Fixture f;
    write_file(f.dir / "doc.txt", "a trade war");
    const auto ann = (f.dir / "doc.ann").string();
    const auto r = run_docpipe({"run", f.pipeline, (f.dir / "doc.txt").string(), "--set",
                                "export.format=brat", "-o", ann});
    EXPECT_EQ(r.exit_code, 64) << r.err;
    EXPECT_NE(r.err.find("doc.txt"), std::string::npos) << r.err;
    EXPECT_EQ(read_file(f.dir / "doc.txt"), "a trade war");
    EXPECT_FALSE(std::filesystem::exists(ann));
}

TEST(Hardening, PerDocumentTemplateOverTheInputsIsRefused) {
    Fixture f;
    write_file(f.dir / "in/a.txt", "a trade war");
    const auto r = run_docpipe(
        {"run", f.pipeline, (f.dir / "in").string(), "-o", (f.dir / "in/{id}.txt").string()});
    EXPECT_EQ(r.exit_code, 64) << r.err;
    EXPECT_EQ(read_file(f.dir / "in/a.txt"), "a trade war");
    // The same folder through a symlink.
    std::filesystem::create_symlink("in", f.dir / "alias");
    const auto aliased = run_docpipe(
        {"run", f.pipeline, (f.dir / "in").string(), "-o", (f.dir / "alias/{id}.txt").string()});
    EXPECT_EQ(aliased.exit_code, 64) << aliased.err;
    EXPECT_NE(aliased.err.find("may replace the input"), std::string::npos) << aliased.err;
    // Another extension in the same folder is no conflict.
    const auto ok = run_docpipe(
        {"run", f.pipeline, (f.dir / "in").string(), "-o", (f.dir / "in/{id}.out").string()});
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_EQ(read_file(f.dir / "in/a.out"), "a trade WAR\n");
}

TEST(Hardening, PipelineFileIsNeverAnOutput) {
    Fixture f;
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", f.pipeline});
    EXPECT_EQ(r.exit_code, 64) << r.err;
    EXPECT_EQ(read_file(f.pipeline), text_pipeline);
}

TEST(Hardening, JsonNumberOutOfRangeIsBadDataOfThatLine) {
    Fixture f;
    write_file(f.dir / "in.jsonl",
               "{\"id\":\"a\",\"text\":\"one war\"}\n"
               "{\"id\":\"b\",\"text\":\"two\",\"meta\":{\"n\":1e400}}\n"
               "{\"id\":\"c\",\"text\":\"three war\"}\n");
    const auto fail = run_docpipe({"run", f.pipeline, (f.dir / "in.jsonl").string()});
    EXPECT_EQ(fail.exit_code, 65) << fail.err;
    EXPECT_NE(fail.err.find("in.jsonl:2"), std::string::npos) << fail.err;
    EXPECT_EQ(fail.err.find("internal error"), std::string::npos) << fail.err;
    write_file(f.dir / "skip.yaml", std::string("on_error: skip\n") + text_pipeline);
    const auto s =
        run_docpipe({"run", (f.dir / "skip.yaml").string(), (f.dir / "in.jsonl").string()});
    EXPECT_EQ(s.exit_code, 0) << s.err;
    EXPECT_EQ(s.out, "one WAR\n\nthree WAR\n");
    EXPECT_NE(s.err.find("1 of 3 documents skipped"), std::string::npos) << s.err;
}

TEST(Hardening, StageNamedLikeABundledOneIsReportedEverywhere) {
    Fixture f;
    const std::string hijack = DOCPIPE_HIJACK_PLUGIN_DIR;
    const auto list = run_docpipe({"--plugin-path", hijack, "plugins", "list"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    EXPECT_NE(list.out.find("stage exporter shadowed by: " + hijack + "/hijacker.so"),
              std::string::npos)
        << list.out;
    const auto info = run_docpipe({"--plugin-path", hijack, "plugins", "info", "exporter"});
    EXPECT_NE(info.out.find("stage exporter is shadowed: runs use " + hijack + "/hijacker.so"),
              std::string::npos)
        << info.out;
    // No exporter parameters: the impostor declares none, and the config must stay valid.
    const auto pipeline = (f.dir / "plain.yaml").string();
    write_file(pipeline,
               "version: 1\nstages:\n  - id: s\n    plugin: test_shout\n"
               "  - id: export\n    plugin: exporter\n");
    const auto validate = run_docpipe({"--plugin-path", hijack, "validate", pipeline});
    EXPECT_NE(validate.err.find("also provides 'exporter' and is shadowed"), std::string::npos)
        << validate.err;
    const auto run = run_docpipe({"--plugin-path", hijack, "-v", "run", pipeline, f.input});
    EXPECT_NE(run.err.find("stage 'export' uses 'exporter' from " + hijack + "/hijacker.so"),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("stage 's' (test_shout): "), std::string::npos) << run.err;
}

TEST(Hardening, PluginPathMustExistAndMayNameOnePluginFile) {
    Fixture f;
    const auto missing =
        run_docpipe({"--plugin-path", (f.dir / "nope").string(), "plugins", "list"});
    EXPECT_EQ(missing.exit_code, 64);
    EXPECT_NE(missing.err.find("no such file or folder"), std::string::npos) << missing.err;
    const auto file =
        run_docpipe({"--plugin-path", std::string(DOCPIPE_HIJACK_PLUGIN_DIR) + "/hijacker.so",
                     "plugins", "info", "hijacker"});
    EXPECT_EQ(file.exit_code, 0) << file.err;
    EXPECT_NE(file.out.find("plugin hijacker 1.0.0"), std::string::npos) << file.out;
}

TEST(Hardening, PerDocumentWriteFailureExits74) {
    Fixture f;
    // /dev/full takes no bytes: every write fails with ENOSPC, as on a full disk.
    const auto r = run_docpipe({"run", f.pipeline, f.input, "-o", "/dev/full"});
    EXPECT_EQ(r.exit_code, 74) << r.err;
    EXPECT_NE(r.err.find("cannot write '/dev/full': No space left on device"), std::string::npos)
        << r.err;
    // A folder that cannot be made is found before any document...
    write_file(f.dir / "blocker", "a file where a folder should be");
    const auto early =
        run_docpipe({"run", f.pipeline, f.input, "-o", (f.dir / "blocker/{id}.txt").string()});
    EXPECT_EQ(early.exit_code, 74) << early.err;
    EXPECT_NE(early.err.find("stage 'export' (exporter): cannot write '" +
                             (f.dir / "blocker/{id}.txt").string() + "'"),
              std::string::npos)
        << early.err;
    EXPECT_EQ(early.err.find("document 'in'"), std::string::npos) << early.err;
    // ...a document's own file that cannot be written, when it is (a folder in its place).
    std::filesystem::create_directories(f.dir / "out" / "in.txt");
    const auto per_doc =
        run_docpipe({"run", f.pipeline, f.input, "-o", (f.dir / "out/{id}.txt").string()});
    EXPECT_EQ(per_doc.exit_code, 74) << per_doc.err;
    EXPECT_NE(per_doc.err.find("document 'in', stage 'export' (exporter): cannot write"),
              std::string::npos)
        << per_doc.err;
}
