// The plugin entry: one stage.
#include "entity_tagger_stage.hpp"

DOCPIPE_PLUGIN("entity_tagger", "1.0.0", registrar) {
    registrar.add<entity_tagger::EntityTaggerStage>();
}
