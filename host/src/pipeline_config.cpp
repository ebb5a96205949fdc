#include "docpipe/host/pipeline_config.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "docpipe/host/errors.hpp"
#include "docpipe/host/suggest.hpp"
#include "docpipe/utf8.hpp"

namespace docpipe::host {

const char* to_string(ErrorPolicy policy) noexcept {
    return policy == ErrorPolicy::fail ? "fail" : "skip";
}

ParamOverride ParamOverride::parse(std::string_view text) {
    const auto eq = text.find('=');
    const auto dot = text.substr(0, eq).find('.');
    if (eq == std::string_view::npos || dot == std::string_view::npos || dot == 0 ||
        dot + 1 == eq) {
        throw Error(exit_usage,
                    "--set '" + std::string(text) +
                        "': expected STAGE_ID.PARAM=VALUE, e.g. --set summary.sentences=2");
    }
    return {std::string(text.substr(0, dot)), std::string(text.substr(dot + 1, eq - dot - 1)),
            std::string(text.substr(eq + 1))};
}

namespace {

const std::vector<std::string> top_level_keys = {"version", "name",     "description",
                                                 "stages",  "on_error", "record_timings"};
const std::vector<std::string> stage_keys = {"id", "plugin", "params", "on_error"};

std::string describe_kind(const YAML::Node& n) {
    if (n.IsSequence()) return "a list";
    if (n.IsMap()) return "a mapping";
    if (n.IsNull()) return "nothing";
    return "'" + n.Scalar() + "'";
}

// Converts a YAML value to the parameter's type, or explains why it cannot.
std::optional<ParamValue> convert(const YAML::Node& n, const ParamSpec& spec, std::string& why) {
    auto scalar_or_fail = [&](const char* expected) -> const std::string* {
        if (n.IsScalar()) return &n.Scalar();
        why = std::string("expected ") + expected + ", got " + describe_kind(n);
        return nullptr;
    };
    switch (spec.type) {
        case ParamType::boolean: {
            const std::string* s = scalar_or_fail("true or false");
            if (!s) return std::nullopt;
            std::string l = *s;
            std::transform(l.begin(), l.end(), l.begin(), ::tolower);
            if (l == "true" || l == "yes" || l == "on") return true;
            if (l == "false" || l == "no" || l == "off") return false;
            why = "expected true or false, got '" + *s + "'";
            return std::nullopt;
        }
        case ParamType::integer: {
            const std::string* s = scalar_or_fail("an integer");
            if (!s) return std::nullopt;
            std::int64_t v = 0;
            auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
            if (ec != std::errc() || end != s->data() + s->size()) {
                why = "expected an integer, got '" + *s + "'";
                return std::nullopt;
            }
            return v;
        }
        case ParamType::number: {
            const std::string* s = scalar_or_fail("a number");
            if (!s) return std::nullopt;
            char* end = nullptr;
            errno = 0;
            const double v = std::strtod(s->c_str(), &end);
            if (s->empty() || end != s->c_str() + s->size() || errno != 0 || !std::isfinite(v)) {
                why = "expected a number, got '" + *s + "'";
                return std::nullopt;
            }
            return v;
        }
        case ParamType::string: {
            const std::string* s = scalar_or_fail("a string");
            if (!s) return std::nullopt;
            return *s;
        }
        case ParamType::string_list: {
            std::vector<std::string> out;
            if (n.IsNull()) return out;
            if (n.IsScalar()) return std::vector<std::string>{n.Scalar()};
            if (!n.IsSequence()) {
                why = "expected a list of strings, got " + describe_kind(n);
                return std::nullopt;
            }
            for (const auto& item : n) {
                if (!item.IsScalar()) {
                    why = "expected a list of strings, but an item is " + describe_kind(item);
                    return std::nullopt;
                }
                out.push_back(item.Scalar());
            }
            return out;
        }
    }
    return std::nullopt;
}

std::string check_constraints(const ParamValue& v, const ParamSpec& spec) {
    auto check_allowed = [&](const std::string& s) -> std::string {
        if (spec.allowed.empty() ||
            std::find(spec.allowed.begin(), spec.allowed.end(), s) != spec.allowed.end()) {
            return {};
        }
        std::string msg = "'" + s + "' is not one of: " + join_names(spec.allowed);
        if (auto m = closest_match(s, spec.allowed); !m.empty()) {
            msg += "; did you mean '" + m + "'?";
        }
        return msg;
    };
    if (auto* s = std::get_if<std::string>(&v)) return check_allowed(*s);
    if (auto* list = std::get_if<std::vector<std::string>>(&v)) {
        for (const auto& s : *list) {
            if (auto msg = check_allowed(s); !msg.empty()) return msg;
        }
    }
    double x = 0;
    if (auto* i = std::get_if<std::int64_t>(&v)) {
        x = static_cast<double>(*i);
    } else if (auto* d = std::get_if<double>(&v)) {
        x = *d;
    } else {
        return {};
    }
    std::ostringstream os;
    os << x;
    if (spec.min && x < *spec.min) {
        std::ostringstream lo;
        lo << *spec.min;
        return os.str() + " is below the minimum " + lo.str();
    }
    if (spec.max && x > *spec.max) {
        std::ostringstream hi;
        hi << *spec.max;
        return os.str() + " is above the maximum " + hi.str();
    }
    return {};
}

// Where a second YAML document starts, if there is one. Not YAML::LoadAll: in yaml-cpp 0.7 it
// can loop forever, allocating, on malformed input (yaml-cpp PR #1319; found by our fuzzer).
// Two calls of HandleNextDocument are bounded whatever the input.
std::optional<YAML::Mark> second_document(std::string_view text) {
    struct DocumentStarts final : YAML::EventHandler {
        std::optional<YAML::Mark> start;
        void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
        void OnDocumentEnd() override {}
        void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
        void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
        void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                      const std::string&) override {}
        void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                             YAML::EmitterStyle::value) override {}
        void OnSequenceEnd() override {}
        void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                        YAML::EmitterStyle::value) override {}
        void OnMapEnd() override {}
    };
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    DocumentStarts first;
    if (!parser.HandleNextDocument(first)) return std::nullopt;
    DocumentStarts second;
    if (!parser.HandleNextDocument(second)) return std::nullopt;
    return second.start;
}

class Validator {
public:
    Validator(std::string file, const Registry& registry)
        : file_(std::move(file)), registry_(registry) {}

    PipelineConfig run(std::string_view text, const std::vector<ParamOverride>& overrides) {
        PipelineConfig config;
        config.file = file_;
        check_encoding(text);
        YAML::Node root;
        try {
            root = YAML::Load(std::string(text));
            if (const auto mark = second_document(text)) {
                diags_.push_back({file_, mark->line + 1, mark->column + 1,
                                  "a second YAML document starts here; a pipeline file holds "
                                  "one document (remove the '---' line or split the file)"});
                throw ConfigError(diags_);
            }
        } catch (const YAML::ParserException& e) {
            diags_.push_back(
                {file_, e.mark.line + 1, e.mark.column + 1, "YAML syntax error: " + e.msg});
            throw ConfigError(diags_);
        }
        if (!root.IsMap()) {
            diags_.push_back({file_, 1, 1,
                              root.IsNull() ? "the pipeline is empty; it needs 'version: 1' and a "
                                              "'stages:' list"
                                            : "a pipeline is a mapping with 'version: 1' and a "
                                              "'stages:' list"});
            throw ConfigError(diags_);
        }
        check_keys(root, top_level_keys, "pipeline");
        if (!root["version"]) {
            error(root, "missing 'version: 1' (the pipeline format version)");
        } else if (!root["version"].IsScalar() || root["version"].Scalar() != "1") {
            error(root["version"], "unsupported pipeline format version " +
                                       describe_kind(root["version"]) +
                                       "; this docpipe reads version 1");
        }
        if (auto n = root["name"]) config.name = scalar(n, "name");
        if (auto n = root["description"]) config.description = scalar(n, "description");
        if (auto n = root["on_error"]) {
            if (auto p = policy(n)) config.on_error = *p;
        }
        if (auto n = root["record_timings"]) {
            if (n.IsScalar() && (n.Scalar() == "true" || n.Scalar() == "false")) {
                config.record_timings = n.Scalar() == "true";
            } else {
                error(n, "record_timings must be true or false, got " + describe_kind(n));
            }
        }
        const YAML::Node stages = root["stages"];
        if (!stages) {
            error(root, "missing 'stages:': a list of stages, each with 'id' and 'plugin'");
        } else if (!stages.IsSequence() || stages.size() == 0) {
            error(stages,
                  "'stages' must be a non-empty list of stages, each with 'id' and 'plugin'");
        } else {
            for (const auto& s : stages) parse_stage(s, config, overrides);
        }
        check_overrides(config, overrides);
        check_layers(config);
        if (!diags_.empty()) throw ConfigError(diags_);
        return config;
    }

private:
    // YAML is Unicode text; yaml-cpp would take other bytes as they come.
    void check_encoding(std::string_view text) {
        const auto bad = utf8::find_invalid(text);
        if (!bad) return;
        int line = 1;
        std::size_t line_start = 0;
        for (std::size_t i = 0; i < *bad; ++i) {
            if (text[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        }
        diags_.push_back({file_, line, static_cast<int>(*bad - line_start + 1),
                          "the pipeline file is not UTF-8 text; save it as UTF-8 (e.g. iconv -t "
                          "UTF-8)"});
        throw ConfigError(diags_);
    }

    void error(const YAML::Node& at, std::string message) {
        const YAML::Mark m = at.Mark();
        diags_.push_back({file_, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0,
                          std::move(message)});
    }
    void error_at(int line, int column, std::string message) {
        diags_.push_back({file_, line, column, std::move(message)});
    }

    std::string scalar(const YAML::Node& n, const std::string& what) {
        if (n.IsScalar()) return n.Scalar();
        error(n, "'" + what + "' must be a string, got " + describe_kind(n));
        return {};
    }

    std::optional<ErrorPolicy> policy(const YAML::Node& n) {
        if (n.IsScalar() && n.Scalar() == "fail") return ErrorPolicy::fail;
        if (n.IsScalar() && n.Scalar() == "skip") return ErrorPolicy::skip;
        error(n, "on_error must be 'fail' or 'skip', got " + describe_kind(n));
        return std::nullopt;
    }

    // yaml-cpp keeps the first of two equal keys silently; a config that says a thing twice
    // is a mistake either way.
    void check_duplicate_keys(const YAML::Node& map, const std::string& where) {
        std::map<std::string, int> seen;
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!it->first.IsScalar()) continue;
            const std::string& key = it->first.Scalar();
            auto [first, inserted] = seen.emplace(key, it->first.Mark().line + 1);
            if (!inserted) {
                error(it->first, "duplicate key '" + key + "' in " + where + " (first at line " +
                                     std::to_string(first->second) + ")");
            }
        }
    }

    void check_keys(const YAML::Node& map, const std::vector<std::string>& valid,
                    const std::string& where) {
        check_duplicate_keys(map, where);
        for (auto it = map.begin(); it != map.end(); ++it) {
            const std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
            if (std::find(valid.begin(), valid.end(), key) != valid.end()) continue;
            std::string msg =
                "unknown key '" + key + "' in " + where + "; valid keys: " + join_names(valid);
            if (auto m = closest_match(key, valid); !m.empty())
                msg += "; did you mean '" + m + "'?";
            error(it->first, msg);
        }
    }

    void parse_stage(const YAML::Node& s, PipelineConfig& config,
                     const std::vector<ParamOverride>& overrides) {
        if (!s.IsMap()) {
            error(s, "a stage is a mapping with 'id' and 'plugin', got " + describe_kind(s));
            return;
        }
        StageConfig stage;
        stage.line = s.Mark().line + 1;
        stage.column = s.Mark().column + 1;
        check_keys(s, stage_keys, "stage");
        if (!s["id"]) {
            error(s, "stage has no 'id' (a unique name such as 'repair' or 'export')");
        } else {
            stage.id = scalar(s["id"], "id");
            const bool valid_id =
                !stage.id.empty() && std::all_of(stage.id.begin(), stage.id.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
                });
            if (!valid_id) {
                error(s["id"],
                      "stage id '" + stage.id + "' may only use letters, digits, '_' and '-'");
            }
            if (auto it = seen_ids_.find(stage.id); it != seen_ids_.end()) {
                error(s["id"], "duplicate stage id '" + stage.id + "' (first used at line " +
                                   std::to_string(it->second) + "); give each stage its own id");
            } else if (!stage.id.empty()) {
                seen_ids_[stage.id] = s["id"].Mark().line + 1;
            }
        }
        if (auto n = s["on_error"]) stage.on_error = policy(n);
        if (!s["plugin"]) {
            error(s,
                  "stage '" + stage.id + "' has no 'plugin' (the stage to run, e.g. 'exporter')");
            return;
        }
        stage.stage = scalar(s["plugin"], "plugin");
        if (stage.stage.empty()) {
            // A non-scalar was reported by scalar(); an empty one (`plugin: ""`, or a bare tag
            // such as `plugin: !x`, found by fuzz_pipeline_config) would drop the stage silently.
            if (s["plugin"].IsScalar()) {
                error(s["plugin"],
                      "stage '" + stage.id +
                          "' has an empty 'plugin' (the stage to run, e.g. 'exporter')");
            }
            return;
        }
        const StageEntry* entry = registry_.find_stage(stage.stage);
        if (entry == nullptr) {
            unknown_plugin(s["plugin"], stage.stage);
            return;
        }
        stage.info = entry->info;

        // Parameters: the config's, then --set overrides, then defaults.
        std::map<std::string, ParamValue> values;
        if (auto p = s["params"]; p && !p.IsNull()) {
            if (!p.IsMap()) {
                error(p, "'params' of stage '" + stage.id + "' must be a mapping, got " +
                             describe_kind(p));
            } else {
                check_duplicate_keys(p, "the params of stage '" + stage.id + "'");
                for (auto it = p.begin(); it != p.end(); ++it) {
                    const std::string name = it->first.Scalar();
                    const ParamSpec* spec = find_param(stage, name);
                    if (spec == nullptr) {
                        unknown_param(stage, name, it->first.Mark().line + 1,
                                      it->first.Mark().column + 1, file_);
                        continue;
                    }
                    std::string why;
                    if (auto v = convert(it->second, *spec, why)) {
                        why = check_constraints(*v, *spec);
                        if (why.empty()) values[name] = std::move(*v);
                    }
                    if (!why.empty()) {
                        error(it->second, param_label(stage, name) + ": " + why);
                    }
                }
            }
        }
        for (const auto& o : overrides) {
            if (o.stage_id != stage.id) continue;
            const ParamSpec* spec = find_param(stage, o.param);
            if (spec == nullptr) {
                unknown_param(stage, o.param, 0, 0, o.origin());
                continue;
            }
            // A string is the text as typed ("{id}.txt", "#1", "null" are file names); other
            // types are parsed as YAML, so lists can be given as [a, b].
            YAML::Node v(o.value);
            if (spec->type != ParamType::string) {
                try {
                    v = YAML::Load(o.value);
                } catch (const YAML::Exception&) {
                }
            }
            std::string why;
            if (auto value = convert(v, *spec, why)) {
                why = check_constraints(*value, *spec);
                if (why.empty()) values[o.param] = std::move(*value);
            }
            if (!why.empty())
                diags_.push_back({o.origin(), 0, 0, param_label(stage, o.param) + ": " + why});
        }
        for (const auto& spec : stage.info.params) {
            if (values.count(spec.name)) continue;
            if (spec.default_value) {
                values[spec.name] = *spec.default_value;
            } else if (spec.required) {
                error(s, "stage '" + stage.id + "' (" + stage.stage + ") needs parameter '" +
                             spec.name + "' (" + to_string(spec.type) + "): " + spec.description);
            }
        }
        stage.params = Params(std::move(values));
        config.stages.push_back(std::move(stage));
    }

    static const ParamSpec* find_param(const StageConfig& stage, const std::string& name) {
        for (const auto& p : stage.info.params) {
            if (p.name == name) return &p;
        }
        return nullptr;
    }

    static std::string param_label(const StageConfig& stage, const std::string& name) {
        return "parameter '" + name + "' of stage '" + stage.id + "' (" + stage.stage + ")";
    }

    void unknown_param(const StageConfig& stage, const std::string& name, int line, int column,
                       const std::string& file) {
        std::vector<std::string> names;
        for (const auto& p : stage.info.params) names.push_back(p.name);
        std::string msg =
            "unknown parameter '" + name + "' for stage '" + stage.id + "' (" + stage.stage + "); ";
        msg += names.empty() ? "it takes no parameters" : "valid parameters: " + join_names(names);
        if (auto m = closest_match(name, names); !m.empty()) msg += "; did you mean '" + m + "'?";
        diags_.push_back({file, line, column, msg});
    }

    void unknown_plugin(const YAML::Node& at, const std::string& name) {
        const auto unusable = registry_.unusable_providers(name);
        if (!unusable.empty()) {
            const PluginRecord* p = unusable.front();
            error(at, "plugin for stage '" + name + "' was found at " + p->path.string() +
                          " but cannot be used: " + p->reason);
            return;
        }
        const auto names = registry_.stage_names();
        std::string msg = "unknown plugin '" + name + "'";
        if (auto m = closest_match(name, names); !m.empty()) msg += "; did you mean '" + m + "'?";
        msg += names.empty()
                   ? " (no plugins were found on the plugin path; see docpipe plugins list)"
                   : " (available: " + join_names(names) + ")";
        error(at, msg);
    }

    void check_overrides(const PipelineConfig& config,
                         const std::vector<ParamOverride>& overrides) {
        std::vector<std::string> ids;
        for (const auto& s : config.stages) ids.push_back(s.id);
        for (const auto& o : overrides) {
            if (seen_ids_.count(o.stage_id)) continue;
            std::string msg = "no stage with id '" + o.stage_id + "' in " + file_ +
                              "; stage ids: " + join_names(ids);
            if (auto m = closest_match(o.stage_id, ids); !m.empty()) {
                msg += "; did you mean '" + m + "'?";
            }
            diags_.push_back({o.origin(), 0, 0, msg});
        }
    }

    // Every layer a stage requires must come from a stage before it; a layer it reads when
    // present must not come from a stage after it (it would silently go unused); a layer name
    // no plugin provides at all is most likely misspelt.
    void check_layers(const PipelineConfig& config) {
        std::map<std::string, std::string> provided;  // layer -> stage id
        for (std::size_t i = 0; i < config.stages.size(); ++i) {
            const auto& s = config.stages[i];
            for (const auto& layer : s.info.requires_layers) {
                if (provided.count(layer)) continue;
                std::string msg = "stage '" + s.id + "' (" + s.stage + ") requires layer '" +
                                  layer + "', which no earlier stage provides";
                const auto providers = providers_of(layer);
                if (!providers.empty()) {
                    msg += "; add a stage before it using plugin: " + join_names(providers, " or ");
                } else {
                    msg += misspelling_hint(layer);
                }
                error_at(s.line, s.column, msg);
            }
            for (const auto& layer : s.info.optional_layers) {
                if (provided.count(layer)) continue;
                for (std::size_t k = i + 1; k < config.stages.size(); ++k) {
                    const auto& later = config.stages[k];
                    const auto& p = later.info.provides_layers;
                    if (std::find(p.begin(), p.end(), layer) == p.end()) continue;
                    error_at(s.line, s.column,
                             "stage '" + s.id + "' (" + s.stage + ") uses layer '" + layer +
                                 "' when an earlier stage provides it, but stage '" + later.id +
                                 "' (" + later.stage + "), which provides it, comes after; move '" +
                                 later.id + "' before '" + s.id + "'");
                    break;
                }
            }
            for (const auto& layer : s.info.provides_layers) provided.emplace(layer, s.id);
        }
    }

    std::vector<std::string> providers_of(const std::string& layer) const {
        std::vector<std::string> out;
        for (const auto& name : registry_.stage_names()) {
            const auto& p = registry_.find_stage(name)->info.provides_layers;
            if (std::find(p.begin(), p.end(), layer) != p.end()) out.push_back(name);
        }
        return out;
    }

    // "; did you mean 'entities'?" when a layer some plugin provides is close to `layer`.
    std::string misspelling_hint(const std::string& layer) const {
        std::vector<std::string> known;
        for (const auto& name : registry_.stage_names()) {
            for (const auto& l : registry_.find_stage(name)->info.provides_layers)
                known.push_back(l);
        }
        const auto m = closest_match(layer, known);
        return m.empty() ? "; no plugin on the plugin path provides a layer of that name"
                         : "; no plugin provides a layer of that name: did you mean '" + m + "'?";
    }

    std::string file_;
    const Registry& registry_;
    std::vector<Diagnostic> diags_;
    std::map<std::string, int> seen_ids_;
};

}  // namespace

namespace {

// A pipeline is a small regular file: a FIFO would hang the run and /dev/zero fill memory.
std::string read_pipeline_file(const std::filesystem::path& file) {
    constexpr std::size_t max_bytes = std::size_t{16} << 20;
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        throw Error(exit_no_input, "cannot read pipeline '" + file.string() + "': it is " +
                                       (std::filesystem::is_directory(status)
                                            ? "a directory"
                                            : "not a regular file (a FIFO, socket or device)") +
                                       "; give the pipeline's YAML file");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(exit_no_input,
                    "cannot read pipeline '" + file.string() + "': " + std::strerror(errno));
    }
    std::string text;
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_bytes) {
            throw Error(exit_no_input, "cannot read pipeline '" + file.string() +
                                           "': it is over 16 MiB, far more than any pipeline");
        }
    }
    if (in.bad()) throw Error(exit_no_input, "error reading pipeline '" + file.string() + "'");
    return text;
}

}  // namespace

PipelineConfig parse_pipeline(std::string_view yaml, const std::string& file,
                              const Registry& registry,
                              const std::vector<ParamOverride>& overrides) {
    return Validator(file, registry).run(yaml, overrides);
}

PipelineConfig load_pipeline(const std::filesystem::path& file, const Registry& registry,
                             const std::vector<ParamOverride>& overrides) {
    return parse_pipeline(read_pipeline_file(file), file.string(), registry, overrides);
}

}  // namespace docpipe::host
