#include "mention_replacement.hpp"

#include <map>
#include <random>
#include <string>

namespace entity_tagger::tools {

std::vector<LabeledSentence> augment_mentions(const std::vector<LabeledSentence>& train, int copies,
                                              std::uint64_t seed) {
    struct Mention {
        std::size_t sentence, begin, end;
    };
    std::map<std::string, std::vector<Mention>> by_type;
    auto spans = [](const LabeledSentence& s, auto&& fn) {
        for (std::size_t i = 0; i < s.tags.size();) {
            if (s.tags[i].rfind("B-", 0) != 0) {
                ++i;
                continue;
            }
            std::size_t j = i + 1;
            while (j < s.tags.size() && s.tags[j] == "I-" + s.tags[i].substr(2)) ++j;
            fn(s.tags[i].substr(2), i, j);
            i = j;
        }
    };
    for (std::size_t k = 0; k < train.size(); ++k) {
        spans(train[k], [&](const std::string& type, std::size_t b, std::size_t e) {
            by_type[type].push_back({k, b, e});
        });
    }
    std::mt19937_64 rng(seed);
    std::vector<LabeledSentence> out;
    for (int c = 0; c < copies; ++c) {
        for (std::size_t k = 0; k < train.size(); ++k) {
            const LabeledSentence& s = train[k];
            LabeledSentence copy;
            copy.doc = s.doc;
            bool any = false;
            std::size_t next = 0;
            spans(s, [&](const std::string& type, std::size_t b, std::size_t e) {
                for (; next < b; ++next) {
                    copy.tokens.push_back(s.tokens[next]);
                    copy.tags.push_back(s.tags[next]);
                }
                const auto& pool = by_type[type];
                // Another mention than the one replaced, where the type has another.
                const Mention* m = &pool[rng() % pool.size()];
                while (pool.size() > 1 && m->sentence == k && m->begin == b) {
                    m = &pool[rng() % pool.size()];
                }
                for (std::size_t t = m->begin; t < m->end; ++t) {
                    copy.tokens.push_back(train[m->sentence].tokens[t]);
                    copy.tags.push_back((t == m->begin ? "B-" : "I-") + type);
                }
                next = e;
                any = true;
            });
            if (!any) continue;
            for (; next < s.tokens.size(); ++next) {
                copy.tokens.push_back(s.tokens[next]);
                copy.tags.push_back(s.tags[next]);
            }
            out.push_back(std::move(copy));
        }
    }
    return out;
}

}  // namespace entity_tagger::tools
