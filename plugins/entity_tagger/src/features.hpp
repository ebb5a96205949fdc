#pragma once
// Feature extraction for the sequence tagger: each token gets a list of hashed feature ids
// (template id combined with a value hash). String hashes are computed once per token and
// reused by every window feature, so the hot path allocates nothing.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "gazetteer.hpp"

namespace entity_tagger {

/// Bump whenever templates or hashing change: a model trained with another feature set is
/// refused at load time instead of tagging garbage.
inline constexpr std::uint32_t feature_set_version = 3;

/// Orthographic facts about one token.
enum TokenFlag : std::uint32_t {
    flag_init_cap = 1u << 0,
    flag_all_caps = 1u << 1,
    flag_has_digit = 1u << 2,
    flag_has_lower = 1u << 3,
    flag_punct = 1u << 4,
    flag_has_period = 1u << 5,
    flag_has_hyphen = 1u << 6,
    flag_non_ascii = 1u << 7,
};

/// What feature extraction computes once per token.
struct TokenInfo {
    std::uint64_t lower = 0;  ///< hash of the ASCII-lower-cased token (also the gazetteer key)
    std::uint64_t exact = 0;
    std::uint64_t shape = 0;  ///< compressed shape, e.g. "Xx" for "Beijing", "X.X." for "U.S."
    std::uint64_t prefix[3] = {};
    std::uint64_t suffix[4] = {};
    std::uint32_t flags = 0;
    std::uint32_t length = 0;  ///< in bytes
};

/// Reusable buffers, grown once, so tagging a sentence allocates nothing.
struct FeatureBuffer {
    std::vector<TokenInfo> tokens;
    std::vector<GazMask> gazetteer;
    std::vector<std::uint64_t> lower_hashes;
    std::vector<std::uint64_t> ids;      ///< feature ids of all tokens, concatenated
    std::vector<std::uint32_t> offsets;  ///< token i owns ids[offsets[i] .. offsets[i+1])

    /// Bytes held by the buffers.
    std::size_t footprint() const noexcept {
        return tokens.capacity() * sizeof(TokenInfo) + gazetteer.capacity() * sizeof(GazMask) +
               (lower_hashes.capacity() + ids.capacity()) * 8 + offsets.capacity() * 4;
    }

    std::size_t size() const noexcept { return tokens.size(); }
    const std::uint64_t* begin_of(std::size_t i) const noexcept { return ids.data() + offsets[i]; }
    const std::uint64_t* end_of(std::size_t i) const noexcept {
        return ids.data() + offsets[i + 1];
    }
};

/// Orthographic analysis of one token.
TokenInfo analyze_token(std::string_view token) noexcept;

/// Extracts the features of a sentence given as token texts.
void extract_features(const std::string_view* tokens, std::size_t count, const Gazetteer& gazetteer,
                      FeatureBuffer& out);

/// Feature id of template `tmpl` with value `value` (exposed for tests).
constexpr std::uint64_t feature_id(std::uint32_t tmpl, std::uint64_t value) noexcept {
    std::uint64_t x = (static_cast<std::uint64_t>(tmpl) + 1) * 0x9e3779b97f4a7c15ULL ^ value;
    x ^= x >> 31;
    x *= 0xd6e8feb86659fd93ULL;
    x ^= x >> 32;
    return x;
}

/// Template ids (stable within a feature_set_version).
enum Template : std::uint32_t {
    t_bias,
    t_word,
    t_word_exact,
    t_word_prev,
    t_word_next,
    t_word_prev2,
    t_word_next2,
    t_bigram_prev,
    t_bigram_next,
    t_shape,
    t_shape_prev,
    t_shape_next,
    t_shape_trigram,
    t_prefix1,
    t_prefix2,
    t_prefix3,
    t_suffix1,
    t_suffix2,
    t_suffix3,
    t_suffix4,
    t_flags,
    t_first_cap,
    t_gaz,
    t_gaz_prev,
    t_gaz_next,
    t_gaz_shape,
    t_prev_word_shape,
    t_next_word_shape,
    t_headline_shape,
    t_length,
    t_cap_run,
    t_gaz_all,
    t_context_suffix,
    t_shape_wide,
    t_run_first_word,
    t_run_last_word,
    t_run_before,
    t_run_after,
};

}  // namespace entity_tagger
