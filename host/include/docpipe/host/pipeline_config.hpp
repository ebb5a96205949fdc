#pragma once
// Pipeline configs: YAML in, a validated pipeline description out. `docpipe validate` and
// `docpipe run` share this code path, so what validates is exactly what runs.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docpipe/host/registry.hpp"
#include "docpipe/params.hpp"

namespace docpipe::host {

/// What happens to a document when a stage fails on it.
enum class ErrorPolicy { fail, skip };
const char* to_string(ErrorPolicy policy) noexcept;

/// One stage of a pipeline, validated against its plugin's schema.
struct StageConfig {
    std::string id;     ///< unique within the pipeline
    std::string stage;  ///< the `plugin:` value: a registered stage name
    StageInfo info;     ///< the stage's declaration
    Params params;      ///< validated, defaults filled in
    std::optional<ErrorPolicy> on_error;
    int line = 0;
    int column = 0;
};

/// A validated pipeline.
struct PipelineConfig {
    std::string file;
    std::string name;
    std::string description;
    std::vector<StageConfig> stages;
    ErrorPolicy on_error = ErrorPolicy::fail;
    bool record_timings = false;  ///< record per-stage times (Document::stage_times)

    ErrorPolicy policy_for(const StageConfig& stage) const {
        return stage.on_error.value_or(on_error);
    }
};

/// A `--set stage.param=value` override.
struct ParamOverride {
    std::string stage_id;
    std::string param;
    std::string value;  ///< taken as is for string parameters, else parsed as YAML
    std::string label;  ///< how the user wrote it, for messages (default: the --set form)

    /// Parses "stage.param=value"; throws Error(exit_usage) when malformed.
    static ParamOverride parse(std::string_view text);
    std::string origin() const {
        return label.empty() ? "--set " + stage_id + "." + param + "=" + value : label;
    }
};

/// Reads and validates the pipeline in `file`. Throws ConfigError listing every problem
/// as `file:line:col: message`, or Error(exit_no_input) when the file cannot be read.
PipelineConfig load_pipeline(const std::filesystem::path& file, const Registry& registry,
                             const std::vector<ParamOverride>& overrides = {});

/// Same, from text; `file` names it in messages.
PipelineConfig parse_pipeline(std::string_view yaml, const std::string& file,
                              const Registry& registry,
                              const std::vector<ParamOverride>& overrides = {});

}  // namespace docpipe::host
