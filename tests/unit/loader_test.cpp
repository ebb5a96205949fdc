#include <dlfcn.h>
#include <elf.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "docpipe/abi.h"
#include "docpipe/host/errors.hpp"
#include "docpipe/host/plugin_loader.hpp"
#include "docpipe/host/registry.hpp"
#include "test_env.hpp"

using namespace docpipe::host;
using docpipe::testing::is_loaded;
using docpipe::testing::test_plugin_dir;

namespace {

// The message of the Error that loading `file` throws.
std::string load_error(const std::string& file) {
    try {
        load_plugin(test_plugin_dir() / file, nullptr);
    } catch (const Error& e) {
        EXPECT_EQ(e.exit_code(), 78);
        return e.what();
    }
    ADD_FAILURE() << file << " loaded";
    return {};
}

}  // namespace

TEST(PluginLoader, RefusesAFileThatIsNotALibrary) {
    EXPECT_EQ(load_error("not_a_library.so"),
              "'" + (test_plugin_dir() / "not_a_library.so").string() +
                  "' is not a shared library (no ELF header)");
}

TEST(PluginLoader, RefusesALibraryWithoutTheEntry) {
    EXPECT_EQ(load_error("no_entry.so"),
              "plugin '" + (test_plugin_dir() / "no_entry.so").string() +
                  "' does not export docpipe_plugin_entry(); declare the plugin with "
                  "DOCPIPE_PLUGIN(...)");
}

TEST(PluginLoader, RefusesAnotherApiVersionNamingFileAndBothVersions) {
    EXPECT_EQ(load_error("wrong_api.so"),
              "plugin '" + (test_plugin_dir() / "wrong_api.so").string() +
                  "' (wrong_api 1.0.0) is incompatible: built for docpipe plugin API 99." +
                  std::to_string(DOCPIPE_ABI_VERSION_MINOR) + ", but this host implements API 2." +
                  std::to_string(DOCPIPE_ABI_VERSION_MINOR) +
                  "; rebuild the plugin against docpipe SDK 0.2.0");
}

TEST(PluginLoader, RefusesAPluginThatNeedsANewerHostNamingBothVersions) {
    EXPECT_EQ(load_error("needs_newer_host.so"),
              "plugin '" + (test_plugin_dir() / "needs_newer_host.so").string() +
                  "' (needs_newer_host 1.0.0) is incompatible: needs docpipe plugin API 2.99 or "
                  "newer, but this host implements API 2." +
                  std::to_string(DOCPIPE_ABI_VERSION_MINOR) + "; upgrade docpipe");
    EXPECT_FALSE(is_loaded(test_plugin_dir() / "needs_newer_host.so"));
}

TEST(PluginLoader, APluginFromAnotherCompilerLoadsOnlyCCrossesTheBoundary) {
    const auto plugin = load_plugin(test_plugin_dir() / "other_compiler.so");
    EXPECT_EQ(plugin->manifest().built_with, "msvc 19.38 / msvcprt");
    auto stage = LoadedPlugin::create_stage(plugin, "foreign_stage");
    docpipe::Document doc("d", "text");
    EXPECT_TRUE(stage->process(doc).ok);
}

TEST(PluginLoader, ReadsTheManifestWithoutLoading) {
    const auto m = read_plugin_manifest(test_plugin_dir() / "wrong_api.so");
    EXPECT_EQ(m.name, "wrong_api");
    EXPECT_EQ(m.api_version(), "99." + std::to_string(DOCPIPE_ABI_VERSION_MINOR));
    ASSERT_EQ(m.stages.size(), 1u);
    EXPECT_EQ(m.stages[0].name, "future_stage");
    const auto good = read_plugin_manifest(test_plugin_dir() / "test_stages.so");
    ASSERT_EQ(good.stages.size(), 15u);
    EXPECT_EQ(good.stages[1].name, "test_shout");
    ASSERT_EQ(good.stages[1].params.size(), 2u);
    EXPECT_EQ(good.stages[1].params[1].name, "times");
    EXPECT_EQ(good.stages[1].params[1].type, docpipe::ParamType::integer);
    EXPECT_EQ(std::get<std::int64_t>(*good.stages[1].params[1].default_value), 1);
    EXPECT_EQ(good.stages[1].provides_layers, std::vector<std::string>{"shouted"});
    // Declared layers travel in the manifest too.
    const auto labeller = std::find_if(good.stages.begin(), good.stages.end(),
                                       [](const auto& s) { return s.name == "test_labeller"; });
    ASSERT_NE(labeller, good.stages.end());
    EXPECT_EQ(labeller->optional_layers, std::vector<std::string>{"shouted"});
    ASSERT_EQ(labeller->layer_specs.size(), 1u);
    EXPECT_EQ(labeller->layer_specs[0].name, "labels");
    EXPECT_EQ(labeller->layer_specs[0].labels, (std::vector<std::string>{"GOOD", "FINE"}));
    EXPECT_EQ(
        labeller->layer_specs[0].attributes,
        (std::vector<docpipe::AttributeSpec>{"why", {"weight", docpipe::Value::Type::number}}));
}

// How a stage may be scheduled travels in the manifest; a manifest from before `kind` keeps
// a stage that is not thread-safe on one instance, in input order, as hosts always ran it.
TEST(PluginLoader, TheStageKindIsReadAndOlderManifestsKeepTheirOrder) {
    const auto good = read_plugin_manifest(test_plugin_dir() / "test_stages.so");
    const auto kind_of = [&](const std::string& name) {
        for (const auto& s : good.stages) {
            if (s.name == name) return s.kind;
        }
        throw std::runtime_error("no stage " + name);
    };
    EXPECT_EQ(kind_of("test_sink"), docpipe::StageKind::sink);
    EXPECT_EQ(kind_of("test_unshared"), docpipe::StageKind::transform);
    EXPECT_EQ(parse_stage_info(R"({"name":"old","thread_safe":false})").kind,
              docpipe::StageKind::sink);
    EXPECT_EQ(parse_stage_info(R"({"name":"old","thread_safe":true})").kind,
              docpipe::StageKind::transform);
    EXPECT_EQ(parse_stage_info(R"({"name":"new","thread_safe":false,"kind":"transform"})").kind,
              docpipe::StageKind::transform);
    EXPECT_THROW(parse_stage_info(R"({"name":"bad","kind":"source"})"), std::exception);
}

TEST(PluginLoader, StagesKeepTheirLibraryLoadedAndItUnloadsAfterTheLast) {
    const auto file = test_plugin_dir() / "test_stages.so";
    ASSERT_FALSE(is_loaded(file));
    std::shared_ptr<PluginStage> stage;
    {
        auto registry = Registry::discover({test_plugin_dir()}, nullptr);
        EXPECT_FALSE(is_loaded(file));  // discovery reads files, loads nothing
        stage = registry.create_stage("test_shout");
        EXPECT_TRUE(is_loaded(file));
    }  // the registry and its LoadedPlugin cache are gone; the stage holds the library
    EXPECT_TRUE(is_loaded(file));
    docpipe::Params params;
    params.set("word", std::string("trade"));
    params.set("times", std::int64_t{1});
    ASSERT_TRUE(stage->configure(params, {}).ok);
    docpipe::Document doc("d", "a trade war");
    ASSERT_TRUE(stage->process(doc).ok);
    EXPECT_EQ(doc.text(), "a TRADE war");
    stage.reset();
    EXPECT_FALSE(is_loaded(file));
}

TEST(PluginLoader, IncompatiblePluginsAreDescribedButNeverLoaded) {
    // wrong_api.so and needs_newer_host.so abort the process if their code ever runs.
    auto registry = Registry::discover({test_plugin_dir()}, nullptr);
    EXPECT_EQ(registry.find_plugin("wrong_api")->state, PluginRecord::State::incompatible);
    EXPECT_EQ(registry.find_plugin("needs_newer_host")->state, PluginRecord::State::incompatible);
    EXPECT_THROW(load_plugin(test_plugin_dir() / "wrong_api.so", nullptr), Error);
    EXPECT_THROW(load_plugin(test_plugin_dir() / "needs_newer_host.so", nullptr), Error);
    EXPECT_FALSE(is_loaded(test_plugin_dir() / "wrong_api.so"));
    EXPECT_FALSE(is_loaded(test_plugin_dir() / "needs_newer_host.so"));
}

TEST(PluginLoader, ExceptionsInPluginsBecomeStatuses) {
    auto registry = Registry::discover({test_plugin_dir()}, nullptr);
    auto configure_fails = registry.create_stage("test_throw_configure");
    const auto st = configure_fails->configure({}, {});
    EXPECT_FALSE(st.ok);
    EXPECT_EQ(st.message, "dictionary file is missing");
    auto process_fails = registry.create_stage("test_throw_process");
    docpipe::Params p;
    p.set("when_contains", std::string());
    ASSERT_TRUE(process_fails->configure(p, {}).ok);
    docpipe::Document doc("d", "x");
    const auto ps = process_fails->process(doc);
    EXPECT_FALSE(ps.ok);
    EXPECT_EQ(ps.message, "cannot handle this document");
}

TEST(Registry, ListsEveryFileWithItsStateAndShadowsDuplicates) {
    docpipe::testing::TempDir first;
    std::filesystem::copy_file(test_plugin_dir() / "test_stages.so", first / "test_stages.so");
    const auto r = Registry::discover({first.path(), test_plugin_dir()}, nullptr);
    std::map<std::string, const PluginRecord*> by_file;
    for (const auto& p : r.plugins())
        by_file[p.path.filename().string() + (p.shadowed_by.empty() ? "" : "#2")] = &p;
    ASSERT_TRUE(by_file.count("test_stages.so#2"));
    EXPECT_EQ(by_file["test_stages.so#2"]->shadowed_by, (first / "test_stages.so").string());
    EXPECT_EQ(r.find_stage("test_shout")->plugin->path, first / "test_stages.so");
    EXPECT_EQ(by_file["wrong_api.so"]->state, PluginRecord::State::incompatible);
    EXPECT_EQ(by_file["not_a_library.so"]->state, PluginRecord::State::invalid);
    EXPECT_EQ(by_file["no_entry.so"]->state, PluginRecord::State::invalid);
    EXPECT_EQ(r.find_stage("future_stage"), nullptr);
}

TEST(Registry, LaterProviderOfAStageNameIsShadowedNotSilentlyReplaced) {
    const std::filesystem::path bundled = DOCPIPE_BUNDLED_PLUGIN_DIR;
    const auto r = Registry::discover({DOCPIPE_HIJACK_PLUGIN_DIR, bundled}, nullptr);
    const auto* winner = r.find_stage("exporter");
    ASSERT_NE(winner, nullptr);
    EXPECT_EQ(winner->plugin->manifest->name, "hijacker");
    const auto shadowed = r.shadowed_providers("exporter");
    ASSERT_EQ(shadowed.size(), 1u);
    EXPECT_EQ(shadowed[0]->manifest->name, "exporter");
    EXPECT_EQ(shadowed[0]->shadowed_stages.at("exporter"), winner->plugin->path.string());
    EXPECT_TRUE(r.shadowed_providers("synonym_repair").empty());
}

TEST(Registry, PluginFilesOrFoldersOthersCanWriteAreRefusedUnlessAllowed) {
    docpipe::testing::TempDir dir;
    std::filesystem::copy_file(test_plugin_dir() / "test_stages.so", dir / "test_stages.so");
    std::filesystem::permissions(dir.path(), std::filesystem::perms(0755));
    EXPECT_EQ(Registry::discover({dir.path()}, nullptr).plugins()[0].state,
              PluginRecord::State::compatible);
    std::filesystem::permissions(dir / "test_stages.so", std::filesystem::perms(0666));
    const auto file_writable = Registry::discover({dir.path()}, nullptr);
    EXPECT_EQ(file_writable.plugins()[0].state, PluginRecord::State::invalid);
    EXPECT_NE(file_writable.plugins()[0].reason.find("is writable by others (mode 0666)"),
              std::string::npos)
        << file_writable.plugins()[0].reason;
    EXPECT_EQ(file_writable.find_stage("test_noop"), nullptr);
    std::filesystem::permissions(dir / "test_stages.so", std::filesystem::perms(0755));
    std::filesystem::permissions(dir.path(), std::filesystem::perms(0775));
    const auto folder_writable = Registry::discover({dir.path()}, nullptr);
    EXPECT_EQ(folder_writable.plugins()[0].state, PluginRecord::State::invalid);
    EXPECT_NE(folder_writable.plugins()[0].reason.find("its folder"), std::string::npos)
        << folder_writable.plugins()[0].reason;
    EXPECT_EQ(Registry::discover({dir.path()}, nullptr, true).plugins()[0].state,
              PluginRecord::State::compatible);
}

TEST(Registry, SymlinkInAWritableFolderAndForeignOwnersAreRefused) {
    // The link's own folder is writable by others; the file it points at is clean.
    docpipe::testing::TempDir shared;
    std::filesystem::permissions(shared.path(), std::filesystem::perms(0777));
    std::filesystem::create_symlink(test_plugin_dir() / "test_stages.so", shared / "aaa.so");
    const auto linked = Registry::discover({shared.path()}, nullptr);
    ASSERT_EQ(linked.plugins().size(), 1u);
    EXPECT_EQ(linked.plugins()[0].state, PluginRecord::State::invalid);
    EXPECT_NE(linked.plugins()[0].reason.find("its folder"), std::string::npos)
        << linked.plugins()[0].reason;
    // A file owned by someone else (only root can make one here).
    docpipe::testing::TempDir dir;
    std::filesystem::permissions(dir.path(), std::filesystem::perms(0755));
    std::filesystem::copy_file(test_plugin_dir() / "test_stages.so", dir / "test_stages.so");
    if (::chown((dir / "test_stages.so").c_str(), 65534, 65534) != 0) {
        GTEST_SKIP() << "chown needs root";
    }
    const auto foreign = Registry::discover({dir.path()}, nullptr);
    EXPECT_EQ(foreign.plugins()[0].state, PluginRecord::State::invalid);
    EXPECT_NE(foreign.plugins()[0].reason.find("belongs to uid 65534"), std::string::npos)
        << foreign.plugins()[0].reason;
}

TEST(Registry, PathEntryThatIsAFileIsThatPlugin) {
    const auto r = Registry::discover({test_plugin_dir() / "test_stages.so"}, nullptr);
    ASSERT_EQ(r.plugins().size(), 1u);
    EXPECT_NE(r.find_stage("test_noop"), nullptr);
}

TEST(Registry, SearchPathOrderIsExplicitThenEnvironmentThenInstall) {
    ::setenv("DOCPIPE_PLUGIN_PATH", "/env/a:/env/b", 1);
    const auto path = plugin_search_path({"/explicit"});
    ::unsetenv("DOCPIPE_PLUGIN_PATH");
    ASSERT_EQ(path.size(), 4u);
    EXPECT_EQ(path[0], "/explicit");
    EXPECT_EQ(path[1], "/env/a");
    EXPECT_EQ(path[2], "/env/b");
    EXPECT_EQ(path[3].filename(), "plugins");
}

namespace {
// A copy of test_stages.so with one field of the `.docpipe_manifest` section header replaced.
std::filesystem::path corrupted_copy(const docpipe::testing::TempDir& dir,
                                     void (*patch)(Elf64_Shdr&)) {
    auto bytes = docpipe::testing::read_file(test_plugin_dir() / "test_stages.so");
    Elf64_Ehdr eh;
    std::memcpy(&eh, bytes.data(), sizeof eh);
    Elf64_Shdr names;
    std::memcpy(&names, bytes.data() + eh.e_shoff + eh.e_shstrndx * sizeof(Elf64_Shdr),
                sizeof names);
    for (unsigned i = 0; i < eh.e_shnum; ++i) {
        char* at = bytes.data() + eh.e_shoff + i * sizeof(Elf64_Shdr);
        Elf64_Shdr sh;
        std::memcpy(&sh, at, sizeof sh);
        if (std::string(bytes.data() + names.sh_offset + sh.sh_name) == ".docpipe_manifest") {
            patch(sh);
            std::memcpy(at, &sh, sizeof sh);
        }
    }
    const auto out = dir / "corrupt.so";
    docpipe::testing::write_file(out, bytes);
    return out;
}
}  // namespace

TEST(PluginManifest, CorruptOrTruncatedFilesAreErrorsNotCrashes) {
    docpipe::testing::TempDir dir;
    const auto huge =
        corrupted_copy(dir, [](Elf64_Shdr& sh) { sh.sh_size = std::uint64_t{1} << 40; });
    try {
        read_plugin_manifest(huge);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("is a corrupt ELF file (section .docpipe_manifest "
                                             "outside the file"),
                  std::string::npos)
            << e.what();
    }
    const auto outside =
        corrupted_copy(dir, [](Elf64_Shdr& sh) { sh.sh_offset = ~std::uint64_t{0} - 4; });
    EXPECT_THROW(read_plugin_manifest(outside), Error);
    const auto full = docpipe::testing::read_file(test_plugin_dir() / "test_stages.so");
    docpipe::testing::write_file(dir / "truncated.so", full.substr(0, 100));
    EXPECT_THROW(read_plugin_manifest(dir / "truncated.so"), Error);
    // One bad file on the path does not stop discovery of the good ones.
    std::filesystem::copy_file(test_plugin_dir() / "test_stages.so", dir / "good.so");
    const auto r = Registry::discover({dir.path()}, nullptr);
    EXPECT_NE(r.find_stage("test_shout"), nullptr);
    EXPECT_EQ(r.plugins().size(), 3u);
}
