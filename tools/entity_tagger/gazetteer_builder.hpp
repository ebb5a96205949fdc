#pragma once
// Builds the tagger's gazetteer from the TSV lists in shared/data/gazetteers and the rule
// word lists (titles, location and organisation words).

#include <string>

#include "gazetteer.hpp"

namespace entity_tagger::tools {

/// Reads every list under `dir`, plus `extra_organisations` (our own list of well-known
/// companies and news organisations outside the SEC list; empty: none); throws
/// std::runtime_error naming a missing file or column.
Gazetteer build_gazetteer(const std::string& dir, const std::string& extra_organisations = {});

}  // namespace entity_tagger::tools
