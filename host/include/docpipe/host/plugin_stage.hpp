#pragma once
// One stage instance of a loaded plugin, called through its C stage table (abi.h).

#include <memory>
#include <string>

#include "docpipe/abi.h"
#include "docpipe/document.hpp"
#include "docpipe/params.hpp"
#include "docpipe/stage.hpp"

namespace docpipe::host {

class LoadedPlugin;

/// Outcome of a call into a stage.
struct Status {
    /// What kind of failure: the host picks the exit code from it.
    enum class Kind : int { stage = 0, usage = 1, output = 2 };

    bool ok = true;
    std::string message;
    Kind kind = Kind::stage;  ///< usage: threw UsageError; output: threw OutputError

    static Status success() { return {}; }
    static Status failure(std::string message) { return {false, std::move(message)}; }
};

/// A stage instance. Holds its plugin, so the library stays loaded while the stage lives.
class PluginStage {
public:
    /// Creates the instance through `table`. Throws docpipe::host::Error when creation fails.
    PluginStage(std::shared_ptr<const LoadedPlugin> plugin, const docpipe_stage_table& table,
                const StageInfo& info);
    ~PluginStage();
    PluginStage(const PluginStage&) = delete;
    PluginStage& operator=(const PluginStage&) = delete;

    /// Hands the stage its validated parameters; `context.stage_id` is what the host stamps
    /// on everything the stage adds from then on.
    Status configure(const Params& params, const StageContext& context);
    /// Runs the stage on `document`; the stage's changes are validated as they arrive.
    Status process(Document& document);
    Status finish();

    const StageInfo& info() const noexcept { return info_; }

private:
    std::shared_ptr<const LoadedPlugin> plugin_;  // first: destroyed after the instance
    const docpipe_stage_table& table_;
    const StageInfo& info_;
    void* instance_ = nullptr;
    std::string stage_id_;
};

}  // namespace docpipe::host
