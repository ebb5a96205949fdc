#pragma once
// Errors the host reports to users, each with the exit code it ends the program with.

#include <sysexits.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace docpipe::host {

/// Exit codes, from <sysexits.h>; documented in `docpipe --help`.
enum ExitCode : int {
    exit_ok = 0,
    exit_usage = EX_USAGE,        // 64: bad command line
    exit_data = EX_DATAERR,       // 65: bad input document (invalid UTF-8, bad JSON line, ...)
    exit_no_input = EX_NOINPUT,   // 66: input missing or unreadable
    exit_software = EX_SOFTWARE,  // 70: a stage failed or crashed on a document
    exit_io = EX_IOERR,           // 74: output could not be written
    exit_config = EX_CONFIG,      // 78: invalid pipeline, plugin or parameter
};

/// An error with a user-facing message and the exit code it maps to.
class Error : public std::runtime_error {
public:
    Error(int exit_code, const std::string& message)
        : std::runtime_error(message), exit_code_(exit_code) {}
    int exit_code() const noexcept { return exit_code_; }

private:
    int exit_code_;
};

/// A problem at a position in a file: printed as `file:line:col: message`.
struct Diagnostic {
    std::string file;
    int line = 0;    // 1-based; 0 when unknown
    int column = 0;  // 1-based; 0 when unknown
    std::string message;

    std::string to_string() const {
        std::string out = file;
        if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
        return out + ": " + message;
    }
};

/// A pipeline that cannot run; carries every problem found, not just the first.
class ConfigError : public Error {
public:
    explicit ConfigError(std::vector<Diagnostic> diagnostics)
        : Error(exit_config, join(diagnostics)), diagnostics_(std::move(diagnostics)) {}
    const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

private:
    static std::string join(const std::vector<Diagnostic>& ds) {
        std::string out;
        for (const auto& d : ds) {
            if (!out.empty()) out += '\n';
            out += d.to_string();
        }
        return out;
    }
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace docpipe::host
