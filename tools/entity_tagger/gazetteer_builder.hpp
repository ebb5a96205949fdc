#pragma once
// Builds the tagger's gazetteer from the TSV lists in shared/data/gazetteers and the rule
// word lists (titles, location and organisation words).

#include <istream>
#include <string>

#include "gazetteer.hpp"

namespace entity_tagger::tools {

/// Lexical resources from Debian packages, read at training time only; empty: not used.
struct LexicalSources {
    /// WordNet 3.0 database folder (package wordnet-base: /usr/share/wordnet); its proper
    /// nouns become known_person / known_place / known_facility / known_organisation, its
    /// common nouns person_noun / place_noun / organisation_noun.
    std::string wordnet_dir;
    /// One word per line (package wamerican: /usr/share/dict/words); lower-case entries
    /// become common_word, capitalised ones dictionary_name.
    std::string word_list;
};

/// Reads every list under `dir`, plus `extra_organisations` (our own list of well-known
/// companies and news organisations outside the SEC list; empty: none) and `lexical`;
/// throws std::runtime_error naming a missing file or column.
Gazetteer build_gazetteer(const std::string& dir, const std::string& extra_organisations = {},
                          const LexicalSources& lexical = {});

/// Adds a word list, one word per line: lower-case words as common_word, capitalised ones as
/// dictionary_name; possessives ("Boston's") are skipped (exposed for tests).
void add_word_list(Gazetteer& g, std::istream& words);

/// Adds WordNet's capitalised noun lemmas by lexicographer file and hypernyms, and its
/// lower-case nouns by the same test on their first sense (exposed for tests: `data_noun` and
/// `index_noun` are the texts of the data.noun and index.noun files).
void add_wordnet_names(Gazetteer& g, std::istream& data_noun, std::istream& index_noun);

}  // namespace entity_tagger::tools
