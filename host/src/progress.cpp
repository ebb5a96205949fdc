#include "docpipe/host/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace docpipe::host {
namespace {

// The terminal line the display drew, if any: a log message clears it first. One mutex for
// both writers, so a message never lands in the middle of a line being drawn.
std::mutex terminal_mutex;
int shown_on_fd = -1;

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n <= 0) return;  // stderr gone: progress is not worth failing a run for
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string grouped(std::uint64_t n) {  // 1234567 -> "1,234,567"
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string fixed1(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    return buffer;
}

std::string duration(double seconds) {  // "0:42", "1:02:03"
    const auto s = static_cast<long long>(std::llround(seconds));
    char buffer[32];
    if (s >= 3600) {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", s / 60, s % 60);
    }
    return buffer;
}

// Share of the input read and the time it suggests is left, when both can be said.
std::optional<std::pair<double, double>> share_and_eta(const ProgressSnapshot& s) {
    if (!s.total_bytes || *s.total_bytes == 0 || s.bytes == 0) return std::nullopt;
    const double share = std::min(1.0, static_cast<double>(s.bytes) / *s.total_bytes);
    return std::pair{share, s.elapsed_s * (1.0 - share) / share};
}

}  // namespace

std::optional<ProgressMode> parse_progress_mode(std::string_view name) {
    if (name == "off") return ProgressMode::off;
    if (name == "tty") return ProgressMode::tty;
    if (name == "always") return ProgressMode::always;
    if (name == "json") return ProgressMode::json;
    return std::nullopt;
}

std::string progress_line(const ProgressSnapshot& s) {
    const double mb = static_cast<double>(s.bytes) / 1e6;
    const double seconds = std::max(s.elapsed_s, 1e-3);
    std::string line = grouped(s.documents) + (s.documents == 1 ? " document, " : " documents, ") +
                       fixed1(mb) + " MB, " +
                       grouped(static_cast<std::uint64_t>(s.documents / seconds)) + " docs/s, " +
                       fixed1(mb / seconds) + " MB/s";
    if (s.skipped > 0) line += ", " + grouped(s.skipped) + " skipped";
    if (const auto eta = share_and_eta(s)) {
        line += ", " + std::to_string(static_cast<int>(eta->first * 100)) + "%, ETA " +
                duration(eta->second);
    }
    return line;
}

std::string progress_json(const ProgressSnapshot& s, bool done) {
    std::string out = "{\"documents\":" + std::to_string(s.documents) +
                      ",\"skipped\":" + std::to_string(s.skipped) +
                      ",\"input_bytes\":" + std::to_string(s.bytes);
    if (s.total_bytes) out += ",\"total_bytes\":" + std::to_string(*s.total_bytes);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, ",\"elapsed_s\":%.3f", s.elapsed_s);
    out += buffer;
    if (const auto eta = share_and_eta(s); eta && !done) {
        std::snprintf(buffer, sizeof buffer, ",\"eta_s\":%.1f", eta->second);
        out += buffer;
    }
    out += done ? ",\"done\":true}" : ",\"done\":false}";
    return out;
}

ProgressDisplay::ProgressDisplay(ProgressMode mode, const RunProgress& run, ProgressInput input,
                                 int fd)
    : mode_(mode),
      terminal_(::isatty(fd) == 1),
      run_(run),
      input_(std::move(input)),
      fd_(fd),
      start_(std::chrono::steady_clock::now()) {
    if (mode_ == ProgressMode::off) return;
    if (mode_ == ProgressMode::tty && (!terminal_ || input_.data_on_terminal)) return;
    thread_ = std::thread([this] { loop(); });
}

ProgressDisplay::~ProgressDisplay() {
    if (!thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
    if (mode_ == ProgressMode::json) {
        show(true);
    } else {
        clear_progress_line();
    }
}

ProgressSnapshot ProgressDisplay::snapshot() const {
    ProgressSnapshot s;
    s.documents = run_.documents.load();
    s.skipped = run_.skipped.load();
    s.bytes = input_.bytes_read ? input_.bytes_read() : 0;
    s.total_bytes = input_.total_bytes;
    s.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    return s;
}

void ProgressDisplay::show(bool done) {
    const ProgressSnapshot s = snapshot();
    std::lock_guard lock(terminal_mutex);
    if (mode_ == ProgressMode::json) {
        write_all(fd_, progress_json(s, done) + "\n");
    } else if (terminal_) {
        // Cut to the terminal's width would need its size; 100 columns fit the longest line.
        write_all(fd_, "\r\033[Kdocpipe: " + progress_line(s));
        shown_on_fd = fd_;
    } else {
        write_all(fd_, "docpipe: progress: " + progress_line(s) + "\n");
    }
}

void ProgressDisplay::loop() {
    // A terminal line is redrawn often; lines that stay (a log file, JSON) come less often.
    const auto every = mode_ == ProgressMode::json ? std::chrono::milliseconds(1000)
                       : terminal_                 ? std::chrono::milliseconds(200)
                                                   : std::chrono::milliseconds(5000);
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, every, [&] { return stop_; })) {
        lock.unlock();
        show(false);
        lock.lock();
    }
}

namespace {

void clear_locked() noexcept {
    if (shown_on_fd < 0) return;
    write_all(shown_on_fd, "\r\033[K");
    shown_on_fd = -1;
}

}  // namespace

void clear_progress_line() noexcept {
    std::lock_guard lock(terminal_mutex);
    clear_locked();
}

void with_progress_line_cleared(const std::function<void()>& write) {
    std::lock_guard lock(terminal_mutex);
    clear_locked();
    write();
}

}  // namespace docpipe::host
