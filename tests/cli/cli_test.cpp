// End-to-end tests of the `docpipe` command, run as a user would run it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docpipe/abi.h"
#include "test_env.hpp"

using docpipe::testing::read_file;
using docpipe::testing::run_docpipe;
using docpipe::testing::TempDir;
using docpipe::testing::write_file;

TEST(Cli, VersionAndHelpDocumentExitCodes) {
    const auto v = run_docpipe({"version", "--format", "json"});
    EXPECT_EQ(v.exit_code, 0);
    const auto j = nlohmann::json::parse(v.out);
    EXPECT_EQ(j["api_version"], "2." + std::to_string(DOCPIPE_ABI_VERSION_MINOR));
    const auto help = run_docpipe({"run", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("78  invalid pipeline config"), std::string::npos) << help.out;
    EXPECT_EQ(run_docpipe({"frobnicate"}).exit_code, 64);
}

TEST(Cli, PluginsListDescribesEveryPluginIncludingIncompatibleOnes) {
    const auto r = run_docpipe({"plugins", "list", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    std::map<std::string, nlohmann::json> by_name;
    for (const auto& p : j["plugins"]) {
        if (p.contains("name") && !p.contains("shadowed_by")) by_name[p["name"]] = p;
    }
    ASSERT_TRUE(by_name.count("wrong_api"));
    EXPECT_EQ(by_name["wrong_api"]["status"], "incompatible");
    EXPECT_EQ(by_name["wrong_api"]["api_version"],
              "99." + std::to_string(DOCPIPE_ABI_VERSION_MINOR));
    EXPECT_NE(by_name["wrong_api"]["reason"].get<std::string>().find(
                  "API 99." + std::to_string(DOCPIPE_ABI_VERSION_MINOR)),
              std::string::npos);
    EXPECT_EQ(by_name["wrong_api"]["stages"][0]["name"], "future_stage");
    ASSERT_TRUE(by_name.count("test_stages"));
    const auto& shout = by_name["test_stages"]["stages"][1];
    EXPECT_EQ(shout["name"], "test_shout");
    EXPECT_EQ(shout["params"][1]["name"], "times");
    EXPECT_EQ(shout["params"][1]["type"], "int");
    EXPECT_EQ(shout["params"][1]["default"], 1);
    EXPECT_TRUE(by_name["test_stages"]["path"].get<std::string>().ends_with("test_stages.so"));
}

TEST(Cli, PluginsInfoByStageNameAndUnknownName) {
    const auto r = run_docpipe({"plugins", "info", "test_shout"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("plugin test_stages 1.0.0"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("times"), std::string::npos);
    const auto bad = run_docpipe({"plugins", "info", "test_shuot"});
    EXPECT_EQ(bad.exit_code, 64);
    EXPECT_NE(bad.err.find("did you mean 'test_shout'?"), std::string::npos) << bad.err;
}

// Attribute types, in text and in JSON as the manifest has them (names in order, then the
// types that are not strings).
TEST(Cli, PluginsInfoShowsAttributeTypes) {
    const auto text = run_docpipe({"plugins", "info", "test_labeller"});
    EXPECT_NE(text.out.find("layer labels: labels GOOD, FINE; attributes why, weight (number)"),
              std::string::npos)
        << text.out;
    const auto r = run_docpipe({"plugins", "info", "test_labeller", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    for (const auto& stage : j["stages"]) {
        if (stage["name"] != "test_labeller") continue;
        EXPECT_EQ(stage["layer_specs"][0]["attributes"], nlohmann::json({"why", "weight"}));
        EXPECT_EQ(stage["layer_specs"][0]["attribute_types"],
                  nlohmann::json({{"weight", "number"}}));
        return;
    }
    FAIL() << r.out;
}

TEST(Cli, ValidateMisspeltParameterExits78WithPositionAndSuggestion) {
    TempDir dir;
    write_file(
        dir / "p.yaml",
        "version: 1\nstages:\n  - id: s\n    plugin: test_shout\n    params:\n      tims: 2\n");
    const auto r = run_docpipe({"validate", (dir / "p.yaml").string()});
    EXPECT_EQ(r.exit_code, 78);
    EXPECT_NE(r.err.find((dir / "p.yaml").string() +
                         ":6:7: unknown parameter 'tims' for stage 's' (test_shout); valid "
                         "parameters: word, times; did you mean 'times'?"),
              std::string::npos)
        << r.err;
    write_file(dir / "ok.yaml", "version: 1\nstages:\n  - id: s\n    plugin: test_shout\n");
    const auto ok = run_docpipe({"validate", (dir / "ok.yaml").string()});
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("ok"), std::string::npos);
}

TEST(Cli, RunReadsStdinAndPrintsStats) {
    TempDir dir;
    write_file(dir / "p.yaml", "version: 1\nstages:\n  - id: n\n    plugin: test_noop\n");
    const auto r = run_docpipe({"run", (dir / "p.yaml").string(), "--stats"}, "some text");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("documents: 1 read, 1 completed, 0 skipped"), std::string::npos) << r.err;
}

// A stage's annotations carry only the labels and attributes it declares for the layer.
TEST(Cli, AStageWritingAnUndeclaredLabelOrAttributeFailsWhereItIsMade) {
    TempDir dir;
    const auto run = [&](const std::string& params) {
        write_file(dir / "p.yaml",
                   "version: 1\nstages:\n  - id: lab\n    plugin: test_labeller\n    params: " +
                       params + "\n");
        return run_docpipe({"run", (dir / "p.yaml").string()}, "text");
    };
    EXPECT_EQ(run("{label: FINE, attribute: why}").exit_code, 0);
    const auto label = run("{label: GOD}");
    EXPECT_EQ(label.exit_code, 70) << label.err;
    EXPECT_NE(label.err.find("document 'stdin', stage 'lab' (test_labeller): the stage wrote label "
                             "'GOD' in layer 'labels', which the stage does not declare (it "
                             "declares GOOD, FINE)"),
              std::string::npos)
        << label.err;
    const auto attribute = run("{attribute: reason}");
    EXPECT_EQ(attribute.exit_code, 70) << attribute.err;
    EXPECT_NE(attribute.err.find("attribute 'reason' on 'GOOD' in layer 'labels', which the stage "
                                 "does not declare (it declares why, weight)"),
              std::string::npos)
        << attribute.err;
}

// Attribute values are typed: a stage writes each key with the type it declares.
TEST(Cli, AStageWritingAnAttributeOfTheWrongTypeFailsWhereItIsMade) {
    TempDir dir;
    const auto run = [&](const std::string& params, const std::string& format = "json") {
        write_file(
            dir / "p.yaml",
            "version: 1\nstages:\n  - id: lab\n    plugin: test_labeller\n    params: " + params +
                "\n  - id: out\n    plugin: exporter\n    params: {format: " + format + "}\n");
        return run_docpipe({"run", (dir / "p.yaml").string()}, "text");
    };
    const auto number = run("{attribute: weight, value: number}");
    ASSERT_EQ(number.exit_code, 0) << number.err;
    EXPECT_EQ(nlohmann::json::parse(number.out)["layers"]["labels"][0]["attributes"]["weight"],
              0.5);
    const auto as_string = run("{attribute: weight}");
    EXPECT_EQ(as_string.exit_code, 70) << as_string.err;
    EXPECT_NE(as_string.err.find("the stage wrote attribute 'weight' on 'GOOD' in layer 'labels' "
                                 "as a string, but the stage declares it a number"),
              std::string::npos)
        << as_string.err;
    const auto as_boolean = run("{attribute: why, value: boolean}");
    EXPECT_EQ(as_boolean.exit_code, 70) << as_boolean.err;
    EXPECT_NE(as_boolean.err.find("attribute 'why' on 'GOOD' in layer 'labels' as a boolean, but "
                                  "the stage declares it a string"),
              std::string::npos)
        << as_boolean.err;
}

// Run statistics reach a sink through the boundary as typed stage times, not as metadata.
TEST(Cli, RecordedStageTimesReachTheExporter) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nrecord_timings: true\nstages:\n  - id: z\n    plugin: test_noop\n"
               "  - id: a\n    plugin: test_noop\n"
               "  - id: out\n    plugin: exporter\n    params: {format: json}\n");
    const auto r = run_docpipe({"run", (dir / "p.yaml").string()}, "text");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["stage_times"].size(), 2u) << r.out;  // the exporter's own comes after it ran
    EXPECT_EQ(j["stage_times"][0]["stage"], "z");
    EXPECT_EQ(j["stage_times"][1]["stage"], "a");
    EXPECT_TRUE(j["stage_times"][1]["milliseconds"].is_number());
    EXPECT_FALSE(j["metadata"].contains("timing.z_ms")) << r.out;
}

TEST(Cli, ExitCodesForBadInputs) {
    TempDir dir;
    write_file(dir / "p.yaml", "version: 1\nstages:\n  - id: n\n    plugin: test_noop\n");
    const auto pipeline = (dir / "p.yaml").string();
    EXPECT_EQ(run_docpipe({"run", pipeline, "/no/such/input.txt"}).exit_code, 66);
    EXPECT_EQ(run_docpipe({"run", (dir / "missing.yaml").string(), "-"}).exit_code, 66);
    write_file(dir / "bad.txt", "caf\xE9");
    const auto bad = run_docpipe({"run", pipeline, (dir / "bad.txt").string()});
    EXPECT_EQ(bad.exit_code, 65);
    EXPECT_NE(bad.err.find("document 'bad'"), std::string::npos) << bad.err;
    EXPECT_EQ(run_docpipe({"run", pipeline, "--set", "nodot"}, "x").exit_code, 64);
    const auto no_exporter = run_docpipe({"run", pipeline, "-o", (dir / "out.txt").string()}, "x");
    EXPECT_EQ(no_exporter.exit_code, 64);
    EXPECT_NE(no_exporter.err.find("no stage with a 'path' parameter"), std::string::npos);
}

TEST(Cli, StageThatThrowsFailsOrSkipsByPolicy) {
    TempDir dir;
    write_file(dir / "fail.yaml",
               "version: 1\nstages:\n  - id: t\n    plugin: test_throw_process\n");
    const auto f = run_docpipe({"run", (dir / "fail.yaml").string()}, "x");
    EXPECT_EQ(f.exit_code, 70);
    EXPECT_NE(f.err.find("document 'stdin', stage 't' (test_throw_process): cannot handle this "
                         "document"),
              std::string::npos)
        << f.err;
    write_file(dir / "skip.yaml",
               "version: 1\non_error: skip\nstages:\n  - id: t\n    plugin: test_throw_process\n");
    const auto s = run_docpipe({"run", (dir / "skip.yaml").string()}, "x");
    EXPECT_EQ(s.exit_code, 0);
    EXPECT_NE(s.err.find("1 of 1 documents skipped"), std::string::npos) << s.err;
}

TEST(Cli, StageThatThrowsInConfigureExits78) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: c\n    plugin: test_throw_configure\n");
    const auto r = run_docpipe({"run", (dir / "p.yaml").string()}, "x");
    EXPECT_EQ(r.exit_code, 78);
    EXPECT_NE(r.err.find("stage 'c' (test_throw_configure) failed to configure: dictionary file is "
                         "missing"),
              std::string::npos)
        << r.err;
}

TEST(Cli, CrashingStageIsNamedAndExits70) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: boom\n    plugin: test_crash_process\n");
    const auto r = run_docpipe({"run", (dir / "p.yaml").string()}, "x");
    EXPECT_EQ(r.exit_code, 70);
    EXPECT_NE(r.err.find("fatal: SIGSEGV in stage 'boom' while processing document 'stdin'"),
              std::string::npos)
        << r.err;
}

TEST(Cli, RunsAPipelineOnTheSeedDocumentWithOffsetsIntoTheOriginal) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: shout\n    plugin: test_shout\n"
               "    params: {word: commerce}\n"
               "  - id: export\n    plugin: exporter\n    params: {format: json}\n");
    const auto out = dir / "seed.json";
    const auto r = run_docpipe({"run", (dir / "p.yaml").string(),
                                docpipe::testing::seed_document().string(), "-o", out.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.empty());  // the exporter wrote to -o, not stdout
    const auto j = nlohmann::json::parse(read_file(out));
    EXPECT_EQ(j["id"], "spun_article");
    const std::string text = j["text"];
    const std::string original = j["original_text"];
    EXPECT_EQ(original, read_file(docpipe::testing::seed_document()));
    EXPECT_NE(text.find("COMMERCE battle"), std::string::npos);
    const auto& shouted = j["layers"]["shouted"];
    ASSERT_GT(shouted.size(), 0u);
    int commerce = 0;
    for (const auto& a : shouted) {
        const std::string in_text =
            text.substr(a["begin"], a["end"].get<std::size_t>() - a["begin"].get<std::size_t>());
        const std::string in_original =
            original.substr(a["source_begin"], a["source_end"].get<std::size_t>() -
                                                   a["source_begin"].get<std::size_t>());
        if (in_text == "COMMERCE") {
            EXPECT_EQ(in_original, "commerce");
            ++commerce;
        }
    }
    EXPECT_GT(commerce, 5);
}

TEST(Cli, FailedRunLeavesNoOutputBehind) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: t\n    plugin: test_throw_process\n"
               "    params: {when_contains: second}\n"
               "  - id: export\n    plugin: exporter\n    params: {format: text}\n");
    write_file(dir / "in/a.txt", "first document");
    write_file(dir / "in/b.txt", "second document");
    const auto out = dir / "out" / "all.txt";
    const auto r =
        run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in").string(), "-o", out.string()});
    EXPECT_EQ(r.exit_code, 70);
    EXPECT_NE(r.err.find("document 'b', stage 't'"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out));
    if (std::filesystem::exists(out.parent_path())) {
        EXPECT_TRUE(std::filesystem::is_empty(out.parent_path()));  // no temporary file either
    }
}

// An output that cannot be written fails the run before any document is processed: the
// stage that would crash on the first document never runs.
TEST(Cli, AnUnwritableOutputFailsBeforeAnyDocument) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: boom\n    plugin: test_crash_process\n"
               "  - id: export\n    plugin: exporter\n    params: {format: text}\n");
    write_file(dir / "in.txt", "a document");
    write_file(dir / "file", "not a directory");
    // One file, and one file per document (the template's folder is checked with a probe id).
    for (const std::string name : {"all.txt", "{id}.txt", "{id}/doc.txt"}) {
        const auto out = dir / "file" / name;
        const auto r = run_docpipe(
            {"run", (dir / "p.yaml").string(), (dir / "in.txt").string(), "-o", out.string()});
        EXPECT_EQ(r.exit_code, 74) << r.err;
        EXPECT_NE(r.err.find("stage 'export' (exporter): cannot write '" + (dir / "file").string()),
                  std::string::npos)
            << r.err;
        EXPECT_EQ(r.err.find("SIGSEGV"), std::string::npos) << name << ": " << r.err;
        EXPECT_EQ(read_file(dir / "file"), "not a directory");
    }
}

// Checking an output early creates nothing: `validate --configure` leaves no directory.
TEST(Cli, ValidateConfigureChecksOutputsWithoutCreatingThem) {
    TempDir dir;
    const auto out = dir / "new" / "sub" / "all.txt";
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: export\n    plugin: exporter\n"
               "    params: {format: text, path: \"" +
                   out.string() + "\"}\n");
    const auto r = run_docpipe({"validate", "--configure", (dir / "p.yaml").string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "new"));
    write_file(dir / "file", "x");
    write_file(dir / "bad.yaml",
               "version: 1\nstages:\n  - id: export\n    plugin: exporter\n"
               "    params: {format: text, path: \"" +
                   (dir / "file" / "all.txt").string() + "\"}\n");
    const auto bad = run_docpipe({"validate", "--configure", (dir / "bad.yaml").string()});
    EXPECT_EQ(bad.exit_code, 74) << bad.err;
    EXPECT_NE(bad.err.find("bad.yaml:3:5: stage 'export' (exporter): cannot write"),
              std::string::npos)
        << bad.err;
}

TEST(Cli, SetOverridesDoNotSwallowInputs) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: s\n    plugin: test_shout\n"
               "  - id: export\n    plugin: exporter\n    params: {format: text}\n");
    write_file(dir / "in.txt", "a trade war");
    const auto r = run_docpipe(
        {"run", (dir / "p.yaml").string(), "--set", "s.word=war", (dir / "in.txt").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, 11), "a trade WAR");
}

TEST(Cli, ValidateLoadsPluginsAndConfiguresOnRequest) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\nstages:\n  - id: c\n    plugin: test_throw_configure\n");
    // The config and the plugin are fine; only configure() fails, which --configure runs.
    EXPECT_EQ(run_docpipe({"validate", (dir / "p.yaml").string()}).exit_code, 0);
    const auto deep = run_docpipe({"validate", "--configure", (dir / "p.yaml").string()});
    EXPECT_EQ(deep.exit_code, 78);
    EXPECT_NE(deep.err.find("failed to configure: dictionary file is missing"), std::string::npos)
        << deep.err;
}

TEST(Cli, OutputTemplatesAndGlobalOptionsAfterTheSubcommand) {
    TempDir dir;
    write_file(
        dir / "p.yaml",
        "version: 1\nstages:\n  - id: export\n    plugin: exporter\n    params: {format: text}\n");
    write_file(dir / "in/a.txt", "alpha");
    write_file(dir / "in/b.txt", "beta");
    const auto r = run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in").string(), "-o",
                                (dir / "out/{id}.txt").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(read_file(dir / "out/a.txt").substr(0, 5), "alpha");
    EXPECT_EQ(read_file(dir / "out/b.txt").substr(0, 4), "beta");
    const auto late = run_docpipe(
        {"plugins", "list", "--plugin-path", docpipe::testing::test_plugin_dir().string()});
    EXPECT_EQ(late.exit_code, 0) << late.err;
}

TEST(Cli, StatsTableHasEveryColumn) {
    TempDir dir;
    write_file(dir / "p.yaml",
               "version: 1\non_error: skip\nstages:\n  - id: t\n    plugin: test_throw_process\n"
               "    params: {when_contains: bad}\n");
    write_file(dir / "in/1.txt", "good");
    write_file(dir / "in/2.txt", "bad");
    const auto r =
        run_docpipe({"run", (dir / "p.yaml").string(), (dir / "in").string(), "--stats"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(
        r.err.find(
            "stage            plugin                calls      time ms       docs/s   errors"),
        std::string::npos)
        << r.err;
    // stage t was called twice and failed once.
    EXPECT_NE(r.err.find("t                test_throw_process        2"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("documents: 2 read, 1 completed, 1 skipped"), std::string::npos);
}
