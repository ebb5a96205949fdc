#include "output_target.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "docpipe/stage.hpp"

namespace docpipe::exporter {
namespace {

std::optional<int> parse_fd(std::string_view digits) {
    int fd = -1;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), fd);
    if (ec != std::errc{} || end != digits.data() + digits.size() || fd < 0) return std::nullopt;
    return fd;
}

std::atomic<int> stdout_fd{1};

// /proc/<pid>/fd/N of another process: following its link would replace (or, for a deleted
// file, create "NAME (deleted)") instead of writing through the descriptor.
bool is_foreign_descriptor(const std::filesystem::path& path) {
    const std::string p = path.lexically_normal().string();
    if (!p.starts_with("/proc/")) return false;
    const std::size_t fd = p.find("/fd/", 6);
    if (fd == std::string::npos) return false;
    const std::string_view pid = std::string_view(p).substr(6, fd - 6);
    return !pid.empty() && pid.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

void set_stdout_descriptor(int fd) noexcept {
    stdout_fd = fd;
}

int stdout_descriptor() noexcept {
    return stdout_fd;
}

void write_all_to_stdout(std::string_view bytes) {
    const int fd = stdout_descriptor();
    if (fd < 0) throw OutputError("cannot write to stdout: it is closed (give -o FILE)");
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw OutputError(std::string("cannot write to stdout: ") + std::strerror(errno));
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::optional<int> descriptor_alias(const std::filesystem::path& path) {
    const std::string p = path.lexically_normal().string();
    if (p == "/dev/stdout") return 1;
    if (p == "/dev/stderr") return 2;
    for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"}) {
        if (p.starts_with(prefix)) return parse_fd(std::string_view(p).substr(prefix.size()));
    }
    // /proc/<our pid>/fd/N is the same thing.
    const std::string own = "/proc/" + std::to_string(::getpid()) + "/fd/";
    if (p.starts_with(own)) return parse_fd(std::string_view(p).substr(own.size()));
    return std::nullopt;
}

OutputTarget resolve_output_target(const std::filesystem::path& path) {
    OutputTarget target;
    std::filesystem::path current = path;
    for (int hops = 0;; ++hops) {
        if (const auto fd = descriptor_alias(current)) {
            target.kind = OutputTarget::Kind::descriptor;
            target.path = current;
            target.fd = *fd == STDOUT_FILENO ? stdout_descriptor() : *fd;
            return target;
        }
        if (is_foreign_descriptor(current)) {
            throw OutputError("cannot write '" + path.string() + "': '" + current.string() +
                              "' is a descriptor of another process; give the file's own path");
        }
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0) {
            if (errno != ENOENT) {
                throw OutputError("cannot write '" + path.string() + "': " + std::strerror(errno));
            }
            target.kind = OutputTarget::Kind::new_file;
            target.path = current;
            return target;
        }
        if (S_ISLNK(st.st_mode)) {
            if (hops == 40) {
                throw OutputError("cannot write '" + path.string() +
                                  "': too many levels of symbolic links");
            }
            std::error_code ec;
            const std::filesystem::path link = std::filesystem::read_symlink(current, ec);
            if (ec) {
                throw OutputError("cannot write '" + path.string() + "': cannot read symlink '" +
                                  current.string() + "': " + ec.message());
            }
            current = link.is_absolute() ? link : current.parent_path() / link;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            throw OutputError("cannot write '" + path.string() +
                              "': it is a directory; give a file name or a template "
                              "such as out/{id}.{ext}");
        }
        target.kind =
            S_ISREG(st.st_mode) ? OutputTarget::Kind::regular_file : OutputTarget::Kind::special;
        target.path = current;
        target.mode = st.st_mode;
        target.uid = st.st_uid;
        target.gid = st.st_gid;
        target.links = st.st_nlink;
        return target;
    }
}

}  // namespace docpipe::exporter
