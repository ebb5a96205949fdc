#pragma once
// While stages run, stdout belongs to the data stream alone: a plugin that prints (a debug
// line, a library's banner) would otherwise corrupt the JSON or text piped onwards. This moves
// the real stdout to a private descriptor for the sinks and points fd 1 at stderr, where such
// prints are harmless, until it is destroyed.

namespace docpipe::host {

class DataStdout {
public:
    /// Keeps stdout on a private descriptor and points fd 1 at stderr. When stdout is closed,
    /// fd 1 holds /dev/null meanwhile and fd() is -1.
    DataStdout();
    /// Points fd 1 back at the real stdout.
    ~DataStdout();
    DataStdout(const DataStdout&) = delete;
    DataStdout& operator=(const DataStdout&) = delete;

    /// The descriptor of the real stdout (StageContext::stdout_fd), -1 when it is closed.
    int fd() const noexcept { return fd_; }

private:
    int fd_ = 1;
    bool holds_closed_ = false;
};

}  // namespace docpipe::host
