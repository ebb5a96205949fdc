#include "conlleval.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <tuple>

namespace entity_tagger::tools {

std::vector<Chunk> chunks_of(const std::vector<std::string>& tags) {
    std::vector<Chunk> out;
    std::string open_type;
    std::size_t open_start = 0;
    auto close = [&](std::size_t at) {
        if (!open_type.empty()) out.push_back({open_start, at, open_type});
        open_type.clear();
    };
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const std::string& t = tags[i];
        const bool inside = t.size() > 2 && t[1] == '-' &&
                            (t[0] == 'I' || t[0] == 'B' || t[0] == 'E' || t[0] == 'S');
        if (!inside) {
            close(i);
            continue;
        }
        const std::string type = t.substr(2);
        const bool starts = t[0] == 'B' || t[0] == 'S' || open_type != type;
        if (starts) {
            close(i);
            open_type = type;
            open_start = i;
        }
        if (t[0] == 'E' || t[0] == 'S') close(i + 1);
    }
    close(tags.size());
    return out;
}

void ConllEvaluator::add(const std::vector<std::string>& gold,
                         const std::vector<std::string>& predicted) {
    if (gold.size() != predicted.size()) {
        throw std::invalid_argument("conlleval: sentence has " + std::to_string(gold.size()) +
                                    " gold tags but " + std::to_string(predicted.size()) +
                                    " predicted tags");
    }
    const auto g = chunks_of(gold);
    const auto p = chunks_of(predicted);
    auto key = [](const Chunk& c) { return std::make_tuple(c.first, c.last, c.type); };
    std::set<std::tuple<std::size_t, std::size_t, std::string>> gold_set;
    for (const auto& c : g) {
        gold_set.insert(key(c));
        ++overall_.gold;
        ++per_type_[c.type].gold;
    }
    for (const auto& c : p) {
        ++overall_.predicted;
        auto& counts = per_type_[c.type];
        ++counts.predicted;
        if (gold_set.count(key(c))) {
            ++overall_.correct;
            ++counts.correct;
        }
    }
}

std::string ConllEvaluator::report(const std::string& title) const {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-28s %6s %6s %6s %7s %7s %7s\n", title.c_str(), "gold",
                  "pred", "right", "P", "R", "F1");
    out += line;
    auto row = [&](const std::string& name, const Counts& c) {
        std::snprintf(line, sizeof line, "  %-26s %6zu %6zu %6zu %7.2f %7.2f %7.2f\n", name.c_str(),
                      c.gold, c.predicted, c.correct, c.precision(), c.recall(), c.f1());
        out += line;
    };
    for (const auto& [type, c] : per_type_) row(type, c);
    row("overall", overall_);
    return out;
}

}  // namespace entity_tagger::tools
