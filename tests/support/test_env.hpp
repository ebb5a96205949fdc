#pragma once
// Helpers shared by the host tests: paths of built artefacts, temporary folders, and running
// the `docpipe` binary as a user would.

#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace docpipe::testing {

inline std::filesystem::path test_plugin_dir() {
    return DOCPIPE_TEST_PLUGIN_DIR;
}
inline std::filesystem::path docpipe_binary() {
    return DOCPIPE_BINARY;
}
inline std::filesystem::path source_dir() {
    return DOCPIPE_SOURCE_DIR;
}
inline std::filesystem::path seed_document() {
    return source_dir() / "examples" / "spun_article.txt";
}

/// Whether the dynamic linker has `file` mapped, asked without loading it.
inline bool is_loaded(const std::filesystem::path& file) {
    void* h = ::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (h == nullptr) return false;
    ::dlclose(h);
    return true;
}

/// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("docpipe-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& p, const std::string& content) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Starts `args[0]` with arguments and `env`, stdin, stdout and stderr on the given files.
inline pid_t start_process(const std::vector<std::string>& args,
                           const std::vector<std::string>& env,
                           const std::filesystem::path& in_path,
                           const std::filesystem::path& out_path,
                           const std::filesystem::path& err_path) {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        std::FILE* in = std::freopen(in_path.c_str(), "rb", stdin);
        std::FILE* out = std::freopen(out_path.c_str(), "wb", stdout);
        std::FILE* err = std::freopen(err_path.c_str(), "wb", stderr);
        if (!in || !out || !err) ::_exit(127);
        for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

/// Waits for `pid` and collects what it wrote to `out_path` and `err_path`.
inline ProcessResult wait_process(pid_t pid, const std::filesystem::path& out_path,
                                  const std::filesystem::path& err_path) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    ProcessResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_file(out_path);
    r.err = read_file(err_path);
    return r;
}

/// Runs `args[0]` with arguments, feeding `input` on stdin; captures stdout and stderr.
inline ProcessResult run_process(const std::vector<std::string>& args,
                                 const std::string& input = {},
                                 const std::vector<std::string>& env = {}) {
    TempDir dir;
    write_file(dir / "stdin", input);
    const pid_t pid = start_process(args, env, dir / "stdin", dir / "stdout", dir / "stderr");
    return wait_process(pid, dir / "stdout", dir / "stderr");
}

/// A process started by spawn_docpipe(), still running.
class Spawned {
public:
    Spawned(const std::vector<std::string>& args, const std::vector<std::string>& env)
        : pid_(start_process(args, env, "/dev/null", dir_ / "stdout", dir_ / "stderr")) {}
    ~Spawned() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    Spawned(const Spawned&) = delete;
    Spawned& operator=(const Spawned&) = delete;

    pid_t pid() const noexcept { return pid_; }
    /// What the process wrote to stderr so far.
    std::string err() const { return read_file(dir_ / "stderr"); }
    /// Waits for the process to end.
    ProcessResult wait() {
        const pid_t pid = pid_;
        pid_ = -1;
        return wait_process(pid, dir_ / "stdout", dir_ / "stderr");
    }

private:
    TempDir dir_;
    pid_t pid_ = -1;
};

/// Waits (up to 20 s) until process `pid` has a handler for signal `sig`, read from the SigCgt
/// mask of /proc/PID/status: a signal sent earlier would meet the default action instead.
inline bool wait_for_signal_handler(pid_t pid, int sig) {
    for (int i = 0; i < 2000; ++i) {
        std::ifstream status("/proc/" + std::to_string(pid) + "/status");
        std::string line;
        while (std::getline(status, line)) {
            if (line.rfind("SigCgt:", 0) != 0) continue;
            const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
            if ((mask >> (sig - 1)) & 1ULL) return true;
        }
        ::usleep(10000);
    }
    return false;
}

/// Starts the docpipe CLI with the test plugins on its plugin path, stdin empty.
inline std::unique_ptr<Spawned> spawn_docpipe(std::vector<std::string> args) {
    args.insert(args.begin(),
                {docpipe_binary().string(), "--plugin-path", test_plugin_dir().string()});
    return std::make_unique<Spawned>(args, std::vector<std::string>{"NO_COLOR=1"});
}

/// Runs the docpipe CLI with the test plugins on its plugin path.
inline ProcessResult run_docpipe(std::vector<std::string> args, const std::string& input = {}) {
    args.insert(args.begin(),
                {docpipe_binary().string(), "--plugin-path", test_plugin_dir().string()});
    return run_process(args, input, {"NO_COLOR=1"});
}

}  // namespace docpipe::testing
