#pragma once
// Reading IOB2 corpora: the 2-column GUM/WikiGold layout and the 5-column UNER layout.

#include <string>
#include <vector>

namespace entity_tagger::tools {

struct LabeledSentence {
    std::string doc;      ///< "# doc =" / "# newdoc id =" value in force, if any
    std::string sent_id;  ///< "# sent_id =" value, if any
    std::string text;     ///< "# text =" value, if any
    std::vector<std::string> tokens;
    std::vector<std::string> tags;  ///< IOB2 tags as in the file
};

/// Reads every sentence of an IOB2 file; throws std::runtime_error naming the file and line
/// on a malformed row.
std::vector<LabeledSentence> read_iob2(const std::string& path);

/// Normalises tags to the model's tag set: keeps only `types` (others become O) and repairs
/// I- tags that do not continue an entity of the same type into B-.
std::vector<std::string> normalise_tags(const std::vector<std::string>& tags,
                                        const std::vector<std::string>& types);

/// WikiGold follows CoNLL, where a named building is often ORG ("Museum of Flight", "Dulles
/// Airport"); UNER (the test set's scheme), GUM and EWT tag facilities as LOC. Relabels the
/// ORG entities of `s` (normalised IOB2) whose last word is a facility word ("Dulles
/// Airport") as LOC.
void facilities_as_locations(LabeledSentence& s);

}  // namespace entity_tagger::tools
