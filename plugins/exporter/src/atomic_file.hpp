#pragma once
// File output that never leaves a partial file and never harms what is already there.
//
// A new or regular file is written to a temporary file in its directory, flushed to disk, then
// renamed over it, so readers see the old file or the whole new one. The temporary file has no
// name until then (O_TMPFILE; a hidden `.NAME.docpipe-PID-XXXXXX` where the filesystem cannot),
// so a writer killed at any moment leaves nothing behind. A replaced file keeps its
// mode and owner (or the write is refused); its other hard links, if any, keep the old content.
// A symlink is followed and the file it points at is replaced; the link itself stays. A device,
// FIFO or socket (/dev/null, a named pipe) and a descriptor alias (/dev/stdout, /dev/fd/N, the
// `>(cmd)` of a shell) are written directly: there is nothing to replace, and a rename would
// put a regular file in their place.

#include <filesystem>
#include <string>
#include <string_view>

#include "output_target.hpp"

namespace docpipe::exporter {

/// What to do when the target already exists as a file.
enum class Overwrite { replace, refuse };

/// Output bound for `target`: a temporary file that becomes the target on commit() and
/// disappears otherwise, or (for devices, FIFOs and descriptors) the target itself.
class PendingFile {
public:
    /// Resolves the target, creates its missing parent directories and the temporary file (or
    /// opens the device). Throws std::runtime_error naming the path and the OS reason.
    explicit PendingFile(std::filesystem::path target);
    ~PendingFile();
    PendingFile(const PendingFile&) = delete;
    PendingFile& operator=(const PendingFile&) = delete;

    /// Appends bytes.
    void write(std::string_view bytes);
    /// Cuts the temporary file back to its first `size` bytes; later writes append there.
    /// Returns false when the system refuses.
    bool truncate(std::size_t size) noexcept;
    /// Flushes to disk and moves the temporary file to the target. With Overwrite::refuse an
    /// existing file is an error and is left untouched (checked atomically by link(2)); a
    /// device or descriptor is never "existing" in that sense.
    void commit(Overwrite policy);

    const std::filesystem::path& target() const noexcept { return target_; }
    /// The temporary file's hidden name; empty when it has none (an unnamed O_TMPFILE file,
    /// the usual case), when the target is written directly, and after commit().
    const std::filesystem::path& temporary() const noexcept { return temporary_; }
    /// True when the temporary file has no name in its directory until commit().
    bool unnamed() const noexcept { return unnamed_; }
    /// True when the target is a device, FIFO, socket or descriptor written in place.
    bool direct() const noexcept { return direct_; }
    /// Hard links of the replaced file: more than one means the other names keep the old
    /// content (a rename gives this name a new file). 0 for a new file.
    nlink_t replaced_links() const noexcept { return resolved_.links; }

private:
    void open_direct();
    void open_temporary();
    std::string hidden_name_pattern() const;
    void name_unnamed(Overwrite policy);
    void keep_owner_and_mode();
    void discard() noexcept;

    std::filesystem::path target_;
    OutputTarget resolved_;
    std::filesystem::path temporary_;
    int fd_ = -1;
    bool direct_ = false;
    bool unnamed_ = false;  // an O_TMPFILE file: no directory entry until commit
    bool committed_ = false;
};

/// Writes `content` to `target` (PendingFile in one call).
void write_file_atomically(const std::filesystem::path& target, std::string_view content,
                           Overwrite policy);

/// Removes the temporary files that writers which died (a crash, a second signal, SIGKILL) left
/// in `dir`: hidden `.NAME.docpipe-PID-XXXXXX` files whose process no longer exists and that
/// were last written over a minute ago. Scans each folder once per process; returns how many
/// it removed. PendingFile calls it before writing into a folder.
std::size_t remove_stale_temporaries(const std::filesystem::path& dir);

/// false: temporary files get a hidden name from the start, as on filesystems without unnamed
/// files (for tests of that path).
void use_unnamed_temporaries(bool allowed) noexcept;

/// True when `path` is (or links to) an existing regular file: what Overwrite::refuse guards.
bool is_existing_file(const std::filesystem::path& path);

/// Throws the exporter's standard error for an existing target under Overwrite::refuse.
[[noreturn]] void throw_target_exists(const std::filesystem::path& target);

}  // namespace docpipe::exporter
