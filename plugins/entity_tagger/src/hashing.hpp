#pragma once
// Hashing for feature ids and gazetteer keys: string hashes are computed once per token and
// then combined with cheap integer mixing, so feature extraction allocates no strings.

#include <cstdint>
#include <string_view>

namespace entity_tagger {

/// splitmix64's finaliser: a fast bijective mixer with good avalanche.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/// FNV-1a over bytes; `lower` folds ASCII upper case so lookups are case-insensitive.
constexpr std::uint64_t hash_bytes(std::string_view s, bool lower = false,
                                   std::uint64_t seed = 0xcbf29ce484222325ULL) noexcept {
    std::uint64_t h = seed;
    for (char c : s) {
        unsigned char b = static_cast<unsigned char>(c);
        if (lower && b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b - 'A' + 'a');
        h ^= b;
        h *= 0x100000001b3ULL;
    }
    return mix64(h ^ s.size());
}

/// Combines two hashes order-sensitively.
constexpr std::uint64_t combine(std::uint64_t a, std::uint64_t b) noexcept {
    return mix64(a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e019ULL);
}

}  // namespace entity_tagger
