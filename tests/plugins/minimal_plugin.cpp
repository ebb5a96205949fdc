// A well-formed one-stage plugin, compiled several times with different macro overrides to
// stand in for plugins built for another API version or toolchain.
#include <cstdlib>
#include <docpipe/docpipe.hpp>

namespace {

#ifdef ABORT_WHEN_LOADED
// Proves the host never loads an incompatible plugin: loading it runs this constructor, which
// kills the process. Only the build-time manifest tool may run the plugin's code.
struct AbortWhenLoaded {
    AbortWhenLoaded() {
        if (std::getenv("DOCPIPE_MANIFEST_TOOL") == nullptr) std::abort();
    }
} abort_when_loaded;
#endif

class Minimal final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = MINIMAL_STAGE_NAME, .version = "1.0.0", .description = "does nothing"};
    }
    void process([[maybe_unused]] docpipe::Document& doc) override {
#ifdef MINIMAL_VERSION_TAG
        doc.metadata()["minimal"] = MINIMAL_VERSION_TAG;  // which build ran
#endif
    }
};
}  // namespace

DOCPIPE_PLUGIN(MINIMAL_PLUGIN_NAME, "1.0.0", registrar) {
    registrar.add<Minimal>();
}
