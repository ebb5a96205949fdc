#pragma once
// Structured averaged perceptron over hashed features, decoded with the model's own Viterbi,
// then pruned into a SequenceModel.

#include <cstdint>
#include <string>
#include <vector>

#include "conll_corpus.hpp"
#include "sequence_model.hpp"

namespace entity_tagger::tools {

struct TrainerOptions {
    std::uint32_t hash_bits = 20;
    int epochs = 10;
    std::size_t max_rows = 150000;  ///< weight rows kept after pruning (largest first)
    std::uint64_t seed = 12345;     ///< sentence shuffling
};

/// A sentence with its features precomputed once (feature buckets, gold tag ids).
struct PreparedSentence {
    std::vector<std::uint32_t> buckets;
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint8_t> gold;
};

class PerceptronTrainer {
public:
    PerceptronTrainer(std::vector<std::string> tags, Gazetteer gazetteer, TrainerOptions options);

    /// Tag id of a normalised IOB2 tag; throws for a tag outside the tag set.
    std::uint8_t tag_id(const std::string& tag) const;
    /// Extracts features of labelled sentences (tags already normalised).
    std::vector<PreparedSentence> prepare(const std::vector<LabeledSentence>& sentences) const;

    /// One pass over `data` in shuffled order.
    void epoch(const std::vector<PreparedSentence>& data, int epoch_index);
    /// The averaged weights as a pruned model with the gazetteer.
    SequenceModel export_model() const { return export_average({this}); }
    /// The mean of several trainers' averaged weights (same tags and options, other shuffling
    /// seeds): a small ensemble that is as fast to run as one model.
    static SequenceModel export_average(const std::vector<const PerceptronTrainer*>& trainers);

    const SequenceModel& skeleton() const noexcept { return skeleton_; }

private:
    void decode(const PreparedSentence& s, const std::vector<float>& weights,
                std::vector<std::uint8_t>& out);

    std::vector<std::string> tags_;
    TrainerOptions options_;
    SequenceModel skeleton_;  // tags, BIO constraints, current transitions, gazetteer
    std::vector<float> weights_, accumulated_;
    std::vector<float> trans_weights_, trans_accumulated_;
    double step_ = 1;
    std::vector<float> emissions_, scores_;
    std::vector<std::uint8_t> backpointers_;
};

}  // namespace entity_tagger::tools
