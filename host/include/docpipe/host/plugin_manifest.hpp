#pragma once
// Reading a plugin file without running any of its code: the `.docpipe_plugin` header section
// (name, version, API versions, compiler) and the `.docpipe_manifest` JSON (stages, params).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docpipe/stage.hpp"

namespace docpipe::host {

/// What a plugin file says about itself.
struct PluginManifest {
    std::filesystem::path path;
    std::string name;
    std::string version;
    unsigned api_major = 0;  ///< the SDK's API version the plugin was built with
    unsigned api_minor = 0;
    unsigned min_host_minor = 0;  ///< the oldest host API minor version it works with
    std::string built_with;       ///< compiler and standard library (informational)
    bool has_stage_list = false;  ///< false when the file carries no `.docpipe_manifest`
    std::vector<StageInfo> stages;

    std::string api_version() const {
        return std::to_string(api_major) + "." + std::to_string(api_minor);
    }
    std::string min_host_api() const {
        return std::to_string(api_major) + "." + std::to_string(min_host_minor);
    }
};

/// Bytes of the named ELF section of the file at `path`, or nullopt when the file has no such
/// section. Throws docpipe::host::Error when the file is unreadable or not a 64-bit ELF object.
std::optional<std::string> read_elf_section(const std::filesystem::path& path,
                                            const std::string& section);

/// Reads the plugin's header and manifest. Throws docpipe::host::Error saying why the file
/// is not a docpipe plugin (not an ELF library, no header section, malformed manifest).
PluginManifest read_plugin_manifest(const std::filesystem::path& path);

/// Parses manifest JSON (the `.docpipe_manifest` section) into stage descriptions. Throws a
/// std::exception (nlohmann's, or std::runtime_error) for JSON that is not a stage list.
std::vector<StageInfo> parse_stage_list(const std::string& json);

/// Parses one stage object (the stage table's `info_json`, a manifest's stage entry).
/// Throws a std::exception for JSON that is not a stage object.
StageInfo parse_stage_info(std::string_view json);

/// Why this host cannot load a plugin with this manifest, or "" when it can: another API
/// major version, or a plugin that needs a newer minor version than the host has.
std::string incompatibility(const PluginManifest& manifest);

}  // namespace docpipe::host
