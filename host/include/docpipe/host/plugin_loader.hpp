#pragma once
// Loading a plugin library and creating stage instances that keep it loaded.

#include <boost/dll/shared_library.hpp>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "docpipe/abi.h"
#include "docpipe/host/plugin_manifest.hpp"
#include "docpipe/host/plugin_stage.hpp"
#include "docpipe/plugin.hpp"

namespace docpipe::host {

/// Which file a path names: a rebuilt plugin is another file even at the same path.
struct FileIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::int64_t mtime_ns = 0;
    std::uint64_t size = 0;
    friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

/// The identity of the file at `path` now (all zero when it cannot be read).
FileIdentity file_identity(const std::filesystem::path& path);

/// A loaded plugin library and the stages it registered.
class LoadedPlugin {
public:
    const PluginManifest& manifest() const noexcept { return manifest_; }
    const std::vector<StageInfo>& stages() const noexcept { return stages_; }
    /// The file it was loaded from, as it was then.
    const FileIdentity& identity() const noexcept { return identity_; }

    /// Creates an instance of stage `name`. The returned object holds a reference to this
    /// plugin, so the library stays loaded for as long as any of its objects lives.
    /// Throws docpipe::host::Error when the plugin has no such stage or its factory fails.
    static std::shared_ptr<PluginStage> create_stage(
        const std::shared_ptr<const LoadedPlugin>& plugin, const std::string& name);

private:
    friend std::shared_ptr<LoadedPlugin> load_plugin(const std::filesystem::path&,
                                                     const docpipe_host_api*);
    // Declared first so it is destroyed last: the library outlives everything from it.
    boost::dll::shared_library library_;
    PluginManifest manifest_;
    FileIdentity identity_;
    std::vector<StageInfo> stages_;  // as the stage tables describe them
    // Copies of the plugin's stage tables, in the same order. The plugin's own may be freed by
    // its static destructors before the last stage object goes (at exit, in an embedding host
    // that keeps stages in statics); the functions stay valid while the library is mapped.
    std::vector<docpipe_stage_table> tables_;
};

/// Loads the plugin at `path` after checking its header (API versions) without running its
/// code; then checks the runtime descriptor and every stage table. A file rebuilt or replaced
/// at `path` is loaded afresh even while its previous version is still in use. `host_api` is the
/// table the plugin gets (nullptr: the host's own). Throws docpipe::host::Error with a message
/// naming the file and, for version problems, both versions.
std::shared_ptr<LoadedPlugin> load_plugin(const std::filesystem::path& path,
                                          const docpipe_host_api* host_api = nullptr);

}  // namespace docpipe::host
