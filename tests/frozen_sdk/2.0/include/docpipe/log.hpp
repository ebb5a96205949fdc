#pragma once
// Logging from plugins. spdlog lives in the host only: a plugin logs through a function
// pointer the host hands it, so plugins need no logging library and share the host's sinks.
//
//   void configure(const docpipe::Params&, const docpipe::StageContext& ctx) override {
//       ctx.log.info("loaded 4,210 dictionary entries");
//   }

#include <string>
#include <string_view>

#include "docpipe/abi.h"

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
        host_->log(host_->context, static_cast<int>(level), {stage_id_.data(), stage_id_.size()},
                   {message.data(), message.size()});
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
