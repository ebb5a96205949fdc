// The plugin entry: one stage, `exporter`.
#include <docpipe/docpipe.hpp>

#include "exporter_stage.hpp"

DOCPIPE_PLUGIN("exporter", "1.0.0", registrar) {
    registrar.add<docpipe::exporter::ExporterStage>();
}
