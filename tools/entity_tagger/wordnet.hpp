#pragma once
// WordNet 3.0 nouns (Debian's wordnet-base, read at training time only): which lemmas name
// people, places, facilities and organisations, or kinds of them.

#include <istream>
#include <map>
#include <string>
#include <vector>

namespace entity_tagger::tools {

class WordNetNouns {
public:
    enum class Kind { none, person, place, facility, organisation };

    struct Synset {
        int lexfile = 0;                  ///< lexicographer file (18 = noun.person, ...)
        bool instance = false;            ///< has an instance hypernym (a named thing)
        std::vector<std::string> lemmas;  ///< all lemmas, underscores as spaces
        std::vector<long> hypernyms;      ///< @ and @i targets
        std::string gloss;                ///< definition and examples after "| "
    };

    /// Reads the text of data.noun; lines that do not parse (the licence header) are skipped.
    explicit WordNetNouns(std::istream& data_noun);

    /// What a synset's capitalised lemmas name (`proper`), or what kind of thing a common
    /// noun in it is (person, place or organisation noun; never facility).
    Kind kind(long offset, bool proper) const;

    const std::map<long, Synset>& synsets() const noexcept { return synsets_; }

private:
    /// Whether organization.n.01 is among the hypernyms; `complete` turns false when the
    /// search was cut off by the depth limit (such answers are not memoised).
    bool under_organisation(long offset, int depth, bool& complete) const;

    std::map<long, Synset> synsets_;
    mutable std::map<long, bool> organisation_;  // memo of under_organisation
};

/// Whether a lemma is a proper noun (starts with an ASCII capital).
bool is_proper_lemma(const std::string& lemma);

}  // namespace entity_tagger::tools
