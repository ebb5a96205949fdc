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
// (50 MB/s for the whole stage) leaves no room for the difference. It decodes, classifies and
// hashes with the SDK's functions (utf8::decode, text::is_letter / is_space, lower_hash), so a
// word's hash is the SDK token's lower_hash and both agree on what a letter is.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "docpipe/text.hpp"
#include "docpipe/utf8.hpp"

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
    return docpipe::text::is_ascii_alpha(c) || docpipe::text::is_digit(c);
}

// Line and paragraph separators (and NEL) end a line as '\n' does.
inline bool is_line_break(char32_t c) {
    return c == 0x85 || c == 0x2028 || c == 0x2029;
}

}  // namespace detail

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
    using docpipe::text::lower_hash_seed;
    using docpipe::text::lower_hash_step;
    std::uint64_t hash = lower_hash_seed;
    std::size_t length = 0;
    auto put = [&](char c) {
        hash = lower_hash_step(hash, static_cast<unsigned char>(c));
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
                t.hash = lower_hash_step(lower_hash_seed, '-');
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
            std::size_t len = 0;
            const char32_t cp = docpipe::utf8::decode(text, i, len);
            if (!docpipe::text::is_letter(cp)) {
                if (cp == 0x2019 && i > 0 && i + len < n && is_ascii_word_byte(s[i + len]) &&
                    is_ascii_word_byte(s[i - 1])) {
                    clitic_next = true;
                    goto word;
                }
                if (cp == 0x201C) {
                    note_quote(QuoteEvent::open);
                } else if (cp == 0x201D) {
                    note_quote(QuoteEvent::close);
                } else if (is_line_break(cp)) {
                    pending_newline = true;
                } else if (docpipe::text::is_space(cp)) {
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
        hash = lower_hash_seed;
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
            std::size_t len = 0;
            const char32_t cp = docpipe::utf8::decode(text, i, len);
            if (docpipe::text::is_letter(cp)) {
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
