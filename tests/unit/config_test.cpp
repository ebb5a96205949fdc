#include <gtest/gtest.h>

#include "docpipe/abi.h"
#include "docpipe/host/errors.hpp"
#include "docpipe/host/pipeline_config.hpp"
#include "test_env.hpp"

using namespace docpipe::host;

namespace {

const Registry& registry() {
    static Registry r = Registry::discover({docpipe::testing::test_plugin_dir()}, nullptr);
    return r;
}

// The diagnostics a config produces; fails the test when it is valid.
std::vector<Diagnostic> errors_of(const std::string& yaml,
                                  const std::vector<ParamOverride>& overrides = {}) {
    try {
        parse_pipeline(yaml, "p.yaml", registry(), overrides);
    } catch (const ConfigError& e) {
        EXPECT_EQ(e.exit_code(), 78);
        return e.diagnostics();
    }
    ADD_FAILURE() << "config was accepted:\n" << yaml;
    return {};
}

std::string first_error(const std::string& yaml, const std::vector<ParamOverride>& o = {}) {
    const auto ds = errors_of(yaml, o);
    return ds.empty() ? "" : ds.front().to_string();
}

}  // namespace

TEST(PipelineConfig, AcceptsAValidPipelineAndFillsDefaults) {
    const auto c = parse_pipeline(R"(version: 1
name: demo
on_error: skip
stages:
  - id: shout
    plugin: test_shout
    params: { word: trade }
  - id: needs
    plugin: test_needs_shout
    on_error: fail
)",
                                  "p.yaml", registry());
    EXPECT_EQ(c.name, "demo");
    ASSERT_EQ(c.stages.size(), 2u);
    EXPECT_EQ(c.stages[0].params.get_string("word"), "trade");
    EXPECT_EQ(c.stages[0].params.get_int("times"), 1);  // default
    EXPECT_EQ(c.policy_for(c.stages[0]), ErrorPolicy::skip);
    EXPECT_EQ(c.policy_for(c.stages[1]), ErrorPolicy::fail);
}

TEST(PipelineConfig, MisspeltParameterGetsPositionValidNamesAndSuggestion) {
    EXPECT_EQ(first_error("version: 1\nstages:\n  - id: s\n    plugin: test_shout\n"
                          "    params:\n      tims: 2\n"),
              "p.yaml:6:7: unknown parameter 'tims' for stage 's' (test_shout); valid parameters: "
              "word, times; did you mean 'times'?");
}

TEST(PipelineConfig, WrongParameterTypeIsReportedAtTheValue) {
    EXPECT_EQ(first_error("version: 1\nstages:\n  - id: s\n    plugin: test_shout\n"
                          "    params: { times: lots }\n"),
              "p.yaml:5:22: parameter 'times' of stage 's' (test_shout): expected an integer, got "
              "'lots'");
    EXPECT_EQ(
        first_error("version: 1\nstages:\n  - id: s\n    plugin: test_shout\n"
                    "    params: { word: [a, b] }\n"),
        "p.yaml:5:21: parameter 'word' of stage 's' (test_shout): expected a string, got a list");
}

TEST(PipelineConfig, UnknownPluginSuggestsTheClosestStage) {
    const auto e = first_error("version: 1\nstages:\n  - id: s\n    plugin: test_shuot\n");
    EXPECT_EQ(e.rfind("p.yaml:4:13: unknown plugin 'test_shuot'; did you mean 'test_shout'?", 0),
              0u)
        << e;
}

TEST(PipelineConfig, StageOfAnIncompatiblePluginSaysWhy) {
    const auto e = first_error("version: 1\nstages:\n  - id: s\n    plugin: future_stage\n");
    EXPECT_NE(e.find("p.yaml:4:13:"), std::string::npos) << e;
    EXPECT_NE(e.find("wrong_api.so but cannot be used: built for docpipe plugin API 99." +
                     std::to_string(DOCPIPE_ABI_VERSION_MINOR)),
              std::string::npos)
        << e;
}

TEST(PipelineConfig, UnknownKeysAreReportedWithSuggestions) {
    const auto ds = errors_of("version: 1\nstagse: []\nstages:\n  - id: s\n    plugn: x\n");
    ASSERT_GE(ds.size(), 2u);
    EXPECT_EQ(ds[0].to_string(),
              "p.yaml:2:1: unknown key 'stagse' in pipeline; valid keys: version, name, "
              "description, stages, on_error, record_timings; did you mean 'stages'?");
    EXPECT_EQ(ds[1].to_string(),
              "p.yaml:5:5: unknown key 'plugn' in stage; valid keys: id, plugin, params, on_error; "
              "did you mean 'plugin'?");
}

TEST(PipelineConfig, DuplicateIdsAreRejected) {
    EXPECT_EQ(
        first_error("version: 1\nstages:\n  - id: a\n    plugin: test_noop\n"
                    "  - id: a\n    plugin: test_noop\n"),
        "p.yaml:5:9: duplicate stage id 'a' (first used at line 3); give each stage its own id");
}

TEST(PipelineConfig, UnmetRequiresNamesTheProvider) {
    EXPECT_EQ(first_error("version: 1\nstages:\n  - id: n\n    plugin: test_needs_shout\n"),
              "p.yaml:3:5: stage 'n' (test_needs_shout) requires layer 'shouted', which no earlier "
              "stage provides; add a stage before it using plugin: test_shout");
}

// Found by fuzz_pipeline_config in a clean-clone CI run: the stage was dropped and the
// config accepted with no stages.
TEST(PipelineConfig, AnEmptyPluginNameIsAnErrorNotADroppedStage) {
    EXPECT_EQ(first_error("version: 1\nstages:\n  - id: r\n    plugin: \"\"\n"),
              "p.yaml:4:13: stage 'r' has an empty 'plugin' (the stage to run, e.g. 'exporter')");
    EXPECT_EQ(first_error("version: 1\nstages:\n  - id: r\n    plugin: !ynolym_rentif\n"),
              "p.yaml:4:13: stage 'r' has an empty 'plugin' (the stage to run, e.g. 'exporter')");
}

TEST(PipelineConfig, AMisspeltLayerNameSuggestsTheLayerThatExists) {
    EXPECT_EQ(first_error("version: 1\nstages:\n  - id: t\n    plugin: test_typo_reader\n"),
              "p.yaml:3:5: stage 't' (test_typo_reader) requires layer 'shoutd', which no earlier "
              "stage provides; no plugin provides a layer of that name: did you mean 'shouted'?");
}

// The summarizer placed before entity_tagger would silently lose its entity boost.
TEST(PipelineConfig, ALayerUsedIfPresentMustNotComeFromALaterStage) {
    EXPECT_EQ(
        first_error("version: 1\nstages:\n  - id: label\n    plugin: test_labeller\n"
                    "  - id: shout\n    plugin: test_shout\n"),
        "p.yaml:3:5: stage 'label' (test_labeller) uses layer 'shouted' when an earlier stage "
        "provides it, but stage 'shout' (test_shout), which provides it, comes after; move "
        "'shout' before 'label'");
    EXPECT_NO_THROW(
        parse_pipeline("version: 1\nstages:\n  - id: shout\n    plugin: test_shout\n"
                       "  - id: label\n    plugin: test_labeller\n",
                       "p.yaml", registry()));
    EXPECT_NO_THROW(parse_pipeline(
        "version: 1\nstages:\n  - id: label\n    plugin: test_labeller\n", "p.yaml", registry()));
}

TEST(PipelineConfig, YamlSyntaxErrorsHaveAPosition) {
    EXPECT_EQ(first_error("version: 1\nstages:\n  - id: [unclosed\n"),
              "p.yaml:4:1: YAML syntax error: end of sequence flow not found");
}

TEST(PipelineConfig, VersionAndStagesAreRequired) {
    EXPECT_EQ(first_error("name: x\nstages:\n  - id: a\n    plugin: test_noop\n"),
              "p.yaml:1:1: missing 'version: 1' (the pipeline format version)");
    EXPECT_EQ(first_error("version: 2\nstages:\n  - id: a\n    plugin: test_noop\n"),
              "p.yaml:1:10: unsupported pipeline format version '2'; this docpipe reads version 1");
    EXPECT_EQ(
        first_error("version: 1\nstages: []\n"),
        "p.yaml:2:9: 'stages' must be a non-empty list of stages, each with 'id' and 'plugin'");
    EXPECT_EQ(
        first_error("version: 1\non_error: ignore\nstages:\n  - id: a\n    plugin: test_noop\n"),
        "p.yaml:2:11: on_error must be 'fail' or 'skip', got 'ignore'");
}

TEST(PipelineConfig, OverridesReplaceParamsAndAreValidatedToo) {
    const std::string yaml = "version: 1\nstages:\n  - id: s\n    plugin: test_shout\n";
    const auto c = parse_pipeline(yaml, "p.yaml", registry(), {ParamOverride::parse("s.times=7")});
    EXPECT_EQ(c.stages[0].params.get_int("times"), 7);
    EXPECT_EQ(first_error(yaml, {ParamOverride::parse("s.times=x")}),
              "--set s.times=x: parameter 'times' of stage 's' (test_shout): expected an integer, "
              "got 'x'");
    EXPECT_EQ(first_error(yaml, {ParamOverride::parse("t.times=1")}),
              "--set t.times=1: no stage with id 't' in p.yaml; stage ids: s");
    EXPECT_EQ(first_error(yaml, {ParamOverride::parse("s.tmes=1")}),
              "--set s.tmes=1: unknown parameter 'tmes' for stage 's' (test_shout); valid "
              "parameters: word, times; did you mean 'times'?");
    EXPECT_THROW(ParamOverride::parse("no-dot=1"), Error);
    EXPECT_THROW(ParamOverride::parse("s.x"), Error);
}

TEST(PipelineConfig, ReportsEveryProblemNotJustTheFirst) {
    const auto ds = errors_of(
        "version: 1\nstages:\n  - id: a\n    plugin: nope\n  - id: b\n    plugin: test_shout\n"
        "    params: { times: x, wrd: y }\n");
    EXPECT_EQ(ds.size(), 3u);
}

TEST(PipelineConfig, MissingFileIsAnInputError) {
    try {
        load_pipeline("/nonexistent/p.yaml", registry());
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), 66);
        EXPECT_STREQ(e.what(),
                     "cannot read pipeline '/nonexistent/p.yaml': No such file or directory");
    }
}

TEST(Params, FillDefaultsKeepsValuesAlreadySet) {
    docpipe::Params p;
    p.set("times", std::int64_t{5});
    p.fill_defaults({{"times", docpipe::ParamType::integer, std::int64_t{1}, ""},
                     {"word", docpipe::ParamType::string, std::string("x"), ""},
                     {"none", docpipe::ParamType::string, std::nullopt, ""}});
    EXPECT_EQ(p.get_int("times"), 5);
    EXPECT_EQ(p.get_string("word"), "x");
    EXPECT_FALSE(p.has("none"));
}

TEST(PipelineConfig, RequiredRangeAndAllowedValuesAreChecked) {
    const std::string head = "version: 1\nstages:\n  - id: c\n    plugin: test_constrained\n";
    EXPECT_EQ(first_error(head),
              "p.yaml:3:5: stage 'c' (test_constrained) needs parameter 'threshold' (number): "
              "between 0 and 1");
    EXPECT_EQ(first_error(head + "    params: {threshold: 1.5}\n"),
              "p.yaml:5:25: parameter 'threshold' of stage 'c' (test_constrained): 1.5 is above "
              "the maximum 1");
    EXPECT_EQ(first_error(head + "    params: {threshold: 0.5, mode: exakt}\n"),
              "p.yaml:5:36: parameter 'mode' of stage 'c' (test_constrained): 'exakt' is not one "
              "of: fast, exact; did you mean 'exact'?");
    const auto ok = parse_pipeline(head + "    params: {threshold: 0.5}\n", "p.yaml", registry());
    EXPECT_EQ(ok.stages[0].params.get_number("threshold"), 0.5);
    EXPECT_EQ(ok.stages[0].params.get_string("mode"), "fast");
}

TEST(PipelineConfig, DuplicateKeysAreErrors) {
    EXPECT_EQ(first_error("version: 1\nstages:\n  - id: a\n    plugin: test_noop\n"
                          "stages:\n  - id: b\n    plugin: test_noop\n"),
              "p.yaml:5:1: duplicate key 'stages' in pipeline (first at line 2)");
    EXPECT_EQ(first_error("version: 1\nstages:\n  - id: s\n    plugin: test_shout\n"
                          "    params: {word: a, word: b}\n"),
              "p.yaml:5:23: duplicate key 'word' in the params of stage 's' (first at line 5)");
}

TEST(PipelineConfig, StringOverridesAreTakenAsTyped) {
    const std::string yaml = "version: 1\nstages:\n  - id: s\n    plugin: test_shout\n";
    for (const std::string v : {"{id}.txt", "#1.txt", "null", "a: b", "[x].txt", "true"}) {
        const auto c =
            parse_pipeline(yaml, "p.yaml", registry(), {ParamOverride::parse("s.word=" + v)});
        EXPECT_EQ(c.stages[0].params.get_string("word"), v);
    }
}

TEST(PipelineConfig, EmptyFileHasAPosition) {
    EXPECT_EQ(first_error(""),
              "p.yaml:1:1: the pipeline is empty; it needs 'version: 1' and a 'stages:' list");
}
