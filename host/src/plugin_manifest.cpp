#include "docpipe/host/plugin_manifest.hpp"

#include <elf.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "docpipe/host/errors.hpp"
#include "docpipe/plugin.hpp"

namespace docpipe::host {
namespace {

constexpr std::uint64_t max_section_bytes = std::uint64_t{16} << 20;

std::string describe(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

template <class T>
void read_at(std::ifstream& in, std::uint64_t offset, T& out, const std::filesystem::path& path) {
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(reinterpret_cast<char*>(&out), sizeof(T));
    if (!in) throw Error(exit_config, describe(path) + " is truncated: not a valid library");
}

ParamValue value_from_json(const nlohmann::json& j, ParamType type) {
    switch (type) {
        case ParamType::boolean: return j.get<bool>();
        case ParamType::integer: return j.get<std::int64_t>();
        case ParamType::number: return j.get<double>();
        case ParamType::string: return j.get<std::string>();
        case ParamType::string_list: return j.get<std::vector<std::string>>();
    }
    return std::string{};
}

ParamType param_type_from(const std::string& name) {
    for (auto t : {ParamType::boolean, ParamType::integer, ParamType::number, ParamType::string,
                   ParamType::string_list}) {
        if (name == to_string(t)) return t;
    }
    throw std::invalid_argument("unknown parameter type '" + name + "'");
}

Value::Type attribute_type_from(const std::string& name) {
    for (auto t : {Value::Type::string, Value::Type::number, Value::Type::boolean}) {
        if (name == Value::type_name(t)) return t;
    }
    throw std::invalid_argument("unknown attribute type '" + name + "'");
}

}  // namespace

std::optional<std::string> read_elf_section(const std::filesystem::path& path,
                                            const std::string& section) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(exit_no_input, "cannot read " + describe(path) + ": " + std::strerror(errno));
    }
    std::error_code ec;
    const std::uint64_t file_size = std::filesystem::file_size(path, ec);
    if (ec) throw Error(exit_no_input, "cannot read " + describe(path) + ": " + ec.message());
    // Every offset and size comes from the file: check it against the file before use.
    auto fits = [&](std::uint64_t offset, std::uint64_t size) {
        return offset <= file_size && size <= file_size - offset;
    };
    auto corrupt = [&](const std::string& what) {
        return Error(exit_config, describe(path) + " is a corrupt ELF file (" + what + ")");
    };
    Elf64_Ehdr header{};
    in.read(reinterpret_cast<char*>(&header), sizeof header);
    if (!in || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0) {
        throw Error(exit_config, describe(path) + " is not a shared library (no ELF header)");
    }
    if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB ||
        header.e_shentsize != sizeof(Elf64_Shdr)) {
        throw Error(exit_config, describe(path) + " is not a 64-bit little-endian ELF library");
    }
    if (header.e_type != ET_DYN) {
        throw Error(exit_config, describe(path) + " is an ELF file but not a shared library");
    }
    if (!fits(header.e_shoff, std::uint64_t{header.e_shnum} * sizeof(Elf64_Shdr))) {
        throw corrupt("section headers outside the file");
    }
    if (header.e_shstrndx == SHN_UNDEF || header.e_shstrndx >= header.e_shnum) {
        return std::nullopt;
    }
    Elf64_Shdr names{};
    read_at(in, header.e_shoff + header.e_shstrndx * sizeof(Elf64_Shdr), names, path);
    if (!fits(names.sh_offset, names.sh_size)) throw corrupt("section name table outside the file");
    std::string name_table(names.sh_size, '\0');
    in.seekg(static_cast<std::streamoff>(names.sh_offset));
    in.read(name_table.data(), static_cast<std::streamsize>(name_table.size()));
    if (!in) throw corrupt("unreadable section name table");
    for (unsigned i = 0; i < header.e_shnum; ++i) {
        Elf64_Shdr sh{};
        read_at(in, header.e_shoff + i * sizeof(Elf64_Shdr), sh, path);
        if (sh.sh_name >= name_table.size()) continue;
        if (std::strcmp(name_table.c_str() + sh.sh_name, section.c_str()) != 0) continue;
        if (sh.sh_type == SHT_NOBITS) return std::string{};
        // Manifests are a few kilobytes; a huge one is corruption, not data.
        if (!fits(sh.sh_offset, sh.sh_size) || sh.sh_size > max_section_bytes) {
            throw corrupt("section " + section + " outside the file or over " +
                          std::to_string(max_section_bytes) + " bytes");
        }
        std::string bytes(sh.sh_size, '\0');
        in.seekg(static_cast<std::streamoff>(sh.sh_offset));
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!in) throw corrupt("section " + section + " is truncated");
        return bytes;
    }
    return std::nullopt;
}

namespace {

StageInfo stage_from_json(const nlohmann::json& s) {
    StageInfo info;
    info.name = s.at("name").get<std::string>();
    info.version = s.value("version", "");
    info.description = s.value("description", "");
    info.requires_layers = s.value("requires", std::vector<std::string>{});
    info.provides_layers = s.value("provides", std::vector<std::string>{});
    info.thread_safe = s.value("thread_safe", false);
    if (const auto kind = s.find("kind"); kind != s.end()) {
        const auto name = kind->get<std::string>();
        if (name != "sink" && name != "transform") {
            throw std::runtime_error("stage kind '" + name + "' is neither transform nor sink");
        }
        info.kind = name == "sink" ? StageKind::sink : StageKind::transform;
    } else {
        // Manifests older than the field: a stage that is not thread-safe keeps what hosts
        // always gave it, one instance that sees every document in order.
        info.kind = info.thread_safe ? StageKind::transform : StageKind::sink;
    }
    info.optional_layers = s.value("optional", std::vector<std::string>{});
    for (const auto& l : s.value("layer_specs", nlohmann::json::array())) {
        LayerSpec spec{
            l.at("name").get<std::string>(), l.value("labels", std::vector<std::string>{}), {}};
        // Since API 2.2, the types of attributes that are not strings.
        const auto types = l.value("attribute_types", nlohmann::json::object());
        for (const auto& name : l.value("attributes", std::vector<std::string>{})) {
            const auto type = types.find(name);
            spec.attributes.emplace_back(name, type == types.end()
                                                   ? Value::Type::string
                                                   : attribute_type_from(type->get<std::string>()));
        }
        info.layer_specs.push_back(std::move(spec));
    }
    for (const auto& p : s.value("params", nlohmann::json::array())) {
        ParamSpec spec;
        spec.name = p.at("name").get<std::string>();
        spec.type = param_type_from(p.at("type").get<std::string>());
        spec.description = p.value("description", "");
        spec.required = p.value("required", false);
        if (p.contains("default")) spec.default_value = value_from_json(p["default"], spec.type);
        spec.allowed = p.value("allowed", std::vector<std::string>{});
        if (p.contains("min")) spec.min = p["min"].get<double>();
        if (p.contains("max")) spec.max = p["max"].get<double>();
        info.params.push_back(std::move(spec));
    }
    return info;
}

}  // namespace

std::vector<StageInfo> parse_stage_list(const std::string& text) {
    const auto j = nlohmann::json::parse(text);
    std::vector<StageInfo> stages;
    for (const auto& s : j.at("stages")) stages.push_back(stage_from_json(s));
    return stages;
}

StageInfo parse_stage_info(std::string_view json) {
    return stage_from_json(nlohmann::json::parse(json));
}

PluginManifest read_plugin_manifest(const std::filesystem::path& path) {
    const auto header = read_elf_section(path, DOCPIPE_HEADER_SECTION);
    if (!header) {
        throw Error(exit_config, describe(path) +
                                     " is not a docpipe plugin: it has no " DOCPIPE_HEADER_SECTION
                                     " section (declare it with DOCPIPE_PLUGIN(...))");
    }
    PluginManifest m;
    m.path = path;
    std::istringstream lines(header->substr(0, header->find('\0')));
    std::string line;
    bool has_min_host = false;
    std::getline(lines, line);
    if (line != "docpipe-plugin") {
        throw Error(exit_config, describe(path) + ": malformed " DOCPIPE_HEADER_SECTION " section");
    }
    while (std::getline(lines, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        const std::string key = line.substr(0, eq);
        const std::string value = line.substr(eq + 1);
        if (key == "name") m.name = value;
        if (key == "version") m.version = value;
        if (key == "built_with" || key == "toolchain") m.built_with = value;
        if (key == "api_version" || key == "min_host_api") {
            const auto dot = value.find('.');
            unsigned major = 0, minor = 0;
            try {
                major = static_cast<unsigned>(std::stoul(value.substr(0, dot)));
                if (dot != std::string::npos) {
                    minor = static_cast<unsigned>(std::stoul(value.substr(dot + 1)));
                }
            } catch (const std::exception&) {
                throw Error(exit_config,
                            describe(path) + ": malformed " + key + " '" + value + "'");
            }
            if (key == "api_version") {
                m.api_major = major;
                m.api_minor = minor;
                if (!has_min_host) m.min_host_minor = minor;  // API 1 headers say no more
            } else {
                m.min_host_minor = minor;
                has_min_host = true;
            }
        }
    }
    if (m.name.empty()) throw Error(exit_config, describe(path) + ": plugin header has no name");
    if (const auto json = read_elf_section(path, DOCPIPE_MANIFEST_SECTION)) {
        try {
            m.stages = parse_stage_list(*json);
            m.has_stage_list = true;
        } catch (const std::exception& e) {
            throw Error(
                exit_config,
                describe(path) + ": malformed " DOCPIPE_MANIFEST_SECTION " section: " + e.what());
        }
    }
    return m;
}

std::string incompatibility(const PluginManifest& m) {
    const std::string host =
        std::to_string(api_version_major) + "." + std::to_string(api_version_minor);
    if (m.api_major != api_version_major) {
        return "built for docpipe plugin API " + m.api_version() +
               ", but this host implements API " + host +
               "; rebuild the plugin against docpipe SDK " + version_string;
    }
    if (m.min_host_minor > api_version_minor) {
        return "needs docpipe plugin API " + m.min_host_api() +
               " or newer, but this host "
               "implements API " +
               host + "; upgrade docpipe";
    }
    return {};
}

}  // namespace docpipe::host
