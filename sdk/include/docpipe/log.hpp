#pragma once
// Logging from plugins. spdlog lives in the host only: a plugin logs through a function
// pointer the host hands it, so plugins need no logging library and share the host's sinks.
//
//   void configure(const docpipe::Params&, const docpipe::StageContext& ctx) override {
//       ctx.log.info("loaded 4,210 dictionary entries");
//   }

#include <cstdint>
#include <string>
#include <string_view>

extern "C" {
/// The table of functions the host offers plugins. It only grows: each field after
/// `struct_size` is guarded by the version that added it, so check `struct_size` first.
struct docpipe_host_api {
    std::uint32_t struct_size;  ///< sizeof the host's table
    std::uint32_t api_version_minor;
    void* context;  ///< host-private, passed back to every call
    /// Since 1.0. Required. Writes one message; `stage` is the stage id.
    void (*log)(void* context, int level, const char* stage, const char* message);
};
}

namespace docpipe {

/// Severity of a log message; values are part of the ABI.
enum class LogLevel : int { trace = 0, debug = 1, info = 2, warn = 3, error = 4 };

/// A logger bound to one stage instance. Safe to copy; does nothing without a host.
class Logger {
public:
    Logger() = default;
    Logger(const docpipe_host_api* host, std::string stage_id)
        : host_(host), stage_id_(std::move(stage_id)) {}

    void log(LogLevel level, std::string_view message) const {
        if (host_ == nullptr || host_->log == nullptr) return;
        const std::string text(message);
        host_->log(host_->context, static_cast<int>(level), stage_id_.c_str(), text.c_str());
    }
    void debug(std::string_view m) const { log(LogLevel::debug, m); }
    void info(std::string_view m) const { log(LogLevel::info, m); }
    void warn(std::string_view m) const { log(LogLevel::warn, m); }
    void error(std::string_view m) const { log(LogLevel::error, m); }

private:
    const docpipe_host_api* host_ = nullptr;
    std::string stage_id_;
};

}  // namespace docpipe
