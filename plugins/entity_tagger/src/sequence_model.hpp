#pragma once
// The statistical part of the tagger: BIO tags scored by a linear model over hashed features
// (weights of an averaged perceptron), decoded with Viterbi under BIO constraints.
//
// Weights live in one flat open-addressing table of 32-byte slots (bucket key + 7 weights), so a
// feature costs one cache line; pruned buckets simply have no slot. Lookups for a whole
// sentence are prefetched before they are summed, to overlap the memory latency.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "features.hpp"
#include "gazetteer.hpp"

namespace entity_tagger {

/// Stride of per-token score arrays (emissions, transitions): tags padded to 8.
inline constexpr std::size_t row_width = 8;
/// Most tags a model may have: a weight slot holds a 4-byte key and 7 weights.
inline constexpr std::size_t max_tags = 7;

class SequenceModel {
public:
    SequenceModel() = default;
    /// A model with these tags ("O", "B-PER", "I-PER", ...) and 2^hash_bits feature buckets.
    SequenceModel(std::vector<std::string> tags, std::uint32_t hash_bits);

    const std::vector<std::string>& tags() const noexcept { return tags_; }
    std::size_t tag_count() const noexcept { return tags_.size(); }
    std::uint32_t hash_bits() const noexcept { return hash_bits_; }
    std::size_t row_count() const noexcept { return rows_used_; }

    /// The bucket a feature id falls into.
    std::uint32_t bucket_of(std::uint64_t feature_id) const noexcept {
        return static_cast<std::uint32_t>(feature_id >> (64 - hash_bits_));
    }
    /// Weight row (`tag_count()` values) of a bucket, or nullptr when it was pruned or never seen.
    const float* row(std::uint32_t bucket) const noexcept;
    /// Sets the weights of a bucket (`tag_count()` values).
    void set_row(std::uint32_t bucket, const float* weights);
    /// Transition weight from `prev` to `cur`; prev == tag_count() means sentence start.
    float transition(std::size_t prev, std::size_t cur) const noexcept {
        return transitions_[prev * row_width + cur];
    }
    void set_transition(std::size_t prev, std::size_t cur, float w) {
        transitions_[prev * row_width + cur] = w;
        masked_transitions_[prev * row_width + cur] =
            allowed(prev, cur) ? w : -std::numeric_limits<float>::infinity();
    }
    /// Whether BIO allows `cur` after `prev` (prev == tag_count(): sentence start).
    bool allowed(std::size_t prev, std::size_t cur) const noexcept {
        return allowed_[prev * row_width + cur] != 0;
    }

    /// Emission scores of every token: out[i * row_width + tag]. `slots` is scratch.
    void emissions(const FeatureBuffer& features, std::vector<float>& out,
                   std::vector<std::uint32_t>& slots) const;
    /// Best tag sequence under BIO constraints; `backpointers` is scratch.
    void viterbi(const float* emissions, std::size_t count, std::uint8_t* out_tags,
                 std::vector<float>& scores, std::vector<std::uint8_t>& backpointers) const;

    /// Multiplies scores before the softmax that turns them into confidences.
    float confidence_scale() const noexcept { return confidence_scale_; }
    void set_confidence_scale(float s) noexcept { confidence_scale_ = s; }

    Gazetteer& gazetteer() noexcept { return gazetteer_; }
    const Gazetteer& gazetteer() const noexcept { return gazetteer_; }

    /// Free text saved with the model: what it was trained on.
    const std::string& provenance() const noexcept { return provenance_; }
    void set_provenance(std::string p) { provenance_ = std::move(p); }

    /// Writes the model; throws std::runtime_error naming the path on I/O failure.
    void save(const std::string& path) const;
    /// Reads a model; throws std::runtime_error naming the path and the problem (not a model,
    /// truncated, corrupt, or built for another feature set version).
    static SequenceModel load(const std::string& path);

private:
    struct alignas(32) Slot {
        std::uint32_t key = 0;  // bucket + 1; 0 = empty
        float weights[max_tags] = {};
    };
    void rehash(std::size_t capacity);
    Slot* find_slot(std::uint32_t bucket) noexcept;
    const Slot* find_slot(std::uint32_t bucket) const noexcept {
        return const_cast<SequenceModel*>(this)->find_slot(bucket);
    }

    std::vector<std::string> tags_;
    std::uint32_t hash_bits_ = 20;
    std::vector<float> transitions_;         // (tags + 1) x row_width, last row = start
    std::vector<float> masked_transitions_;  // the same, -inf where BIO forbids the pair
    std::vector<std::uint8_t> allowed_;
    std::vector<Slot> slots_;  // power-of-two capacity, at most half full
    std::size_t rows_used_ = 0;
    float confidence_scale_ = 1.0f;
    Gazetteer gazetteer_;
    std::string provenance_;
};

}  // namespace entity_tagger
