#pragma once
// Plugin discovery: which plugin files exist, which stages they offer, which can be loaded.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "docpipe/host/plugin_loader.hpp"
#include "docpipe/host/plugin_manifest.hpp"

namespace docpipe::host {

/// One file found on the plugin path and what the host thinks of it.
struct PluginRecord {
    enum class State { compatible, incompatible, invalid };

    std::filesystem::path path;
    State state = State::invalid;
    std::string reason;                      ///< why it is incompatible or invalid
    std::optional<PluginManifest> manifest;  ///< absent when the file could not be read
    std::string shadowed_by;  ///< path of an earlier plugin with the same name, if any
    /// Stages of this plugin that an earlier plugin also declares: stage name -> path of the
    /// plugin that provides it instead.
    std::map<std::string, std::string> shadowed_stages;
};

const char* to_string(PluginRecord::State state) noexcept;

/// A stage offered by a usable plugin.
struct StageEntry {
    StageInfo info;
    const PluginRecord* plugin = nullptr;
};

/// Plugin search path in the documented order: explicit directories (--plugin-path), then
/// DOCPIPE_PLUGIN_PATH (colon-separated), then <executable dir>/../lib/docpipe/plugins.
std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::filesystem::path>& explicit_dirs);

/// The plugins found on a search path. Reads files only; loads a plugin on first use.
class Registry {
public:
    Registry(Registry&&) = default;
    Registry& operator=(Registry&&) = default;
    Registry(const Registry&) = delete;  // stage entries point into plugins_
    Registry& operator=(const Registry&) = delete;

    /// Scans each directory (not recursively) for `*.so` files, in order; an entry that is a
    /// file is that one plugin; unreadable or missing directories are skipped. The first
    /// plugin of a given name, and the first provider of a given stage name, wins; later ones
    /// are recorded as shadowed. A plugin file or folder that group or others may write is
    /// refused (anyone who can write it can run code as the user) unless `allow_insecure`.
    static Registry discover(const std::vector<std::filesystem::path>& search_path,
                             const docpipe_host_api* host_api, bool allow_insecure = false);

    const std::vector<PluginRecord>& plugins() const noexcept { return plugins_; }
    const std::vector<std::filesystem::path>& search_path() const noexcept { return path_; }

    /// The stage called `name` from a usable plugin, or nullptr.
    const StageEntry* find_stage(const std::string& name) const;
    /// Names of every stage of every usable plugin, sorted.
    std::vector<std::string> stage_names() const;
    /// The first plugin record called `name` (plugin name, not stage name), or nullptr.
    const PluginRecord* find_plugin(const std::string& name) const;
    /// Usable plugins that also declare stage `name` but lost it to an earlier plugin.
    std::vector<const PluginRecord*> shadowed_providers(const std::string& name) const;
    /// Incompatible or unreadable plugins whose manifest lists stage `name`, for error hints.
    std::vector<const PluginRecord*> unusable_providers(const std::string& name) const;

    /// Creates an instance of stage `name`, loading its plugin on first use.
    std::shared_ptr<PluginStage> create_stage(const std::string& name);

private:
    Registry() = default;
    std::vector<std::filesystem::path> path_;
    std::vector<PluginRecord> plugins_;
    std::map<std::string, StageEntry> stages_;
    std::map<std::string, std::shared_ptr<LoadedPlugin>> loaded_;  // by plugin path
    const docpipe_host_api* host_api_ = nullptr;
};

}  // namespace docpipe::host
