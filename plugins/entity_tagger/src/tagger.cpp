#include "tagger.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "hashing.hpp"

namespace entity_tagger {
namespace {

// The training data's types mapped to OntoNotes names; LOC is refined by location_type().
std::string_view ontonotes_label(std::string_view type) {
    if (type == "PER") return "PERSON";
    if (type == "ORG") return "ORG";
    if (type == "LOC") return "GPE";
    if (type == "MISC") return "MISC";
    return "MISC";
}

// Types as string literals, so a Tagger can be copied or moved without dangling views.
std::string_view canonical_type(std::string_view type) {
    if (type == "PER") return "PER";
    if (type == "ORG") return "ORG";
    if (type == "LOC") return "LOC";
    return "MISC";
}

// Capitalised at a sentence start, these words are not part of a name ("For China").
bool is_function_word(std::uint64_t lower_hash) {
    static const auto words = [] {
        std::vector<std::uint64_t> h;
        for (const char* w :
             {"for",    "in",      "on",     "at",    "the",     "a",      "an",
              "and",    "but",     "with",   "by",    "from",    "to",     "as",
              "of",     "after",   "before", "since", "if",      "when",   "while",
              "unlike", "like",    "under",  "over",  "despite", "during", "although",
              "though", "because", "then",   "so",    "or"}) {
            h.push_back(hash_bytes(w, true));
        }
        std::sort(h.begin(), h.end());
        return h;
    }();
    return std::binary_search(words.begin(), words.end(), lower_hash);
}

bool is_hyphen(std::string_view t) {
    return t == "-" || t == "\xE2\x80\x93" || t == "/";
}

bool overlaps(docpipe::Span a, docpipe::Span b) {
    return a.begin < b.end && b.begin < a.end;
}

}  // namespace

std::string_view unambiguous_kind(std::uint32_t phrase_mask) noexcept {
    auto any = [&](std::initializer_list<GazCategory> cs) {
        for (auto c : cs) {
            if (phrase_mask & gaz_bit(c)) return true;
        }
        return false;
    };
    using C = GazCategory;
    const bool org = any({C::company, C::public_org, C::known_organisation});
    const bool place =
        any({C::country, C::city_major, C::city, C::region, C::known_place, C::known_facility});
    const bool name =
        any({C::known_person, C::first_name, C::first_name_common, C::surname, C::surname_common});
    // Ordinary words ("Apple", "Shell", "Ford"... also "Bank") are never certain.
    if (org + place + name != 1 || any({C::common_word})) return {};
    if (org) return "ORG";
    // A named building alone ("Kremlin") is a facility, not a political place.
    if (place) {
        return any({C::country, C::city_major, C::city, C::region, C::known_place}) ? "GPE" : "FAC";
    }
    return any({C::known_person}) ? "PERSON" : std::string_view{};
}

Tagger::Tagger(SequenceModel model) : model_(std::move(model)) {
    for (const auto& t : model_.tags()) {
        if (t.size() > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-') {
            tag_type_.push_back(canonical_type(std::string_view(t).substr(2)));
            tag_begins_.push_back(t[0] == 'B');
        } else {
            tag_type_.push_back({});
            tag_begins_.push_back(false);
        }
    }
}

void Tagger::tag(std::string_view text, Workspace& ws, std::vector<Entity>& out) const {
    const auto tokens = docpipe::text::tokenize(text);
    const auto sentences = docpipe::text::split_sentences(text, tokens);
    tag(text, tokens, sentences, ws, out);
}

void Tagger::tag(std::string_view text, const std::vector<docpipe::text::Token>& tokens,
                 const std::vector<docpipe::text::Sentence>& sentences, Workspace& ws,
                 std::vector<Entity>& out) const {
    const std::size_t first_new = out.size();
    for (const auto& s : sentences) {
        tag_sentence(text, tokens.data() + s.first_token, s.last_token - s.first_token, ws, out);
    }
    propagate(text, tokens, sentences, ws, out, first_new);
}

void Tagger::propagate(std::string_view text, const std::vector<docpipe::text::Token>& tokens,
                       const std::vector<docpipe::text::Sentence>& sentences, Workspace& ws,
                       std::vector<Entity>& out, std::size_t first_new) const {
    if (out.size() == first_new) return;
    constexpr std::size_t max_alias_tokens = 6;
    // Names by the exact-case hashes of their tokens; a name seen with two labels is dropped.
    struct Alias {
        std::string_view label;
        float score;
        bool ambiguous;
    };
    std::unordered_map<std::uint64_t, Alias> aliases;
    auto remember = [&](std::uint64_t key, std::string_view label, float score) {
        auto [it, inserted] = aliases.try_emplace(key, Alias{label, score, false});
        if (!inserted) {
            if (it->second.label != label) it->second.ambiguous = true;
            it->second.score = std::max(it->second.score, score);
        }
    };
    auto token_key = [&](std::size_t k) {
        return hash_bytes(docpipe::text::view(text, tokens[k].span));
    };
    ws.covered.assign(tokens.size(), false);
    std::size_t k = 0;
    for (std::size_t e = first_new; e < out.size(); ++e) {
        const Entity& ent = out[e];
        const bool name = ent.label == "PERSON" || ent.label == "ORG" || ent.label == "GPE" ||
                          ent.label == "LOC" || ent.label == "FAC";
        while (k > 0 && tokens[k].span.begin > ent.span.begin) --k;
        while (k < tokens.size() && tokens[k].span.end <= ent.span.begin) ++k;
        std::size_t first = k, last = k;
        while (last < tokens.size() && tokens[last].span.begin < ent.span.end) {
            ws.covered[last] = true;
            ++last;
        }
        if (!name || last == first || last - first > max_alias_tokens || ent.score < 0.5f) continue;
        std::uint64_t key = 0x51ed270b27b4a6c1ULL;
        for (std::size_t t = first; t < last; ++t) key = combine(key, token_key(t));
        remember(key, ent.label, ent.score);
        if (ent.label == "PERSON" && last - first > 1) {
            // Either part of a person's name may stand alone later: "Xi", "Trump".
            for (std::size_t t = first; t < last; ++t) {
                const auto word = docpipe::text::view(text, tokens[t].span);
                if (word.size() < 2 || word.back() == '.') continue;
                remember(combine(0x51ed270b27b4a6c1ULL, token_key(t)), "PERSON", ent.score);
            }
        }
    }
    if (aliases.empty()) return;
    const std::size_t before = out.size();
    for (const auto& s : sentences) {
        for (std::size_t i = s.first_token; i < s.last_token; ++i) {
            if (ws.covered[i]) continue;
            const auto word = docpipe::text::view(text, tokens[i].span);
            const auto b0 = static_cast<unsigned char>(word[0]);
            if (!((b0 >= 'A' && b0 <= 'Z') || b0 >= 0x80)) continue;
            std::uint64_t key = 0x51ed270b27b4a6c1ULL;
            std::size_t best_last = 0;
            const Alias* best = nullptr;
            for (std::size_t j = i; j < s.last_token && j < i + max_alias_tokens && !ws.covered[j];
                 ++j) {
                key = combine(key, token_key(j));
                auto it = aliases.find(key);
                if (it != aliases.end() && !it->second.ambiguous) {
                    best = &it->second;
                    best_last = j + 1;
                }
            }
            if (best == nullptr) continue;
            out.push_back({{tokens[i].span.begin, tokens[best_last - 1].span.end},
                           best->label,
                           best->score * 0.9f,
                           "document"});
            for (std::size_t j = i; j < best_last; ++j) ws.covered[j] = true;
            i = best_last - 1;
        }
    }
    if (out.size() != before) {
        std::sort(out.begin() + static_cast<std::ptrdiff_t>(first_new), out.end(),
                  [](const Entity& a, const Entity& b) { return a.span.begin < b.span.begin; });
    }
}

void Tagger::tag_tokens(const std::string_view* tokens, std::size_t count, Workspace& ws) const {
    extract_features(tokens, count, model_.gazetteer(), ws.features);
    model_.emissions(ws.features, ws.emissions, ws.slots);
    ws.tags.resize(count);
    model_.viterbi(ws.emissions.data(), count, ws.tags.data(), ws.scores, ws.backpointers);
}

std::string_view Tagger::location_type(const std::uint64_t* lower, const GazMask* gaz,
                                       std::size_t first, std::size_t last) const {
    const std::uint32_t political = gaz_bit(GazCategory::country) |
                                    gaz_bit(GazCategory::country_code) |
                                    gaz_bit(GazCategory::city_major) | gaz_bit(GazCategory::city) |
                                    gaz_bit(GazCategory::region);
    if (model_.gazetteer().lookup(lower + first, last - first) & political) return "GPE";
    if (is_facility_word(lower[last - 1])) return "FAC";
    for (std::size_t k = first; k < last; ++k) {
        if (is_natural_location_word(lower[k])) return "LOC";
    }
    (void)gaz;
    return "GPE";
}

void Tagger::tag_sentence(std::string_view text, const docpipe::text::Token* tokens,
                          std::size_t count, Workspace& ws, std::vector<Entity>& out) const {
    if (count == 0) return;
    ws.tokens.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        ws.tokens[i] = docpipe::text::view(text, tokens[i].span);
    tag_tokens(ws.tokens.data(), count, ws);

    // Confidence of each token's tag: softmax over tags given the chosen previous tag.
    const std::size_t T = model_.tag_count();
    const float scale = model_.confidence_scale();
    auto token_confidence = [&](std::size_t i) {
        const std::size_t prev = i == 0 ? T : ws.tags[i - 1];
        const float* em = ws.emissions.data() + i * row_width;
        float best = -1e30f;
        float s[row_width];
        for (std::size_t c = 0; c < T; ++c) {
            s[c] = model_.allowed(prev, c) ? (em[c] + model_.transition(prev, c)) * scale : -1e30f;
            best = std::max(best, s[c]);
        }
        float z = 0;
        for (std::size_t c = 0; c < T; ++c) z += std::exp(s[c] - best);
        return std::exp(s[ws.tags[i]] - best) / z;
    };

    auto& found = ws.sentence_entities;
    found.clear();
    const auto* lower = ws.features.lower_hashes.data();
    const auto* gaz = ws.features.gazetteer.data();
    for (std::size_t i = 0; i < count;) {
        const std::uint8_t tag = ws.tags[i];
        if (tag_type_[tag].empty()) {
            ++i;
            continue;
        }
        std::size_t last = i + 1;
        while (last < count && !tag_begins_[ws.tags[last]] &&
               tag_type_[ws.tags[last]] == tag_type_[tag]) {
            ++last;
        }
        const std::size_t next = last;
        std::size_t first = i;
        while (first + 1 < last && is_function_word(lower[first])) ++first;
        std::string_view label = ontonotes_label(tag_type_[tag]);
        // A span that is, as a whole, a known name of exactly one kind gets that kind: the
        // model's context guess ("Kremlin" as a person) loses to the lists.
        if (const auto kind =
                unambiguous_kind(model_.gazetteer().lookup(lower + first, last - first));
            !kind.empty()) {
            label = kind;
        }
        if (label == "PERSON") {
            // Titles stay outside person names, as in OntoNotes and UNER: "Administrator Bolden".
            const GazMask title = gaz_bit(GazCategory::title);
            std::size_t k = first;
            while (k < last && (gaz_begin_mask(gaz[k]) & title)) {
                ++k;
                while (k < last && (gaz_inside_mask(gaz[k]) & title)) ++k;
            }
            if (k < last && (ws.features.tokens[k].flags & flag_init_cap)) first = k;
        }
        float score = 1.0f;
        for (std::size_t k = first; k < last; ++k) score = std::min(score, token_confidence(k));
        auto emit = [&](std::size_t a, std::size_t b) {
            std::string_view l = label == "GPE" ? location_type(lower, gaz, a, b) : label;
            found.push_back({{tokens[a].span.begin, tokens[b - 1].span.end}, l, score, "model"});
        };
        if (label == "GPE") {
            // "U.S.-China", "China and U.S.": known places joined by a hyphen or "and" are
            // separate entities, unless the whole is a known place ("Trinidad and Tobago").
            const std::uint32_t political =
                gaz_bit(GazCategory::country) | gaz_bit(GazCategory::country_code) |
                gaz_bit(GazCategory::city_major) | gaz_bit(GazCategory::city) |
                gaz_bit(GazCategory::region);
            const auto& g = model_.gazetteer();
            std::size_t cuts[8];
            std::size_t n_cuts = 0;
            for (std::size_t k = first + 1; k + 1 < last && n_cuts < 8; ++k) {
                if (is_hyphen(ws.tokens[k]) || ws.tokens[k] == "and") cuts[n_cuts++] = k;
            }
            bool split = n_cuts > 0 && !(g.lookup(lower + first, last - first) & political);
            for (std::size_t c = 0; split && c <= n_cuts; ++c) {
                const std::size_t a = c == 0 ? first : cuts[c - 1] + 1;
                const std::size_t b = c == n_cuts ? last : cuts[c];
                split = b > a && (g.lookup(lower + a, b - a) & political);
            }
            if (split) {
                for (std::size_t c = 0; c <= n_cuts; ++c) {
                    emit(c == 0 ? first : cuts[c - 1] + 1, c == n_cuts ? last : cuts[c]);
                }
                i = next;
                continue;
            }
        }
        if (label != "MISC") emit(first, last);
        i = next;
    }

    find_rule_entities(ws.tokens.data(), ws.features.tokens.data(), gaz, count, ws.rules);
    for (const auto& r : ws.rules) {
        const docpipe::Span span{tokens[r.first].span.begin, tokens[r.last - 1].span.end};
        const bool exact_pattern = r.label == "DATE" || r.label == "TIME" || r.label == "MONEY" ||
                                   r.label == "PERCENT" || r.label == "QUANTITY";
        const bool title_person = r.label == "PERSON";
        if (exact_pattern || title_person) {
            // Exact patterns and titled names win over the model, except a model PERSON that
            // already covers the titled name (it may know a longer name).
            bool covered_by_person = false;
            for (const auto& e : found) {
                if (title_person && e.label == "PERSON" && e.span.begin <= span.begin &&
                    e.span.end >= span.end) {
                    covered_by_person = true;
                }
            }
            if (covered_by_person) continue;
            found.erase(std::remove_if(found.begin(), found.end(),
                                       [&](const Entity& e) { return overlaps(e.span, span); }),
                        found.end());
            found.push_back({span, r.label, r.score, "rule"});
        } else {
            const bool clash = std::any_of(found.begin(), found.end(),
                                           [&](const Entity& e) { return overlaps(e.span, span); });
            if (!clash) {
                const bool from_gazetteer = r.label == "NORP";
                found.push_back({span, r.label, r.score, from_gazetteer ? "gazetteer" : "rule"});
            }
        }
    }
    // Known organisations the model missed: capitalised, not at the sentence start (where
    // "Target" or "Shell" may be plain words), not inside another entity, and not a single
    // ordinary English word ("Southern", "Booking"), which is left to the model.
    const GazMask org_bits = gaz_bit(GazCategory::company) | gaz_bit(GazCategory::public_org);
    for (std::size_t i = 1; i < count; ++i) {
        if (!(gaz_begin_mask(gaz[i]) & org_bits) ||
            !(ws.features.tokens[i].flags & flag_init_cap)) {
            continue;
        }
        std::size_t last = i + 1;
        while (last < count && (gaz_inside_mask(gaz[last]) & org_bits)) ++last;
        if (last == i + 1 && (gaz_begin_mask(gaz[i]) & gaz_bit(GazCategory::common_word))) {
            continue;
        }
        const docpipe::Span span{tokens[i].span.begin, tokens[last - 1].span.end};
        const bool clash = std::any_of(found.begin(), found.end(),
                                       [&](const Entity& e) { return overlaps(e.span, span); });
        if (!clash) found.push_back({span, "ORG", 0.6f, "gazetteer"});
        i = last - 1;
    }
    // A lone given name inside a sentence ("first lady Melania") that the model left alone:
    // capitalised mid-sentence, a known given name and nothing else (not a place, a month,
    // an organisation word...), between lower-case words.
    const GazMask given =
        gaz_bit(GazCategory::first_name_common) | gaz_bit(GazCategory::first_name);
    const GazMask other =
        ~(given | gaz_bit(GazCategory::surname_common) | gaz_bit(GazCategory::surname) |
          gaz_bit(GazCategory::known_person) | gaz_bit(GazCategory::dictionary_name)) &
        gaz_all_categories;
    auto lower_word = [&](std::size_t k) {
        return k < count && (ws.features.tokens[k].flags & flag_has_lower) &&
               !(ws.features.tokens[k].flags & flag_init_cap);
    };
    for (std::size_t i = 1; i < count; ++i) {
        const auto flags = ws.features.tokens[i].flags;
        if (!(gaz_begin_mask(gaz[i]) & given) ||
            ((gaz_begin_mask(gaz[i]) | gaz_inside_mask(gaz[i])) & other) ||
            !(flags & flag_init_cap) || (flags & flag_all_caps) || !lower_word(i - 1) ||
            (i + 1 < count && !lower_word(i + 1) &&
             !(ws.features.tokens[i + 1].flags & flag_punct))) {
            continue;
        }
        const docpipe::Span span = tokens[i].span;
        const bool clash = std::any_of(found.begin(), found.end(),
                                       [&](const Entity& e) { return overlaps(e.span, span); });
        if (!clash) found.push_back({span, "PERSON", 0.5f, "gazetteer"});
    }
    std::sort(found.begin(), found.end(),
              [](const Entity& a, const Entity& b) { return a.span.begin < b.span.begin; });
    out.insert(out.end(), found.begin(), found.end());
}

}  // namespace entity_tagger
