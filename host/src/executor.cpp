#include "docpipe/host/executor.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "docpipe/host/crash_guard.hpp"
#include "docpipe/host/errors.hpp"
#include "docpipe/host/interrupt.hpp"
#include "docpipe/host/parallel_run.hpp"
#include "docpipe/host/suggest.hpp"

namespace docpipe::host {

namespace {
thread_local CrashContext this_thread_context;
}  // namespace

CrashContext& crash_context() noexcept {
    return this_thread_context;
}

std::shared_ptr<PluginStage> Executor::create(const StageConfig& sc) {
    try {
        return registry_.create_stage(sc.stage);
    } catch (const Error& e) {
        throw Error(e.exit_code(), config_.file + ":" + std::to_string(sc.line) + ":" +
                                       std::to_string(sc.column) + ": stage '" + sc.id +
                                       "': " + e.what());
    }
}

void Executor::configure(const StageConfig& sc, PluginStage& stage) {
    const StageEntry* entry = registry_.find_stage(sc.stage);
    StageContext ctx;
    ctx.stage_id = sc.id;
    ctx.plugin_path = entry->plugin->path.string();
    ctx.data_dir = (entry->plugin->path.parent_path() / entry->plugin->manifest->name).string();
    ctx.log = Logger(host_api_, sc.id);
    ctx.run_inputs = environment_.inputs;
    ctx.in_place = environment_.in_place;
    ctx.stdout_fd = environment_.stdout_fd;
    this_thread_context.stage = sc.id.c_str();
    this_thread_context.current = nullptr;
    this_thread_context.document = "(configure)";
    const Status st = stage.configure(sc.params, ctx);
    this_thread_context.stage = nullptr;
    if (!st.ok) {
        const std::string where = config_.file + ":" + std::to_string(sc.line) + ":" +
                                  std::to_string(sc.column) + ": stage '" + sc.id + "' (" +
                                  sc.stage + ")";
        if (st.kind == Status::Kind::usage) throw Error(exit_usage, where + ": " + st.message);
        // An output that cannot be written is found here, before any document: 74 as it
        // would be at the end of the run.
        if (st.kind == Status::Kind::output) throw Error(exit_io, where + ": " + st.message);
        throw Error(exit_config, where + " failed to configure: " + st.message);
    }
}

Executor::Executor(const PipelineConfig& config, Registry& registry,
                   const docpipe_host_api* host_api, Setup setup, const RunEnvironment& environment)
    : config_(config), registry_(registry), host_api_(host_api), environment_(environment) {
    // Every plugin is loaded first, then the exit() hook is installed (it then runs before
    // the plugins' static destructors), then stages are configured under the hook.
    std::vector<std::shared_ptr<PluginStage>> handles;
    for (const auto& sc : config.stages) handles.push_back(create(sc));
    if (setup == Setup::configure) install_exit_guard();
    ordered_from_ = config.stages.size();
    for (std::size_t i = 0; i < config.stages.size(); ++i) {
        const StageConfig& sc = config.stages[i];
        if (setup == Setup::configure) configure(sc, *handles[i]);
        const StageInfo& info = registry.find_stage(sc.stage)->info;
        if (info.kind == StageKind::sink) ordered_from_ = std::min(ordered_from_, i);
        slots_.push_back({&sc, std::move(handles[i]), config.policy_for(sc), info.thread_safe});
        stats_.push_back({sc.id, sc.stage});
    }
}

Executor::Executor(const Executor& prototype, int)
    : config_(prototype.config_),
      registry_(prototype.registry_),
      host_api_(prototype.host_api_),
      environment_(prototype.environment_),
      ordered_from_(prototype.ordered_from_),
      record_timings_(prototype.record_timings_) {
    for (std::size_t i = 0; i < prototype.slots_.size(); ++i) {
        Slot slot = prototype.slots_[i];
        slot.own = false;
        if (i >= ordered_from_) {
            slot.handle = nullptr;
        } else if (!slot.thread_safe) {
            slot.handle = create(*slot.config);
            configure(*slot.config, *slot.handle);
            slot.own = true;
        }
        stats_.push_back({slot.config->id, slot.config->stage});
        slots_.push_back(std::move(slot));
    }
}

std::unique_ptr<Executor> Executor::make_worker() const {
    return std::unique_ptr<Executor>(new Executor(*this, 0));
}

bool Executor::process(Document& doc) {
    Outcome outcome = run_stages(doc, 0, slots_.size());
    if (!outcome.ok) last_skip_ = std::move(outcome.skip_reason);
    return outcome.ok;
}

Executor::Outcome Executor::run_stages(Document& doc, std::size_t begin, std::size_t end) {
    // However this ends, no stage runs any more: a later crash or exit() is not blamed on the
    // last one, and the document, which may go, is not read.
    struct ClearCrashContext {
        ~ClearCrashContext() {
            this_thread_context.stage = nullptr;
            this_thread_context.current = nullptr;
        }
    } clear_on_return;
    this_thread_context.current = &doc;
    if (record_timings_ && begin == 0) doc.clear_stage_times();  // this run's, not its input's
    // One clock read between two stages ends one's time and starts the next's: half the reads
    // of timing each call apart (the reads are a large share of the host's cost per stage; see
    // docs/BENCHMARKS.md). The few instructions of bookkeeping between count towards the next;
    // with record_timings, which allocates, a second read starts the next stage's time.
    auto start = std::chrono::steady_clock::now();
    for (std::size_t i = begin; i < end; ++i) {
        Slot& slot = slots_[i];
        StageStats& st = stats_[i];
        this_thread_context.stage = slot.config->id.c_str();
        // The stage's changes were validated and stamped with its id as they arrived (see
        // host_document.cpp).
        const Status status = slot.handle->process(doc);
        const auto now = std::chrono::steady_clock::now();
        const auto elapsed = now - start;
        start = now;
        st.time += elapsed;
        ++st.calls;
        if (record_timings_) {
            // In whole microseconds: finer digits are noise, and would only lengthen outputs.
            const double us = std::chrono::duration<double, std::micro>(elapsed).count();
            doc.record_stage_time(slot.config->id, std::round(us) / 1000.0);
            start = std::chrono::steady_clock::now();  // recording allocates: not the next's
        }
        if (!status.ok) {
            ++st.errors;
            std::string msg = "document '" + doc.id() + "', stage '" + slot.config->id + "' (" +
                              slot.config->stage + "): " + status.message;
            if (status.kind == Status::Kind::usage) throw Error(exit_usage, msg);
            if (slot.policy == ErrorPolicy::fail) {
                throw Error(status.kind == Status::Kind::output ? exit_io : exit_software, msg);
            }
            return {false, std::move(msg)};
        }
    }
    return {};  // clear_on_return clears the crash context
}

void Executor::finish() {
    for (auto& slot : slots_) {
        if (!slot.own) continue;
        this_thread_context.stage = slot.config->id.c_str();
        this_thread_context.current = nullptr;
        this_thread_context.document = "(finish)";
        const Status st = slot.handle->finish();
        this_thread_context.stage = nullptr;
        if (!st.ok) {
            throw Error(st.kind == Status::Kind::usage ? exit_usage : exit_io,
                        "stage '" + slot.config->id + "' (" + slot.config->stage +
                            ") failed to finish: " + st.message);
        }
    }
}

std::size_t default_max_in_flight(unsigned jobs) noexcept {
    return std::max<std::size_t>(8, std::size_t{4} * jobs);
}

Error interrupted_error(int sig, std::uint64_t completed) {
    return Error(128 + sig, std::string("interrupted by ") + interrupt_name(sig) + " after " +
                                std::to_string(completed) +
                                " completed documents; files written whole at the end of "
                                "a run were not written (per-document files, and what went to "
                                "stdout or a pipe, end with the last completed document)");
}

RunSummary run_documents(Executor& executor, const NextDocument& next, const Warn& warn,
                         const RunOptions& options) {
    // Nothing could run beside the sinks: one thread does it all.
    if (options.jobs > 1 && executor.ordered_from() > 0) {
        return run_documents_in_parallel(executor, next, warn, options);
    }
    RunSummary summary;
    std::unordered_set<std::string> seen_ids;
    const auto start = std::chrono::steady_clock::now();
    while (true) {
        // A signal while a document is processed (or the outputs written) lets it finish; see
        // interrupt.hpp. Checked before each read.
        if (const int sig = interrupt_signal()) throw interrupted_error(sig, summary.completed);
        std::optional<Document> doc;
        try {
            doc = next();
        } catch (const Error& e) {
            if (!skips_bad_input(executor, e)) throw;
            ++summary.documents;
            ++summary.skipped;
            warn(std::string("skipped: ") + e.what());
            count_done(options.progress, false);
            continue;
        }
        if (!doc) break;
        ++summary.documents;
        warn_on_repeated_id(*doc, seen_ids, warn);
        InFlight busy;
        const bool completed = executor.process(*doc);
        if (completed) {
            ++summary.completed;
        } else {
            ++summary.skipped;
            warn("skipped: " + executor.last_skip_reason());
        }
        count_done(options.progress, completed);
    }
    InFlight busy;
    executor.finish();
    summary.wall = std::chrono::steady_clock::now() - start;
    summary.stages = executor.stats();
    return summary;
}

void count_done(RunProgress* progress, bool completed) noexcept {
    if (progress == nullptr) return;
    progress->documents.fetch_add(1, std::memory_order_relaxed);
    if (!completed) progress->skipped.fetch_add(1, std::memory_order_relaxed);
}

bool skips_bad_input(const Executor& executor, const Error& e) {
    // A bad or unreadable input document: the pipeline-level policy decides.
    const bool per_document = e.exit_code() == exit_data || e.exit_code() == exit_no_input;
    return per_document && executor.config().on_error != ErrorPolicy::fail;
}

void warn_on_repeated_id(const Document& doc, std::unordered_set<std::string>& seen_ids,
                         const Warn& warn) {
    // Outputs are keyed by id ({id} paths, JSON ids): say so when two inputs share one.
    if (!seen_ids.insert(doc.id()).second) {
        const auto source = doc.metadata().find("source");
        warn("document id '" + doc.id() + "' appears more than once (" +
             (source == doc.metadata().end() ? std::string() : source->second) +
             "); outputs keyed by id may collide");
    }
}

std::string format_stats_json(const RunSummary& s, unsigned jobs) {
    const auto ms = [](std::chrono::nanoseconds t) {
        return std::chrono::duration<double, std::milli>(t).count();
    };
    nlohmann::json stages = nlohmann::json::array();
    for (const auto& st : s.stages) {
        const double time_ms = ms(st.time);
        stages.push_back({{"id", st.id},
                          {"plugin", st.stage},
                          {"calls", st.calls},
                          {"errors", st.errors},
                          {"time_ms", time_ms},
                          {"docs_per_s", time_ms > 0 ? st.calls / (time_ms / 1000.0) : 0.0}});
    }
    return nlohmann::json{{"documents", s.documents},
                          {"completed", s.completed},
                          {"skipped", s.skipped},
                          {"wall_ms", ms(s.wall)},
                          {"jobs", jobs},
                          {"stages", stages}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
           "\n";
}

std::string format_stats(const RunSummary& s) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-16s %-18s %8s %12s %12s %8s\n", "stage", "plugin", "calls",
                  "time ms", "docs/s", "errors");
    out += line;
    for (const auto& st : s.stages) {
        const double ms = std::chrono::duration<double, std::milli>(st.time).count();
        const double per_s = ms > 0 ? static_cast<double>(st.calls) / (ms / 1000.0) : 0.0;
        std::snprintf(line, sizeof line, "%-16s %-18s %8llu %12.3f %12.0f %8llu\n", st.id.c_str(),
                      st.stage.c_str(), static_cast<unsigned long long>(st.calls), ms, per_s,
                      static_cast<unsigned long long>(st.errors));
        out += line;
    }
    std::snprintf(
        line, sizeof line, "documents: %llu read, %llu completed, %llu skipped; wall %.3f ms\n",
        static_cast<unsigned long long>(s.documents), static_cast<unsigned long long>(s.completed),
        static_cast<unsigned long long>(s.skipped),
        std::chrono::duration<double, std::milli>(s.wall).count());
    out += line;
    return out;
}

}  // namespace docpipe::host
