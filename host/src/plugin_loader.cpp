#include "docpipe/host/plugin_loader.hpp"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "docpipe/host/errors.hpp"
#include "docpipe/host/host_document.hpp"

namespace docpipe::host {
namespace {

std::string quoted(const std::filesystem::path& p) {
    return "plugin '" + p.string() + "'";
}

// The size of a table up to and including `field`: what the first version that has it holds.
#define DOCPIPE_SIZE_THROUGH(type, field) (offsetof(type, field) + sizeof(type::field))

// Checks the descriptor the entry returned; every field read is inside what the plugin gave.
void check_descriptor(const docpipe_plugin_descriptor* d, const std::filesystem::path& path) {
    if (d == nullptr) throw Error(exit_config, quoted(path) + ": entry returned no descriptor");
    // The descriptor may disagree with the static header if the file was tampered with.
    if (d->abi_major != api_version_major) {
        throw Error(exit_config, quoted(path) + " reports docpipe plugin API " +
                                     std::to_string(d->abi_major) +
                                     " at run time, but this host implements API " +
                                     std::to_string(api_version_major));
    }
    constexpr std::size_t v2_0 = DOCPIPE_SIZE_THROUGH(docpipe_plugin_descriptor, stages);
    if (d->struct_size < v2_0) {
        throw Error(exit_config, quoted(path) + ": descriptor is too small (" +
                                     std::to_string(d->struct_size) + " bytes, API 2.0 has " +
                                     std::to_string(v2_0) + ")");
    }
    if (d->min_host_minor > api_version_minor) {
        throw Error(exit_config, quoted(path) + " needs docpipe plugin API " +
                                     std::to_string(d->abi_major) + "." +
                                     std::to_string(d->min_host_minor) +
                                     " or newer, but this host implements API " +
                                     std::to_string(api_version_major) + "." +
                                     std::to_string(api_version_minor) + "; upgrade docpipe");
    }
    if (d->registration_error != nullptr) {
        throw Error(exit_config,
                    quoted(path) + ": registering stages failed: " + d->registration_error);
    }
    if (d->stage_count > 0 && d->stages == nullptr) {
        throw Error(exit_config, quoted(path) + ": descriptor lists stages but gives none");
    }
}

void check_table(const docpipe_stage_table* t, std::size_t index,
                 const std::filesystem::path& path) {
    constexpr std::size_t v2_0 = DOCPIPE_SIZE_THROUGH(docpipe_stage_table, destroy);
    const std::string which = quoted(path) + ": stage table " + std::to_string(index);
    if (t == nullptr) throw Error(exit_config, which + " is missing");
    if (t->struct_size < v2_0) {
        throw Error(exit_config, which + " is too small (" + std::to_string(t->struct_size) +
                                     " bytes, API 2.0 has " + std::to_string(v2_0) + ")");
    }
    if (t->create == nullptr || t->process == nullptr || t->destroy == nullptr ||
        t->info_json.data == nullptr) {
        throw Error(exit_config, which +
                                     " lacks a required function (create, process, destroy) "
                                     "or its description");
    }
}

#undef DOCPIPE_SIZE_THROUGH

// Which file each name we dlopen()ed stood for. glibc hands back the library already mapped
// under a name (or from the same inode) instead of reading the file again, so a plugin rebuilt
// at the same path while its old version is still in use would silently stay the old code.
std::mutex names_lock;
std::map<std::string, FileIdentity> identity_by_name;

bool mapped_under(const std::string& name) {
    void* handle = ::dlopen(name.c_str(), RTLD_LAZY | RTLD_NOLOAD);
    if (handle == nullptr) return false;
    ::dlclose(handle);
    return true;
}

// Loads `path` into `library`; under a fresh alias (a symlink in a private folder, removed
// again at once) when another version of the file is still mapped under its own name.
void load_file(boost::dll::shared_library& library, const std::filesystem::path& path,
               const FileIdentity& id) {
    const auto mode = boost::dll::load_mode::rtld_lazy | boost::dll::load_mode::rtld_local;
    std::lock_guard lock(names_lock);
    const std::string name = path.string();
    const auto known = identity_by_name.find(name);
    if (!mapped_under(name) || known == identity_by_name.end() || known->second == id) {
        library.load(boost::dll::fs::path(name), mode);
        identity_by_name[name] = id;
        return;
    }
    const char* tmp = std::getenv("TMPDIR");
    std::string dir =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/docpipe-XXXXXX";
    if (::mkdtemp(dir.data()) == nullptr) {
        throw std::runtime_error("cannot create a folder for the new version's alias in " + dir);
    }
    const std::string alias = dir + "/" + path.filename().string();
    const bool linked = ::symlink(std::filesystem::absolute(path).c_str(), alias.c_str()) == 0;
    try {
        if (!linked) throw std::runtime_error("cannot link " + alias + " to the new version");
        library.load(boost::dll::fs::path(alias), mode);
    } catch (...) {
        ::unlink(alias.c_str());
        ::rmdir(dir.c_str());
        throw;
    }
    ::unlink(alias.c_str());
    ::rmdir(dir.c_str());
}

}  // namespace

FileIdentity file_identity(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return {};
    return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
            static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
            static_cast<std::uint64_t>(st.st_size)};
}

std::shared_ptr<LoadedPlugin> load_plugin(const std::filesystem::path& path,
                                          const docpipe_host_api* host) {
    // Static checks first: a plugin for another API is never dlopen()ed, since dlopen already
    // runs its static constructors.
    PluginManifest manifest = read_plugin_manifest(path);
    if (auto why = incompatibility(manifest); !why.empty()) {
        throw Error(exit_config, quoted(path) + " (" + manifest.name + " " + manifest.version +
                                     ") is incompatible: " + why);
    }

    auto plugin = std::shared_ptr<LoadedPlugin>(new LoadedPlugin());
    plugin->identity_ = file_identity(path);
    try {
        load_file(plugin->library_, path, plugin->identity_);
    } catch (const std::exception& e) {
        throw Error(exit_config, quoted(path) + ": cannot load the library: " + e.what());
    }
    if (!plugin->library_.has(DOCPIPE_ENTRY_SYMBOL)) {
        throw Error(exit_config, quoted(path) + " does not export " DOCPIPE_ENTRY_SYMBOL
                                                "(); declare the plugin with DOCPIPE_PLUGIN(...)");
    }
    const auto entry =
        plugin->library_.get<const docpipe_plugin_descriptor*(const docpipe_host_api*) noexcept>(
            DOCPIPE_ENTRY_SYMBOL);
    const docpipe_plugin_descriptor* d = entry(host != nullptr ? host : host_api());
    check_descriptor(d, path);
    for (std::size_t i = 0; i < d->stage_count; ++i) {
        const docpipe_stage_table* table = d->stages[i];
        check_table(table, i, path);
        try {
            plugin->stages_.push_back(
                parse_stage_info({table->info_json.data, table->info_json.size}));
        } catch (const std::exception& e) {
            throw Error(exit_config, quoted(path) + ": stage table " + std::to_string(i) +
                                         " has a malformed description: " + e.what());
        }
        // Fields past the plugin's struct_size stay zero: absent.
        docpipe_stage_table copy{};
        std::memcpy(&copy, table, std::min<std::size_t>(table->struct_size, sizeof copy));
        copy.struct_size = static_cast<std::uint32_t>(sizeof copy);
        copy.info_json = {nullptr, 0};  // parsed above; the plugin's bytes are not kept
        plugin->tables_.push_back(copy);
    }
    plugin->manifest_ = std::move(manifest);
    return plugin;
}

std::shared_ptr<PluginStage> LoadedPlugin::create_stage(
    const std::shared_ptr<const LoadedPlugin>& plugin, const std::string& name) {
    for (std::size_t i = 0; i < plugin->stages_.size(); ++i) {
        if (plugin->stages_[i].name != name) continue;
        try {
            return std::make_shared<PluginStage>(plugin, plugin->tables_[i], plugin->stages_[i]);
        } catch (const Error& e) {
            throw Error(exit_config, "stage '" + name + "' of " + quoted(plugin->manifest_.path) +
                                         " could not be created: " + e.what());
        }
    }
    throw Error(exit_config, quoted(plugin->manifest_.path) + " has no stage '" + name + "'");
}

}  // namespace docpipe::host
