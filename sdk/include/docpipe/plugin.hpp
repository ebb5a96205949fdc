#pragma once
// Declaring a plugin: one entry point, any number of stages.
//
//   #include <docpipe/docpipe.hpp>
//   DOCPIPE_PLUGIN("my_plugin", "1.0.0", registrar) {
//       registrar.add<MyStage>();      // MyStage has `static docpipe::StageInfo info()`
//   }
//
// The macro emits the only exported symbol, `docpipe_plugin_entry`, returning a plain C
// descriptor whose first field is the API version; and a `.docpipe_plugin` ELF section with the
// same facts as text, so the host can check a plugin before running any of its code.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "docpipe/stage.hpp"
#include "docpipe/version.hpp"

namespace docpipe {

/// Creates a stage instance; on failure returns nullptr and sets `error`. Never throws.
using StageFactory = std::function<std::unique_ptr<StageHandle>(std::string& error)>;

/// Collects the stages a plugin offers. Implemented by the host (and the manifest tool).
class Registrar {
public:
    virtual ~Registrar() = default;
    /// Registers a stage described by `info`, created by `factory`.
    virtual void add_stage(StageInfo info, StageFactory factory) = 0;

    /// Registers stage type S: needs `static StageInfo S::info()` and a default constructor.
    template <class S>
    void add() {
        add_stage(S::info(), [](std::string& error) -> std::unique_ptr<StageHandle> {
            try {
                return std::make_unique<GuardedStage<S>>(std::make_unique<S>());
            } catch (...) {
                error = detail::status_from_current_exception().message;
                return nullptr;
            }
        });
    }
};

}  // namespace docpipe

extern "C" {
/// What `docpipe_plugin_entry` returns. Fields are only ever appended; `struct_size` tells
/// the host which ones a plugin has. The first field's position never changes.
struct docpipe_plugin_descriptor {
    std::uint32_t api_version_major;  ///< Required. DOCPIPE_API_VERSION_MAJOR of the plugin.
    std::uint32_t struct_size;        ///< Required. sizeof(docpipe_plugin_descriptor).
    const char* name;                 ///< Required. Plugin name, e.g. "synonym_repair".
    const char* version;              ///< Required. Plugin version.
    const char* toolchain;            ///< Required. DOCPIPE_TOOLCHAIN_TAG of the plugin.
    std::uint32_t api_version_minor;  ///< Required. DOCPIPE_API_VERSION_MINOR of the plugin.
    /// Required. Registers the plugin's stages; returns false and sets `error` on failure.
    bool (*register_stages)(docpipe::Registrar* registrar, const docpipe_host_api* host,
                            std::string* error) noexcept;
    /// Since 1.0. Required. docpipe::layout_fingerprint() of the plugin's SDK headers.
    std::uint32_t layout_fingerprint;
};
}

namespace docpipe {

/// A hash of the sizes and alignments of every type that crosses the plugin boundary. The API
/// version says which functions exist; this says the objects have the same shape on both sides,
/// so a plugin built against edited SDK headers is refused instead of corrupting memory.
constexpr std::uint32_t layout_fingerprint() noexcept {
    std::uint32_t h = 2166136261u;  // FNV-1a over the values' bytes
    const std::size_t values[] = {
        sizeof(Span),         sizeof(Annotation),       sizeof(Layer),
        sizeof(TextEdit),     sizeof(EditJournal),      sizeof(EditJournal::Entry),
        sizeof(Document),     alignof(Document),        sizeof(ParamValue),
        sizeof(ParamSpec),    sizeof(Params),           sizeof(StageInfo),
        sizeof(StageContext), sizeof(Logger),           sizeof(Status),
        sizeof(StageFactory), sizeof(docpipe_host_api), sizeof(docpipe_plugin_descriptor)};
    for (std::size_t v : values) {
        for (int byte = 0; byte < 8; ++byte) {
            h ^= static_cast<std::uint32_t>((v >> (8 * byte)) & 0xFF);
            h *= 16777619u;
        }
    }
    return h;
}

namespace detail {

// The `.docpipe_plugin` section's text, built at compile time from the macro's arguments.
struct PluginHeader {
    char text[512] = {};
    std::size_t size = 0;
    constexpr void append(const char* s) {
        while (*s != '\0' && size + 1 < sizeof text) text[size++] = *s++;
    }
    constexpr void append_number(std::uint32_t v, int base) {
        char digits[16] = {};
        int n = 0;
        do {
            digits[n++] = "0123456789abcdef"[v % static_cast<std::uint32_t>(base)];
            v /= static_cast<std::uint32_t>(base);
        } while (v != 0);
        while (n > 0 && size + 1 < sizeof text) text[size++] = digits[--n];
    }
};

constexpr PluginHeader make_plugin_header(const char* name, const char* version) {
    PluginHeader h;
    h.append("docpipe-plugin\napi_version=");
    h.append_number(DOCPIPE_API_VERSION_MAJOR, 10);
    h.append(".");
    h.append_number(DOCPIPE_API_VERSION_MINOR, 10);
    h.append("\nname=");
    h.append(name);
    h.append("\nversion=");
    h.append(version);
    h.append("\ntoolchain=" DOCPIPE_TOOLCHAIN_TAG "\nlayout=");
    h.append_number(layout_fingerprint(), 16);
    h.append("\n");
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

#define DOCPIPE_PLUGIN(plugin_name, plugin_version, registrar)                                \
    static void docpipe_register_plugin_stages(::docpipe::Registrar& registrar);              \
    extern "C" {                                                                              \
    __attribute__((section(DOCPIPE_HEADER_SECTION),                                           \
                   used)) static constexpr auto docpipe_plugin_header =                       \
        ::docpipe::detail::make_plugin_header(plugin_name, plugin_version);                   \
    static bool docpipe_register_thunk(::docpipe::Registrar* r, const docpipe_host_api* host, \
                                       std::string* error) noexcept {                         \
        (void)host; /* stages get their logger from StageContext */                           \
        try {                                                                                 \
            docpipe_register_plugin_stages(*r);                                               \
            return true;                                                                      \
        } catch (...) {                                                                       \
            if (error) *error = ::docpipe::detail::status_from_current_exception().message;   \
            return false;                                                                     \
        }                                                                                     \
    }                                                                                         \
    __attribute__((visibility("default"))) const docpipe_plugin_descriptor*                   \
    docpipe_plugin_entry() noexcept {                                                         \
        static const docpipe_plugin_descriptor descriptor{DOCPIPE_API_VERSION_MAJOR,          \
                                                          sizeof(docpipe_plugin_descriptor),  \
                                                          plugin_name,                        \
                                                          plugin_version,                     \
                                                          DOCPIPE_TOOLCHAIN_TAG,              \
                                                          DOCPIPE_API_VERSION_MINOR,          \
                                                          &docpipe_register_thunk,            \
                                                          ::docpipe::layout_fingerprint()};   \
        return &descriptor;                                                                   \
    }                                                                                         \
    }                                                                                         \
    static void docpipe_register_plugin_stages(::docpipe::Registrar& registrar)
