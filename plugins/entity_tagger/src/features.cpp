#include "features.hpp"

#include <docpipe/utf8.hpp>

#include "hashing.hpp"

namespace entity_tagger {
namespace {

constexpr std::uint64_t boundary_before = 0x2b1c5f0e8a7d3c91ULL;
constexpr std::uint64_t boundary_after = 0x7f4a7c159e3779b9ULL;

bool ascii_upper(unsigned char b) {
    return b >= 'A' && b <= 'Z';
}
bool ascii_lower(unsigned char b) {
    return b >= 'a' && b <= 'z';
}
bool ascii_digit(unsigned char b) {
    return b >= '0' && b <= '9';
}

}  // namespace

TokenInfo analyze_token(std::string_view token) noexcept {
    TokenInfo info;
    info.length = static_cast<std::uint32_t>(token.size());
    info.lower = hash_bytes(token, true);
    info.exact = hash_bytes(token, false);
    // Compressed shape: X upper, x lower, d digit, other ASCII as itself, repeats collapsed,
    // at most 8 symbols; hashed incrementally instead of building a string.
    std::uint64_t shape = 0xcbf29ce484222325ULL;
    char last = 0;
    int shape_len = 0;
    bool any_letter = false, any_lower = false, any_upper = false;
    for (std::size_t i = 0; i < token.size();) {
        const auto b = static_cast<unsigned char>(token[i]);
        char symbol;
        std::size_t len = 1;
        if (b < 0x80) {
            if (ascii_upper(b)) {
                symbol = 'X';
                any_upper = any_letter = true;
            } else if (ascii_lower(b)) {
                symbol = 'x';
                any_lower = any_letter = true;
            } else if (ascii_digit(b)) {
                symbol = 'd';
                info.flags |= flag_has_digit;
            } else {
                symbol = static_cast<char>(b);
                if (b == '.') info.flags |= flag_has_period;
                if (b == '-') info.flags |= flag_has_hyphen;
            }
        } else {
            info.flags |= flag_non_ascii;
            const char32_t cp = docpipe::utf8::decode(token, i, len);
            if (len == 0) len = 1;
            // Latin-1 and Latin Extended-A upper case; other scripts count as lower-case letters.
            const bool upper = (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
                               (cp >= 0x100 && cp <= 0x17F && (cp % 2 == 0));
            const bool punct = (cp >= 0x2000 && cp <= 0x2BFF) || cp < 0xC0;
            if (punct) {
                symbol = 'p';
            } else if (upper) {
                symbol = 'X';
                any_upper = any_letter = true;
            } else {
                symbol = 'x';
                any_lower = any_letter = true;
            }
        }
        if (symbol != last && shape_len < 8) {
            shape ^= static_cast<unsigned char>(symbol);
            shape *= 0x100000001b3ULL;
            ++shape_len;
            last = symbol;
        }
        i += len;
    }
    info.shape = mix64(shape);
    if (any_lower) info.flags |= flag_has_lower;
    if (!any_letter && (info.flags & flag_has_digit) == 0) info.flags |= flag_punct;
    if (!token.empty()) {
        const auto b0 = static_cast<unsigned char>(token[0]);
        const bool first_upper = b0 < 0x80 ? ascii_upper(b0) : any_upper;
        if (first_upper) info.flags |= flag_init_cap;
    }
    if (any_upper && !any_lower) {
        int letters = 0;
        for (char c : token) letters += ascii_upper(static_cast<unsigned char>(c)) ? 1 : 0;
        if (letters >= 2) info.flags |= flag_all_caps;
    }
    for (std::size_t k = 0; k < 3; ++k) {
        info.prefix[k] = token.size() > k + 1 ? hash_bytes(token.substr(0, k + 1), true) : 0;
    }
    for (std::size_t k = 0; k < 4; ++k) {
        info.suffix[k] =
            token.size() > k + 1 ? hash_bytes(token.substr(token.size() - k - 1), true) : 0;
    }
    return info;
}

void extract_features(const std::string_view* tokens, std::size_t count, const Gazetteer& gazetteer,
                      FeatureBuffer& out) {
    out.tokens.resize(count);
    out.gazetteer.resize(count);
    out.lower_hashes.resize(count);
    out.ids.clear();
    out.offsets.resize(count + 1);
    for (std::size_t i = 0; i < count; ++i) {
        out.tokens[i] = analyze_token(tokens[i]);
        out.lower_hashes[i] = out.tokens[i].lower;
    }
    gazetteer.match(out.lower_hashes.data(), count, out.gazetteer.data());

    // Headlines capitalise every word, which makes capitalisation a weaker signal.
    int words = 0, capitalised = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& t = out.tokens[i];
        if ((t.flags & flag_punct) || t.length < 4) continue;
        ++words;
        capitalised += (t.flags & flag_init_cap) ? 1 : 0;
    }
    const std::uint64_t headline = (words >= 3 && capitalised * 5 >= words * 4) ? 1 : 0;

    auto word_at = [&](std::ptrdiff_t k) -> std::uint64_t {
        if (k < 0) return boundary_before;
        if (k >= static_cast<std::ptrdiff_t>(count)) return boundary_after;
        return out.tokens[k].lower;
    };
    auto shape_at = [&](std::ptrdiff_t k) -> std::uint64_t {
        if (k < 0) return boundary_before;
        if (k >= static_cast<std::ptrdiff_t>(count)) return boundary_after;
        return out.tokens[k].shape;
    };
    auto gaz_at = [&](std::ptrdiff_t k) -> GazMask {
        if (k < 0 || k >= static_cast<std::ptrdiff_t>(count)) return 0;
        return out.gazetteer[k];
    };

    // Runs of capitalised words ("Xi Jinping", "World Health Organization"): where a token
    // sits in its run says a lot about where an entity starts and ends.
    std::size_t run_start = 0;
    out.ids.reserve(count * 48);
    for (std::size_t i = 0; i < count; ++i) {
        out.offsets[i] = static_cast<std::uint32_t>(out.ids.size());
        const auto& t = out.tokens[i];
        const auto k = static_cast<std::ptrdiff_t>(i);
        auto emit = [&](Template tmpl, std::uint64_t value) {
            out.ids.push_back(feature_id(tmpl, value));
        };
        const std::uint64_t w = t.lower;
        const std::uint64_t wp = word_at(k - 1), wn = word_at(k + 1);
        const std::uint64_t sp = shape_at(k - 1), sn = shape_at(k + 1);
        emit(t_bias, 0);
        emit(t_word, w);
        emit(t_word_exact, t.exact);
        emit(t_word_prev, wp);
        emit(t_word_next, wn);
        emit(t_word_prev2, word_at(k - 2));
        emit(t_word_next2, word_at(k + 2));
        emit(t_bigram_prev, combine(wp, w));
        emit(t_bigram_next, combine(w, wn));
        emit(t_shape, t.shape);
        emit(t_shape_prev, combine(sp, t.shape));
        emit(t_shape_next, combine(t.shape, sn));
        emit(t_shape_trigram, combine(combine(sp, t.shape), sn));
        for (int p = 0; p < 3; ++p) {
            if (t.prefix[p]) emit(static_cast<Template>(t_prefix1 + p), t.prefix[p]);
        }
        for (int s = 0; s < 4; ++s) {
            if (t.suffix[s]) emit(static_cast<Template>(t_suffix1 + s), t.suffix[s]);
        }
        emit(t_flags, t.flags);
        emit(t_first_cap, (i == 0 ? 2u : 0u) | ((t.flags & flag_init_cap) ? 1u : 0u));
        const GazMask g = out.gazetteer[i];
        const std::uint64_t cap = (t.flags & flag_init_cap) ? 1 : 0;
        for (GazMask bits = g; bits != 0; bits &= bits - 1) {
            const std::uint64_t bit = static_cast<std::uint64_t>(__builtin_ctzll(bits));
            emit(t_gaz, bit);
            emit(t_gaz_shape, combine(bit * 2 + cap, t.shape));
        }
        for (GazMask bits = gaz_at(k - 1); bits != 0; bits &= bits - 1) {
            emit(t_gaz_prev, static_cast<std::uint64_t>(__builtin_ctzll(bits)) * 2 + cap);
        }
        for (GazMask bits = gaz_at(k + 1); bits != 0; bits &= bits - 1) {
            emit(t_gaz_next, static_cast<std::uint64_t>(__builtin_ctzll(bits)) * 2 + cap);
        }
        emit(t_gaz_all, combine(g, cap));
        emit(t_prev_word_shape, combine(wp, t.shape));
        emit(t_next_word_shape, combine(wn, t.shape));
        emit(t_headline_shape, combine(headline, t.shape));
        emit(t_length, t.length > 12 ? 12 : t.length);
        // Neighbours' endings ("-ed" verbs after a name, "-ese" adjectives before a noun) and
        // the shapes two tokens away.
        emit(t_context_suffix, combine(1, k > 0 ? out.tokens[k - 1].suffix[2] : boundary_before));
        emit(t_context_suffix,
             combine(2, k + 1 < static_cast<std::ptrdiff_t>(count) ? out.tokens[k + 1].suffix[2]
                                                                   : boundary_after));
        emit(t_shape_wide, combine(shape_at(k - 2), combine(t.shape, shape_at(k + 2))));

        const bool capital = (t.flags & flag_init_cap) != 0 && (t.flags & flag_punct) == 0;
        if (!capital) {
            run_start = i + 1;
            emit(t_cap_run, 0);
        } else {
            std::size_t run_end = i + 1;
            while (run_end < count && (out.tokens[run_end].flags & flag_init_cap) &&
                   !(out.tokens[run_end].flags & flag_punct)) {
                ++run_end;
            }
            if (run_start > i) run_start = i;
            const std::uint64_t position = (i == run_start ? 1 : 0) | (i + 1 == run_end ? 2 : 0);
            const std::size_t length = run_end - run_start;
            emit(t_cap_run, 4 + position * 8 + (length > 4 ? 4 : length));
            // The run's edges name its kind ("Yangtze River", "Harvard University") and the
            // words around it its role ("in ...", "... said").
            emit(t_run_first_word, combine(position, out.tokens[run_start].lower));
            emit(t_run_last_word, combine(position, out.tokens[run_end - 1].lower));
            emit(t_run_before,
                 combine(position, word_at(static_cast<std::ptrdiff_t>(run_start) - 1)));
            emit(t_run_after, combine(position, word_at(static_cast<std::ptrdiff_t>(run_end))));
        }
    }
    out.offsets[count] = static_cast<std::uint32_t>(out.ids.size());
}

}  // namespace entity_tagger
