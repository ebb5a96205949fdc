#pragma once
// conlleval-style scoring: exact-span, typed chunks from IOB2 tags; micro-averaged precision,
// recall and F1 overall and per type.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace entity_tagger::tools {

/// A typed chunk: tokens [first, last).
struct Chunk {
    std::size_t first = 0;
    std::size_t last = 0;
    std::string type;
    friend bool operator==(const Chunk&, const Chunk&) = default;
};

/// Chunks of an IOB2 (or IOB1) tag sequence with conlleval's rules: an I-X after O or after
/// another type starts a new chunk.
std::vector<Chunk> chunks_of(const std::vector<std::string>& tags);

struct Counts {
    std::size_t gold = 0, predicted = 0, correct = 0;
    double precision() const { return predicted ? 100.0 * correct / predicted : 0.0; }
    double recall() const { return gold ? 100.0 * correct / gold : 0.0; }
    double f1() const {
        const double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
};

class ConllEvaluator {
public:
    /// Adds one sentence; throws std::invalid_argument when the lengths differ.
    void add(const std::vector<std::string>& gold, const std::vector<std::string>& predicted);
    const Counts& overall() const noexcept { return overall_; }
    const std::map<std::string, Counts>& per_type() const noexcept { return per_type_; }
    /// A plain-text table: one line per type and the overall line.
    std::string report(const std::string& title) const;

private:
    Counts overall_;
    std::map<std::string, Counts> per_type_;
};

}  // namespace entity_tagger::tools
