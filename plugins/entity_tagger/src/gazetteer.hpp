#pragma once
// Phrase lists (names, places, organisations, ...) matched over token sequences.
//
// Phrases are stored as hashes of their lower-cased SDK tokens, so a lookup costs one probe per
// token and matching is case-insensitive; the tagger's features pair a match with the token's
// shape, letting the model learn that "apple" is rarely the company and "Apple" often is.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace entity_tagger {

/// Gazetteer categories; each is one bit of a match mask.
enum class GazCategory : std::uint32_t {
    first_name_common,
    first_name,
    surname_common,
    surname,
    country,
    country_code,
    city_major,
    city,
    region,
    company,
    public_org,
    demonym,
    title,
    calendar,
    location_word,
    org_word,
    // From WordNet's proper nouns: famous people, places, facilities and organisations.
    known_person,
    known_place,
    known_facility,
    known_organisation,
    // From an English word list: "common_word" is a lower-case entry ("party", "bank"),
    // "dictionary_name" a capitalised one ("Boston", "Smith").
    common_word,
    dictionary_name,
    // WordNet common nouns by their first sense: a kind of person ("president"), place
    // ("river") or organisation ("university", "ministry"); name heads and neighbours.
    person_noun,
    place_noun,
    organisation_noun,
};
inline constexpr std::uint32_t gaz_category_count = 25;
static_assert(gaz_category_count <= 31, "bit 31 of a stored value marks phrase prefixes");

constexpr std::uint32_t gaz_bit(GazCategory c) noexcept {
    return 1u << static_cast<std::uint32_t>(c);
}

/// Every category bit.
inline constexpr std::uint32_t gaz_all_categories = (1u << gaz_category_count) - 1;

/// Per-token match result: categories of phrases starting at the token (low 32 bits) and of
/// phrases covering it without starting there (high 32 bits).
using GazMask = std::uint64_t;
constexpr std::uint32_t gaz_begin_mask(GazMask m) noexcept {
    return static_cast<std::uint32_t>(m);
}
constexpr std::uint32_t gaz_inside_mask(GazMask m) noexcept {
    return static_cast<std::uint32_t>(m >> 32);
}

class Gazetteer {
public:
    static constexpr std::size_t max_phrase_tokens = 8;

    /// Adds `phrase` (tokenized with the SDK tokenizer) with category bits `mask`.
    void add(std::string_view phrase, std::uint32_t mask);
    /// Category bits of the phrase made of tokens with these lower-case hashes (0: none).
    std::uint32_t lookup(const std::uint64_t* token_hashes, std::size_t count) const noexcept;
    /// Category bits of a single phrase given as text.
    std::uint32_t lookup_text(std::string_view phrase) const;

    /// Marks every token of every longest match of each category in `out[0..count)`.
    void match(const std::uint64_t* token_hashes, std::size_t count, GazMask* out) const noexcept;

    std::size_t size() const noexcept { return used_; }

    /// Raw entries (key, value) for serialisation, and their inverse.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries() const;
    void insert_raw(std::uint64_t key, std::uint32_t value);

    /// The key of a phrase: tokens' lower-case hashes combined in order.
    static std::uint64_t phrase_key(const std::uint64_t* token_hashes, std::size_t count) noexcept;

private:
    // Set on keys that are proper prefixes of a longer phrase: lets matching stop early.
    static constexpr std::uint32_t prefix_flag = 1u << 31;

    std::uint32_t find(std::uint64_t key) const noexcept;
    void put(std::uint64_t key, std::uint32_t bits);
    void grow();

    // Key and value side by side: a lookup touches one cache line.
    struct Slot {
        std::uint64_t key = 0;  // 0 = empty
        std::uint32_t value = 0;
    };
    std::vector<Slot> slots_;
    std::size_t used_ = 0;
};

}  // namespace entity_tagger
