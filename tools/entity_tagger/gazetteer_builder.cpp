#include "gazetteer_builder.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "rules.hpp"
#include "wordnet.hpp"

namespace entity_tagger::tools {
namespace {

using Row = std::map<std::string, std::string>;

// Calls `fn` with each row of a TSV file with a header line, as column -> value.
void for_each_row(const std::string& path, const std::function<void(const Row&)>& fn) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open gazetteer '" + path + "'");
    std::string line;
    std::vector<std::string> header;
    auto split = [](const std::string& s) {
        std::vector<std::string> f;
        std::size_t start = 0;
        while (true) {
            const auto tab = s.find('\t', start);
            f.push_back(
                s.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        return f;
    };
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (header.empty()) {
            header = split(line);
            continue;
        }
        const auto f = split(line);
        Row row;
        for (std::size_t i = 0; i < header.size() && i < f.size(); ++i) row[header[i]] = f[i];
        fn(row);
    }
}

const std::string& column(const Row& row, const std::string& name, const std::string& file) {
    auto it = row.find(name);
    if (it == row.end()) throw std::runtime_error("gazetteer '" + file + "' has no column " + name);
    return it->second;
}

long to_long(const std::string& s) {
    try {
        return s.empty() ? 0 : std::stol(s);
    } catch (...) {
        return 0;
    }
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void add_wordnet_names(Gazetteer& g, std::istream& data_noun, std::istream& index) {
    using Kind = WordNetNouns::Kind;
    const WordNetNouns nouns(data_noun);
    auto bit = [](Kind kind, bool proper) -> std::uint32_t {
        switch (kind) {
            case Kind::person:
                return gaz_bit(proper ? GazCategory::known_person : GazCategory::person_noun);
            case Kind::place:
                return gaz_bit(proper ? GazCategory::known_place : GazCategory::place_noun);
            case Kind::facility: return gaz_bit(GazCategory::known_facility);
            case Kind::organisation:
                return gaz_bit(proper ? GazCategory::known_organisation
                                      : GazCategory::organisation_noun);
            case Kind::none: break;
        }
        return 0;
    };
    for (const auto& [offset, s] : nouns.synsets()) {
        const std::uint32_t mask = bit(nouns.kind(offset, true), true);
        if (mask == 0) continue;
        for (const auto& lemma : s.lemmas) {
            if (is_proper_lemma(lemma)) g.add(lemma, mask);
        }
    }
    // index.noun: "lemma n synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset...", senses
    // most frequent first; a common noun is classed by its first sense. The index is all
    // lower case ("einstein"), so a lemma counts as a common noun only where its first sense
    // spells it in lower case too (data.noun keeps the case: "Einstein" is a name).
    std::string line;
    while (std::getline(index, line)) {
        if (line.empty() || line[0] == ' ') continue;
        std::istringstream f(line);
        std::string lemma, pos, symbol;
        int synset_count = 0, pointer_count = 0, sense_count = 0, tagged = 0;
        f >> lemma >> pos >> synset_count >> pointer_count;
        for (int p = 0; p < pointer_count; ++p) f >> symbol;
        long first = 0;
        f >> sense_count >> tagged >> first;
        if (!f || lemma.empty()) continue;
        for (char& c : lemma) c = c == '_' ? ' ' : c;
        const auto synset = nouns.synsets().find(first);
        if (synset == nouns.synsets().end()) continue;
        const auto& spelled = synset->second.lemmas;
        if (std::find(spelled.begin(), spelled.end(), lemma) == spelled.end()) continue;
        const std::uint32_t mask = bit(nouns.kind(first, false), false);
        if (mask != 0) g.add(lemma, mask);
    }
}

void add_word_list(Gazetteer& g, std::istream& words) {
    std::string word;
    while (std::getline(words, word)) {
        if (!word.empty() && word.back() == '\r') word.pop_back();
        // Possessives ("Boston's") add nothing the base form does not say.
        if (word.empty() || word.find('\'') != std::string::npos) continue;
        const bool capital = word[0] >= 'A' && word[0] <= 'Z';
        g.add(word, gaz_bit(capital ? GazCategory::dictionary_name : GazCategory::common_word));
    }
}

Gazetteer build_gazetteer(const std::string& dir, const std::string& extra_organisations,
                          const LexicalSources& lexical) {
    Gazetteer g;
    auto bit = [](GazCategory c) { return gaz_bit(c); };
    auto file = [&](const char* name) { return dir + "/" + name; };

    for_each_row(file("first_names_ssa.tsv"), [&](const Row& r) {
        const auto& f = file("first_names_ssa.tsv");
        const long rank = to_long(column(r, "rank", f));
        g.add(column(r, "name", f),
              rank <= 1000 ? bit(GazCategory::first_name_common) : bit(GazCategory::first_name));
    });
    for_each_row(file("surnames_census1990.tsv"), [&](const Row& r) {
        const auto& f = file("surnames_census1990.tsv");
        const long rank = to_long(column(r, "rank", f));
        g.add(column(r, "name", f),
              rank <= 2000 ? bit(GazCategory::surname_common) : bit(GazCategory::surname));
    });
    for_each_row(file("countries.tsv"), [&](const Row& r) {
        const auto& f = file("countries.tsv");
        g.add(column(r, "name", f), bit(GazCategory::country));
        g.add(column(r, "official_name", f), bit(GazCategory::country));
        const std::string& capitals = column(r, "capital", f);
        std::size_t start = 0;
        while (start < capitals.size()) {
            const auto bar = capitals.find('|', start);
            g.add(
                capitals.substr(start, bar == std::string::npos ? std::string::npos : bar - start),
                bit(GazCategory::city_major));
            if (bar == std::string::npos) break;
            start = bar + 1;
        }
    });
    for_each_row(file("country_aliases.tsv"), [&](const Row& r) {
        const auto& f = file("country_aliases.tsv");
        const auto& kind = column(r, "kind", f);
        if (kind == "alt-nonlatin") return;
        g.add(column(r, "alias", f),
              kind == "code" ? bit(GazCategory::country_code) : bit(GazCategory::country));
    });
    for_each_row(file("demonyms.tsv"), [&](const Row& r) {
        const auto& f = file("demonyms.tsv");
        const std::string d = column(r, "demonym", f);
        g.add(d, bit(GazCategory::demonym));
        // Plurals by the list's own rule: not after -ese/-ss/-sh/-ch, nor Swiss/French/Dutch.
        const bool no_plural = ends_with(d, "ese") || ends_with(d, "ss") || ends_with(d, "sh") ||
                               ends_with(d, "ch") || ends_with(d, "s") || d == "Swiss";
        if (!no_plural) g.add(d + "s", bit(GazCategory::demonym));
    });
    for_each_row(file("cities.tsv"), [&](const Row& r) {
        const auto& f = file("cities.tsv");
        const long population = to_long(column(r, "population", f));
        const auto mask =
            population >= 1000000 ? bit(GazCategory::city_major) : bit(GazCategory::city);
        g.add(column(r, "name", f), mask);
        g.add(column(r, "name_ascii", f), mask);
    });
    for_each_row(file("admin1_regions.tsv"), [&](const Row& r) {
        g.add(column(r, "admin1", file("admin1_regions.tsv")), bit(GazCategory::region));
    });
    for_each_row(file("us_states.tsv"), [&](const Row& r) {
        const auto& f = file("us_states.tsv");
        g.add(column(r, "name", f), bit(GazCategory::region));
        g.add(column(r, "ap_abbrev", f), bit(GazCategory::region));
    });
    for_each_row(file("orgs_companies_sec.tsv"), [&](const Row& r) {
        const auto& f = file("orgs_companies_sec.tsv");
        // The tail is small and shell companies whose names are mostly noise.
        if (to_long(column(r, "rank", f)) <= 2000)
            g.add(column(r, "name_core", f), bit(GazCategory::company));
    });
    for_each_row(file("orgs_us_federal.tsv"), [&](const Row& r) {
        g.add(column(r, "name", file("orgs_us_federal.tsv")), bit(GazCategory::public_org));
    });
    for_each_row(file("orgs_international.tsv"), [&](const Row& r) {
        const auto& f = file("orgs_international.tsv");
        g.add(column(r, "name", f), bit(GazCategory::public_org));
        g.add(column(r, "acronym", f), bit(GazCategory::public_org));
    });

    if (!extra_organisations.empty()) {
        for_each_row(extra_organisations, [&](const Row& r) {
            g.add(column(r, "name", extra_organisations), bit(GazCategory::company));
        });
    }

    for (auto t : title_phrases()) g.add(t, bit(GazCategory::title));
    for (auto w : location_words()) g.add(w, bit(GazCategory::location_word));
    for (auto w : organisation_words()) g.add(w, bit(GazCategory::org_word));
    for (const char* w : {"January", "February", "March", "April", "May", "June", "July", "August",
                          "September", "October", "November", "December", "Monday", "Tuesday",
                          "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}) {
        g.add(w, bit(GazCategory::calendar));
    }

    if (!lexical.wordnet_dir.empty()) {
        const std::string data = lexical.wordnet_dir + "/data.noun";
        const std::string index = lexical.wordnet_dir + "/index.noun";
        std::ifstream data_in(data), index_in(index);
        if (!data_in) throw std::runtime_error("cannot open WordNet '" + data + "'");
        if (!index_in) throw std::runtime_error("cannot open WordNet '" + index + "'");
        add_wordnet_names(g, data_in, index_in);
    }
    if (!lexical.word_list.empty()) {
        std::ifstream in(lexical.word_list);
        if (!in) throw std::runtime_error("cannot open word list '" + lexical.word_list + "'");
        add_word_list(g, in);
    }
    return g;
}

}  // namespace entity_tagger::tools
