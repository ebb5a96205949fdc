#pragma once
// The fast word scanner the matcher runs over whole documents.
//
//   scan_words(text, [&](const ScannedToken& t) { ... });
//
// It sees text the way the dictionaries are written: words are runs of letters and digits
// (ASCII or any non-punctuation code point), lower-cased in ASCII; an apostrophe splits a word
// and starts a clitic token ("China’s" -> "china" "'s"); a hyphen between letters is a token
// "-" ("non-permanent" -> "non" "-" "permanent"); any other punctuation is a phrase break, so no
// phrase matches across a comma, a dash or a quotation mark. The SDK tokenizer makes richer
// decisions (abbreviations, sentence ends) that phrase matching does not need; this scanner
// runs at ~200 MB/s against the SDK tokenizer's ~95 MB/s on the seed, and the benchmark target
// (50 MB/s for the whole stage) leaves no room for the difference.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace synonym_repair {

enum class QuoteEvent : std::uint8_t { none, open, close, toggle };

/// One token or one break between tokens.
struct ScannedToken {
    std::size_t begin = 0;  ///< byte offsets in the text
    std::size_t end = 0;
    std::string_view lower;  ///< lower-cased word (valid until the next callback; empty when
                             ///< scan_words<false> was asked not to build it)
    std::uint64_t hash = 0;  ///< FNV-1a of the lower-cased word, equal to hash_word(lower)
    std::size_t length = 0;  ///< bytes of the lower-cased word
    bool is_number = false;
    bool break_before = false;  ///< punctuation (not just spaces) separates it from the previous
    bool newline_before = false;
    QuoteEvent quotes_before = QuoteEvent::none;  ///< quotation marks between it and the previous
    int quote_count_before = 0;                   ///< how many quote characters
};

namespace detail {

inline bool is_ascii_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Decodes a multi-byte UTF-8 code point (lead byte >= 0x80); returns its length, 1 if invalid.
inline std::size_t decode_multibyte(std::string_view text, std::size_t i, char32_t& cp) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const unsigned char c = s[i];
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || i + len > text.size()) {
        cp = 0xFFFD;
        return 1;
    }
    cp = c & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    return len;
}

inline bool is_letter_cp(char32_t c) {
    if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2000 && c <= 0x2BFF) return false;
    if (c >= 0x3000 && c <= 0x303F) return false;
    if (c >= 0xFE30 && c <= 0xFE4F) return false;
    if (c >= 0xFF00 && c <= 0xFF0F) return false;
    if (c >= 0x1F000) return false;
    return c != 0xFEFF && c != 0x202F && c != 0x205F && c != 0x3000;
}

inline bool is_space_cp(char32_t c) {
    return c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 ||
           c == 0xFEFF;
}

}  // namespace detail

/// 64-bit FNV-1a, step by step (the same function as hash_word()).
inline constexpr std::uint64_t fnv_offset = 1469598103934665603ULL;
inline constexpr std::uint64_t fnv_prime = 1099511628211ULL;

/// Calls `on_token` for each word or number token of `text`, in order. With keep_lower =
/// false the lower-cased string is not built (the hash and length are enough to look words up),
/// which is what the matcher uses on whole documents.
template <bool keep_lower = true, class F>
void scan_words(std::string_view text, F&& on_token) {
    using namespace detail;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::string lower;
    if constexpr (keep_lower) lower.reserve(64);
    std::uint64_t hash = fnv_offset;
    std::size_t length = 0;
    auto put = [&](char c) {
        hash = (hash ^ static_cast<unsigned char>(c)) * fnv_prime;
        ++length;
        if constexpr (keep_lower) lower += c;
    };
    std::size_t i = 0;
    bool pending_break = false;
    bool pending_newline = false;
    QuoteEvent pending_quote = QuoteEvent::none;
    int pending_quotes = 0;
    // Hands a token over with the breaks and quotes seen since the last one, then forgets them.
    auto emit = [&](ScannedToken& t) {
        t.break_before = pending_break;
        t.newline_before = pending_newline;
        t.quotes_before = pending_quote;
        t.quote_count_before = pending_quotes;
        on_token(t);
        pending_break = false;
        pending_newline = false;
        pending_quote = QuoteEvent::none;
        pending_quotes = 0;
    };
    bool clitic_next = false;  // the previous word ended at an apostrophe followed by a letter
    auto note_quote = [&](QuoteEvent e) {
        pending_quote = pending_quote == QuoteEvent::none ? e : pending_quote;
        ++pending_quotes;
        pending_break = true;
    };
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80 && !is_ascii_word_byte(c)) {
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
                ++i;
            } else if (c == '\n') {
                pending_newline = true;
                ++i;
            } else if (c == '"') {
                note_quote(QuoteEvent::toggle);
                ++i;
            } else if (c == '-' && i > 0 && i + 1 < n && is_ascii_word_byte(s[i - 1]) &&
                       is_ascii_word_byte(s[i + 1])) {
                // A hyphen inside a word is a token of its own, so "well-being" and
                // "well being" stay different phrases and "non-permanent" can be matched.
                ScannedToken t;
                t.begin = i;
                t.end = i + 1;
                t.lower = "-";
                t.hash = (fnv_offset ^ static_cast<unsigned char>('-')) * fnv_prime;
                t.length = 1;
                emit(t);
                ++i;
            } else if (c == '\'' && i + 1 < n && is_ascii_word_byte(s[i + 1]) && i > 0 &&
                       is_ascii_word_byte(s[i - 1])) {
                clitic_next = true;  // don't, China's: the clitic starts here
                goto word;
            } else {
                pending_break = true;
                ++i;
            }
            continue;
        }
        if (c >= 0x80) {
            char32_t cp = 0;
            const std::size_t len = decode_multibyte(text, i, cp);
            if (!is_letter_cp(cp)) {
                if (cp == 0x2019 && i > 0 && i + len < n && is_ascii_word_byte(s[i + len]) &&
                    is_ascii_word_byte(s[i - 1])) {
                    clitic_next = true;
                    goto word;
                }
                if (cp == 0x201C) {
                    note_quote(QuoteEvent::open);
                } else if (cp == 0x201D) {
                    note_quote(QuoteEvent::close);
                } else if (is_space_cp(cp)) {
                    // spacing only
                } else {
                    pending_break = true;
                }
                i += len;
                continue;
            }
        }
    word : {
        const std::size_t start = i;
        if constexpr (keep_lower) lower.clear();
        hash = fnv_offset;
        length = 0;
        bool number = true;
        if (clitic_next) {
            put('\'');
            number = false;
            i += s[i] == '\'' ? 1 : 3;
            clitic_next = false;
        }
        while (i < n) {
            const unsigned char d = s[i];
            if (d < 0x80) {
                if (is_ascii_word_byte(d)) {
                    if (d >= 'A' && d <= 'Z') {
                        put(static_cast<char>(d + 32));
                        number = false;
                    } else {
                        if (d > '9') number = false;
                        put(static_cast<char>(d));
                    }
                    ++i;
                    continue;
                }
                // 1,000.50 and 10:30 stay one number.
                if (number && length > 0 && (d == ',' || d == '.' || d == ':') && i + 1 < n &&
                    s[i + 1] >= '0' && s[i + 1] <= '9') {
                    put(static_cast<char>(d));
                    ++i;
                    continue;
                }
                if (d == '\'' && i + 1 < n && is_ascii_word_byte(s[i + 1])) clitic_next = true;
                break;
            }
            char32_t cp = 0;
            const std::size_t len = decode_multibyte(text, i, cp);
            if (is_letter_cp(cp)) {
                for (std::size_t k = 0; k < len; ++k) put(text[i + k]);
                number = false;
                i += len;
                continue;
            }
            if (cp == 0x2019 && i + len < n && is_ascii_word_byte(s[i + len])) clitic_next = true;
            break;
        }
        ScannedToken t;
        t.begin = start;
        t.end = i;
        t.lower = lower;
        t.hash = hash;
        t.length = length;
        t.is_number = number;
        emit(t);
    }
    }
}

}  // namespace synonym_repair
