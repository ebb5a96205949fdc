#pragma once
// The statistical part of the tagger: BIO tags scored by a linear model over hashed features
// (weights of an averaged perceptron), decoded with Viterbi under BIO constraints.
//
// Weights live in one flat float array, a row of `row_width` per kept feature bucket, found
// through an open-addressing index; pruned buckets simply have no row.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "features.hpp"
#include "gazetteer.hpp"

namespace entity_tagger {

/// Row width of the weight table: tags are padded to 8 so each row is two SSE loads.
inline constexpr std::size_t row_width = 8;

class SequenceModel {
public:
    SequenceModel() = default;
    /// A model with these tags ("O", "B-PER", "I-PER", ...) and 2^hash_bits feature buckets.
    SequenceModel(std::vector<std::string> tags, std::uint32_t hash_bits);

    const std::vector<std::string>& tags() const noexcept { return tags_; }
    std::size_t tag_count() const noexcept { return tags_.size(); }
    std::uint32_t hash_bits() const noexcept { return hash_bits_; }
    std::size_t row_count() const noexcept { return row_keys_.size(); }

    /// The bucket a feature id falls into.
    std::uint32_t bucket_of(std::uint64_t feature_id) const noexcept {
        return static_cast<std::uint32_t>(feature_id >> (64 - hash_bits_));
    }
    /// Weight row of a bucket, or nullptr when it was pruned or never seen.
    const float* row(std::uint32_t bucket) const noexcept;
    /// Sets the weights of a bucket (`tag_count()` values).
    void set_row(std::uint32_t bucket, const float* weights);
    /// Transition weight from `prev` to `cur`; prev == tag_count() means sentence start.
    float transition(std::size_t prev, std::size_t cur) const noexcept {
        return transitions_[prev * row_width + cur];
    }
    void set_transition(std::size_t prev, std::size_t cur, float w) {
        transitions_[prev * row_width + cur] = w;
    }
    /// Whether BIO allows `cur` after `prev` (prev == tag_count(): sentence start).
    bool allowed(std::size_t prev, std::size_t cur) const noexcept {
        return allowed_[prev * row_width + cur];
    }

    /// Emission scores of every token: out[i * row_width + tag].
    void emissions(const FeatureBuffer& features, std::vector<float>& out) const;
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
    void rebuild_index(std::size_t capacity);

    std::vector<std::string> tags_;
    std::uint32_t hash_bits_ = 20;
    std::vector<float> transitions_;  // (tags + 1) x row_width, last row = start
    std::vector<bool> allowed_;
    std::vector<std::uint32_t> row_keys_;  // bucket of each row
    std::vector<float> rows_;              // row_keys_.size() x row_width
    std::vector<std::uint64_t> index_;     // (bucket + 1) << 32 | row, 0 = empty
    float confidence_scale_ = 1.0f;
    Gazetteer gazetteer_;
    std::string provenance_;
};

}  // namespace entity_tagger
