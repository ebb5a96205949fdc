#include "utf8_check.hpp"

#include <cstdio>
#include <stdexcept>

namespace docpipe::exporter {

std::string printable(std::string_view s) {
    std::string out;
    while (!s.empty()) {
        const auto bad = utf8::find_invalid(s);
        const std::size_t good = bad ? *bad : s.size();
        out.append(s.substr(0, good));
        if (!bad) break;
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[good]));
        out += buf;
        s.remove_prefix(good + 1);
    }
    return out;
}

void require_valid_utf8(const Document& doc) {
    auto check = [&](std::string_view value, const std::string& where) {
        if (const auto bad = utf8::find_invalid(value)) {
            throw std::runtime_error("document '" + printable(doc.id()) + "': invalid UTF-8 in " +
                                     where + " at byte " + std::to_string(*bad) +
                                     "; the exporter writes UTF-8 only (fix the input "
                                     "encoding, e.g. iconv -f latin1 -t utf-8)");
        }
    };
    check(doc.id(), "the document id");
    check(doc.original_text(), "the original text");
    check(doc.text(), "the text");
    for (const auto& [key, value] : doc.metadata()) {
        check(key, "a metadata key");
        check(value, "metadata '" + printable(key) + "'");
    }
    for (const auto& [name, layer] : doc.layers()) {
        check(name, "a layer name");
        const std::string where = "layer '" + printable(name) + "'";
        for (const auto& a : layer) {
            check(a.label, where + " (label)");
            check(a.stage, where + " (stage)");
            for (const auto& [key, value] : a.attributes) {
                check(key, where + " (attribute name)");
                if (value.is_string())
                    check(value.string(), where + " (attribute '" + printable(key) + "')");
            }
        }
    }
    for (const auto& e : doc.journal().entries()) {
        check(e.old_text, "the edit journal (old text)");
        check(e.new_text, "the edit journal (new text)");
        check(e.reason, "the edit journal (reason)");
        check(e.stage, "the edit journal (stage)");
    }
}

}  // namespace docpipe::exporter
