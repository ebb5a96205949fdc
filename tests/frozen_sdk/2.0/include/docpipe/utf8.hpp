#pragma once
// UTF-8 helpers shared by the host and every plugin.
//
//   if (auto bad = docpipe::utf8::find_invalid(text)) {
//       throw std::runtime_error("invalid UTF-8 at byte " + std::to_string(*bad));
//   }

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace docpipe::utf8 {

/// Length of the sequence starting with lead byte `c`, or 0 when `c` cannot start one.
inline constexpr std::size_t sequence_length(unsigned char c) noexcept {
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 0;
}

/// Byte offset of the first invalid sequence (overlong, surrogate, truncated, > U+10FFFF),
/// or nullopt when `text` is valid UTF-8.
inline std::optional<std::size_t> find_invalid(std::string_view text) noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = sequence_length(c);
        if (len == 0 || i + len > n) return i;
        const unsigned char c1 = s[i + 1];
        if ((c1 & 0xC0) != 0x80) return i;
        if (c == 0xE0 && c1 < 0xA0) return i;  // overlong
        if (c == 0xED && c1 > 0x9F) return i;  // surrogate
        if (c == 0xF0 && c1 < 0x90) return i;  // overlong
        if (c == 0xF4 && c1 > 0x8F) return i;  // above U+10FFFF
        for (std::size_t k = 2; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
        }
        i += len;
    }
    return std::nullopt;
}

/// True when `text` is valid UTF-8.
inline bool is_valid(std::string_view text) noexcept {
    return !find_invalid(text).has_value();
}

/// True when `offset` does not fall inside a multi-byte sequence.
inline bool is_boundary(std::string_view text, std::size_t offset) noexcept {
    if (offset == 0 || offset >= text.size()) return offset <= text.size();
    return (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

/// Decodes the code point at `offset` (text must be valid there); sets `length` to its bytes.
inline char32_t decode(std::string_view text, std::size_t offset, std::size_t& length) noexcept {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + offset;
    const unsigned char c = s[0];
    length = sequence_length(c);
    if (length <= 1 || offset + length > text.size()) {
        length = 1;
        return c;
    }
    char32_t cp = c & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (s[k] & 0x3F);
    return cp;
}

/// Appends the UTF-8 encoding of `cp` to `out`.
inline void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Number of code points in text[0, byte_offset): converts byte offsets to code point offsets.
inline std::size_t codepoint_count(std::string_view text, std::size_t byte_offset) noexcept {
    std::size_t count = 0;
    const std::size_t end = byte_offset < text.size() ? byte_offset : text.size();
    for (std::size_t i = 0; i < end; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
    }
    return count;
}

}  // namespace docpipe::utf8
