#pragma once
// The whole tagger: SDK tokens and sentences -> model BIO tags + exact rules -> typed entities.
//
//   auto tagger = entity_tagger::Tagger(entity_tagger::SequenceModel::load(path));
//   entity_tagger::Tagger::Workspace ws;
//   std::vector<entity_tagger::Entity> found;
//   tagger.tag(text, ws, found);   // byte spans of `text`, OntoNotes labels

#include <cstdint>
#include <docpipe/document.hpp>
#include <docpipe/text.hpp>
#include <string_view>
#include <vector>

#include "features.hpp"
#include "rules.hpp"
#include "sequence_model.hpp"

namespace entity_tagger {

/// One entity found in a text.
struct Entity {
    docpipe::Span span;       ///< bytes of the tagged text
    std::string_view label;   ///< PERSON, ORG, GPE, LOC, FAC, NORP, DATE, ...; a literal
    float score = 1.0f;       ///< confidence in [0, 1]
    std::string_view source;  ///< "model", "rule" or "gazetteer"
};

/// The one kind a gazetteer phrase mask names: "ORG", "GPE" (a place), "FAC" (a named
/// building and nothing else) or "PERSON" (a famous person; given names and surnames alone
/// only make the phrase ambiguous), or empty when it names several kinds, none, or is also
/// an ordinary English word.
std::string_view unambiguous_kind(std::uint32_t phrase_mask) noexcept;

class Tagger {
public:
    /// Scratch buffers reused across calls; one per thread.
    struct Workspace {
        FeatureBuffer features;
        std::vector<std::string_view> tokens;
        std::vector<float> emissions, scores;
        std::vector<std::uint8_t> backpointers, tags;
        std::vector<std::uint32_t> slots;
        std::vector<RuleMatch> rules;
        std::vector<Entity> sentence_entities;
        std::vector<bool> covered;
        std::vector<Entity> found;  // of the whole text, for the stage

        /// Bytes held by the buffers (WorkspacePool frees a workspace that grew too large).
        std::size_t footprint() const noexcept {
            return features.footprint() + tokens.capacity() * sizeof(std::string_view) +
                   (emissions.capacity() + scores.capacity()) * sizeof(float) +
                   backpointers.capacity() + tags.capacity() + slots.capacity() * 4 +
                   rules.capacity() * sizeof(RuleMatch) +
                   (sentence_entities.capacity() + found.capacity()) * sizeof(Entity) +
                   covered.capacity() / 8;
        }
    };

    explicit Tagger(SequenceModel model);

    const SequenceModel& model() const noexcept { return model_; }

    /// Tags a whole text: tokenizes and splits it with the SDK and appends entities to `out`.
    void tag(std::string_view text, Workspace& ws, std::vector<Entity>& out) const;
    /// Tags pre-tokenized text (SDK tokens and sentences of `text`); appends to `out`.
    void tag(std::string_view text, const std::vector<docpipe::text::Token>& tokens,
             const std::vector<docpipe::text::Sentence>& sentences, Workspace& ws,
             std::vector<Entity>& out) const;

    /// Model-only BIO tag ids for one sentence of token texts (training and evaluation).
    void tag_tokens(const std::string_view* tokens, std::size_t count, Workspace& ws) const;

private:
    void tag_sentence(std::string_view text, const docpipe::text::Token* tokens, std::size_t count,
                      Workspace& ws, std::vector<Entity>& out) const;
    // Second pass over a document: names found once ("Xi Jinping", "Huawei") are tagged again
    // where the sentence model missed them ("Xi", alone, later on).
    void propagate(std::string_view text, const std::vector<docpipe::text::Token>& tokens,
                   const std::vector<docpipe::text::Sentence>& sentences, Workspace& ws,
                   std::vector<Entity>& out, std::size_t first_new) const;
    std::string_view location_type(const std::uint64_t* lower, const GazMask* gaz,
                                   std::size_t first, std::size_t last) const;

    SequenceModel model_;
    // Per tag: the entity type it belongs to (PER/ORG/LOC/...) and whether it begins one.
    std::vector<std::string_view> tag_type_;
    std::vector<bool> tag_begins_;
};

}  // namespace entity_tagger
