#pragma once
// Writes a plugin's manifest as JSON: what `docpipe plugins list` shows without loading it.
// docpipe_add_plugin() runs this at build time and stores the result in the plugin's
// `.docpipe_manifest` ELF section.

#include <cstdio>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "docpipe/abi.h"
#include "docpipe/stage.hpp"

namespace docpipe::manifest {

inline void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

inline void append_strings(std::string& out, const std::vector<std::string>& values) {
    out += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, values[i]);
    }
    out += ']';
}

inline void append_value(std::string& out, const ParamValue& v) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) {
                out += x ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out += std::to_string(x);
            } else if constexpr (std::is_same_v<T, double>) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.17g", x);
                out += buf;
            } else if constexpr (std::is_same_v<T, std::string>) {
                append_json_string(out, x);
            } else {
                append_strings(out, x);
            }
        },
        v);
}

/// One stage's StageInfo as JSON: what the manifest lists and the stage table carries.
inline std::string stage_json(const StageInfo& s) {
    std::string out;
    out += "{\"name\":";
    append_json_string(out, s.name);
    out += ",\"version\":";
    append_json_string(out, s.version);
    out += ",\"description\":";
    append_json_string(out, s.description);
    out += ",\"requires\":";
    append_strings(out, s.requires_layers);
    out += ",\"provides\":";
    append_strings(out, s.provides_layers);
    out += ",\"optional\":";
    append_strings(out, s.optional_layers);
    out += ",\"layer_specs\":[";
    for (std::size_t k = 0; k < s.layer_specs.size(); ++k) {
        if (k) out += ',';
        out += "{\"name\":";
        append_json_string(out, s.layer_specs[k].name);
        out += ",\"labels\":";
        append_strings(out, s.layer_specs[k].labels);
        // Names as in API 2.0, and the types of those that are not strings apart, so a host
        // that predates typed attributes still reads the manifest.
        const auto& attributes = s.layer_specs[k].attributes;
        out += ",\"attributes\":[";
        for (std::size_t a = 0; a < attributes.size(); ++a) {
            if (a) out += ',';
            append_json_string(out, attributes[a].name);
        }
        out += "],\"attribute_types\":{";
        bool first = true;
        for (const auto& a : attributes) {
            if (a.type == Value::Type::string) continue;
            if (!first) out += ',';
            first = false;
            append_json_string(out, a.name);
            out += ':';
            append_json_string(out, Value::type_name(a.type));
        }
        out += "}}";
    }
    out += "],\"thread_safe\":";
    out += s.thread_safe ? "true" : "false";
    out += s.kind == StageKind::sink ? ",\"kind\":\"sink\"" : ",\"kind\":\"transform\"";
    out += ",\"params\":[";
    for (std::size_t k = 0; k < s.params.size(); ++k) {
        const ParamSpec& p = s.params[k];
        if (k) out += ',';
        out += "{\"name\":";
        append_json_string(out, p.name);
        out += ",\"type\":\"";
        out += to_string(p.type);
        out += "\",\"required\":";
        out += p.required ? "true" : "false";
        out += ",\"description\":";
        append_json_string(out, p.description);
        if (p.default_value) {
            out += ",\"default\":";
            append_value(out, *p.default_value);
        }
        if (!p.allowed.empty()) {
            out += ",\"allowed\":";
            append_strings(out, p.allowed);
        }
        if (p.min) {
            out += ",\"min\":";
            append_value(out, *p.min);
        }
        if (p.max) {
            out += ",\"max\":";
            append_value(out, *p.max);
        }
        out += '}';
    }
    out += "]}";
    return out;
}

/// The manifest of one plugin: its descriptor and the JSON of every stage it registers.
inline std::string to_json(const docpipe_plugin_descriptor& d) {
    std::string out = "{\"name\":";
    append_json_string(out, d.name);
    out += ",\"version\":";
    append_json_string(out, d.version);
    out += ",\"api_version\":\"" + std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor) +
           "\",\"min_host_api\":\"" + std::to_string(d.abi_major) + "." +
           std::to_string(d.min_host_minor) + "\",\"built_with\":";
    append_json_string(out, d.built_with);
    out += ",\"stages\":[";
    for (std::size_t i = 0; i < d.stage_count; ++i) {
        if (i) out += ',';
        out.append(d.stages[i]->info_json.data, d.stages[i]->info_json.size);
    }
    out += "]}";
    return out;
}

}  // namespace docpipe::manifest
