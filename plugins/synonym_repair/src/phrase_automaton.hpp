#pragma once
// Aho–Corasick over word ids: finds every dictionary phrase in one left-to-right pass,
// whatever their number, including phrases that overlap or nest.
//
//   PhraseAutomaton a;
//   a.add({vocab.intern("commerce"), vocab.intern("battle")}, 7);   // pattern 7
//   a.build();
//   std::uint32_t state = 0;
//   state = a.step(state, id);          // per token; id 0 (unknown word) resets
//   for (auto p : a.matches(state)) ... // patterns ending at this token, longest first

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "flat_hash_table.hpp"

namespace synonym_repair {

class PhraseAutomaton {
public:
    /// Adds a phrase (sequence of non-zero word ids) reported as `pattern` when it ends.
    void add(const std::vector<std::uint32_t>& words, std::uint32_t pattern);
    /// Computes failure links; call once after the last add().
    void build();

    /// The state after reading word `id` in `state`.
    std::uint32_t step(std::uint32_t state, std::uint32_t id) const noexcept {
        if (id == 0) return 0;
        while (true) {
            if (const std::uint32_t* next = edge_table_.find(key(state, id))) return *next;
            if (state == 0) return 0;
            state = nodes_[state].fail;
        }
    }
    /// Patterns that end at `state` (its own and those of its suffix states).
    std::span<const std::uint32_t> matches(std::uint32_t state) const noexcept {
        const Node& n = nodes_[state];
        return {outputs_.data() + n.out_begin, n.out_end - n.out_begin};
    }
    /// Number of words in the phrase that ends at `state` for pattern `pattern`.
    std::uint32_t pattern_length(std::uint32_t pattern) const { return lengths_[pattern]; }
    std::size_t state_count() const noexcept { return nodes_.size(); }

private:
    struct Node {
        std::uint32_t fail = 0;
        std::uint32_t depth = 0;
        std::uint32_t out_begin = 0;
        std::uint32_t out_end = 0;
    };
    static std::uint64_t key(std::uint32_t state, std::uint32_t id) noexcept {
        return (static_cast<std::uint64_t>(state) << 32) | id;
    }

    std::vector<Node> nodes_{Node{}};
    std::unordered_map<std::uint64_t, std::uint32_t> edges_;  // while building
    FlatHashTable<std::uint32_t> edge_table_;                 // after build(), for step()
    std::vector<std::vector<std::uint32_t>> own_patterns_{{}};
    std::vector<std::vector<std::uint32_t>> children_{{}};
    std::vector<std::uint32_t> outputs_;
    std::vector<std::uint32_t> lengths_;
};

}  // namespace synonym_repair
