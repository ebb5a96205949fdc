#pragma once
// Mention replacement (Dai & Adel 2020), a training-data augmentation: copies of each
// sentence with entities in which every entity is swapped for another training mention of
// the same type, so the model learns more from context and shape and less from the few names
// it saw.

#include <cstdint>
#include <vector>

#include "conll_corpus.hpp"

namespace entity_tagger::tools {

/// `copies` augmented copies of every sentence of `train` that has an entity (normalised IOB2
/// tags), drawn with `seed`; sentences without entities are not copied.
std::vector<LabeledSentence> augment_mentions(const std::vector<LabeledSentence>& train, int copies,
                                              std::uint64_t seed);

}  // namespace entity_tagger::tools
