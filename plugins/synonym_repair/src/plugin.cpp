// The synonym_repair plugin's entry point: one stage.
#include <docpipe/docpipe.hpp>

#include "synonym_repair_stage.hpp"

DOCPIPE_PLUGIN("synonym_repair", "1.0.0", registrar) {
    registrar.add<synonym_repair::SynonymRepairStage>();
}
