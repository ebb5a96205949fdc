#pragma once
// The repair engine, independent of the document model so tools and benchmarks can use it:
// dictionaries compiled into one phrase automaton, a context model, and the scoring that
// decides which matches to restore.
//
//   Repairer r;
//   r.add_dictionary(news);           // PhraseDictionary
//   r.set_context_model(std::move(lm));
//   r.build();
//   for (const Repair& x : r.find(text, {})) ...   // non-overlapping, left to right
//
// Scoring, per match of a spun phrase Y with candidate original X (confidence = logistic):
//   logit(prior of the entry)                  how often Y is a spin, before context
// + document evidence                          texts full of unambiguous spins are spun
//                                              throughout; clean texts get a penalty
// + weight * (fit of X minus fit of Y)         association with the left and right
//                                              neighbours in clean English
// + article agreement                          "an professional" betrays "an expert"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "context_model.hpp"
#include "dictionary.hpp"
#include "docpipe/workspace_pool.hpp"
#include "phrase_automaton.hpp"
#include "token_vocabulary.hpp"

namespace synonym_repair {

struct RepairOptions {
    double min_confidence = 0.5;
    bool repair_quotes = false;  ///< text between quotation marks is left alone unless true
};

/// One restoration, in the coordinates of the scanned text.
struct Repair {
    std::size_t begin = 0;  ///< bytes of the spun phrase
    std::size_t end = 0;
    std::string spun;         ///< the spun phrase as it appears
    std::string replacement;  ///< the restored wording, case carried over
    std::string_view source;  ///< dictionary name (owned by the Repairer)
    double confidence = 0;
};

/// Intermediate numbers behind a decision (for the evaluation tool and tests).
struct ScoreParts {
    double prior = 0;
    double document = 0;
    double context = 0;
    double article = 0;
};

class Repairer {
public:
    void add_dictionary(const PhraseDictionary& dictionary);
    /// The context model; set it before build().
    void set_context_model(ContextModel model) {
        model_ = std::move(model);
        built_ = false;
    }
    /// Nouns that satisfy a `<head>` placeholder (one a line, '#' comments). Throws
    /// std::runtime_error when the file cannot be read.
    void load_head_nouns(const std::string& path);
    void add_head_noun(std::string_view noun) { head_nouns_.intern(noun); }
    /// Compiles the automaton; call once after the last add_dictionary().
    void build();

    /// Repairs to make in `text`, non-overlapping, sorted by position.
    std::vector<Repair> find(std::string_view text, const RepairOptions& options) const;

    std::size_t entry_count() const noexcept { return entries_.size(); }
    std::size_t pattern_count() const noexcept { return pattern_entries_.size(); }

private:
    struct Token {
        std::uint64_t hash;  // hash_word() of the lower-cased token
        std::uint32_t begin;
        std::uint32_t end;
        bool break_before;
        bool quoted;
    };
    struct Candidate {
        std::uint32_t first_token;
        std::uint32_t last_token;  // inclusive
        std::uint32_t entry;
        double base_logit;  // prior + article evidence
        double context;     // association difference, recomputed after neighbours are fixed
        double document;    // evidence that the whole text is spun
        double confidence;
    };

    // Token index -> hash of the restored word standing there (for the second pass), sorted
    // by token index.
    using Overrides = std::vector<std::pair<std::uint32_t, std::uint64_t>>;
    // A run of overlapping candidates, decided together.
    struct Cluster {
        std::size_t begin;
        std::uint32_t first;
        std::uint32_t last;
    };
    // Scratch space of one find() call, reused across documents (see WorkspacePool).
    struct Workspace {
        std::vector<Token> tokens;
        std::vector<Candidate> candidates;
        Overrides left_override, right_override;
        std::vector<std::uint32_t> strong_starts;
        std::vector<Cluster> clusters;
        std::vector<Candidate*> order;
        std::vector<std::uint8_t> marks;  // 1: left override, 2: right override
        std::size_t footprint() const noexcept {
            return tokens.capacity() * sizeof(Token) + candidates.capacity() * sizeof(Candidate) +
                   (left_override.capacity() + right_override.capacity()) *
                       sizeof(Overrides::value_type) +
                   strong_starts.capacity() * 4 + clusters.capacity() * sizeof(Cluster) +
                   order.capacity() * sizeof(Candidate*) + marks.capacity();
        }
    };

    double context_score(const std::vector<Token>& tokens, const Candidate& c,
                         const Overrides& left_override, const Overrides& right_override) const;
    std::string render(std::string_view text, const std::vector<Token>& tokens,
                       const Candidate& c) const;

    std::vector<PhraseEntry> entries_;
    std::vector<std::vector<std::string>> original_tokens_;    // normalised originals
    std::vector<std::vector<std::uint64_t>> original_hashes_;  // hash_word() of each
    std::vector<double> inside_fit_;  // mean association of adjacent original words
    std::vector<std::vector<std::uint32_t>> pattern_entries_;
    TokenVocabulary vocabulary_;
    PhraseAutomaton automaton_;
    ContextModel model_;
    TokenVocabulary head_nouns_;
    std::uint32_t number_id_ = 0;
    bool built_ = false;
    mutable docpipe::WorkspacePool<Workspace> workspaces_;
};

}  // namespace synonym_repair
