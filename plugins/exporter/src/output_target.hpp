#pragma once
// Where bytes for an output path really go. A path may name a regular file (replaced
// atomically), a symlink (followed: the file it points at is replaced, the link stays), a
// descriptor alias such as /dev/stdout or /dev/fd/3 (written through that descriptor, as a
// shell redirection does), or a device, FIFO or socket (written directly, never replaced).

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string_view>

namespace docpipe::exporter {

struct OutputTarget {
    enum class Kind {
        new_file,      ///< nothing there yet: created atomically at `path`
        regular_file,  ///< an existing file at `path`, replaced atomically
        descriptor,    ///< /dev/stdout, /dev/fd/N, /proc/self/fd/N: written through `fd`
        special,       ///< an existing device, FIFO or socket: opened and written in place
    };
    Kind kind = Kind::new_file;
    std::filesystem::path path;  ///< the final path after following symlinks
    int fd = -1;                 ///< the descriptor of a Kind::descriptor target
    // The existing file's identity, mode and owner (regular_file and special only).
    mode_t mode = 0;
    uid_t uid = 0;
    gid_t gid = 0;
    nlink_t links = 0;
};

/// Classifies `path`, following symlinks (at most 40, as the kernel does). A dangling symlink
/// resolves to the file it would create. Throws std::runtime_error for a directory or a
/// symlink loop.
OutputTarget resolve_output_target(const std::filesystem::path& path);

/// The descriptor that stands for stdout ("-", /dev/stdout, /dev/fd/1): 1 unless the host
/// keeps its data stream on another one (StageContext::stdout_fd). One per process, as the
/// data stream is.
void set_stdout_descriptor(int fd) noexcept;
int stdout_descriptor() noexcept;
/// Writes every byte to stdout_descriptor(); throws OutputError naming the reason.
void write_all_to_stdout(std::string_view bytes);

/// The descriptor a path names without any file behind it: /dev/stdout (1), /dev/stderr (2),
/// /dev/fd/N, /proc/self/fd/N and /proc/thread-self/fd/N; nullopt for any other path.
std::optional<int> descriptor_alias(const std::filesystem::path& path);

}  // namespace docpipe::exporter
