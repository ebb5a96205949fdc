#pragma once
// Atomic file output: content goes to a temporary file in the target's directory, is flushed
// to disk, then renamed over the target, so readers see the old file or the whole new one and
// a failed run never leaves a partial file behind.

#include <filesystem>
#include <string>
#include <string_view>

namespace docpipe::exporter {

/// What to do when the target already exists.
enum class Overwrite { replace, refuse };

/// A temporary file that becomes `target` on commit() and disappears otherwise.
class PendingFile {
public:
    /// Creates the target's missing parent directories and an empty temporary file beside it.
    /// Throws std::runtime_error naming the path and the OS reason on failure.
    explicit PendingFile(std::filesystem::path target);
    ~PendingFile();
    PendingFile(const PendingFile&) = delete;
    PendingFile& operator=(const PendingFile&) = delete;

    /// Appends bytes to the temporary file.
    void write(std::string_view bytes);
    /// Flushes to disk and moves the temporary file to the target. With Overwrite::refuse an
    /// existing target is an error and is left untouched (checked atomically by link(2)).
    void commit(Overwrite policy);

    const std::filesystem::path& target() const noexcept { return target_; }
    const std::filesystem::path& temporary() const noexcept { return temporary_; }

private:
    void discard() noexcept;

    std::filesystem::path target_;
    std::filesystem::path temporary_;
    int fd_ = -1;
    bool committed_ = false;
};

/// Writes `content` to `target` atomically (PendingFile in one call).
void write_file_atomically(const std::filesystem::path& target, std::string_view content,
                           Overwrite policy);

/// Throws the exporter's standard error for an existing target under Overwrite::refuse.
[[noreturn]] void throw_target_exists(const std::filesystem::path& target);

}  // namespace docpipe::exporter
