// A well-formed one-stage plugin, compiled several times with different macro overrides to
// stand in for plugins built for another API version or toolchain.
#include <docpipe/docpipe.hpp>

namespace {
class Minimal final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = MINIMAL_STAGE_NAME, .version = "1.0.0", .description = "does nothing"};
    }
    void process(docpipe::Document&) override {}
};
}  // namespace

DOCPIPE_PLUGIN(MINIMAL_PLUGIN_NAME, "1.0.0", registrar) {
    registrar.add<Minimal>();
}
