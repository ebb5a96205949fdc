#pragma once
// Exact rules for what patterns decide better than statistics: dates, times, money, percent,
// quantities, ordinals, cardinals, nationalities (NORP) and "President X"-style titles.
//
// Rules see the same tokens and token analyses as the model; each word is classified with one
// hash lookup (no string comparisons in the hot path).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "features.hpp"
#include "gazetteer.hpp"

namespace entity_tagger {

/// An entity found by a rule: tokens [first, last) of the sentence.
struct RuleMatch {
    std::size_t first = 0;
    std::size_t last = 0;
    std::string_view label;  ///< OntoNotes type; points to a string literal
    float score = 1.0f;
};

/// Titles that precede a person's name ("President", "Prime Minister", "Sen."); the trainer
/// adds them to the gazetteer's `title` category.
const std::vector<std::string_view>& title_phrases();
/// Words that mark a location ("River", "Mountains") or an organisation ("University",
/// "Ministry"); added to the gazetteer's `location_word` / `org_word` categories.
const std::vector<std::string_view>& location_words();
const std::vector<std::string_view>& organisation_words();
/// Words that mark a facility ("Airport", "Bridge") when they end a location name.
bool is_facility_word(std::uint64_t lower_hash);
/// Words that mark a natural location ("River", "Sea", "Europe") in a location name.
bool is_natural_location_word(std::uint64_t lower_hash);

/// Finds rule entities in one sentence. `out` is cleared first.
void find_rule_entities(const std::string_view* tokens, const TokenInfo* info,
                        const GazMask* gazetteer, std::size_t count, std::vector<RuleMatch>& out);

}  // namespace entity_tagger
