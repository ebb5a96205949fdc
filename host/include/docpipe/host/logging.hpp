#pragma once
// The host's logging (spdlog, to stderr), for itself and for plugins.

#include <cstdint>
#include <string>

#include "docpipe/log.hpp"

namespace docpipe::host {

/// Sets up the stderr logger. `level` is trace|debug|info|warn|error|off; colours only on a
/// terminal and never when NO_COLOR is set. Returns false for an unknown level.
bool setup_logging(const std::string& level);

/// Writes one message from a plugin (docpipe_host_api.log).
void log_from_plugin(void* context, std::int32_t level, docpipe_str stage, docpipe_str message);

}  // namespace docpipe::host
