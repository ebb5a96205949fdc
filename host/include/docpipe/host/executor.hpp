#pragma once
// Runs a validated pipeline over documents, one at a time, with per-stage statistics and the
// configured error policy.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "docpipe/host/pipeline_config.hpp"
#include "docpipe/host/registry.hpp"

namespace docpipe::host {

/// Counters for one stage of one run.
struct StageStats {
    std::string id;
    std::string stage;
    std::uint64_t calls = 0;
    std::uint64_t errors = 0;
    std::chrono::nanoseconds time{0};
};

/// Totals of a run.
struct RunSummary {
    std::uint64_t documents = 0;  ///< documents read
    std::uint64_t completed = 0;  ///< documents that passed every stage
    std::uint64_t skipped = 0;    ///< documents dropped by `on_error: skip`
    std::chrono::nanoseconds wall{0};
    std::vector<StageStats> stages;
};

/// Where a crash happened; read by the fatal-signal handler (see crash_guard.hpp).
struct CrashContext {
    const char* volatile stage = nullptr;
    const char* volatile document = nullptr;  ///< "(configure)", "(finish)": no document
    /// The document being processed, whose id is read only when a crash is reported: reading
    /// it for every document would cost a cache miss per document (~45 ns, bench/host_overhead).
    const docpipe::Document* volatile current = nullptr;

    /// The document's id, or the label when no document is being processed.
    const char* document_name() const noexcept {
        const docpipe::Document* d = current;
        return d != nullptr ? d->id().c_str() : document;
    }
};
extern CrashContext crash_context;

/// What stages learn about the run besides their parameters (see StageContext).
struct RunEnvironment {
    std::vector<std::string> inputs;  ///< the pipeline file and every input file
    bool in_place = false;            ///< `--in-place`: outputs may replace inputs
    int stdout_fd = 1;                ///< the data stream (see DataStdout)
};

/// Instantiated, configured stages of one pipeline.
class Executor {
public:
    /// What the constructor does with each stage.
    enum class Setup { load_only, configure };

    /// Loads every stage's plugin and creates the stage; with Setup::configure (what a run
    /// needs) also configures it. Throws Error(exit_config) naming the stage when a plugin
    /// cannot be loaded or its configure() fails, Error(exit_usage) when a stage refuses the
    /// run as asked (an output that would replace an input).
    Executor(const PipelineConfig& config, Registry& registry, const docpipe_host_api* host_api,
             Setup setup = Setup::configure, const RunEnvironment& environment = {});

    /// Runs `doc` through every stage. Returns false when a stage failed and its policy is
    /// `skip` (the document must not be used further); throws Error(exit_software) when the
    /// policy is `fail` (exit_io when the stage threw OutputError), Error(exit_usage) whatever
    /// the policy when it threw UsageError. The message names the document, the stage and the
    /// cause.
    bool process(Document& doc);

    /// Calls every stage's finish() (exporters write their outputs here). Throws on failure.
    void finish();

    const std::vector<StageStats>& stats() const noexcept { return stats_; }
    const PipelineConfig& config() const noexcept { return config_; }

    /// Why the last process() call returned false.
    const std::string& last_skip_reason() const noexcept { return last_skip_; }

    /// Records each stage's time on each document in Document::stage_times(), in pipeline
    /// order: the run statistics sinks read.
    void set_record_timings(bool on) noexcept { record_timings_ = on; }

private:
    struct Slot {
        const StageConfig* config;
        std::shared_ptr<PluginStage> handle;
        ErrorPolicy policy;
    };
    const PipelineConfig& config_;
    std::vector<Slot> slots_;
    std::vector<StageStats> stats_;
    bool record_timings_ = false;
    std::string last_skip_;
};

/// Reads every document from `next` and runs it; bad input documents follow the pipeline's
/// `on_error` policy. Returns the summary; throws Error on a `fail`.
RunSummary run_documents(Executor& executor, const std::function<std::optional<Document>()>& next,
                         const std::function<void(const std::string&)>& warn);

/// The `--stats` table.
std::string format_stats(const RunSummary& summary);

}  // namespace docpipe::host
