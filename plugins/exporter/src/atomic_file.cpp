#include "atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "docpipe/stage.hpp"

namespace docpipe::exporter {
namespace {

[[noreturn]] void throw_os_error(const std::string& what, const std::filesystem::path& path,
                                 int error) {
    throw OutputError(what + " '" + path.string() + "': " + std::strerror(error));
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

// ".NAME.docpipe-PID-XXXXXX" -> PID, or 0 when `name` is not one of our temporaries.
pid_t temporary_owner(std::string_view name) {
    if (!name.starts_with(".")) return 0;
    const std::size_t tag = name.rfind(".docpipe-");
    if (tag == std::string_view::npos || tag == 0) return 0;
    std::string_view rest = name.substr(tag + 9);  // "PID-XXXXXX"
    const std::size_t dash = rest.find('-');
    if (dash == std::string_view::npos || rest.size() - dash - 1 != 6) return 0;
    pid_t pid = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + dash, pid);
    return ec == std::errc{} && end == rest.data() + dash && pid > 0 ? pid : 0;
}

std::atomic<bool> unnamed_allowed{true};

// Unnamed files (O_TMPFILE) are named at commit through /proc/self/fd, so both must work.
bool unnamed_temporaries_possible() noexcept {
    static const bool proc = ::access("/proc/self/fd", X_OK) == 0;
    return proc && unnamed_allowed.load(std::memory_order_relaxed);
}

std::string descriptor_path(int fd) {
    return "/proc/self/fd/" + std::to_string(fd);
}

}  // namespace

void use_unnamed_temporaries(bool allowed) noexcept {
    unnamed_allowed.store(allowed, std::memory_order_relaxed);
}

std::size_t remove_stale_temporaries(const std::filesystem::path& dir) {
    static std::mutex mutex;
    static std::set<std::string> cleaned;  // once per folder and process
    {
        const std::lock_guard lock(mutex);
        if (!cleaned.insert(dir.empty() ? "." : dir.string()).second) return 0;
    }
    std::size_t removed = 0;
    std::error_code ec;
    const auto now = std::filesystem::file_time_type::clock::now();
    for (const auto& entry : std::filesystem::directory_iterator(dir.empty() ? "." : dir, ec)) {
        const pid_t owner = temporary_owner(entry.path().filename().string());
        if (owner == 0) continue;
        std::error_code type_ec;
        if (!entry.is_regular_file(type_ec) || entry.is_symlink(type_ec)) continue;
        // Its writer is gone, and it has not been touched for a minute: a writer in another
        // pid namespace sharing this folder keeps its file.
        if (::kill(owner, 0) == 0 || errno != ESRCH) continue;
        const auto modified = entry.last_write_time(type_ec);
        if (type_ec || now - modified < std::chrono::minutes(1)) continue;
        if (::unlink(entry.path().c_str()) == 0) ++removed;
    }
    return removed;
}

void throw_target_exists(const std::filesystem::path& target) {
    throw OutputError("cannot write '" + target.string() +
                      "': the file exists and overwrite is false (set overwrite: true "
                      "or choose another path)");
}

bool is_existing_file(const std::filesystem::path& path) {
    try {
        return resolve_output_target(path).kind == OutputTarget::Kind::regular_file;
    } catch (const std::runtime_error&) {
        return false;  // not a file we would replace; writing it reports the real problem
    }
}

PendingFile::PendingFile(std::filesystem::path target)
    : target_(std::move(target)), resolved_(resolve_output_target(target_)) {
    if (resolved_.kind == OutputTarget::Kind::descriptor ||
        resolved_.kind == OutputTarget::Kind::special) {
        direct_ = true;
        open_direct();
    } else {
        open_temporary();
    }
}

void PendingFile::open_direct() {
    if (resolved_.kind == OutputTarget::Kind::descriptor) {
        fd_ = ::fcntl(resolved_.fd, F_DUPFD_CLOEXEC, 3);
        if (fd_ < 0) {
            throw OutputError("cannot write '" + target_.string() + "': descriptor " +
                              std::to_string(resolved_.fd) + " is not open");
        }
        return;
    }
    // No O_CREAT, no O_TRUNC: the node stays what it is. A FIFO blocks here until it has a
    // reader, as `cat > fifo` does.
    fd_ = ::open(resolved_.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd_ < 0) {
        const int error = errno;
        if (error == ENXIO) {
            throw OutputError("cannot write '" + target_.string() +
                              "': it is a socket or a FIFO without a reader");
        }
        throw_os_error("cannot write", target_, error);
    }
}

void PendingFile::open_temporary() {
    const std::filesystem::path& real = resolved_.path;
    const std::filesystem::path dir = real.parent_path();
    if (!dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) {
            throw OutputError("cannot write '" + target_.string() + "': cannot create directory '" +
                              dir.string() + "': " + ec.message());
        }
    }
    remove_stale_temporaries(dir);
    // In the same directory: rename(2) is only atomic within one filesystem. Unnamed until
    // commit, so a process killed meanwhile (SIGKILL, a crash, a signal while reading input)
    // leaves nothing; where the filesystem has no unnamed files, a hidden name whose pid tells
    // later runs whether the writer is still alive.
    if (unnamed_temporaries_possible()) {
        fd_ = ::open(dir.empty() ? "." : dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    }
    if (fd_ >= 0) {
        unnamed_ = true;
    } else {
        std::string pattern = hidden_name_pattern();
        fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
        if (fd_ < 0) throw_os_error("cannot write", target_, errno);
        temporary_ = pattern;
    }
    if (resolved_.kind == OutputTarget::Kind::regular_file) {
        keep_owner_and_mode();
    } else {
        // mkostemp makes the file 0600; outputs are ordinary files, so honour the umask.
        (void)::fchmod(fd_, 0666 & ~process_umask());
    }
}

// The new file takes the place of the old one, so it gets its owner and mode. Owner first:
// chown clears the set-id bits that chmod then restores.
void PendingFile::keep_owner_and_mode() {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
        const int error = errno;
        discard();  // called from the constructor: no destructor will
        throw_os_error("cannot write", target_, error);
    }
    if ((st.st_uid != resolved_.uid || st.st_gid != resolved_.gid) &&
        ::fchown(fd_, resolved_.uid, resolved_.gid) != 0) {
        const int error = errno;
        discard();
        throw OutputError("cannot replace '" + target_.string() + "': it belongs to uid " +
                          std::to_string(resolved_.uid) + ", gid " + std::to_string(resolved_.gid) +
                          " and a replacement could not keep that owner (" + std::strerror(error) +
                          "); remove the file first or choose another path");
    }
    if (::fchmod(fd_, resolved_.mode & 07777) != 0) {
        const int error = errno;
        discard();
        throw_os_error("cannot keep the mode of", target_, error);
    }
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
    if (fd_ < 0) throw std::logic_error("PendingFile::write after commit or failure");
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_os_error("cannot write", target_, errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string PendingFile::hidden_name_pattern() const {
    const std::filesystem::path& real = resolved_.path;
    return (real.parent_path() /
            ("." + real.filename().string() + ".docpipe-" + std::to_string(::getpid()) + "-XXXXXX"))
        .string();
}

// An unnamed temporary gets its name now: the target itself under Overwrite::refuse (linkat
// fails with EEXIST rather than replace), else a hidden name beside it for the rename.
void PendingFile::name_unnamed(Overwrite policy) {
    const std::string self = descriptor_path(fd_);
    const std::filesystem::path& real = resolved_.path;
    if (policy == Overwrite::refuse) {
        if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, real.c_str(), AT_SYMLINK_FOLLOW) != 0) {
            const int error = errno;
            if (error == EEXIST) throw_target_exists(target_);
            throw_os_error("cannot write", target_, error);
        }
        return;
    }
    for (int attempt = 0;; ++attempt) {
        std::string name = hidden_name_pattern();
        // mkostemp's letters without creating a file: the link below is the exclusive create.
        static constexpr char letters[] =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        std::uint64_t r = (static_cast<std::uint64_t>(::getpid()) << 32) ^
                          static_cast<std::uint64_t>(
                              std::chrono::steady_clock::now().time_since_epoch().count()) ^
                          (static_cast<std::uint64_t>(attempt) * 0x9E3779B97F4A7C15ull);
        for (std::size_t i = name.size() - 6; i < name.size(); ++i, r /= 62) {
            name[i] = letters[r % 62];
        }
        if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
            temporary_ = std::move(name);
            return;
        }
        if (errno != EEXIST || attempt == 100) throw_os_error("cannot write", target_, errno);
    }
}

bool PendingFile::truncate(std::size_t size) noexcept {
    if (fd_ < 0 || direct_) return false;
    return ::ftruncate(fd_, static_cast<off_t>(size)) == 0 &&
           ::lseek(fd_, static_cast<off_t>(size), SEEK_SET) == static_cast<off_t>(size);
}

void PendingFile::commit(Overwrite policy) {
    if (direct()) {
        // Devices and pipes have nothing to sync (fsync says EINVAL); a regular file behind a
        // descriptor alias is synced like any output.
        if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) {
            throw_os_error("cannot write", target_, errno);
        }
        const int closed = ::close(fd_);
        fd_ = -1;
        if (closed != 0) throw_os_error("cannot write", target_, errno);
        committed_ = true;
        return;
    }
    if (::fsync(fd_) != 0) throw_os_error("cannot write", target_, errno);
    const std::filesystem::path& real = resolved_.path;
    if (unnamed_) {
        name_unnamed(policy);
        if (policy == Overwrite::refuse) {  // linked as the target itself: done
            // The data is synced; a close error cannot lose it any more.
            (void)::close(fd_);
            fd_ = -1;
            committed_ = true;
            sync_directory(real.parent_path());
            return;
        }
    }
    if (::close(fd_) != 0) {
        fd_ = -1;
        throw_os_error("cannot write", target_, errno);
    }
    fd_ = -1;
    if (policy == Overwrite::refuse) {
        // link(2) fails with EEXIST instead of replacing: no window where a file that appeared
        // meanwhile gets clobbered.
        if (::link(temporary_.c_str(), real.c_str()) != 0) {
            const int error = errno;
            if (error == EEXIST) throw_target_exists(target_);
            throw_os_error("cannot write", target_, error);
        }
        ::unlink(temporary_.c_str());
    } else if (::rename(temporary_.c_str(), real.c_str()) != 0) {
        throw_os_error("cannot write", target_, errno);
    }
    committed_ = true;
    temporary_.clear();
    sync_directory(real.parent_path());
}

void write_file_atomically(const std::filesystem::path& target, std::string_view content,
                           Overwrite policy) {
    PendingFile file(target);
    file.write(content);
    file.commit(policy);
}

}  // namespace docpipe::exporter
