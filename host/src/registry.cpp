#include "docpipe/host/registry.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <cstdio>
#include <cstdlib>

#include "docpipe/host/errors.hpp"

namespace docpipe::host {

const char* to_string(PluginRecord::State state) noexcept {
    switch (state) {
        case PluginRecord::State::compatible: return "ok";
        case PluginRecord::State::incompatible: return "incompatible";
        case PluginRecord::State::invalid: return "invalid";
    }
    return "?";
}

std::vector<std::filesystem::path> plugin_search_path(
    const std::vector<std::filesystem::path>& explicit_dirs) {
    std::vector<std::filesystem::path> path = explicit_dirs;
    if (const char* env = std::getenv("DOCPIPE_PLUGIN_PATH"); env != nullptr) {
        std::string_view rest(env);
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            const auto dir = rest.substr(0, colon);
            if (!dir.empty()) path.emplace_back(dir);
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    std::error_code ec;
    const auto exe = boost::dll::program_location(ec);
    if (!ec) {
        path.push_back(std::filesystem::path(exe.parent_path().string()) / ".." / "lib" /
                       "docpipe" / "plugins");
    }
    return path;
}

namespace {

// Who may write a plugin may run code as the user: refuse a plugin when anyone but the user
// or root owns it, or group or others may write it (a world-writable folder with the sticky
// bit, like /tmp, included). Checked: the entry as found on the path and its folder, then, for
// a symlink, every file it leads to and that file's folder.
std::string insecure_reason(const std::filesystem::path& entry) {
    std::vector<std::pair<std::filesystem::path, const char*>> checks = {
        {entry, "the file"}, {entry.parent_path(), "its folder"}};
    std::error_code ec;
    if (std::filesystem::is_symlink(entry, ec)) {
        const auto target = std::filesystem::canonical(entry, ec);
        if (ec) return "it is a symlink that cannot be resolved: " + ec.message();
        checks.push_back({target, "the file it links to"});
        checks.push_back({target.parent_path(), "the folder it links into"});
    }
    const uid_t me = ::geteuid();
    for (const auto& [p, what] : checks) {
        struct stat st {};
        if (::stat(p.empty() ? "." : p.c_str(), &st) != 0) continue;
        const std::string where = std::string(what) + " '" + p.string() + "'";
        if (st.st_uid != me && st.st_uid != 0) {
            return where + " belongs to uid " + std::to_string(st.st_uid) +
                   ", neither you nor root, who alone may provide code you run; move it, or "
                   "pass --allow-insecure-plugins";
        }
        if ((st.st_mode & (S_IWGRP | S_IWOTH)) == 0) continue;
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        return where + " is writable by " + ((st.st_mode & S_IWOTH) ? "others" : "its group") +
               " (mode " + mode + "), so anyone who can write there can run code as you; " +
               "chmod go-w '" + p.string() + "', or pass --allow-insecure-plugins";
    }
    return {};
}

// The `*.so` files of one search path entry, sorted; an entry that is a file is itself.
std::vector<std::filesystem::path> plugin_files(const std::filesystem::path& entry) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(entry, ec)) return {entry};
    std::vector<std::filesystem::path> files;
    if (!std::filesystem::is_directory(entry, ec)) return files;
    for (const auto& e : std::filesystem::directory_iterator(entry, ec)) {
        std::error_code type_ec;
        if (e.path().extension() == ".so" && !e.is_directory(type_ec)) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

PluginRecord examine(const std::filesystem::path& file, bool allow_insecure) {
    PluginRecord rec;
    std::error_code ec;
    rec.path = std::filesystem::weakly_canonical(file, ec);
    if (ec) rec.path = file;
    try {
        rec.manifest = read_plugin_manifest(rec.path);
        rec.reason = incompatibility(*rec.manifest);
        rec.state = rec.reason.empty() ? PluginRecord::State::compatible
                                       : PluginRecord::State::incompatible;
        if (rec.state == PluginRecord::State::compatible && !rec.manifest->has_stage_list) {
            rec.state = PluginRecord::State::invalid;
            rec.reason =
                "has no " DOCPIPE_MANIFEST_SECTION " section; build it with docpipe_add_plugin()";
        }
    } catch (const std::exception& e) {  // one bad file never hides the others
        rec.state = PluginRecord::State::invalid;
        rec.reason = e.what();
    }
    if (rec.state == PluginRecord::State::compatible && !allow_insecure) {
        if (auto why = insecure_reason(file); !why.empty()) {
            rec.state = PluginRecord::State::invalid;
            rec.reason = "refused: " + why;
        }
    }
    return rec;
}

}  // namespace

Registry Registry::discover(const std::vector<std::filesystem::path>& search_path,
                            const docpipe_host_api* host_api, bool allow_insecure) {
    Registry r;
    r.path_ = search_path;
    r.host_api_ = host_api;
    std::map<std::string, std::size_t> first_by_name;
    for (const auto& entry : search_path) {
        for (const auto& file : plugin_files(entry)) {
            PluginRecord rec = examine(file, allow_insecure);
            // The same directory twice on the path (e.g. env and default) lists it once.
            if (std::any_of(r.plugins_.begin(), r.plugins_.end(),
                            [&](const PluginRecord& p) { return p.path == rec.path; })) {
                continue;
            }
            // Only a usable plugin claims its name: a broken copy earlier on the path must not
            // hide a good one.
            if (rec.manifest && rec.state == PluginRecord::State::compatible) {
                auto [it, inserted] = first_by_name.emplace(rec.manifest->name, r.plugins_.size());
                if (!inserted) rec.shadowed_by = r.plugins_[it->second].path.string();
            }
            r.plugins_.push_back(std::move(rec));
        }
    }
    // Stage names are claimed the same way: a later plugin declaring a stage an earlier one
    // has is recorded, so a plugin named like a bundled stage cannot replace it unseen.
    for (auto& rec : r.plugins_) {
        if (rec.state != PluginRecord::State::compatible || !rec.shadowed_by.empty()) continue;
        for (const auto& info : rec.manifest->stages) {
            auto [it, inserted] = r.stages_.emplace(info.name, StageEntry{info, &rec});
            if (!inserted) rec.shadowed_stages[info.name] = it->second.plugin->path.string();
        }
    }
    return r;
}

const StageEntry* Registry::find_stage(const std::string& name) const {
    auto it = stages_.find(name);
    return it == stages_.end() ? nullptr : &it->second;
}

std::vector<std::string> Registry::stage_names() const {
    std::vector<std::string> names;
    for (const auto& [name, entry] : stages_) names.push_back(name);
    return names;
}

const PluginRecord* Registry::find_plugin(const std::string& name) const {
    for (const auto& p : plugins_) {
        if (p.manifest && p.manifest->name == name) return &p;
    }
    return nullptr;
}

std::vector<const PluginRecord*> Registry::shadowed_providers(const std::string& name) const {
    std::vector<const PluginRecord*> out;
    for (const auto& p : plugins_) {
        if (p.shadowed_stages.count(name) != 0) out.push_back(&p);
    }
    return out;
}

std::vector<const PluginRecord*> Registry::unusable_providers(const std::string& name) const {
    std::vector<const PluginRecord*> out;
    for (const auto& p : plugins_) {
        if (p.state == PluginRecord::State::compatible || !p.manifest) continue;
        if (p.manifest->name == name ||
            std::any_of(p.manifest->stages.begin(), p.manifest->stages.end(),
                        [&](const StageInfo& s) { return s.name == name; })) {
            out.push_back(&p);
        }
    }
    return out;
}

std::shared_ptr<PluginStage> Registry::create_stage(const std::string& name) {
    const StageEntry* entry = find_stage(name);
    if (entry == nullptr) throw Error(exit_config, "no plugin provides stage '" + name + "'");
    // Keyed by what the file is now, not its name: a plugin rebuilt since is loaded again.
    auto& loaded = loaded_[entry->plugin->path.string()];
    if (!loaded || !(loaded->identity() == file_identity(entry->plugin->path))) {
        loaded = load_plugin(entry->plugin->path, host_api_);
    }
    return LoadedPlugin::create_stage(loaded, name);
}

}  // namespace docpipe::host
