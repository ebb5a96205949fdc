#include "tagger.hpp"

#include <algorithm>
#include <cmath>

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

bool overlaps(docpipe::Span a, docpipe::Span b) { return a.begin < b.end && b.begin < a.end; }

}  // namespace

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
    for (const auto& s : sentences) {
        tag_sentence(text, tokens.data() + s.first_token, s.last_token - s.first_token, ws, out);
    }
}

void Tagger::tag_tokens(const std::string_view* tokens, std::size_t count, Workspace& ws) const {
    extract_features(tokens, count, model_.gazetteer(), ws.features);
    model_.emissions(ws.features, ws.emissions);
    ws.tags.resize(count);
    model_.viterbi(ws.emissions.data(), count, ws.tags.data(), ws.scores, ws.backpointers);
}

std::string_view Tagger::location_type(const std::uint64_t* lower, const GazMask* gaz,
                                       std::size_t first, std::size_t last) const {
    const std::uint32_t political =
        gaz_bit(GazCategory::country) | gaz_bit(GazCategory::country_code) |
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
    for (std::size_t i = 0; i < count; ++i) ws.tokens[i] = docpipe::text::view(text, tokens[i].span);
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
        while (last < count && !tag_begins_[ws.tags[last]] && tag_type_[ws.tags[last]] == tag_type_[tag]) {
            ++last;
        }
        float score = 1.0f;
        for (std::size_t k = i; k < last; ++k) score = std::min(score, token_confidence(k));
        std::string_view label = ontonotes_label(tag_type_[tag]);
        if (label == "GPE") label = location_type(lower, gaz, i, last);
        if (label != "MISC") {
            found.push_back({{tokens[i].span.begin, tokens[last - 1].span.end}, label, score, "model"});
        }
        i = last;
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
    std::sort(found.begin(), found.end(),
              [](const Entity& a, const Entity& b) { return a.span.begin < b.span.begin; });
    out.insert(out.end(), found.begin(), found.end());
}

}  // namespace entity_tagger
