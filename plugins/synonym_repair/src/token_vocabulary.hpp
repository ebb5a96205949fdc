#pragma once
// Maps normalised words to small integer ids with one hash probe per word, so the phrase
// automaton can step on integers. Words not in any phrase get id 0 and reset the automaton.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "docpipe/text.hpp"

namespace synonym_repair {

/// 64-bit FNV-1a of the bytes as they are: for a lower-cased word, the SDK's
/// docpipe::text::lower_hash(), and what scan_words() computes while it reads.
inline std::uint64_t hash_word(std::string_view w) noexcept {
    std::uint64_t h = docpipe::text::lower_hash_seed;
    for (unsigned char c : w) h = docpipe::text::lower_hash_step(h, c);
    return h;
}

/// An open-addressing table from word to id; ids start at 1 (0 means "not a phrase word").
class TokenVocabulary {
public:
    static constexpr std::uint32_t unknown = 0;

    /// The id of `word`, adding it when new.
    std::uint32_t intern(std::string_view word);
    /// The id of `word`, or `unknown`.
    std::uint32_t find(std::string_view word) const noexcept { return find(word, hash_word(word)); }
    /// The same, with `hash` = hash_word(word) already computed.
    std::uint32_t find(std::string_view word, std::uint64_t h) const noexcept {
        return find_hashed(h, word.size());
    }
    /// The same, from the word's hash and length only.
    std::uint32_t find_hashed(std::uint64_t h, std::size_t length) const noexcept {
        if (slots_.empty()) return unknown;
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.id == unknown) return unknown;
            // 64-bit hashes of a few thousand words do not collide in practice; comparing the
            // length only keeps the per-token cost to one probe.
            if (s.hash == h && words_[s.id].size() == length) return s.id;
        }
    }
    std::size_t size() const noexcept { return words_.size() - 1; }
    const std::string& word(std::uint32_t id) const { return words_[id]; }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t id = unknown;
    };
    void grow();

    std::vector<Slot> slots_;
    std::vector<std::string> words_{std::string()};
    std::size_t mask_ = 0;
};

}  // namespace synonym_repair
