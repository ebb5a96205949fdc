// The summarizer plugin's entry point.
#include <docpipe/docpipe.hpp>

#include "summarizer_stage.hpp"

DOCPIPE_PLUGIN("summarizer", "1.0.0", registrar) {
    registrar.add<summarizer::SummarizerStage>();
}
