#include "gazetteer.hpp"

#include <algorithm>
#include <docpipe/text.hpp>

#include "hashing.hpp"

namespace entity_tagger {

std::uint64_t Gazetteer::phrase_key(const std::uint64_t* token_hashes, std::size_t count) noexcept {
    std::uint64_t h = 0x51ed270b27b4a6c1ULL;
    for (std::size_t i = 0; i < count; ++i) h = combine(h, token_hashes[i]);
    return h | 1;  // never 0, which marks an empty slot
}

void Gazetteer::add(std::string_view phrase, std::uint32_t mask) {
    const auto tokens = docpipe::text::tokenize(phrase);
    if (tokens.empty() || tokens.size() > max_phrase_tokens || mask == 0) return;
    std::uint64_t hashes[max_phrase_tokens];
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        hashes[i] = hash_bytes(docpipe::text::view(phrase, tokens[i].span), true);
    }
    for (std::size_t len = 1; len < tokens.size(); ++len) put(phrase_key(hashes, len), prefix_flag);
    put(phrase_key(hashes, tokens.size()), mask & ~prefix_flag);
}

std::uint32_t Gazetteer::lookup(const std::uint64_t* token_hashes,
                                std::size_t count) const noexcept {
    return find(phrase_key(token_hashes, count)) & ~prefix_flag;
}

std::uint32_t Gazetteer::lookup_text(std::string_view phrase) const {
    const auto tokens = docpipe::text::tokenize(phrase);
    if (tokens.empty() || tokens.size() > max_phrase_tokens) return 0;
    std::uint64_t hashes[max_phrase_tokens];
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        hashes[i] = hash_bytes(docpipe::text::view(phrase, tokens[i].span), true);
    }
    return lookup(hashes, tokens.size());
}

void Gazetteer::match(const std::uint64_t* token_hashes, std::size_t count,
                      GazMask* out) const noexcept {
    for (std::size_t i = 0; i < count; ++i) out[i] = 0;
    if (used_ == 0) return;
    // Per category, the end of the longest match seen so far: shorter matches inside a longer
    // one of the same category are not marked as beginnings ("New York City" vs "York").
    std::size_t covered_until[gaz_category_count] = {};
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = 0; i < count; ++i) {
        // Most tokens start no phrase and cost one probe: fetch a few tokens ahead.
        if (i + 4 < count) {
            const std::uint64_t ahead = combine(0x51ed270b27b4a6c1ULL, token_hashes[i + 4]) | 1;
            __builtin_prefetch(slots_.data() + (mix64(ahead) & mask));
        }
        std::uint64_t h = 0x51ed270b27b4a6c1ULL;
        std::uint32_t best_len[gaz_category_count] = {};
        const std::size_t max_len = std::min(max_phrase_tokens, count - i);
        for (std::size_t len = 1; len <= max_len; ++len) {
            h = combine(h, token_hashes[i + len - 1]);
            const std::uint32_t v = find(h | 1);
            if (v == 0) break;
            std::uint32_t bits = v & ~prefix_flag;
            while (bits != 0) {
                const int c = __builtin_ctz(bits);
                bits &= bits - 1;
                best_len[c] = static_cast<std::uint32_t>(len);
            }
            if ((v & prefix_flag) == 0) break;
        }
        for (std::uint32_t c = 0; c < gaz_category_count; ++c) {
            const std::size_t len = best_len[c];
            if (len == 0 || i + len <= covered_until[c]) continue;
            out[i] |= GazMask{1} << c;
            for (std::size_t k = 1; k < len; ++k) out[i + k] |= GazMask{1} << (c + 32);
            covered_until[c] = i + len;
        }
    }
}

std::uint32_t Gazetteer::find(std::uint64_t key) const noexcept {
    if (slots_.empty()) return 0;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = mix64(key) & mask;; slot = (slot + 1) & mask) {
        if (slots_[slot].key == key) return slots_[slot].value;
        if (slots_[slot].key == 0) return 0;
    }
}

void Gazetteer::put(std::uint64_t key, std::uint32_t bits) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = mix64(key) & mask;; slot = (slot + 1) & mask) {
        if (slots_[slot].key == key) {
            slots_[slot].value |= bits;
            return;
        }
        if (slots_[slot].key == 0) {
            slots_[slot] = {key, bits};
            ++used_;
            return;
        }
    }
}

void Gazetteer::grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    used_ = 0;
    for (const Slot& s : old) {
        if (s.key != 0) put(s.key, s.value);
    }
}

std::vector<std::pair<std::uint64_t, std::uint32_t>> Gazetteer::entries() const {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> out;
    out.reserve(used_);
    for (const Slot& s : slots_) {
        if (s.key != 0) out.emplace_back(s.key, s.value);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void Gazetteer::insert_raw(std::uint64_t key, std::uint32_t value) {
    put(key | 1, value);
}

}  // namespace entity_tagger
