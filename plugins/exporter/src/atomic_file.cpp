#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace docpipe::exporter {
namespace {

[[noreturn]] void throw_os_error(const std::string& what, const std::filesystem::path& path,
                                 int error) {
    throw std::runtime_error(what + " '" + path.string() + "': " + std::strerror(error));
}

// The directory entry of a renamed file is only durable once its directory is synced too.
void sync_directory(const std::filesystem::path& dir) noexcept {
    const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

// Read from /proc rather than with umask(2), which would briefly change it for every thread.
mode_t process_umask() noexcept {
    static const mode_t mask = [] {
        std::FILE* f = std::fopen("/proc/self/status", "r");
        mode_t value = 022;
        if (f == nullptr) return value;
        char line[256];
        while (std::fgets(line, sizeof line, f) != nullptr) {
            unsigned int m = 0;
            if (std::sscanf(line, "Umask: %o", &m) == 1) {
                value = static_cast<mode_t>(m);
                break;
            }
        }
        std::fclose(f);
        return value;
    }();
    return mask;
}

}  // namespace

void throw_target_exists(const std::filesystem::path& target) {
    throw std::runtime_error("cannot write '" + target.string() +
                             "': the file exists and overwrite is false (set overwrite: true "
                             "or choose another path)");
}

PendingFile::PendingFile(std::filesystem::path target) : target_(std::move(target)) {
    const std::filesystem::path dir = target_.parent_path();
    if (!dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) {
            throw std::runtime_error("cannot write '" + target_.string() +
                                     "': cannot create directory '" + dir.string() +
                                     "': " + ec.message());
        }
    }
    // A hidden name in the same directory: rename(2) is only atomic within one filesystem.
    std::string pattern = (dir / ("." + target_.filename().string() + ".docpipe-XXXXXX")).string();
    fd_ = ::mkstemp(pattern.data());
    if (fd_ < 0) throw_os_error("cannot write", target_, errno);
    temporary_ = pattern;
    // mkstemp makes the file 0600; outputs are ordinary files, so honour the umask instead.
    (void)::fchmod(fd_, 0666 & ~process_umask());
}

PendingFile::~PendingFile() {
    discard();
}

void PendingFile::discard() noexcept {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (!committed_ && !temporary_.empty()) {
        ::unlink(temporary_.c_str());
        temporary_.clear();
    }
}

void PendingFile::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_os_error("cannot write", target_, errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void PendingFile::commit(Overwrite policy) {
    if (::fsync(fd_) != 0) throw_os_error("cannot write", target_, errno);
    if (::close(fd_) != 0) {
        fd_ = -1;
        throw_os_error("cannot write", target_, errno);
    }
    fd_ = -1;
    if (policy == Overwrite::refuse) {
        // link(2) fails with EEXIST instead of replacing: no window where a file that appeared
        // meanwhile gets clobbered.
        if (::link(temporary_.c_str(), target_.c_str()) != 0) {
            const int error = errno;
            if (error == EEXIST) throw_target_exists(target_);
            throw_os_error("cannot write", target_, error);
        }
        ::unlink(temporary_.c_str());
    } else if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
        throw_os_error("cannot write", target_, errno);
    }
    committed_ = true;
    temporary_.clear();
    sync_directory(target_.parent_path());
}

void write_file_atomically(const std::filesystem::path& target, std::string_view content,
                           Overwrite policy) {
    PendingFile file(target);
    file.write(content);
    file.commit(policy);
}

}  // namespace docpipe::exporter
