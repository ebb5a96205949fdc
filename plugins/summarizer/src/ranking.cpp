#include "ranking.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace summarizer {
namespace {

// Power iteration of PageRank on a dense, row-normalised weight matrix.
std::vector<double> pagerank(const std::vector<std::vector<double>>& weights, double damping) {
    const std::size_t n = weights.size();
    if (n == 0) return {};
    std::vector<double> out_sum(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        for (double w : weights[i]) out_sum[i] += w;
    }
    std::vector<double> rank(n, 1.0 / static_cast<double>(n));
    std::vector<double> next(n);
    for (int iteration = 0; iteration < 100; ++iteration) {
        double dangling = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            if (out_sum[i] == 0.0) dangling += rank[i];
        }
        const double base =
            (1.0 - damping) / static_cast<double>(n) + damping * dangling / static_cast<double>(n);
        std::fill(next.begin(), next.end(), base);
        for (std::size_t i = 0; i < n; ++i) {
            if (out_sum[i] == 0.0) continue;
            const double share = damping * rank[i] / out_sum[i];
            for (std::size_t j = 0; j < n; ++j) next[j] += share * weights[i][j];
        }
        double change = 0.0;
        for (std::size_t i = 0; i < n; ++i) change += std::fabs(next[i] - rank[i]);
        rank.swap(next);
        if (change < 1e-9) break;
    }
    return rank;
}

}  // namespace

std::vector<SparseVector> tfidf_vectors(const std::vector<std::vector<int>>& sentence_terms,
                                        std::size_t vocabulary_size) {
    std::vector<int> df(vocabulary_size, 0);
    std::vector<SparseVector> counts(sentence_terms.size());
    for (std::size_t i = 0; i < sentence_terms.size(); ++i) {
        std::vector<int> ids = sentence_terms[i];
        std::sort(ids.begin(), ids.end());
        for (std::size_t k = 0; k < ids.size();) {
            std::size_t m = k;
            while (m < ids.size() && ids[m] == ids[k]) ++m;
            counts[i].emplace_back(ids[k], static_cast<double>(m - k));
            ++df[static_cast<std::size_t>(ids[k])];
            k = m;
        }
    }
    const double n = static_cast<double>(sentence_terms.size());
    for (auto& v : counts) {
        double norm = 0.0;
        for (auto& [id, w] : v) {
            // Smoothed IDF: a term in every sentence still weighs a little.
            w *= std::log((n + 1.0) / (df[static_cast<std::size_t>(id)] + 0.5));
            norm += w * w;
        }
        norm = std::sqrt(norm);
        if (norm > 0.0) {
            for (auto& [id, w] : v) w /= norm;
        }
    }
    return counts;
}

double cosine(const SparseVector& a, const SparseVector& b) {
    double dot = 0.0;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].first == b[j].first) {
            dot += a[i].second * b[j].second;
            ++i;
            ++j;
        } else if (a[i].first < b[j].first) {
            ++i;
        } else {
            ++j;
        }
    }
    return dot;
}

std::vector<double> centroid_scores(const std::vector<SparseVector>& vectors) {
    std::vector<double> centroid;
    for (const auto& v : vectors) {
        for (const auto& [id, w] : v) {
            if (static_cast<std::size_t>(id) >= centroid.size()) centroid.resize(id + 1, 0.0);
            centroid[static_cast<std::size_t>(id)] += w;
        }
    }
    std::vector<double> out(vectors.size(), 0.0);
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        for (const auto& [id, w] : vectors[i]) out[i] += w * centroid[static_cast<std::size_t>(id)];
    }
    return out;
}

std::vector<double> lexrank_scores(const std::vector<SparseVector>& vectors, double damping) {
    const std::size_t n = vectors.size();
    if (n > max_graph_sentences) return centroid_scores(vectors);
    std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) w[i][j] = w[j][i] = cosine(vectors[i], vectors[j]);
    }
    return pagerank(w, damping);
}

std::vector<double> textrank_scores(const std::vector<std::vector<int>>& sentence_terms,
                                    const std::vector<SparseVector>& vectors, double damping) {
    const std::size_t n = sentence_terms.size();
    if (n > max_graph_sentences) return centroid_scores(vectors);
    std::vector<std::vector<int>> sets(n);
    for (std::size_t i = 0; i < n; ++i) {
        sets[i] = sentence_terms[i];
        std::sort(sets[i].begin(), sets[i].end());
        sets[i].erase(std::unique(sets[i].begin(), sets[i].end()), sets[i].end());
    }
    std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            std::size_t common = 0;
            std::size_t a = 0;
            std::size_t b = 0;
            while (a < sets[i].size() && b < sets[j].size()) {
                if (sets[i][a] == sets[j][b]) {
                    ++common;
                    ++a;
                    ++b;
                } else if (sets[i][a] < sets[j][b]) {
                    ++a;
                } else {
                    ++b;
                }
            }
            if (common == 0) continue;
            // log(1) = 0: one-term sentences would divide by zero, so lengths start at 2.
            const double denom =
                std::log(static_cast<double>(std::max<std::size_t>(sets[i].size(), 2))) +
                std::log(static_cast<double>(std::max<std::size_t>(sets[j].size(), 2)));
            w[i][j] = w[j][i] = static_cast<double>(common) / denom;
        }
    }
    return pagerank(w, damping);
}

std::vector<double> position_scores(std::size_t count, double decay) {
    std::vector<double> out(count);
    // The inverted pyramid: the first sentences carry the news, later ones the background.
    for (std::size_t i = 0; i < count; ++i) out[i] = std::pow(1.0 + static_cast<double>(i), -decay);
    return out;
}

void normalize_max(std::vector<double>& values) {
    double top = 0.0;
    for (double v : values) top = std::max(top, v);
    if (top <= 0.0) return;
    for (double& v : values) v /= top;
}

std::vector<std::size_t> select_mmr(const std::vector<double>& scores,
                                    const std::vector<SparseVector>& vectors,
                                    const std::vector<std::size_t>& word_counts, Budget budget,
                                    double lambda) {
    const std::size_t n = scores.size();
    std::vector<std::size_t> picked;
    if (n == 0) return picked;
    std::vector<double> max_similarity(n, 0.0);
    std::vector<bool> used(n, false);
    std::size_t words = 0;
    const std::size_t limit = budget.words > 0 ? n : std::min(budget.sentences, n);
    while (picked.size() < limit) {
        std::size_t best = n;
        double best_value = -std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < n; ++i) {
            if (used[i]) continue;
            if (budget.words > 0 && words + word_counts[i] > budget.words) continue;
            const double value = lambda * scores[i] - (1.0 - lambda) * max_similarity[i];
            if (value > best_value) {
                best_value = value;
                best = i;
            }
        }
        if (best == n) break;
        used[best] = true;
        picked.push_back(best);
        words += word_counts[best];
        for (std::size_t i = 0; i < n; ++i) {
            if (!used[i]) {
                max_similarity[i] = std::max(max_similarity[i], cosine(vectors[i], vectors[best]));
            }
        }
    }
    if (picked.empty() && budget.words > 0) {
        // Not even one sentence fits: the best one alone beats an empty summary.
        picked.push_back(static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) -
                                                  scores.begin()));
    }
    return picked;
}

}  // namespace summarizer
