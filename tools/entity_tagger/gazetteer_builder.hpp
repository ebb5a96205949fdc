#pragma once
// Builds the tagger's gazetteer from the TSV lists in shared/data/gazetteers and the rule
// word lists (titles, location and organisation words).

#include <string>

#include "gazetteer.hpp"

namespace entity_tagger::tools {

/// Reads every list under `dir`; throws std::runtime_error naming a missing file or column.
Gazetteer build_gazetteer(const std::string& dir);

}  // namespace entity_tagger::tools
