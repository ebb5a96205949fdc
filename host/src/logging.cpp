#include "docpipe/host/logging.hpp"

#include <spdlog/sinks/sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>

#include "docpipe/host/printable.hpp"
#include "docpipe/host/progress.hpp"
#include "docpipe/version.hpp"

namespace docpipe::host {
namespace {

// Escapes every message before the real sink formats it: ids, paths and plugin messages come
// from outside and must not reach the terminal as control sequences. Colours, added by the
// inner sink around the level, stay.
class EscapingSink final : public spdlog::sinks::sink {
public:
    explicit EscapingSink(std::shared_ptr<spdlog::sinks::sink> inner) : inner_(std::move(inner)) {}
    void log(const spdlog::details::log_msg& msg) override {
        const std::string text =
            printable(std::string_view(msg.payload.data(), msg.payload.size()));
        spdlog::details::log_msg escaped = msg;
        escaped.payload = spdlog::string_view_t(text.data(), text.size());
        // On a clean line: a progress line is cleared first and not redrawn meanwhile.
        with_progress_line_cleared([&] { inner_->log(escaped); });
    }
    void flush() override { inner_->flush(); }
    void set_pattern(const std::string& pattern) override { inner_->set_pattern(pattern); }
    void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
        inner_->set_formatter(std::move(formatter));
    }

private:
    std::shared_ptr<spdlog::sinks::sink> inner_;
};

}  // namespace

bool setup_logging(const std::string& level) {
    const auto lvl = spdlog::level::from_str(level);
    if (lvl == spdlog::level::off && level != "off") return false;
    const bool color = std::getenv("NO_COLOR") == nullptr && isatty(STDERR_FILENO);
    auto logger = std::make_shared<spdlog::logger>(
        "docpipe",
        std::make_shared<EscapingSink>(std::make_shared<spdlog::sinks::stderr_color_sink_mt>(
            color ? spdlog::color_mode::automatic : spdlog::color_mode::never)));
    logger->set_pattern("docpipe: %^%l%$: %v");
    logger->set_level(lvl);
    spdlog::set_default_logger(logger);
    return true;
}

void log_from_plugin(void*, std::int32_t level, docpipe_str stage, docpipe_str message) {
    const auto lvl = static_cast<spdlog::level::level_enum>(
        level < 0 ? 0 : (level > spdlog::level::err ? spdlog::level::err : level));
    spdlog::log(lvl, "[{}] {}", std::string_view(stage.data, stage.size),
                std::string_view(message.data, message.size));
}

}  // namespace docpipe::host
