#include "docpipe/host/plugin_loader.hpp"

#include <cstring>

#include "docpipe/host/errors.hpp"

namespace docpipe::host {
namespace {

class CollectingRegistrar final : public Registrar {
public:
    void add_stage(StageInfo info, StageFactory factory) override {
        entries.emplace_back(std::move(info), std::move(factory));
    }
    std::vector<std::pair<StageInfo, StageFactory>> entries;
};

std::string quoted(const std::filesystem::path& p) {
    return "plugin '" + p.string() + "'";
}

}  // namespace

std::shared_ptr<LoadedPlugin> load_plugin(const std::filesystem::path& path,
                                          const docpipe_host_api* host_api) {
    // Static checks first: a plugin for another API or toolchain is never dlopen()ed, since
    // dlopen already runs its static constructors.
    PluginManifest manifest = read_plugin_manifest(path);
    if (auto why = incompatibility(manifest); !why.empty()) {
        throw Error(exit_config, quoted(path) + " (" + manifest.name + " " + manifest.version +
                                     ") is incompatible: " + why);
    }

    auto plugin = std::shared_ptr<LoadedPlugin>(new LoadedPlugin());
    try {
        plugin->library_.load(boost::dll::fs::path(path.string()),
                              boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        throw Error(exit_config, quoted(path) + ": cannot load the library: " + e.what());
    }
    if (!plugin->library_.has(DOCPIPE_ENTRY_SYMBOL)) {
        throw Error(exit_config, quoted(path) + " does not export " DOCPIPE_ENTRY_SYMBOL
                                                "(); declare the plugin with DOCPIPE_PLUGIN(...)");
    }
    const auto entry =
        plugin->library_.get<const docpipe_plugin_descriptor*() noexcept>(DOCPIPE_ENTRY_SYMBOL);
    const docpipe_plugin_descriptor* d = entry();
    if (d == nullptr) throw Error(exit_config, quoted(path) + ": entry returned no descriptor");
    // The descriptor may disagree with the static header if the file was tampered with.
    if (d->api_version_major != api_version_major) {
        throw Error(exit_config, quoted(path) + " reports docpipe plugin API " +
                                     std::to_string(d->api_version_major) +
                                     " at run time, but this host implements API " +
                                     std::to_string(api_version_major));
    }
    if (d->struct_size < sizeof(docpipe_plugin_descriptor) || d->register_stages == nullptr) {
        throw Error(exit_config, quoted(path) + ": descriptor is too small (" +
                                     std::to_string(d->struct_size) + " bytes, expected " +
                                     std::to_string(sizeof(docpipe_plugin_descriptor)) + ")");
    }
    if (d->layout_fingerprint != layout_fingerprint()) {
        throw Error(exit_config, quoted(path) +
                                     " reports another SDK type layout at run time; "
                                     "rebuild it against docpipe SDK " +
                                     std::string(version_string));
    }
    if (std::strcmp(d->toolchain, toolchain_tag) != 0) {
        throw Error(exit_config, quoted(path) + " was built with toolchain '" +
                                     std::string(d->toolchain) + "', this host with '" +
                                     toolchain_tag + "'");
    }
    CollectingRegistrar registrar;
    std::string error;
    if (!d->register_stages(&registrar, host_api, &error)) {
        throw Error(exit_config, quoted(path) + ": registering stages failed: " + error);
    }
    plugin->manifest_ = std::move(manifest);
    for (auto& [info, factory] : registrar.entries) {
        plugin->factories_[info.name] = std::move(factory);
        plugin->stages_.push_back(std::move(info));
    }
    return plugin;
}

std::shared_ptr<StageHandle> LoadedPlugin::create_stage(const std::shared_ptr<LoadedPlugin>& plugin,
                                                        const std::string& name) {
    auto it = plugin->factories_.find(name);
    if (it == plugin->factories_.end()) {
        throw Error(exit_config, quoted(plugin->manifest_.path) + " has no stage '" + name + "'");
    }
    std::string error;
    std::unique_ptr<StageHandle> stage = it->second(error);
    if (!stage) {
        throw Error(exit_config, "stage '" + name + "' of " + quoted(plugin->manifest_.path) +
                                     " could not be created: " + error);
    }
    // The deleter owns a reference to the plugin: the library stays mapped while the stage lives.
    return std::shared_ptr<StageHandle>(stage.release(),
                                        [keep = plugin](StageHandle* s) { delete s; });
}

}  // namespace docpipe::host
