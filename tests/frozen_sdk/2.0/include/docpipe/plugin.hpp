#pragma once
// Declaring a plugin: one entry point, any number of stages.
//
//   #include <docpipe/docpipe.hpp>
//   DOCPIPE_PLUGIN("my_plugin", "1.0.0", registrar) {
//       registrar.add<MyStage>();      // MyStage has `static docpipe::StageInfo info()`
//   }
//
// The macro emits the only exported symbol, `docpipe_plugin_entry`, returning the C descriptor
// of abi.h (only C types cross to the host: see detail/plugin_abi.hpp), and a `.docpipe_plugin`
// ELF section with the same facts as text, so the host can check a plugin before running any
// of its code.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "docpipe/abi.h"
#include "docpipe/detail/plugin_abi.hpp"
#include "docpipe/stage.hpp"
#include "docpipe/version.hpp"

// The oldest host minor version this plugin works with. The SDK needs only what API 2.0 has;
// a plugin that calls something newer raises it (before including docpipe.hpp, or with -D).
#ifndef DOCPIPE_MIN_HOST_API_MINOR
#define DOCPIPE_MIN_HOST_API_MINOR 0
#endif

namespace docpipe {

/// Collects the stages a plugin offers; DOCPIPE_PLUGIN hands one to the plugin's body.
class Registrar {
public:
    explicit Registrar(detail::PluginState& state) : state_(state) {}

    /// Registers a stage described by `info`, whose instances `factory` makes.
    void add_stage(StageInfo info, std::function<std::unique_ptr<Stage>()> factory) {
        auto& s = state_.stages.emplace_back();
        s.info = std::move(info);
        s.factory = std::move(factory);
        s.info_json = manifest::stage_json(s.info);
        s.table.struct_size = sizeof(docpipe_stage_table);
        s.table.info_json = {s.info_json.data(), s.info_json.size()};
        s.table.stage_data = &s;
        s.table.create = &detail::StageThunks::create;
        s.table.configure = &detail::StageThunks::configure;
        s.table.process = &detail::StageThunks::process;
        s.table.finish = &detail::StageThunks::finish;
        s.table.destroy = &detail::StageThunks::destroy;
        state_.tables.push_back(&s.table);
    }

    /// Registers stage type S: needs `static StageInfo S::info()` and a default constructor.
    template <class S>
    void add() {
        add_stage(S::info(), [] { return std::make_unique<S>(); });
    }

private:
    detail::PluginState& state_;
};

namespace detail {

/// The descriptor of the plugin whose registration function is `register_stages`; built once.
inline const docpipe_plugin_descriptor* describe_plugin(detail::PluginState& state,
                                                        const char* name, const char* version,
                                                        void (*register_stages)(Registrar&)) {
    state.descriptor.abi_major = DOCPIPE_ABI_VERSION_MAJOR;
    state.descriptor.struct_size = sizeof(docpipe_plugin_descriptor);
    state.descriptor.abi_minor = DOCPIPE_ABI_VERSION_MINOR;
    state.descriptor.min_host_minor = DOCPIPE_MIN_HOST_API_MINOR;
    state.descriptor.name = name;
    state.descriptor.version = version;
    state.descriptor.built_with = DOCPIPE_TOOLCHAIN_TAG;
    try {
        Registrar registrar(state);
        register_stages(registrar);
    } catch (...) {
        state.stages.clear();
        state.tables.clear();
        try {
            throw;
        } catch (const std::exception& e) {
            state.error = e.what();
        } catch (...) {
            state.error = "unknown exception (not derived from std::exception)";
        }
    }
    state.descriptor.registration_error = state.error.empty() ? nullptr : state.error.c_str();
    state.descriptor.stage_count = state.tables.size();
    state.descriptor.stages = state.tables.data();
    return &state.descriptor;
}

// The `.docpipe_plugin` section's text, built at compile time from the macro's arguments.
struct PluginHeader {
    char text[512] = {};
    std::size_t size = 0;
    constexpr void append(const char* s) {
        while (*s != '\0' && size + 1 < sizeof text) text[size++] = *s++;
    }
    constexpr void append_number(std::uint32_t v) {
        char digits[16] = {};
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (n > 0 && size + 1 < sizeof text) text[size++] = digits[--n];
    }
};

constexpr PluginHeader make_plugin_header(const char* name, const char* version) {
    PluginHeader h;
    h.append("docpipe-plugin\napi_version=");
    h.append_number(DOCPIPE_ABI_VERSION_MAJOR);
    h.append(".");
    h.append_number(DOCPIPE_ABI_VERSION_MINOR);
    h.append("\nmin_host_api=");
    h.append_number(DOCPIPE_ABI_VERSION_MAJOR);
    h.append(".");
    h.append_number(DOCPIPE_MIN_HOST_API_MINOR);
    h.append("\nname=");
    h.append(name);
    h.append("\nversion=");
    h.append(version);
    h.append("\nbuilt_with=" DOCPIPE_TOOLCHAIN_TAG "\n");
    return h;
}

}  // namespace detail
}  // namespace docpipe

/// Name of the exported entry symbol.
#define DOCPIPE_ENTRY_SYMBOL "docpipe_plugin_entry"
/// Name of the ELF section holding the static plugin header ("key=value" lines).
#define DOCPIPE_HEADER_SECTION ".docpipe_plugin"
/// Name of the ELF section holding the JSON manifest (added by docpipe_add_plugin()).
#define DOCPIPE_MANIFEST_SECTION ".docpipe_manifest"

#define DOCPIPE_PLUGIN(plugin_name, plugin_version, registrar)                                    \
    static void docpipe_register_plugin_stages(::docpipe::Registrar& registrar);                  \
    extern "C" {                                                                                  \
    __attribute__((section(DOCPIPE_HEADER_SECTION),                                               \
                   used)) static constexpr auto docpipe_plugin_header =                           \
        ::docpipe::detail::make_plugin_header(plugin_name, plugin_version);                       \
    __attribute__((visibility("default"))) const docpipe_plugin_descriptor* docpipe_plugin_entry( \
        const docpipe_host_api* host) noexcept {                                                  \
        if (host != nullptr) ::docpipe::detail::plugin_host() = host;                             \
        static ::docpipe::detail::PluginState state;                                              \
        static const docpipe_plugin_descriptor* const descriptor =                                \
            ::docpipe::detail::describe_plugin(state, plugin_name, plugin_version,                \
                                               &docpipe_register_plugin_stages);                  \
        return descriptor;                                                                        \
    }                                                                                             \
    }                                                                                             \
    static void docpipe_register_plugin_stages(::docpipe::Registrar& registrar)
