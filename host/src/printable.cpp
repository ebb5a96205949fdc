#include "docpipe/host/printable.hpp"

#include <cstring>

namespace docpipe::host {
namespace {

// No allocation and no locale: the crash handler calls this.
class Escaper {
public:
    Escaper(char* out, std::size_t size) noexcept : out_(out), size_(size) {}

    // Returns false once `out` is full.
    bool run(const unsigned char* s, std::size_t n) noexcept {
        for (std::size_t i = 0; i < n;) {
            const std::size_t len = sequence_length(s + i, n - i);
            if (len == 0) {
                if (!hex_byte(s[i])) return false;
                ++i;
                continue;
            }
            const unsigned cp = decode(s + i, len);
            const bool control = (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F);
            const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                              cp == 0x200E || cp == 0x200F || cp == 0x061C;
            if (control && cp < 0x80) {
                if (!hex_byte(static_cast<unsigned char>(cp))) return false;
            } else if (control || bidi) {
                if (!codepoint(cp)) return false;
            } else if (!put(reinterpret_cast<const char*>(s + i), len)) {
                return false;
            }
            i += len;
        }
        return true;
    }
    std::size_t written() const noexcept { return used_; }

private:
    // Length of the valid UTF-8 sequence at `s`, or 0.
    static std::size_t sequence_length(const unsigned char* s, std::size_t n) noexcept {
        const unsigned char c = s[0];
        std::size_t len = c < 0x80                 ? 1
                          : c >= 0xC2 && c <= 0xDF ? 2
                          : c >= 0xE0 && c <= 0xEF ? 3
                          : c >= 0xF0 && c <= 0xF4 ? 4
                                                   : 0;
        if (len == 0 || len > n) return 0;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[k] & 0xC0) != 0x80) return 0;
        }
        // Overlong, surrogate and out-of-range forms.
        if (c == 0xE0 && s[1] < 0xA0) return 0;
        if (c == 0xED && s[1] > 0x9F) return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0;
        if (c == 0xF4 && s[1] > 0x8F) return 0;
        return len;
    }
    static unsigned decode(const unsigned char* s, std::size_t len) noexcept {
        if (len == 1) return s[0];
        unsigned cp = s[0] & (0x7F >> len);
        for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[k] & 0x3F);
        return cp;
    }
    bool put(const char* s, std::size_t n) noexcept {
        if (used_ + n + 1 > size_) return false;
        std::memcpy(out_ + used_, s, n);
        used_ += n;
        return true;
    }
    bool hex_byte(unsigned char b) noexcept {
        const char e[4] = {'\\', 'x', digits[b >> 4], digits[b & 15]};
        return put(e, 4);
    }
    bool codepoint(unsigned cp) noexcept {
        const char e[9] = {'\\',
                           'u',
                           '{',
                           digits[(cp >> 12) & 15],
                           digits[(cp >> 8) & 15],
                           digits[(cp >> 4) & 15],
                           digits[cp & 15],
                           '}'};
        return put(e, 8);
    }

    static constexpr char digits[] = "0123456789abcdef";
    char* out_;
    std::size_t size_;
    std::size_t used_ = 0;
};

}  // namespace

std::size_t printable_into(const char* text, char* out, std::size_t size) noexcept {
    if (size == 0) return 0;
    Escaper e(out, size);
    if (text != nullptr) {
        e.run(reinterpret_cast<const unsigned char*>(text), std::strlen(text));
    }
    out[e.written()] = '\0';
    return e.written();
}

std::string printable(std::string_view text) {
    // Every byte becomes at most 4: \xHH for one byte, \u{0085} (8) for a 2-byte control,
    // \u{202e} (8) for a 3-byte bidi control.
    std::string out(text.size() * 4 + 1, '\0');
    Escaper e(out.data(), out.size());
    e.run(reinterpret_cast<const unsigned char*>(text.data()), text.size());
    out.resize(e.written());
    return out;
}

}  // namespace docpipe::host
