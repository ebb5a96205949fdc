#include "wordnet.hpp"

#include <sstream>

namespace entity_tagger::tools {
namespace {

// Lexicographer files (WordNet's lexnames).
constexpr int artifact = 6, group = 14, location = 15, object = 17, person = 18;
constexpr long organisation_synset = 8008335;  // organization.n.01 in WordNet 3.0

}  // namespace

bool is_proper_lemma(const std::string& lemma) {
    return !lemma.empty() && lemma[0] >= 'A' && lemma[0] <= 'Z';
}

WordNetNouns::WordNetNouns(std::istream& in) {
    // "offset lexfile pos w_cnt(hex) [lemma lex_id]... p_cnt [symbol offset pos src/tgt]... |
    // gloss"
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == ' ') continue;  // the licence header
        const auto bar = line.find(" | ");
        std::istringstream f(line.substr(0, bar));
        long offset = 0;
        std::string pos, hex;
        Synset s;
        f >> offset >> s.lexfile >> pos >> hex;
        if (!f) continue;
        const long words = std::stol(hex, nullptr, 16);
        for (long w = 0; w < words; ++w) {
            std::string lemma, lex_id;
            f >> lemma >> lex_id;
            for (char& c : lemma) c = c == '_' ? ' ' : c;
            if (!lemma.empty()) s.lemmas.push_back(lemma);
        }
        int pointers = 0;
        f >> pointers;
        for (int p = 0; p < pointers; ++p) {
            std::string symbol, target_pos, source_target;
            long target = 0;
            f >> symbol >> target >> target_pos >> source_target;
            if (symbol == "@" || symbol == "@i") s.hypernyms.push_back(target);
            if (symbol == "@i") s.instance = true;
        }
        synsets_.emplace(offset, std::move(s));
    }
}

bool WordNetNouns::under_organisation(long offset, int depth, bool& complete) const {
    if (offset == organisation_synset) return true;
    if (depth > 40) {
        complete = false;
        return false;
    }
    if (auto it = organisation_.find(offset); it != organisation_.end()) return it->second;
    bool found = false, whole = true;
    if (auto it = synsets_.find(offset); it != synsets_.end()) {
        for (long h : it->second.hypernyms) {
            found = found || under_organisation(h, depth + 1, whole);
        }
    }
    if (whole || found) organisation_[offset] = found;
    complete = complete && whole;
    return found;
}

WordNetNouns::Kind WordNetNouns::kind(long offset, bool proper) const {
    const auto it = synsets_.find(offset);
    if (it == synsets_.end()) return Kind::none;
    const Synset& s = it->second;
    const bool instance = s.instance || !proper;  // common nouns: the kind itself
    if (s.lexfile == person && instance) return Kind::person;
    // noun.object holds rivers and mountains, named ("Nile") or not ("river").
    if (s.lexfile == location || (s.lexfile == object && instance)) return Kind::place;
    if (proper && s.lexfile == artifact && s.instance) return Kind::facility;
    bool complete = true;
    if (s.lexfile == group && under_organisation(offset, 0, complete)) return Kind::organisation;
    return Kind::none;
}

}  // namespace entity_tagger::tools
