#include "docpipe/host/memory_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <limits>
#include <string>

#include "docpipe/host/errors.hpp"

namespace docpipe::host {

std::optional<std::size_t> parse_byte_size(std::string_view text) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end == text.data() || value == 0) return std::nullopt;
    std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    int shift = 0;
    if (!unit.empty()) {
        const char u = unit.front();
        shift = u == 'K' || u == 'k'   ? 10
                : u == 'M' || u == 'm' ? 20
                : u == 'G' || u == 'g' ? 30
                : u == 'T' || u == 't' ? 40
                : u == 'B' || u == 'b' ? 0
                                       : -1;
        if (shift < 0) return std::nullopt;
        if (shift > 0) unit.remove_prefix(1);
        if (unit != "" && unit != "B" && unit != "iB" && unit != "b") return std::nullopt;
    }
    if (value > (std::numeric_limits<std::size_t>::max() >> shift)) return std::nullopt;
    return value << shift;
}

void apply_memory_limit(std::size_t bytes) {
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_AS, &limit) != 0) limit.rlim_max = RLIM_INFINITY;
    limit.rlim_cur = static_cast<rlim_t>(bytes);
    if (::setrlimit(RLIMIT_AS, &limit) != 0) {
        throw Error(exit_usage, "--max-memory " + std::to_string(bytes) +
                                    ": the system refuses that limit (" + std::strerror(errno) +
                                    "; the hard limit is " + std::to_string(limit.rlim_max) +
                                    " bytes)");
    }
}

}  // namespace docpipe::host
