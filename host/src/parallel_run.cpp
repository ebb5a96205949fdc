#include "docpipe/host/parallel_run.hpp"

#include <sched.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "docpipe/host/crash_guard.hpp"
#include "docpipe/host/interrupt.hpp"
#include "docpipe/host/printable.hpp"

namespace docpipe::host {
namespace {

constexpr std::uint64_t none = std::numeric_limits<std::uint64_t>::max();

// One document between the reader and the sinks.
struct Item {
    enum class State {
        free,       // no document: a place the reader may fill
        queued,     // read; waits for a worker
        working,    // a worker runs the stages before the sinks
        processed,  // ready for the sinks
        skipped,    // a stage failed under `on_error: skip`, or the input was bad
        failed,     // ends the run when its turn comes: `error`
        dropped,    // after a failed document: never processed
    };
    State state = State::free;
    std::optional<Document> doc;
    std::size_t bytes = 0;  // the text's size when read (stages may change it)
    std::string skip_reason;
    std::exception_ptr error;
};

class ParallelRun {
public:
    ParallelRun(Executor& main, const Warn& warn, const RunOptions& options)
        : main_(main),
          warn_([this, &warn](const std::string& message) {
              // The reader (repeated ids) and the committing worker (skips) both warn.
              std::lock_guard lock(warn_mutex_);
              warn(message);
          }),
          progress_(options.progress),
          jobs_(options.jobs),
          max_bytes_(options.max_in_flight_bytes),
          ring_(options.max_in_flight > 0 ? options.max_in_flight
                                          : default_max_in_flight(options.jobs)) {}

    RunSummary run(const NextDocument& next) {
        const auto start = std::chrono::steady_clock::now();
        // Worker 0 uses the run's own executor; the others are made (and their stages
        // configured) now, so a stage that cannot be configured fails before any document.
        std::vector<std::unique_ptr<Executor>> extra;
        for (unsigned w = 1; w < jobs_; ++w) extra.push_back(main_.make_worker());
        std::vector<std::thread> threads;
        std::exception_ptr unexpected;  // not a document's: no thread, no memory
        try {
            threads.emplace_back([this] { work(main_); });
            for (auto& e : extra) threads.emplace_back([this, &e] { work(*e); });
            read_all(next);
        } catch (...) {
            unexpected = std::current_exception();
        }
        {
            std::lock_guard lock(mutex_);
            input_done_ = true;
        }
        work_ready_.notify_all();
        for (auto& t : threads) t.join();
        // Documents after a failure never reach the sinks: no longer in flight either.
        add_in_flight(-static_cast<int>(next_read_ - next_commit_));

        if (fatal_) std::rethrow_exception(fatal_);
        if (unexpected) std::rethrow_exception(unexpected);
        if (const int sig = interrupt_signal()) throw interrupted_error(sig, completed_);
        InFlight busy;
        // Each instance finishes once: the workers' own ones, then the run's (with the sinks).
        for (auto& e : extra) e->finish();
        main_.finish();
        RunSummary summary;
        summary.documents = documents_;
        summary.completed = completed_;
        summary.skipped = skipped_;
        summary.stages = main_.stats();
        for (const auto& e : extra) {
            for (std::size_t i = 0; i < summary.stages.size(); ++i) {
                summary.stages[i].calls += e->stats()[i].calls;
                summary.stages[i].errors += e->stats()[i].errors;
                summary.stages[i].time += e->stats()[i].time;
            }
        }
        summary.wall = std::chrono::steady_clock::now() - start;
        return summary;
    }

private:
    Item& item(std::uint64_t seq) { return ring_[seq % ring_.size()]; }
    // What an item counts against max_bytes_: its input text, as read.
    static std::size_t size_of(const Item& it) { return it.doc ? it.bytes : 0; }

    // The calling thread: reads documents in order into free places of the ring.
    void read_all(const NextDocument& next) {
        std::unordered_set<std::string> seen_ids;
        while (true) {
            {
                std::unique_lock lock(mutex_);
                slot_free_.wait(lock, [&] {
                    return stop_ || (next_read_ - next_commit_ < ring_.size() &&
                                     bytes_in_flight_ < max_bytes_);
                });
                if (stop_) return;
            }
            // Flagged before the check: a committer that sees no reader in next() knows the
            // reader will see the signal (see end_run_if_reader_waits).
            reading_ = true;
            if (interrupt_signal() != 0) {
                reading_ = false;
                return;
            }
            Item fresh;
            fresh.state = Item::State::queued;
            try {
                fresh.doc = next();
            } catch (const Error& e) {
                // A bad input takes its place in the order: what precedes it still completes.
                fresh.state =
                    skips_bad_input(main_, e) ? Item::State::skipped : Item::State::failed;
                fresh.skip_reason = e.what();
                fresh.error = std::current_exception();
            }
            reading_ = false;
            if (fresh.doc) fresh.bytes = fresh.doc->text().size();
            if (interrupt_signal() != 0) return;  // read, but not begun: not in flight
            if (fresh.state == Item::State::queued && !fresh.doc) return;
            const bool queued = fresh.state == Item::State::queued;
            const bool last = fresh.state == Item::State::failed;
            ++documents_;
            if (fresh.doc) warn_on_repeated_id(*fresh.doc, seen_ids, warn_);
            add_in_flight(1);
            std::unique_lock lock(mutex_);
            bytes_in_flight_ += size_of(fresh);
            item(next_read_++) = std::move(fresh);
            if (queued) {
                work_ready_.notify_one();
            } else {
                commit_ready(lock);
            }
            if (last) return;
        }
    }

    // A worker thread: runs the stages before the first sink on documents as they come.
    void work(Executor& executor) noexcept {
        const HostThread host_thread;
        std::unique_lock lock(mutex_);
        while (true) {
            work_ready_.wait(lock, [&] { return next_work_ < next_read_ || input_done_; });
            if (next_work_ >= next_read_) return;
            const std::uint64_t seq = next_work_++;
            Item& it = item(seq);
            // A bad input has nothing to run, and may be through the sinks already.
            if (it.state != Item::State::queued) continue;
            if (seq > first_failure_ || fatal_) {
                it.state = Item::State::dropped;
                continue;
            }
            it.state = Item::State::working;
            lock.unlock();
            Item::State done = Item::State::processed;
            try {
                Executor::Outcome outcome = executor.run_stages(*it.doc, 0, main_.ordered_from());
                if (!outcome.ok) {
                    done = Item::State::skipped;
                    it.skip_reason = std::move(outcome.skip_reason);
                }
            } catch (...) {
                done = Item::State::failed;
                it.error = std::current_exception();
            }
            lock.lock();
            it.state = done;
            if (done == Item::State::failed) {
                first_failure_ = std::min(first_failure_, seq);
                stop_ = true;  // nothing more is read; documents before this one still finish
                slot_free_.notify_all();
            }
            commit_ready(lock);
        }
    }

    // Runs the sinks on every document whose turn it is, in input order. One thread at a
    // time commits (committing_); a thread that finds another committing leaves its document
    // to it, which looks again under the lock before it stops.
    void commit_ready(std::unique_lock<std::mutex>& lock) {
        if (committing_) return;
        committing_ = true;
        while (next_commit_ < next_read_ && !fatal_) {
            Item& it = item(next_commit_);
            if (it.state == Item::State::queued || it.state == Item::State::working) break;
            lock.unlock();
            std::exception_ptr failure = commit(it);
            const std::size_t bytes = size_of(it);
            // The document's memory goes before the next one is read; no other thread reads
            // these fields of an item that is neither queued nor working.
            it.doc.reset();
            it.skip_reason.clear();
            it.error = nullptr;
            add_in_flight(-1);
            lock.lock();
            it.state = Item::State::free;
            bytes_in_flight_ -= bytes;
            if (failure) fatal_ = std::move(failure);
            ++next_commit_;
            // A bad input the reader committed was never a worker's: none may take it later.
            next_work_ = std::max(next_work_, next_commit_);
            slot_free_.notify_one();
            if (fatal_) {
                stop_ = true;
                slot_free_.notify_all();
                work_ready_.notify_all();
                end_run_if_reader_waits(lock, 0);
            } else if (const int sig = interrupt_signal(); sig != 0 && in_flight_count() == 0) {
                end_run_if_reader_waits(lock, sig);
            }
        }
        committing_ = false;
    }

    // Unlocked; only the committing thread is here. Returns the error that ends the run.
    std::exception_ptr commit(Item& it) {
        try {
            switch (it.state) {
                case Item::State::processed: {
                    Executor::Outcome outcome =
                        main_.run_stages(*it.doc, main_.ordered_from(), main_.stage_count());
                    if (outcome.ok) {
                        ++completed_;
                    } else {
                        ++skipped_;
                        warn_("skipped: " + outcome.skip_reason);
                    }
                    count_done(progress_, outcome.ok);
                    return nullptr;
                }
                case Item::State::skipped:
                    ++skipped_;
                    warn_("skipped: " + it.skip_reason);
                    count_done(progress_, false);
                    return nullptr;
                case Item::State::failed: return it.error;
                default: return nullptr;
            }
        } catch (...) {
            return std::current_exception();
        }
    }

    // The run is over (a failure, or a signal with nothing left in flight), but the reader may
    // be waiting in next() for a pipe that sends nothing: it would learn it only with the next
    // line. When it does not come back within a moment, the run ends here, as it would have
    // ended on the reader's thread: the error on stderr and its exit code. Nothing is left
    // half-written: outputs are committed whole or not at all, by this committing thread.
    void end_run_if_reader_waits(std::unique_lock<std::mutex>& lock, int sig) {
        lock.unlock();
        for (int waited_ms = 0; reading_ && waited_ms < 500; waited_ms += 10) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (reading_) {
            const auto [code, message] =
                sig != 0 ? describe(interrupted_error(sig, completed_)) : describe_current(fatal_);
            clear_progress_line();
            std::fprintf(stderr, "docpipe: error: %s\n", printable(message).c_str());
            spdlog::default_logger()->flush();
            std::_Exit(code);
        }
        lock.lock();
    }

    static std::pair<int, std::string> describe(const Error& e) {
        return {e.exit_code(), e.what()};
    }
    static std::pair<int, std::string> describe_current(const std::exception_ptr& error) {
        try {
            std::rethrow_exception(error);
        } catch (const Error& e) {
            return describe(e);
        } catch (const std::bad_alloc&) {
            return {exit_software,
                    "out of memory; raise --max-memory, lower --max-doc-bytes or "
                    "split the documents"};
        } catch (const std::exception& e) {
            return {exit_software, std::string("internal error: ") + e.what()};
        } catch (...) {
            return {exit_software, "internal error"};
        }
    }

    Executor& main_;
    std::mutex warn_mutex_;
    const Warn warn_;
    RunProgress* const progress_;
    const unsigned jobs_;
    const std::size_t max_bytes_;
    std::vector<Item> ring_;  // documents next_commit_ .. next_read_ - 1, at seq % size

    std::mutex mutex_;
    std::condition_variable work_ready_;  // an item was queued, or the input ended
    std::condition_variable slot_free_;   // an item left the ring, or the run stops
    std::uint64_t next_read_ = 0, next_work_ = 0, next_commit_ = 0;
    std::uint64_t first_failure_ = none;
    bool input_done_ = false;
    bool stop_ = false;  // read no more
    bool committing_ = false;
    std::size_t bytes_in_flight_ = 0;
    std::atomic<bool> reading_{false};  // the reader is inside next()

    std::exception_ptr fatal_;  // the error that ends the run, set in its turn

    // Written by the committing thread only (read after every worker joined).
    std::uint64_t completed_ = 0, skipped_ = 0;
    std::uint64_t documents_ = 0;  // the reader's
};

}  // namespace

unsigned usable_cores() noexcept {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        return static_cast<unsigned>(std::max(1, CPU_COUNT(&set)));
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

RunSummary run_documents_in_parallel(Executor& executor, const NextDocument& next, const Warn& warn,
                                     const RunOptions& options) {
    ParallelRun run(executor, warn, options);
    return run.run(next);
}

}  // namespace docpipe::host
