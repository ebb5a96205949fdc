#pragma once
// Sentence scoring: the graph rankers (LexRank over TF-IDF cosine, TextRank over word
// overlap), the position prior of news writing, and MMR selection under a budget.

#include <cstddef>
#include <utility>
#include <vector>

namespace summarizer {

/// A sparse term vector: (term id, weight) sorted by id.
using SparseVector = std::vector<std::pair<int, double>>;

/// TF-IDF vectors of sentences given as term ids; IDF counts sentences as documents
/// (the document is its own corpus), L2-normalised so a dot product is the cosine.
std::vector<SparseVector> tfidf_vectors(const std::vector<std::vector<int>>& sentence_terms,
                                        std::size_t vocabulary_size);

/// Cosine of two L2-normalised sparse vectors.
double cosine(const SparseVector& a, const SparseVector& b);

/// Above this many sentences the graph rankers fall back to centroid similarity: the graph
/// costs O(n^2) time and memory, and a book-length input must not take minutes or gigabytes.
inline constexpr std::size_t max_graph_sentences = 600;

/// Cosine of each sentence with the document's TF-IDF centroid (degree centrality's cheap
/// cousin).
std::vector<double> centroid_scores(const std::vector<SparseVector>& vectors);

/// Continuous LexRank (Erkan & Radev 2004): PageRank over the cosine graph. Sums to 1.
/// Beyond max_graph_sentences: centroid_scores.
std::vector<double> lexrank_scores(const std::vector<SparseVector>& vectors, double damping = 0.85);

/// TextRank (Mihalcea & Tarau 2004): PageRank over shared-term counts normalised by
/// log sentence lengths. Sums to 1. Beyond max_graph_sentences: centroid similarity of
/// `vectors` (the same sentences' TF-IDF vectors).
std::vector<double> textrank_scores(const std::vector<std::vector<int>>& sentence_terms,
                                    const std::vector<SparseVector>& vectors,
                                    double damping = 0.85);

/// The news position prior: 1 / (1 + i)^decay for the i-th candidate (0-based).
std::vector<double> position_scores(std::size_t count, double decay = 0.5);

/// Divides by the maximum so the best is 1 (all zeros stay zeros).
void normalize_max(std::vector<double>& values);

/// How much of the summary a budget allows.
struct Budget {
    std::size_t sentences = 3;  ///< used when words == 0
    std::size_t words = 0;      ///< word budget; 0 = count sentences instead
};

/// Picks sentences greedily by maximal marginal relevance:
/// lambda * score - (1 - lambda) * max similarity to what is already picked.
/// Returns candidate indices in pick order (rank order). With a word budget, sentences that
/// would overflow it are skipped; when not even one fits, the best one alone is returned.
std::vector<std::size_t> select_mmr(const std::vector<double>& scores,
                                    const std::vector<SparseVector>& vectors,
                                    const std::vector<std::size_t>& word_counts, Budget budget,
                                    double lambda);

}  // namespace summarizer
