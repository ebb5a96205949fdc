#include "conll_corpus.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <stdexcept>

namespace entity_tagger::tools {
namespace {

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        out.push_back(
            line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
    }
    return out;
}

std::string after_prefix(const std::string& line, const std::string& prefix) {
    return line.compare(0, prefix.size(), prefix) == 0 ? line.substr(prefix.size()) : std::string();
}

}  // namespace

std::vector<LabeledSentence> read_iob2(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open corpus '" + path + "'");
    std::vector<LabeledSentence> out;
    LabeledSentence current;
    std::string doc;
    std::string line;
    std::size_t line_no = 0;
    auto flush = [&] {
        if (!current.tokens.empty()) {
            current.doc = doc;
            out.push_back(std::move(current));
        }
        current = LabeledSentence();
    };
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            flush();
            continue;
        }
        // A comment has no TAB; a token can be "#".
        if (line[0] == '#' && line.find('\t') == std::string::npos) {
            if (auto v = after_prefix(line, "# doc = "); !v.empty()) doc = v;
            if (auto v = after_prefix(line, "# newdoc id = "); !v.empty()) doc = v;
            if (auto v = after_prefix(line, "# sent_id = "); !v.empty()) current.sent_id = v;
            if (auto v = after_prefix(line, "# text = "); !v.empty()) current.text = v;
            continue;
        }
        const auto f = split_tabs(line);
        if (f.size() == 2) {
            current.tokens.push_back(f[0]);
            current.tags.push_back(f[1]);
        } else if (f.size() >= 5) {
            current.tokens.push_back(f[1]);
            current.tags.push_back(f[2]);
        } else {
            throw std::runtime_error(path + ":" + std::to_string(line_no) +
                                     ": expected 2 or 5 "
                                     "TAB-separated columns, found " +
                                     std::to_string(f.size()));
        }
    }
    flush();
    return out;
}

std::vector<std::string> normalise_tags(const std::vector<std::string>& tags,
                                        const std::vector<std::string>& types) {
    std::vector<std::string> out;
    out.reserve(tags.size());
    std::string prev_type;
    for (const auto& t : tags) {
        if (t.size() < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-' ||
            std::find(types.begin(), types.end(), t.substr(2)) == types.end()) {
            out.push_back("O");
            prev_type.clear();
            continue;
        }
        const std::string type = t.substr(2);
        const bool continues = t[0] == 'I' && prev_type == type;
        out.push_back((continues ? "I-" : "B-") + type);
        prev_type = type;
    }
    return out;
}

void facilities_as_locations(LabeledSentence& s) {
    // Not the tagger's facility words (rules.cpp): those include "church", "house" and
    // "port", which the training sets tag ORG as often as LOC ("Church of England", "House of
    // Commons"); these are the ones GUM and EWT tag LOC.
    static const std::set<std::string> facility = {
        "airport", "arena",  "bridge",  "building", "castle",  "cathedral", "center",
        "centre",  "garden", "gardens", "hall",     "hotel",   "mall",      "museum",
        "palace",  "park",   "square",  "stadium",  "station", "theater",   "theatre",
        "tower",   "street", "avenue",  "road"};
    for (std::size_t i = 0; i < s.tags.size();) {
        if (s.tags[i] != "B-ORG") {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < s.tags.size() && s.tags[j] == "I-ORG") ++j;
        // "Dulles Airport". ("Museum of Flight" is left alone: relabelling facility words
        // before "of" too measured slightly worse on the dev sets.)
        std::string last = s.tokens[j - 1];
        for (char& c : last) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (facility.count(last)) {
            for (std::size_t k = i; k < j; ++k) s.tags[k] = k == i ? "B-LOC" : "I-LOC";
        }
        i = j;
    }
}

}  // namespace entity_tagger::tools
