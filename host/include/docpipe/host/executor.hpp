#pragma once
// Runs a validated pipeline over documents, with per-stage statistics and the configured error
// policy: one at a time, or on several worker threads with the sinks in input order
// (parallel_run.hpp).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "docpipe/host/errors.hpp"
#include "docpipe/host/pipeline_config.hpp"
#include "docpipe/host/progress.hpp"
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

/// Where a crash happened, per thread: read by the fatal-signal handler on the thread that
/// crashed (see crash_guard.hpp).
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
/// The calling thread's crash context. A function, not an `extern thread_local`: the
/// sanitizers' null checks misread such a variable reached from another file.
CrashContext& crash_context() noexcept;

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

    /// What run_stages() did with a document.
    struct Outcome {
        bool ok = true;
        std::string skip_reason;  ///< why a stage failed under `on_error: skip`
    };
    /// Runs stages [begin, end) on `doc`, as process() does; a skip is returned, not stored.
    /// Safe to call on several threads at once for disjoint ranges, or, on a worker, for the
    /// stages before ordered_from().
    Outcome run_stages(Document& doc, std::size_t begin, std::size_t end);

    /// The first stage that must see documents in input order on one instance: the first
    /// sink. Stages before it may run on several threads; it and every later stage may not.
    std::size_t ordered_from() const noexcept { return ordered_from_; }
    std::size_t stage_count() const noexcept { return slots_.size(); }

    /// An executor for another worker thread: shares this one's instances of thread-safe
    /// stages, and creates and configures its own instance of each other stage before
    /// ordered_from() (it never runs the later ones). Throws as the constructor does.
    std::unique_ptr<Executor> make_worker() const;

    /// Calls finish() of every stage instance this executor made (exporters write their
    /// outputs here), in pipeline order. Throws on failure.
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
        std::shared_ptr<PluginStage> handle;  ///< null on a worker for stages it never runs
        ErrorPolicy policy;
        bool thread_safe = false;
        bool own = true;  ///< false on a worker for an instance it shares: finish() skips it
    };
    Executor(const Executor& prototype, int);  // make_worker()
    std::shared_ptr<PluginStage> create(const StageConfig& sc);
    void configure(const StageConfig& sc, PluginStage& stage);

    const PipelineConfig& config_;
    Registry& registry_;
    const docpipe_host_api* host_api_;
    RunEnvironment environment_;
    std::vector<Slot> slots_;
    std::size_t ordered_from_ = 0;
    std::vector<StageStats> stats_;
    bool record_timings_ = false;
    std::string last_skip_;
};

/// How run_documents() schedules documents.
struct RunOptions {
    /// Worker threads (`--jobs`); 1 runs every stage on the calling thread, one document at
    /// a time.
    unsigned jobs = 1;
    /// Documents read and not yet through the sinks, at most (`--max-in-flight`); 0 picks
    /// default_max_in_flight(jobs). What bounds the run's memory.
    std::size_t max_in_flight = 0;
    /// Text of the documents in flight, at most (one more document may be read past it): a
    /// count alone would let a few huge documents take far more memory than many small ones.
    std::size_t max_in_flight_bytes = std::size_t{256} << 20;
    /// Counted as documents complete, for a progress display; may be null.
    RunProgress* progress = nullptr;
};
/// Enough documents to keep every worker busy while one waits behind a slow earlier one.
std::size_t default_max_in_flight(unsigned jobs) noexcept;

using NextDocument = std::function<std::optional<Document>()>;
using Warn = std::function<void(const std::string&)>;

/// Reads every document from `next` and runs it; bad input documents follow the pipeline's
/// `on_error` policy. With options.jobs > 1 the stages before the first sink run on worker
/// threads (parallel_run.hpp); outputs, warnings and the error that ends a run are the same
/// as with one; `warn` is then called from the worker threads too, one call at a time.
/// Returns the summary; throws Error on a `fail`.
RunSummary run_documents(Executor& executor, const NextDocument& next, const Warn& warn,
                         const RunOptions& options = {});

/// The error of a run stopped by signal `sig` after `completed` documents.
Error interrupted_error(int sig, std::uint64_t completed);

/// The `--stats` table.
std::string format_stats(const RunSummary& summary);
/// The same as one JSON object (`--stats --format json`), with the number of jobs.
std::string format_stats_json(const RunSummary& summary, unsigned jobs);

}  // namespace docpipe::host
