#include "perceptron_trainer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace entity_tagger::tools {

PerceptronTrainer::PerceptronTrainer(std::vector<std::string> tags, Gazetteer gazetteer,
                                     TrainerOptions options)
    : tags_(std::move(tags)), options_(options), skeleton_(tags_, options.hash_bits) {
    skeleton_.gazetteer() = std::move(gazetteer);
    weights_.assign((std::size_t{1} << options_.hash_bits) * row_width, 0.0f);
    accumulated_.assign(weights_.size(), 0.0f);
    trans_weights_.assign((tags_.size() + 1) * row_width, 0.0f);
    trans_accumulated_.assign(trans_weights_.size(), 0.0f);
}

std::uint8_t PerceptronTrainer::tag_id(const std::string& tag) const {
    auto it = std::find(tags_.begin(), tags_.end(), tag);
    if (it == tags_.end()) throw std::invalid_argument("tag '" + tag + "' is not in the tag set");
    return static_cast<std::uint8_t>(it - tags_.begin());
}

std::vector<PreparedSentence> PerceptronTrainer::prepare(
    const std::vector<LabeledSentence>& sentences) const {
    std::vector<PreparedSentence> out;
    out.reserve(sentences.size());
    FeatureBuffer buffer;
    std::vector<std::string_view> views;
    for (const auto& s : sentences) {
        views.assign(s.tokens.begin(), s.tokens.end());
        extract_features(views.data(), views.size(), skeleton_.gazetteer(), buffer);
        PreparedSentence p;
        p.buckets.reserve(buffer.ids.size());
        for (auto id : buffer.ids) p.buckets.push_back(skeleton_.bucket_of(id));
        p.offsets = buffer.offsets;
        for (const auto& t : s.tags) p.gold.push_back(tag_id(t));
        out.push_back(std::move(p));
    }
    return out;
}

void PerceptronTrainer::decode(const PreparedSentence& s, const std::vector<float>& weights,
                               std::vector<std::uint8_t>& out) {
    const std::size_t n = s.gold.size();
    emissions_.assign(n * row_width, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        float* em = emissions_.data() + i * row_width;
        for (std::uint32_t k = s.offsets[i]; k < s.offsets[i + 1]; ++k) {
            const float* row = weights.data() + std::size_t{s.buckets[k]} * row_width;
            for (std::size_t t = 0; t < row_width; ++t) em[t] += row[t];
        }
    }
    out.resize(n);
    skeleton_.viterbi(emissions_.data(), n, out.data(), scores_, backpointers_);
}

void PerceptronTrainer::epoch(const std::vector<PreparedSentence>& data, int epoch_index) {
    std::vector<std::size_t> order(data.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(options_.seed + static_cast<std::uint64_t>(epoch_index));
    std::shuffle(order.begin(), order.end(), rng);
    const std::size_t T = tags_.size();
    std::vector<std::uint8_t> predicted;
    for (std::size_t idx : order) {
        const auto& s = data[idx];
        for (std::size_t p = 0; p <= T; ++p) {
            for (std::size_t c = 0; c < T; ++c) {
                skeleton_.set_transition(p, c, trans_weights_[p * row_width + c]);
            }
        }
        decode(s, weights_, predicted);
        const auto step = static_cast<float>(step_);
        auto update = [&](std::size_t bucket_row, std::size_t tag, float delta) {
            weights_[bucket_row + tag] += delta;
            accumulated_[bucket_row + tag] += delta * step;
        };
        auto update_trans = [&](std::size_t prev, std::size_t cur, float delta) {
            trans_weights_[prev * row_width + cur] += delta;
            trans_accumulated_[prev * row_width + cur] += delta * step;
        };
        for (std::size_t i = 0; i < s.gold.size(); ++i) {
            const std::size_t gold_prev = i == 0 ? T : s.gold[i - 1];
            const std::size_t pred_prev = i == 0 ? T : predicted[i - 1];
            if (s.gold[i] != predicted[i]) {
                for (std::uint32_t k = s.offsets[i]; k < s.offsets[i + 1]; ++k) {
                    const std::size_t row = std::size_t{s.buckets[k]} * row_width;
                    update(row, s.gold[i], 1.0f);
                    update(row, predicted[i], -1.0f);
                }
            }
            if (gold_prev != pred_prev || s.gold[i] != predicted[i]) {
                update_trans(gold_prev, s.gold[i], 1.0f);
                update_trans(pred_prev, predicted[i], -1.0f);
            }
        }
        step_ += 1;
    }
}

SequenceModel PerceptronTrainer::export_average(
    const std::vector<const PerceptronTrainer*>& trainers) {
    const PerceptronTrainer& first = *trainers.front();
    const auto& options = first.options_;
    SequenceModel model(first.tags_, options.hash_bits);
    const std::size_t T = first.tags_.size();
    const auto n = static_cast<float>(trainers.size());
    auto averaged = [&](std::size_t i) {
        float sum = 0;
        for (const auto* tr : trainers) {
            sum += tr->weights_[i] - tr->accumulated_[i] / static_cast<float>(tr->step_);
        }
        return sum / n;
    };
    for (std::size_t p = 0; p <= T; ++p) {
        for (std::size_t t = 0; t < T; ++t) {
            const std::size_t i = p * row_width + t;
            float sum = 0;
            for (const auto* tr : trainers) {
                sum += tr->trans_weights_[i] -
                       tr->trans_accumulated_[i] / static_cast<float>(tr->step_);
            }
            model.set_transition(p, t, sum / n);
        }
    }
    // Keep the rows that matter most: largest spread between a row's best and worst tag.
    const std::size_t buckets = std::size_t{1} << options.hash_bits;
    std::vector<std::pair<float, std::uint32_t>> strength;
    for (std::size_t b = 0; b < buckets; ++b) {
        float lo = 0, hi = 0;
        for (std::size_t t = 0; t < T; ++t) {
            const float v = averaged(b * row_width + t);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        if (hi - lo > 1e-6f) strength.emplace_back(hi - lo, static_cast<std::uint32_t>(b));
    }
    if (strength.size() > options.max_rows) {
        std::nth_element(
            strength.begin(), strength.begin() + static_cast<std::ptrdiff_t>(options.max_rows),
            strength.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        strength.resize(options.max_rows);
    }
    std::sort(strength.begin(), strength.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    float row[row_width] = {};
    for (const auto& [s, b] : strength) {
        for (std::size_t t = 0; t < T; ++t) row[t] = averaged(std::size_t{b} * row_width + t);
        model.set_row(b, row);
    }
    model.gazetteer() = first.skeleton_.gazetteer();
    return model;
}

}  // namespace entity_tagger::tools
