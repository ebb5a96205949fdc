// The pipeline config parser with --set overrides: any bytes give a config or a ConfigError /
// Error, never a crash or another exception. Input: YAML, then optionally a NUL byte and one
// override (ID.PARAM=VALUE) a line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "docpipe/host/errors.hpp"
#include "docpipe/host/host_document.hpp"
#include "docpipe/host/pipeline_config.hpp"
#include "docpipe/host/registry.hpp"

namespace dh = docpipe::host;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const dh::Registry registry =
        dh::Registry::discover({DOCPIPE_FUZZ_PLUGIN_DIR}, dh::host_api());
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = input.find('\0');
    const std::string_view yaml = input.substr(0, nul);
    std::vector<dh::ParamOverride> overrides;
    try {
        if (nul != std::string_view::npos) {
            std::string_view rest = input.substr(nul + 1);
            while (!rest.empty()) {
                const std::size_t end = rest.find('\n');
                overrides.push_back(dh::ParamOverride::parse(std::string(rest.substr(0, end))));
                if (end == std::string_view::npos) break;
                rest.remove_prefix(end + 1);
            }
        }
        const auto config = dh::parse_pipeline(yaml, "fuzz.yaml", registry, overrides);
        // A config that passed holds what validation promised.
        if (config.stages.empty()) __builtin_trap();
    } catch (const dh::Error&) {
    }
    return 0;
}
