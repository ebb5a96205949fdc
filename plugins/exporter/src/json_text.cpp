#include "json_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace docpipe::exporter {
namespace {

// Bytes that may start an escape: controls, '"', '\\', DEL, and the lead bytes of U+0085
// (C2 85) and U+2028/U+2029 (E2 80 A8/A9). Everything else is copied in runs.
constexpr std::array<bool, 256> special_bytes = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = true;
    t['"'] = t['\\'] = t[0x7F] = t[0xC2] = t[0xE2] = true;
    return t;
}();

constexpr char hex_digits[] = "0123456789abcdef";

// Writes the escape for the character at text[i] and returns how many bytes it consumed, or 0
// when the byte is an ordinary one (a lead byte of some other character).
std::size_t escape_at(std::string& out, std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = [&](std::size_t k) {
        return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
    };
    switch (c) {
        case '"': out += "\\\""; return 1;
        case '\\': out += "\\\\"; return 1;
        case '\b': out += "\\b"; return 1;
        case '\f': out += "\\f"; return 1;
        case '\n': out += "\\n"; return 1;
        case '\r': out += "\\r"; return 1;
        case '\t': out += "\\t"; return 1;
        case 0x7F: out += "\\u007f"; return 1;
        case 0xC2:
            if (next(1) != 0x85) return 0;
            out += "\\u0085";
            return 2;
        case 0xE2:
            if (next(1) != 0x80 || (next(2) != 0xA8 && next(2) != 0xA9)) return 0;
            out += next(2) == 0xA8 ? "\\u2028" : "\\u2029";
            return 3;
        default:  // the other C0 controls
            out += "\\u00";
            out += hex_digits[c >> 4];
            out += hex_digits[c & 0xF];
            return 1;
    }
}

}  // namespace

void JsonText::append_string(std::string& out, std::string_view text) {
    out += '"';
    std::size_t from = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (!special_bytes[static_cast<unsigned char>(text[i])]) {
            ++i;
            continue;
        }
        out.append(text.data() + from, i - from);
        const std::size_t used = escape_at(out, text, i);
        if (used == 0) {
            out += text[i];
            ++i;
        } else {
            i += used;
        }
        from = i;
    }
    out.append(text.data() + from, text.size() - from);
    out += '"';
}

void JsonText::newline(std::size_t level) {
    out_ += '\n';
    out_.append(level * static_cast<std::size_t>(indent_), ' ');
}

void JsonText::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (levels_.empty()) return;  // the top-level value
    Level& level = levels_.back();
    if (!level.empty) out_ += ',';
    level.empty = false;
    if (indent_ >= 0) newline(static_cast<std::size_t>(depth_) + levels_.size());
}

void JsonText::open(char bracket) {
    before_value();
    out_ += bracket;
    levels_.push_back({});
}

void JsonText::close(char bracket) {
    const bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty && indent_ >= 0) newline(static_cast<std::size_t>(depth_) + levels_.size());
    out_ += bracket;
    if (sink_ != nullptr) sink_->spill();
}

void JsonText::key(std::string_view name) {
    before_value();
    append_string(out_, name);
    out_ += indent_ >= 0 ? ": " : ":";
    after_key_ = true;
}

void JsonText::value(std::string_view text) {
    before_value();
    append_string(out_, text);
}

void JsonText::value(std::size_t number) {
    before_value();
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, number).ptr;
    out_.append(buf, static_cast<std::size_t>(end - buf));
}

void JsonText::value(double number) {
    if (!std::isfinite(number)) {
        null();
        return;
    }
    before_value();
    // nlohmann's own Grisu2 formatting (header-only, pinned by the Debian package), so the
    // bytes stay what every earlier docpipe release wrote.
    char buf[64];
    char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, number);
    out_.append(buf, static_cast<std::size_t>(end - buf));
}

void JsonText::number(double n) {
    constexpr double exact = 9007199254740992.0;  // 2^53: every integer below is a double
    if (!std::isfinite(n) || std::trunc(n) != n || std::fabs(n) >= exact) {
        value(n);
        return;
    }
    before_value();
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, static_cast<std::int64_t>(n)).ptr;
    out_.append(buf, static_cast<std::size_t>(end - buf));
}

void JsonText::boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
}

void JsonText::null() {
    before_value();
    out_ += "null";
}

}  // namespace docpipe::exporter
