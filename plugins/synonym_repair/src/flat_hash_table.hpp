#pragma once
// A small open-addressing hash table from 64-bit keys to values, for the lookups on the hot
// path (automaton edges, collocation counts): one array, linear probing, no allocation per
// entry, several times faster than std::unordered_map here. Insert-only.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace synonym_repair {

template <class V>
class FlatHashTable {
public:
    /// The value stored for `key`, or nullptr.
    const V* find(std::uint64_t key) const noexcept {
        if (slots_.empty()) return nullptr;
        key = fix(key);
        for (std::size_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.key == key) return &s.value;
            if (s.key == 0) return nullptr;
        }
    }
    /// The value for `key`, value-initialised when new.
    V& operator[](std::uint64_t key) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        key = fix(key);
        for (std::size_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.key == key) return s.value;
            if (s.key == 0) {
                s.key = key;
                ++size_;
                return s.value;
            }
        }
    }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

private:
    struct Slot {
        std::uint64_t key = 0;
        V value{};
    };
    // Key 0 marks an empty slot; move a real 0 elsewhere.
    static std::uint64_t fix(std::uint64_t key) noexcept {
        return key == 0 ? 0x9E3779B97F4A7C15ULL : key;
    }
    static std::size_t mix(std::uint64_t k) noexcept {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdULL;
        k ^= k >> 33;
        return static_cast<std::size_t>(k);
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
        mask_ = slots_.size() - 1;
        for (const Slot& s : old) {
            if (s.key == 0) continue;
            for (std::size_t i = mix(s.key) & mask_;; i = (i + 1) & mask_) {
                if (slots_[i].key == 0) {
                    slots_[i] = s;
                    break;
                }
            }
        }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::size_t size_ = 0;
};

}  // namespace synonym_repair
