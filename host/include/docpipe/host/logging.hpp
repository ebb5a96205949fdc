#pragma once
// The host's logging (spdlog, to stderr) and the function table it hands plugins.

#include <string>

#include "docpipe/log.hpp"

namespace docpipe::host {

/// Sets up the stderr logger. `level` is trace|debug|info|warn|error|off; colours only on a
/// terminal and never when NO_COLOR is set. Returns false for an unknown level.
bool setup_logging(const std::string& level);

/// The table of host functions given to every plugin (logging through spdlog).
const docpipe_host_api* host_api();

}  // namespace docpipe::host
