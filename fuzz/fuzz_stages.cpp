// The bundled stages through the executor, then every format writer: any valid UTF-8 document
// is processed and exported, or fails with a stage error, never a crash. The first byte picks
// the format; the rest is the document.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "docpipe/host/errors.hpp"
#include "docpipe/host/executor.hpp"
#include "docpipe/host/host_document.hpp"
#include "docpipe/host/pipeline_config.hpp"
#include "docpipe/host/registry.hpp"
#include "docpipe/utf8.hpp"

namespace dh = docpipe::host;

namespace {

const char* const formats[] = {"text", "json", "jsonl", "markdown", "html", "conll", "brat"};

struct Pipeline {
    dh::PipelineConfig config;
    std::unique_ptr<dh::Executor> executor;
};

// One executor per format, built once: loading dictionaries and models per input would make
// the harness too slow to find anything.
Pipeline& pipeline_for(std::size_t format, dh::Registry& registry) {
    static std::vector<std::unique_ptr<Pipeline>> pipelines(std::size(formats));
    auto& p = pipelines[format];
    if (!p) {
        p = std::make_unique<Pipeline>();
        const std::string path = std::string(formats[format]) == "brat"
                                     ? "/tmp/docpipe-fuzz-stages/{id}.ann"
                                     : "/dev/null";
        const std::string yaml =
            "version: 1\non_error: skip\nstages:\n"
            "  - {id: repair, plugin: synonym_repair}\n"
            "  - {id: entities, plugin: entity_tagger}\n"
            "  - {id: summary, plugin: summarizer}\n"
            "  - id: export\n    plugin: exporter\n    params: {format: " +
            std::string(formats[format]) + ", path: \"" + path + "\"}\n";
        p->config = dh::parse_pipeline(yaml, "fuzz.yaml", registry, {});
        p->executor = std::make_unique<dh::Executor>(p->config, registry, dh::host_api());
    }
    return *p;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static dh::Registry registry =
        dh::Registry::discover({DOCPIPE_FUZZ_PLUGIN_DIR}, dh::host_api());
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (docpipe::utf8::find_invalid(text)) return 0;  // the reader refuses such documents
    Pipeline& p = pipeline_for(data[0] % std::size(formats), registry);
    docpipe::Document doc("fuzz", text);
    // on_error: skip, so a stage that reports a failure is fine; a crash is the finding.
    (void)p.executor->process(doc);
    return 0;
}
