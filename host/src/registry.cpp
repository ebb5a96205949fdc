#include "docpipe/host/registry.hpp"

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
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

Registry Registry::discover(const std::vector<std::filesystem::path>& search_path,
                            const docpipe_host_api* host_api) {
    Registry r;
    r.path_ = search_path;
    r.host_api_ = host_api;
    std::map<std::string, std::size_t> first_by_name;
    for (const auto& dir : search_path) {
        std::error_code ec;
        if (!std::filesystem::is_directory(dir, ec)) continue;
        std::vector<std::filesystem::path> files;
        for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
            std::error_code type_ec;
            if (e.path().extension() == ".so" && !e.is_directory(type_ec))
                files.push_back(e.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            PluginRecord rec;
            rec.path = std::filesystem::weakly_canonical(file, ec);
            if (ec) rec.path = file;
            // The same directory twice on the path (e.g. env and default) lists it once.
            if (std::any_of(r.plugins_.begin(), r.plugins_.end(),
                            [&](const PluginRecord& p) { return p.path == rec.path; })) {
                continue;
            }
            try {
                rec.manifest = read_plugin_manifest(rec.path);
                rec.reason = incompatibility(*rec.manifest);
                rec.state = rec.reason.empty() ? PluginRecord::State::compatible
                                               : PluginRecord::State::incompatible;
                if (rec.state == PluginRecord::State::compatible && !rec.manifest->has_stage_list) {
                    rec.state = PluginRecord::State::invalid;
                    rec.reason = "has no " DOCPIPE_MANIFEST_SECTION
                                 " section; build it with docpipe_add_plugin()";
                }
            } catch (const std::exception& e) {  // one bad file never hides the others
                rec.state = PluginRecord::State::invalid;
                rec.reason = e.what();
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
    for (const auto& rec : r.plugins_) {
        if (rec.state != PluginRecord::State::compatible || !rec.shadowed_by.empty()) continue;
        for (const auto& info : rec.manifest->stages) {
            r.stages_.emplace(info.name, StageEntry{info, &rec});  // first registration wins
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

std::shared_ptr<StageHandle> Registry::create_stage(const std::string& name) {
    const StageEntry* entry = find_stage(name);
    if (entry == nullptr) throw Error(exit_config, "no plugin provides stage '" + name + "'");
    const std::string key = entry->plugin->path.string();
    auto& loaded = loaded_[key];
    if (!loaded) loaded = load_plugin(entry->plugin->path, host_api_);
    return LoadedPlugin::create_stage(loaded, name);
}

}  // namespace docpipe::host
