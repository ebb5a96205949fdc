#pragma once
// `run --progress`: how far a long run is, on stderr while it runs. On a terminal one line is
// rewritten in place (documents, MB read, docs/s, MB/s, and the share done and time left when
// the input's size is known); `--progress=json` writes one JSON object per line instead, for
// programs that drive docpipe.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace docpipe::host {

/// Live counters of a run, updated as documents complete (RunOptions::progress).
struct RunProgress {
    std::atomic<std::uint64_t> documents{0};  ///< through every stage, or skipped
    std::atomic<std::uint64_t> skipped{0};
};

enum class ProgressMode {
    off,
    tty,     ///< a line rewritten in place when stderr is a terminal and stdout is not
    always,  ///< the same on a terminal; elsewhere a plain line every few seconds
    json,    ///< one JSON object per line, every second, and one when the run ends
};
/// "off", "tty", "always" or "json"; nullopt for anything else.
std::optional<ProgressMode> parse_progress_mode(std::string_view name);

/// What the display reads, besides the run's counters.
struct ProgressInput {
    std::function<std::uint64_t()> bytes_read;  ///< input bytes consumed so far
    std::optional<std::uint64_t> total_bytes;   ///< all the input, when it is known
    /// The data stream (stdout) is a terminal too: `tty` then shows nothing, so no line of
    /// output is drawn over.
    bool data_on_terminal = false;
};

/// One snapshot of a run, as the display writes it.
struct ProgressSnapshot {
    std::uint64_t documents = 0, skipped = 0, bytes = 0;
    std::optional<std::uint64_t> total_bytes;
    double elapsed_s = 0;
};
/// "1,234 documents, 56.7 MB, 890 docs/s, 12.3 MB/s, 42%, ETA 0:42" (the last two when the
/// total is known and some input was read).
std::string progress_line(const ProgressSnapshot& s);
/// The same as one JSON object (no line break).
std::string progress_json(const ProgressSnapshot& s, bool done);

/// Writes the progress of a run to `fd` from its own thread until destroyed; on a terminal the
/// line is cleared at the end, so what follows starts on a clean line.
class ProgressDisplay {
public:
    ProgressDisplay(ProgressMode mode, const RunProgress& run, ProgressInput input, int fd = 2);
    ~ProgressDisplay();
    ProgressDisplay(const ProgressDisplay&) = delete;
    ProgressDisplay& operator=(const ProgressDisplay&) = delete;

    /// Whether anything is shown (`tty` off a terminal shows nothing).
    bool active() const noexcept { return thread_.joinable(); }

private:
    void loop();
    ProgressSnapshot snapshot() const;
    void show(bool done);

    ProgressMode mode_;
    bool terminal_;
    const RunProgress& run_;
    ProgressInput input_;
    int fd_;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

/// Clears a progress line shown on the terminal, so what follows starts on a clean line; the
/// display draws it again at its next update.
void clear_progress_line() noexcept;
/// Runs `write` (a log message to stderr) with the progress line cleared, and no redraw until
/// it is done. Called by the log sink.
void with_progress_line_cleared(const std::function<void()>& write);

}  // namespace docpipe::host
