// A stage that does nothing: what remains of a pipeline run is the host's own cost.
#include <docpipe/docpipe.hpp>

namespace {
class BenchNoop final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "bench_noop",
                .version = "1.0.0",
                .description = "does nothing",
                .thread_safe = true};
    }
    void process(docpipe::Document&) override {}
};
}  // namespace

DOCPIPE_PLUGIN("bench_noop", "1.0.0", registrar) {
    registrar.add<BenchNoop>();
}
