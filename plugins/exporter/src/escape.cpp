#include "escape.hpp"

#include "docpipe/utf8.hpp"

namespace docpipe::exporter {

std::string make_visible(std::string_view s, bool keep_layout) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            const bool layout = c == '\t' || c == '\n' || c == '\r';
            if (c >= 0x20 && c != 0x7F) {
                out += static_cast<char>(c);
            } else if (layout && keep_layout) {
                out += static_cast<char>(c);
            } else {
                utf8::append(out, c == 0x7F ? char32_t{0x2421} : char32_t{0x2400} + c);
            }
            ++i;
            continue;
        }
        std::size_t len = 0;
        const char32_t cp = utf8::decode(s, i, len);
        if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
            utf8::append(out, 0x2424);
        } else if (cp >= 0x80 && cp < 0xA0) {
            utf8::append(out, 0xFFFD);
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string html_escape(std::string_view s) {
    const std::string visible = make_visible(s, true);
    std::string out;
    out.reserve(visible.size() + visible.size() / 8);
    for (const char c : visible) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string markdown_escape(std::string_view s) {
    // One line: layout characters become spaces, other controls visible.
    std::string line;
    line.reserve(s.size());
    for (const char c : s) line += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    line = make_visible(line, false);
    // Leading spaces would make an indented code block once the line starts a paragraph.
    const std::size_t first = line.find_first_not_of(' ');
    line.erase(0, first == std::string::npos ? line.size() : first);

    std::string out;
    out.reserve(line.size() + line.size() / 8);
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        switch (c) {
            case '&': out += "&amp;"; continue;
            case '<': out += "&lt;"; continue;
            case '>': out += "&gt;"; continue;
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '#':
            case '|':
            case '~':
            case '!':
            case '{':
            case '}':
            case '$':
                out += '\\';
                out += c;
                continue;
            default: break;
        }
        // Block starters only matter at the start of the line: "- item", "+ item", "= rule",
        // "1. item", "1) item".
        if (i == 0 && (c == '-' || c == '+' || c == '=')) {
            out += '\\';
        } else if ((c == '.' || c == ')') && i > 0 && line.find_first_not_of("0123456789") == i) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

std::string safe_label(std::string_view s, std::string_view fallback) {
    if (s.empty()) return std::string(fallback);
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        // Each byte of a multi-byte character would give one '_'; collapse them.
        if (!ok && (c & 0xC0) == 0x80) continue;
        out += ok ? static_cast<char>(c) : '_';
    }
    return out;
}

}  // namespace docpipe::exporter
