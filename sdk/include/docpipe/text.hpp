#pragma once
// Tokenizer and sentence splitter shared by every plugin, so all stages agree on boundaries.
//
//   auto tokens = docpipe::text::tokenize(doc.text());
//   for (const auto& s : docpipe::text::split_sentences(doc.text(), tokens)) {
//       std::string_view sentence = docpipe::text::view(doc.text(), s.span);
//   }
//
// Tokens follow news conventions: "U.S.", "Dr." and "J." keep their period; "China’s" splits
// into "China" "’s"; hyphenated words split at the hyphen; "1,000.50" is one number.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "docpipe/span.hpp"
#include "docpipe/utf8.hpp"

namespace docpipe::text {

enum class TokenKind { word, number, punct };

/// A token: its bytes in the text, its kind, how many line breaks precede it, and the hash of
/// its lower-cased bytes (lower_hash()), for dictionary lookups without building strings.
struct Token {
    Span span;
    TokenKind kind = TokenKind::word;
    int newlines_before = 0;
    std::uint64_t lower_hash = 0;
};

/// A sentence: its bytes and its tokens [first_token, last_token).
struct Sentence {
    Span span;
    std::size_t first_token = 0;
    std::size_t last_token = 0;
};

inline std::string_view view(std::string_view text, Span span) {
    return text.substr(span.begin, span.size());
}

/// lower_hash() one byte at a time, for scanners that hash a word while they read it:
/// h = lower_hash_seed, then h = lower_hash_step(h, byte) for each byte, already lower-cased.
inline constexpr std::uint64_t lower_hash_seed = 14695981039346656037ull;
constexpr std::uint64_t lower_hash_step(std::uint64_t h, unsigned char lower_byte) noexcept {
    return (h ^ lower_byte) * 1099511628211ull;
}

/// FNV-1a (64 bits) of `s` with ASCII letters lower-cased; other bytes hash as they are.
/// Token::lower_hash holds it, so equal words in any ASCII case hash equal.
constexpr std::uint64_t lower_hash(std::string_view s) noexcept {
    std::uint64_t h = lower_hash_seed;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        h = lower_hash_step(h, (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c);
    }
    return h;
}

// ---- character classes: what tokenize() and the bundled stages call letters and spaces ----

/// White space: ASCII spacing, NEL, no-break and typographic spaces, line and paragraph
/// separators, the BOM.
inline bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x85 ||
           c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

inline bool is_ascii_alpha(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_digit(char32_t c) {
    return c >= '0' && c <= '9';
}

/// Letters: ASCII letters and non-ASCII code points outside the punctuation, symbol, space and
/// emoji blocks (so CJK, accented and other scripts' letters count; a curly quote does not).
inline bool is_letter(char32_t c) {
    if (c < 0x80) return is_ascii_alpha(c);
    if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
    if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, dingbats
    if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
    if (c >= 0xFE30 && c <= 0xFE4F) return false;
    if (c >= 0xFF00 && c <= 0xFF0F) return false;
    if (c >= 0x1F000) return false;  // emoji and pictographs
    return !is_space(c);
}

inline bool is_apostrophe(char32_t c) {
    return c == '\'' || c == 0x2019;
}

namespace detail {

inline bool is_upper_start(std::string_view text, std::size_t at) {
    std::size_t len = 0;
    const char32_t c = utf8::decode(text, at, len);
    if (c < 0x80) return (c >= 'A' && c <= 'Z') || is_digit(c);
    return is_letter(c) && !(c >= 0xDF && c <= 0xFF);  // rough: Latin-1 lowercase excluded
}

// Case-insensitive (ASCII) equality with a lower-case word, without allocating.
inline bool equals_lower(std::string_view s, std::string_view lower) {
    if (s.size() != lower.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != lower[i]) return false;
    }
    return true;
}

template <class List>
inline bool in_list(std::string_view w, const List& list) {
    return std::any_of(list.begin(), list.end(),
                       [&](std::string_view l) { return equals_lower(w, l); });
}

// Words that keep a following period because they are abbreviations, never sentence ends
// on their own (titles) or usually not (months, corporate suffixes).
inline bool is_title_abbreviation(std::string_view w) {
    static constexpr std::array<std::string_view, 28> titles = {
        "mr",  "mrs",  "ms",   "dr",     "prof", "sr",  "jr",  "sen",  "gen", "gov",
        "rep", "lt",   "col",  "capt",   "sgt",  "maj", "adm", "cmdr", "rev", "insp",
        "hon", "pres", "supt", "messrs", "mt",   "ft",  "vs",  "fr"};
    return in_list(w, titles);
}

inline bool is_other_abbreviation(std::string_view w) {
    static constexpr std::array<std::string_view, 29> others = {
        "no",   "st",   "jan",  "feb",  "mar",  "apr", "jun", "jul",  "aug", "sep",
        "sept", "oct",  "nov",  "dec",  "inc",  "ltd", "co",  "corp", "etc", "approx",
        "est",  "dept", "univ", "assn", "bros", "fig", "al",  "ave",  "blvd"};
    return in_list(w, others);
}

// Words that begin sentences often and names rarely: after "U.S." they signal a new sentence.
inline bool is_sentence_starter(std::string_view w) {
    static constexpr std::array<std::string_view, 36> starters = {
        "the",  "a",    "an",    "he",    "she",   "it",    "they",   "we",      "i",
        "this", "that", "these", "those", "but",   "and",   "in",     "on",      "at",
        "for",  "as",   "if",    "when",  "while", "after", "before", "there",   "his",
        "her",  "its",  "their", "our",   "my",    "yet",   "so",     "however", "meanwhile"};
    return in_list(w, starters);
}

}  // namespace detail

/// Splits UTF-8 `text` into word, number and punctuation tokens (whitespace dropped).
inline std::vector<Token> tokenize(std::string_view text) {
    using namespace detail;
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 5 + 1);
    const std::size_t n = text.size();
    std::size_t i = 0;
    int newlines = 0;
    auto cp_at = [&](std::size_t at, std::size_t& len) -> char32_t {
        if (at >= n) {
            len = 0;
            return 0;
        }
        return utf8::decode(text, at, len);
    };
    while (i < n) {
        std::size_t len = 0;
        const char32_t c = cp_at(i, len);
        if (is_space(c)) {
            if (c == '\n') ++newlines;
            i += len;
            continue;
        }
        const std::size_t start = i;
        TokenKind kind = TokenKind::punct;
        if (is_letter(c) || is_digit(c)) {
            kind = is_digit(c) ? TokenKind::number : TokenKind::word;
            i += len;
            while (i < n) {
                std::size_t l2 = 0;
                const char32_t d = cp_at(i, l2);
                if (is_letter(d) || is_digit(d)) {
                    if (kind == TokenKind::number && is_letter(d)) kind = TokenKind::word;
                    i += l2;
                    continue;
                }
                std::size_t l3 = 0;
                const char32_t next = cp_at(i + l2, l3);
                // 1,000.50 and 10:30 stay one number.
                if (kind == TokenKind::number && (d == ',' || d == '.' || d == ':') &&
                    is_digit(next)) {
                    i += l2;
                    continue;
                }
                // don't, O’Brien: keep the apostrophe inside; clitics are split below.
                if (kind == TokenKind::word && is_apostrophe(d) && is_letter(next)) {
                    i += l2;
                    continue;
                }
                break;
            }
            // Abbreviations: "U.S." / "e.g." (letter-dot runs), initials "J.", known words.
            if (kind == TokenKind::word && i < n && text[i] == '.') {
                const std::string_view word = text.substr(start, i - start);
                std::size_t j = i;
                bool dotted = false;
                while (j + 2 < n + 1 && j < n && text[j] == '.' && j + 1 < n &&
                       is_ascii_alpha(static_cast<unsigned char>(text[j + 1])) &&
                       (j + 2 >= n || !is_letter(static_cast<unsigned char>(text[j + 2])))) {
                    j += 2;
                    dotted = true;
                }
                if (dotted && word.size() <= 2) {               // U.S., e.g., Ph.D.
                    i = (j < n && text[j] == '.') ? j + 1 : j;  // "U.S." or "U.S" before "-"
                } else if ((word.size() == 1 &&
                            is_ascii_alpha(static_cast<unsigned char>(word[0]))) ||
                           is_title_abbreviation(word) || is_other_abbreviation(word)) {
                    i += 1;
                }
            }
        } else if (c == '.' || c == '!' || c == '?' || c == '-') {
            // "...", "!!!", "?!", "--" stay together.
            i += len;
            while (i < n && (text[i] == '.' || text[i] == '!' || text[i] == '?' ||
                             (c == '-' && text[i] == '-'))) {
                if (c == '-' && text[i] != '-') break;
                ++i;
            }
        } else {
            i += len;
        }
        // Split clitics off words: China’s -> China ’s, don't -> do n't, I'M -> I 'M.
        if (kind == TokenKind::word) {
            const std::string_view w = text.substr(start, i - start);
            // Whether `w` ends in `suffix` (lower-case ASCII letters, any apostrophe bytes),
            // ignoring ASCII case.
            auto ends_with = [&](std::string_view suffix) {
                if (w.size() <= suffix.size()) return false;
                const std::string_view tail = w.substr(w.size() - suffix.size());
                for (std::size_t k = 0; k < suffix.size(); ++k) {
                    const char c = tail[k];
                    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != suffix[k])
                        return false;
                }
                return true;
            };
            std::size_t cut = std::string_view::npos;
            // (The curly apostrophe is a separate literal: "\x99d" would read as one escape.)
            for (std::string_view suffix : {"'s", "'re", "'ve", "'ll", "'d", "'m",
                                            "\xE2\x80\x99"
                                            "s",
                                            "\xE2\x80\x99"
                                            "re",
                                            "\xE2\x80\x99"
                                            "ve",
                                            "\xE2\x80\x99"
                                            "ll",
                                            "\xE2\x80\x99"
                                            "d",
                                            "\xE2\x80\x99"
                                            "m"}) {
                if (ends_with(suffix)) {
                    cut = w.size() - suffix.size();
                    break;
                }
            }
            for (std::string_view suffix : {"n't",
                                            "n\xE2\x80\x99"
                                            "t"}) {
                if (cut == std::string_view::npos && w.size() > suffix.size() + 1 &&
                    ends_with(suffix)) {
                    cut = w.size() - suffix.size();
                }
            }
            if (cut != std::string_view::npos) {
                tokens.push_back({{start, start + cut}, TokenKind::word, newlines});
                tokens.push_back({{start + cut, i}, TokenKind::word, 0});
                newlines = 0;
                continue;
            }
        }
        tokens.push_back({{start, i}, kind, newlines});
        newlines = 0;
    }
    for (auto& t : tokens) t.lower_hash = lower_hash(view(text, t.span));
    return tokens;
}

/// Groups tokens into sentences. Knows abbreviations ("U.S.", "Dr.", "Jan."), initials,
/// decimals, closing quotes after the final period, and headings (lines without final
/// punctuation). A blank line always ends a sentence.
inline std::vector<Sentence> split_sentences(std::string_view text,
                                             const std::vector<Token>& tokens) {
    using namespace detail;
    std::vector<Sentence> sentences;
    if (tokens.empty()) return sentences;
    auto tok = [&](std::size_t k) { return view(text, tokens[k].span); };
    auto is_closer = [&](std::size_t k) {
        const auto t = tok(k);
        // A straight quote closes only when it touches the token before it: `left." She`
        // closes, `left. "Go` opens.
        if (t == "\"" || t == "'") return k > 0 && tokens[k - 1].span.end == tokens[k].span.begin;
        return t == ")" || t == "]" || t == "\xE2\x80\x9D" || t == "\xE2\x80\x99" ||
               t == "\xC2\xBB";
    };
    // Abbreviations and initials that never end a sentence: "Dr.", "J.".
    auto is_binding_abbreviation = [&](std::size_t k) {
        const auto p = tok(k);
        if (tokens[k].kind != TokenKind::word || p.size() < 2 || p.back() != '.') return false;
        const auto stem = p.substr(0, p.size() - 1);
        return stem.size() == 1 || is_title_abbreviation(stem);
    };
    // Lines ending in these words continue on the next line, whatever its case.
    auto is_continuation_word = [&](std::size_t k) {
        static constexpr std::array<std::string_view, 24> words = {
            "the", "a",  "an",  "of",   "to", "in",   "on",  "at",  "for",   "with", "by", "from",
            "and", "or", "but", "that", "as", "than", "his", "her", "their", "its",  "is", "was"};
        const auto w = tok(k);
        return tokens[k].kind == TokenKind::word &&
               std::find(words.begin(), words.end(), w) != words.end();
    };
    auto is_final = [&](std::size_t k) {
        const auto t = tok(k);
        if (tokens[k].kind != TokenKind::punct) return false;
        return t.find_first_not_of(".!?") == std::string_view::npos || t == "\xE2\x80\xA6";  // …
    };
    // Does a new sentence start at token k (k > 0), given the token before?
    auto starts_new = [&](std::size_t k) {
        const Token& t = tokens[k];
        if (t.newlines_before >= 2) return true;
        std::size_t prev = k - 1;
        while (prev > 0 && is_closer(prev) && !is_final(prev)) --prev;
        const bool upper_next = is_upper_start(text, t.span.begin) || tok(k) == "\"" ||
                                tok(k) == "\xE2\x80\x9C" || tok(k) == "(";
        if (t.newlines_before == 1) {
            // A line break ends a heading or a paragraph, unless the text is hard-wrapped: the
            // next line starts in lower case, or this one ends in "Dr." or "with".
            if (is_final(prev)) return true;
            if (is_binding_abbreviation(k - 1) || is_continuation_word(k - 1)) return false;
            return upper_next;
        }
        if (is_closer(k) && is_final(k - 1)) return false;  // “...!!!” keeps its quote
        if (is_final(prev)) return upper_next;
        // An abbreviation's own period may also end the sentence: "... in the U.S. The".
        const auto p = tok(prev);
        if (tokens[prev].kind == TokenKind::word && p.size() > 1 && p.back() == '.') {
            if (is_binding_abbreviation(prev)) return false;  // "Dr. Smith", "Donald J. Trump"
            return upper_next && is_sentence_starter(tok(k));
        }
        return false;
    };
    std::size_t first = 0;
    for (std::size_t k = 1; k <= tokens.size(); ++k) {
        if (k == tokens.size() || starts_new(k)) {
            sentences.push_back({{tokens[first].span.begin, tokens[k - 1].span.end}, first, k});
            first = k;
        }
    }
    return sentences;
}

/// Tokenizes and splits in one call.
inline std::vector<Sentence> split_sentences(std::string_view text) {
    return split_sentences(text, tokenize(text));
}

}  // namespace docpipe::text
