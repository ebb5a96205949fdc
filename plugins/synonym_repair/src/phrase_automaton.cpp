#include "phrase_automaton.hpp"

#include <algorithm>
#include <deque>

namespace synonym_repair {

void PhraseAutomaton::add(const std::vector<std::uint32_t>& words, std::uint32_t pattern) {
    std::uint32_t state = 0;
    for (std::uint32_t id : words) {
        auto [it, inserted] = edges_.try_emplace(key(state, id), 0);
        if (inserted) {
            it->second = static_cast<std::uint32_t>(nodes_.size());
            nodes_.push_back({0, nodes_[state].depth + 1, 0, 0});
            own_patterns_.emplace_back();
            children_[state].push_back(it->second);
            children_.emplace_back();
        }
        state = it->second;
    }
    own_patterns_[state].push_back(pattern);
    if (lengths_.size() <= pattern) lengths_.resize(pattern + 1, 0);
    lengths_[pattern] = static_cast<std::uint32_t>(words.size());
}

void PhraseAutomaton::build() {
    // Breadth-first, so a node's failure target is finished before the node itself.
    std::deque<std::uint32_t> queue;
    for (std::uint32_t child : children_[0]) {
        nodes_[child].fail = 0;
        queue.push_back(child);
    }
    // Edge labels are needed to follow failure links; recover them from the edge map once.
    std::vector<std::uint32_t> label(nodes_.size(), 0);
    for (const auto& [k, target] : edges_) label[target] = static_cast<std::uint32_t>(k);
    while (!queue.empty()) {
        const std::uint32_t node = queue.front();
        queue.pop_front();
        for (std::uint32_t child : children_[node]) {
            std::uint32_t f = nodes_[node].fail;
            std::uint32_t target = 0;
            while (true) {
                auto it = edges_.find(key(f, label[child]));
                if (it != edges_.end() && it->second != child) {
                    target = it->second;
                    break;
                }
                if (f == 0) break;
                f = nodes_[f].fail;
            }
            nodes_[child].fail = target;
            queue.push_back(child);
        }
    }
    // Flatten outputs: own patterns then the failure chain's, longest phrase first.
    outputs_.clear();
    for (std::uint32_t node = 0; node < nodes_.size(); ++node) {
        nodes_[node].out_begin = static_cast<std::uint32_t>(outputs_.size());
        for (std::uint32_t s = node; s != 0; s = nodes_[s].fail) {
            outputs_.insert(outputs_.end(), own_patterns_[s].begin(), own_patterns_[s].end());
        }
        nodes_[node].out_end = static_cast<std::uint32_t>(outputs_.size());
    }
    own_patterns_.clear();
    own_patterns_.shrink_to_fit();
    children_.clear();
    children_.shrink_to_fit();
    edge_table_ = FlatHashTable<std::uint32_t>();
    for (const auto& [k, target] : edges_) edge_table_[k] = target;
}

}  // namespace synonym_repair
