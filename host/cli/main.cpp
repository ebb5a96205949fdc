// The `docpipe` command: run and validate pipelines, inspect plugins.
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>

#include "docpipe/host/crash_guard.hpp"
#include "docpipe/host/data_stdout.hpp"
#include "docpipe/host/document_reader.hpp"
#include "docpipe/host/errors.hpp"
#include "docpipe/host/executor.hpp"
#include "docpipe/host/host_document.hpp"
#include "docpipe/host/interrupt.hpp"
#include "docpipe/host/logging.hpp"
#include "docpipe/host/memory_limit.hpp"
#include "docpipe/host/parallel_run.hpp"
#include "docpipe/host/pipeline_config.hpp"
#include "docpipe/host/printable.hpp"
#include "docpipe/host/registry.hpp"
#include "docpipe/host/suggest.hpp"
#include "docpipe/version.hpp"

namespace dh = docpipe::host;
using nlohmann::json;

namespace {

const char* const exit_codes_help =
    "Exit codes (sysexits.h):\n"
    "  0   success\n"
    "  64  usage error (bad command line)\n"
    "  65  bad input data (invalid UTF-8, malformed JSON line, document too large)\n"
    "  66  input file or pipeline missing or unreadable\n"
    "  70  a stage failed or crashed on a document\n"
    "  74  output could not be written\n"
    "  78  invalid pipeline config, unknown plugin, bad parameter, plugin failed to load\n"
    "  129, 130, 143  stopped by SIGHUP, SIGINT, SIGTERM (no partial output written)\n"
    "\n"
    "Plugins are searched in --plugin-path, then DOCPIPE_PLUGIN_PATH (colon-separated), then\n"
    "<install>/lib/docpipe/plugins. Logs go to stderr (NO_COLOR disables colours).";

struct Options {
    std::vector<std::string> plugin_dirs;
    std::string log_level = "warn";
    bool allow_insecure_plugins = false;
    bool verbose = false;
    bool quiet = false;
    // run / validate
    std::string pipeline;
    std::vector<std::string> inputs;
    std::string output;
    std::vector<std::string> sets;
    bool stats = false;
    bool in_place = false;
    std::string glob = "*";
    std::string input_format = "auto";
    // The default chain needs up to about 40x a document's size in memory (docs/BENCHMARKS.md,
    // "Memory per document"): 64 MiB keeps the worst case near 2.5 GB.
    std::string max_doc_bytes = "64M";
    std::string max_memory;
    unsigned jobs = 0;  // 0: one per core this process may use
    std::string progress = "tty";
    std::size_t max_in_flight = 0;
    // listing
    std::string format = "text";
    std::string plugin_name;
    bool configure = false;
};

// An explicit --plugin-path must exist: a typo would otherwise run with the default plugins.
void check_plugin_paths(const std::vector<std::string>& paths) {
    for (const auto& p : paths) {
        std::error_code ec;
        const auto status = std::filesystem::status(p, ec);
        if (!std::filesystem::exists(status)) {
            throw dh::Error(dh::exit_usage, "--plugin-path " + p + ": no such file or folder");
        }
        if (!std::filesystem::is_directory(status) && !std::filesystem::is_regular_file(status)) {
            throw dh::Error(dh::exit_usage, "--plugin-path " + p +
                                                ": neither a folder of plugins nor a plugin file");
        }
    }
}

dh::Registry discover(const Options& o) {
    check_plugin_paths(o.plugin_dirs);
    std::vector<std::filesystem::path> dirs(o.plugin_dirs.begin(), o.plugin_dirs.end());
    return dh::Registry::discover(dh::plugin_search_path(dirs), dh::host_api(),
                                  o.allow_insecure_plugins);
}

// Says which file each stage of a pipeline comes from (-v), and warns when another plugin on
// the path declares the same stage name: the first one wins, which must never go unseen.
void report_stage_sources(const dh::PipelineConfig& config, const dh::Registry& registry) {
    for (const auto& sc : config.stages) {
        const auto* entry = registry.find_stage(sc.stage);
        if (entry == nullptr) continue;
        spdlog::info("stage '{}' ({}): {}", sc.id, sc.stage, entry->plugin->path.string());
        for (const auto* other : registry.shadowed_providers(sc.stage)) {
            spdlog::warn(
                "stage '{}' uses '{}' from {}; {} also provides '{}' and is shadowed (the first "
                "on the plugin path wins; see docpipe plugins list)",
                sc.id, sc.stage, entry->plugin->path.string(), other->path.string(), sc.stage);
        }
    }
}

std::vector<dh::ParamOverride> parse_overrides(const std::vector<std::string>& sets) {
    std::vector<dh::ParamOverride> out;
    for (const auto& s : sets) out.push_back(dh::ParamOverride::parse(s));
    return out;
}

// `-o OUT` is `--set <id>.path=OUT` for the last stage that has a `path` parameter.
dh::PipelineConfig load_with_output(const Options& o, const dh::Registry& registry) {
    auto overrides = parse_overrides(o.sets);
    auto config = dh::load_pipeline(o.pipeline, registry, overrides);
    if (o.output.empty()) return config;
    for (auto it = config.stages.rbegin(); it != config.stages.rend(); ++it) {
        for (const auto& p : it->info.params) {
            if (p.name != "path") continue;
            overrides.push_back({it->id, "path", o.output, "-o " + o.output});
            return dh::load_pipeline(o.pipeline, registry, overrides);
        }
    }
    throw dh::Error(dh::exit_usage, "-o " + o.output + ": pipeline " + o.pipeline +
                                        " has no stage with a 'path' parameter (an exporter) to "
                                        "send output to; add an exporter stage");
}

json param_json(const docpipe::ParamSpec& p) {
    json j{{"name", p.name},
           {"type", docpipe::to_string(p.type)},
           {"required", p.required},
           {"description", p.description}};
    if (p.default_value) {
        std::visit([&](const auto& v) { j["default"] = v; }, *p.default_value);
    }
    if (!p.allowed.empty()) j["allowed"] = p.allowed;
    if (p.min) j["min"] = *p.min;
    if (p.max) j["max"] = *p.max;
    return j;
}

json stage_json(const docpipe::StageInfo& s) {
    json params = json::array();
    for (const auto& p : s.params) params.push_back(param_json(p));
    json specs = json::array();
    for (const auto& l : s.layer_specs) {
        // As the manifest has them: the names in order, and the types that are not strings.
        json attributes = json::array(), types = json::object();
        for (const auto& a : l.attributes) {
            attributes.push_back(a.name);
            if (a.type != docpipe::Value::Type::string)
                types[a.name] = docpipe::Value::type_name(a.type);
        }
        specs.push_back({{"name", l.name},
                         {"labels", l.labels},
                         {"attributes", attributes},
                         {"attribute_types", types}});
    }
    return {{"name", s.name},
            {"version", s.version},
            {"description", s.description},
            {"requires", s.requires_layers},
            {"provides", s.provides_layers},
            {"optional", s.optional_layers},
            {"layer_specs", specs},
            {"thread_safe", s.thread_safe},
            {"kind", s.kind == docpipe::StageKind::sink ? "sink" : "transform"},
            {"params", params}};
}

json plugin_json(const dh::PluginRecord& r) {
    json j{{"path", r.path.string()}, {"status", dh::to_string(r.state)}};
    if (r.manifest) {
        j["name"] = r.manifest->name;
        j["version"] = r.manifest->version;
        j["api_version"] = r.manifest->api_version();
        j["min_host_api"] = r.manifest->min_host_api();
        j["built_with"] = r.manifest->built_with;
        json stages = json::array();
        for (const auto& s : r.manifest->stages) stages.push_back(stage_json(s));
        j["stages"] = stages;
    }
    if (!r.reason.empty()) j["reason"] = r.reason;
    if (!r.shadowed_by.empty()) j["shadowed_by"] = r.shadowed_by;
    if (!r.shadowed_stages.empty()) j["shadowed_stages"] = r.shadowed_stages;
    return j;
}

std::string default_text(const docpipe::ParamSpec& p) {
    if (!p.default_value) return p.required ? "(required)" : "";
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                return json(v).dump();
            } else if constexpr (std::is_same_v<T, std::string>) {
                return "\"" + v + "\"";
            } else {
                return json(v).dump();
            }
        },
        *p.default_value);
}

void print_stage(const docpipe::StageInfo& s) {
    std::printf("  stage %s %s — %s\n", dh::printable(s.name).c_str(),
                dh::printable(s.version).c_str(), dh::printable(s.description).c_str());
    if (!s.requires_layers.empty()) {
        std::printf("    requires: %s\n", dh::printable(dh::join_names(s.requires_layers)).c_str());
    }
    if (!s.provides_layers.empty()) {
        std::printf("    provides: %s\n", dh::printable(dh::join_names(s.provides_layers)).c_str());
    }
    if (!s.optional_layers.empty()) {
        std::printf("    uses if present: %s\n",
                    dh::printable(dh::join_names(s.optional_layers)).c_str());
    }
    std::printf("    runs: %s\n", s.kind == docpipe::StageKind::sink
                                      ? "as a sink (every document in input order, on one instance)"
                                  : s.thread_safe
                                      ? "on every worker thread, one shared instance"
                                      : "on every worker thread, one instance per thread");
    for (const auto& l : s.layer_specs) {
        std::string attributes;  // "original, confidence (number)"
        for (const auto& a : l.attributes) {
            if (!attributes.empty()) attributes += ", ";
            attributes += a.name;
            if (a.type != docpipe::Value::Type::string)
                attributes += std::string(" (") + docpipe::Value::type_name(a.type) + ")";
        }
        std::printf("    layer %s: labels %s; attributes %s\n", dh::printable(l.name).c_str(),
                    l.labels.empty() ? "(any)" : dh::printable(dh::join_names(l.labels)).c_str(),
                    l.attributes.empty() ? "(none)" : dh::printable(attributes).c_str());
    }
    for (const auto& p : s.params) {
        std::string extra;
        if (!p.allowed.empty()) extra += " one of: " + dh::join_names(p.allowed) + ";";
        std::printf("    %-20s %-12s %-14s%s %s\n", dh::printable(p.name).c_str(),
                    docpipe::to_string(p.type), dh::printable(default_text(p)).c_str(),
                    dh::printable(extra).c_str(), dh::printable(p.description).c_str());
    }
}

int cmd_plugins_list(const Options& o) {
    const auto registry = discover(o);
    if (o.format == "json") {
        json plugins = json::array();
        for (const auto& r : registry.plugins()) plugins.push_back(plugin_json(r));
        json paths = json::array();
        for (const auto& p : registry.search_path()) paths.push_back(p.string());
        std::cout << json{{"search_path", paths}, {"plugins", plugins}}.dump(
                         2, ' ', false, json::error_handler_t::replace)
                  << "\n";
        return 0;
    }
    if (registry.plugins().empty()) {
        std::printf("no plugins found; searched: ");
        for (const auto& p : registry.search_path())
            std::printf("%s ", dh::printable(p.string()).c_str());
        std::printf("\n");
        return 0;
    }
    std::printf("%-18s %-9s %-6s %-13s %s\n", "NAME", "VERSION", "API", "STATUS", "PATH");
    for (const auto& r : registry.plugins()) {
        const std::string name = r.manifest ? r.manifest->name : "?";
        const std::string version = r.manifest ? r.manifest->version : "?";
        const std::string api = r.manifest ? r.manifest->api_version() : "?";
        std::string status = dh::to_string(r.state);
        if (!r.shadowed_by.empty()) status = "shadowed";
        std::printf("%-18s %-9s %-6s %-13s %s\n", dh::printable(name).c_str(),
                    dh::printable(version).c_str(), dh::printable(api).c_str(),
                    dh::printable(status).c_str(), dh::printable(r.path.string()).c_str());
        if (r.manifest && !r.manifest->stages.empty()) {
            std::vector<std::string> names;
            for (const auto& s : r.manifest->stages) names.push_back(s.name);
            std::printf("    stages: %s\n", dh::printable(dh::join_names(names)).c_str());
        }
        if (!r.reason.empty()) std::printf("    reason: %s\n", dh::printable(r.reason).c_str());
        if (!r.shadowed_by.empty())
            std::printf("    shadowed by: %s\n", dh::printable(r.shadowed_by).c_str());
        for (const auto& [stage, by] : r.shadowed_stages) {
            std::printf("    stage %s shadowed by: %s\n", dh::printable(stage).c_str(),
                        dh::printable(by).c_str());
        }
    }
    return 0;
}

int cmd_plugins_info(const Options& o) {
    const auto registry = discover(o);
    const dh::PluginRecord* rec = registry.find_plugin(o.plugin_name);
    if (rec == nullptr) {
        if (const auto* stage = registry.find_stage(o.plugin_name)) rec = stage->plugin;
    }
    if (rec == nullptr) {
        std::vector<std::string> names;
        for (const auto& r : registry.plugins()) {
            if (r.manifest) names.push_back(r.manifest->name);
        }
        for (const auto& n : registry.stage_names()) names.push_back(n);
        std::string msg = "no plugin or stage named '" + o.plugin_name + "'";
        if (auto m = dh::closest_match(o.plugin_name, names); !m.empty()) {
            msg += "; did you mean '" + m + "'?";
        }
        throw dh::Error(dh::exit_usage, msg + " (see docpipe plugins list)");
    }
    if (o.format == "json") {
        std::cout << plugin_json(*rec).dump(2, ' ', false, json::error_handler_t::replace) << "\n";
        return 0;
    }
    const auto& m = rec->manifest;
    std::printf(
        "plugin %s %s (API %s, needs host API %s, built with %s)\n  path: %s\n"
        "  status: %s\n",
        m ? dh::printable(m->name).c_str() : "?", m ? dh::printable(m->version).c_str() : "?",
        m ? dh::printable(m->api_version()).c_str() : "?",
        m ? dh::printable(m->min_host_api()).c_str() : "?",
        m ? dh::printable(m->built_with).c_str() : "?", dh::printable(rec->path.string()).c_str(),
        dh::to_string(rec->state));
    if (!rec->reason.empty()) std::printf("  reason: %s\n", dh::printable(rec->reason).c_str());
    for (const auto& [stage, by] : rec->shadowed_stages) {
        std::printf("  stage %s is shadowed: runs use %s\n", dh::printable(stage).c_str(),
                    dh::printable(by).c_str());
    }
    if (m) {
        for (const auto& s : m->stages) print_stage(s);
    }
    return 0;
}

// Validation is the run's own code path stopped before documents flow: the config is checked
// against the plugins' manifests, then each plugin is loaded and each stage created, exactly
// as `run` does; --configure also runs each stage's configure() (which may read large data).
int cmd_validate(const Options& o) {
    auto registry = discover(o);
    const auto config = dh::load_pipeline(o.pipeline, registry, parse_overrides(o.sets));
    report_stage_sources(config, registry);
    dh::Executor executor(
        config, registry, dh::host_api(),
        o.configure ? dh::Executor::Setup::configure : dh::Executor::Setup::load_only);
    std::printf("%s: ok: pipeline '%s', %zu stage%s:", dh::printable(o.pipeline).c_str(),
                dh::printable(config.name).c_str(), config.stages.size(),
                config.stages.size() == 1 ? "" : "s");
    for (std::size_t i = 0; i < config.stages.size(); ++i) {
        std::printf("%s %s (%s)", i ? " ->" : "", dh::printable(config.stages[i].id).c_str(),
                    dh::printable(config.stages[i].stage).c_str());
    }
    std::printf("\n");
    return 0;
}

int cmd_run(const Options& o) {
    if (!o.max_memory.empty()) {
        const auto bytes = dh::parse_byte_size(o.max_memory);
        if (!bytes) {
            throw dh::Error(dh::exit_usage, "--max-memory " + o.max_memory +
                                                ": give a size such as 4G, 512M or 1048576");
        }
        dh::apply_memory_limit(*bytes);
    }
    auto registry = discover(o);
    const auto config = load_with_output(o, registry);
    report_stage_sources(config, registry);

    dh::InputOptions in;
    in.glob = o.glob;
    const auto max_doc_bytes = dh::parse_byte_size(o.max_doc_bytes);
    if (!max_doc_bytes) {
        throw dh::Error(dh::exit_usage, "--max-doc-bytes " + o.max_doc_bytes +
                                            ": give a positive size such as 64M, 1G or 1048576");
    }
    in.max_document_bytes = *max_doc_bytes;
    in.format = o.input_format == "jsonl"  ? dh::InputFormat::jsonl
                : o.input_format == "text" ? dh::InputFormat::text
                                           : dh::InputFormat::auto_detect;
    std::vector<std::string> inputs = o.inputs;
    if (inputs.empty()) {
        if (isatty(STDIN_FILENO)) {
            throw dh::Error(dh::exit_usage,
                            "no input: give files or directories, or pipe text to stdin "
                            "(docpipe run PIPELINE [INPUT...])");
        }
        inputs.push_back("-");
    }
    dh::DocumentReader reader(inputs, in);
    const dh::DataStdout data_stdout;
    dh::RunEnvironment environment{reader.files(), o.in_place, data_stdout.fd()};
    environment.inputs.push_back(o.pipeline);
    dh::Executor executor(config, registry, dh::host_api(), dh::Executor::Setup::configure,
                          environment);
    executor.set_record_timings(config.record_timings);
    // Only now: before documents flow there is nothing to finish, and a signal ends at once.
    dh::install_interrupt_handler();
    dh::RunOptions scheduling;
    scheduling.jobs = o.jobs > 0 ? o.jobs : dh::usable_cores();
    scheduling.max_in_flight = o.max_in_flight;
    dh::RunProgress progress;
    scheduling.progress = &progress;
    const auto summary = [&] {
        const dh::ProgressDisplay display(*dh::parse_progress_mode(o.progress), progress,
                                          {[&reader] { return reader.bytes_read(); },
                                           reader.input_size(), isatty(data_stdout.fd()) == 1});
        return dh::run_documents(
            executor, [&] { return reader.next(); },
            [](const std::string& message) { spdlog::warn("{}", message); }, scheduling);
    }();
    if (o.stats) {
        const std::string stats = o.format == "json"
                                      ? dh::format_stats_json(summary, scheduling.jobs)
                                      : dh::format_stats(summary);
        std::fputs(stats.c_str(), stderr);
    }
    if (summary.skipped > 0) {
        spdlog::warn("{} of {} documents skipped (on_error: skip)", summary.skipped,
                     summary.documents);
    }
    spdlog::info("{} documents processed", summary.completed);
    return 0;
}

int cmd_version(const Options& o) {
    if (o.format == "json") {
        std::cout << json{{"version", docpipe::version_string},
                          {"api_version", std::to_string(docpipe::api_version_major) + "." +
                                              std::to_string(docpipe::api_version_minor)},
                          {"built_with", docpipe::toolchain_tag}}
                         .dump(2)
                  << "\n";
    } else {
        std::printf("docpipe %s (plugin API %u.%u, built with %s)\n", docpipe::version_string,
                    docpipe::api_version_major, docpipe::api_version_minor, docpipe::toolchain_tag);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // A closed stdin or stderr gets /dev/null: otherwise the next file opened (an output's
    // temporary) would become fd 0 or 2 and receive logs. A closed stdout stays closed, so
    // writing data there is an error; DataStdout guards it while a run's stages run.
    for (int fd : {STDIN_FILENO, STDERR_FILENO}) {
        if (::fcntl(fd, F_GETFD) == -1 && ::open("/dev/null", O_RDWR) != fd) return dh::exit_io;
    }
    dh::install_crash_guard();
    Options o;
    CLI::App app{"docpipe: run document-processing pipelines built from plugins", "docpipe"};
    app.footer(exit_codes_help);
    app.require_subcommand(1);
    app.fallthrough();  // global options may also follow the subcommand
    app.add_option("--plugin-path", o.plugin_dirs, "Directory to search for plugins (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--log-level", o.log_level, "trace, debug, info, warn, error or off")
        ->capture_default_str();
    app.add_flag("--allow-insecure-plugins", o.allow_insecure_plugins,
                 "Load plugin files or folders that group or others may write, or that "
                 "belong to another user");
    app.add_flag("-v,--verbose", o.verbose, "Log at info level");
    app.add_flag("-q,--quiet", o.quiet, "Log errors only");

    auto* run = app.add_subcommand("run", "Run a pipeline over documents");
    run->footer(exit_codes_help);
    run->add_option("pipeline", o.pipeline, "Pipeline config (YAML)")->required();
    run->add_option(
        "inputs", o.inputs,
        "Files, directories (recursive), *.jsonl files, or - for stdin (default: stdin)");
    run->add_option("-o,--output", o.output, "Output target of the pipeline's exporter stage");
    // allow_extra_args(false): each --set takes one value, so inputs after it stay inputs.
    run->add_option("--set", o.sets, "Override a parameter: STAGE_ID.PARAM=VALUE (repeatable)")
        ->allow_extra_args(false);
    run->add_flag("--in-place", o.in_place,
                  "Let outputs replace input files (refused otherwise, exit 64)");
    run->add_flag("--stats", o.stats, "Print per-stage calls, time, docs/s and errors to stderr");
    run->add_option("--max-memory", o.max_memory,
                    "Cap on the process's memory (address space), e.g. 4G: a document that "
                    "needs more fails with a clear error (exit 70) instead of the OOM killer");
    run->add_option("--glob", o.glob, "File-name pattern for files inside input directories")
        ->capture_default_str();
    run->add_option("--input-format", o.input_format, "auto (*.jsonl is JSON Lines), text, jsonl")
        ->check(CLI::IsMember({"auto", "text", "jsonl"}))
        ->capture_default_str();
    run->add_option("-j,--jobs", o.jobs,
                    "Worker threads (default: one per core); stages before the first sink run "
                    "on all of them, outputs stay in input order; 1 runs everything on one thread")
        ->check(CLI::Range(1u, 1024u));
    run->add_option("--max-in-flight", o.max_in_flight,
                    "Documents read and not yet written, at most (default: 4 per job, at least "
                    "8); with the document size, what bounds the run's memory")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 16));
    run->add_option("--progress", o.progress,
                    "Progress on stderr: tty (a line when stderr is a terminal and stdout is "
                    "not), always, json (a JSON object per line, each second) or off")
        ->check(CLI::IsMember({"off", "tty", "always", "json"}))
        ->capture_default_str();
    run->add_option("--format", o.format, "Format of --stats: text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    run->add_option("--max-doc-bytes", o.max_doc_bytes,
                    "Largest document accepted, e.g. 64M or 1G (the default chain needs up to "
                    "about 70x a document's size in memory)")
        ->capture_default_str();

    auto* validate =
        app.add_subcommand("validate", "Check a pipeline config without reading documents");
    validate->footer(exit_codes_help);
    validate->add_option("pipeline", o.pipeline, "Pipeline config (YAML)")->required();
    validate->add_option("--set", o.sets, "Override a parameter: STAGE_ID.PARAM=VALUE")
        ->allow_extra_args(false);
    validate->add_flag("--configure", o.configure,
                       "Also configure every stage (reads dictionaries, models, checks paths)");

    auto* plugins = app.add_subcommand("plugins", "Inspect the plugins found on the plugin path");
    plugins->require_subcommand(1);
    auto* list = plugins->add_subcommand("list", "List every plugin found, usable or not");
    list->add_option("--format", o.format, "text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    auto* info = plugins->add_subcommand("info", "Describe a plugin (or the plugin of a stage)");
    info->add_option("name", o.plugin_name, "Plugin or stage name")->required();
    info->add_option("--format", o.format, "text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();

    auto* version = app.add_subcommand("version", "Print the docpipe version and plugin API");
    version->add_option("--format", o.format, "text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : dh::exit_usage;
    }
    if (o.verbose) o.log_level = "info";
    if (o.quiet) o.log_level = "error";
    if (!dh::setup_logging(o.log_level)) {
        std::fprintf(stderr, "docpipe: error: unknown --log-level '%s'\n", o.log_level.c_str());
        return dh::exit_usage;
    }
    try {
        int code = dh::exit_usage;
        if (*run) code = cmd_run(o);
        if (*validate) code = cmd_validate(o);
        if (*list) code = cmd_plugins_list(o);
        if (*info) code = cmd_plugins_info(o);
        if (*version) code = cmd_version(o);
        // Data went to stdout: a full disk or a closed pipe must not look like success.
        std::cout.flush();
        if (std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout) {
            std::fprintf(stderr, "docpipe: error: writing to stdout failed: %s\n",
                         std::strerror(errno));
            return dh::exit_io;
        }
        return code;
    } catch (const dh::ConfigError& e) {
        for (const auto& d : e.diagnostics()) {
            std::fprintf(stderr, "%s\n", dh::printable(d.to_string()).c_str());
        }
        std::fprintf(stderr, "docpipe: %zu error%s in the pipeline config\n",
                     e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
        return e.exit_code();
    } catch (const dh::Error& e) {
        std::fprintf(stderr, "docpipe: error: %s\n", dh::printable(e.what()).c_str());
        return e.exit_code();
    } catch (const std::bad_alloc&) {
        const std::string limit =
            o.max_memory.empty() ? "" : " (--max-memory " + o.max_memory + ")";
        std::fprintf(stderr,
                     "docpipe: error: out of memory%s; raise --max-memory, lower --max-doc-bytes "
                     "or split the documents\n",
                     limit.c_str());
        return dh::exit_software;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "docpipe: internal error: %s\n", dh::printable(e.what()).c_str());
        return dh::exit_software;
    }
    return dh::exit_usage;
}
