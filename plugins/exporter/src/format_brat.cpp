// `brat`: brat standoff. The companion .txt file is the final text; the .ann file has one
// text-bound annotation per line, "T<n>\t<type> <start> <end>[;<start> <end>...]\t<text>",
// with offsets in Unicode code points of the .txt, as brat counts them. Entities become their
// label's type, every other layer becomes a type named after the layer; labels and attributes
// (e.g. a repair's original wording) go into AnnotatorNotes. Spans are cut into fragments at
// line breaks, tabs and other controls, which the .ann line format cannot hold (brat itself
// cuts at line breaks), so the text column always equals the .txt at the offsets.
// Several documents share one .txt separated by a blank line, offsets shifted to match.
#include <algorithm>
#include <array>

#include "codepoint_index.hpp"
#include "escape.hpp"
#include "format.hpp"

namespace docpipe::exporter {
namespace {

bool is_layout(char c) {
    return c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f';
}

// Characters a .ann line cannot hold or that would make its text column differ from the .txt
// once shown: controls (tab and line breaks included) and Unicode line separators.
bool breaks_fragment(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029;
}

// Note text on one line: tabs and line breaks become spaces, other controls visible.
std::string note_text(std::string_view s) {
    std::string flat;
    for (const char c : s) flat += is_layout(c) ? ' ' : c;
    return make_visible(flat, false);
}

class BratWriter final : public FormatWriter {
public:
    void add(const Document& doc, Sinks& sinks) override {
        std::string& ann = sinks.main.buffer();
        std::string& txt = sinks.companion->buffer();
        if (codepoints_ > 0) {  // after a document with text: a blank line between texts
            txt += '\n';
            ++codepoints_;
        }
        const std::size_t base_cp = codepoints_;
        const std::string_view t = doc.text();
        const CodepointIndex cp(t);

        // Entities first, then the other layers in name order: a stable, readable file.
        std::vector<std::string> names;
        if (doc.has_layer("entities")) names.push_back("entities");
        for (const auto& [name, layer] : doc.layers()) {
            if (name != "entities") names.push_back(name);
        }
        for (const auto& name : names) {
            const std::string layer_type = safe_label(name, "layer");
            for (const Annotation& a : *doc.find_layer(name)) {
                if (a.span.end > t.size() || a.span.begin >= a.span.end) continue;
                // Fragments: the span cut at controls and line breaks, empty pieces dropped, so
                // the text column is exactly what brat reads at those offsets.
                std::string offsets, covered;
                std::size_t from = a.span.begin;
                for (std::size_t i = a.span.begin; i <= a.span.end;) {
                    std::size_t len = 1;
                    const bool cut = i == a.span.end || breaks_fragment(utf8::decode(t, i, len));
                    if (cut) {
                        if (i > from) {
                            if (!offsets.empty()) {
                                offsets += ';';
                                covered += ' ';
                            }
                            offsets += std::to_string(base_cp + cp.at(from)) + ' ' +
                                       std::to_string(base_cp + cp.at(i));
                            covered.append(t.substr(from, i - from));
                        }
                        from = i + len;
                    }
                    i += len;
                }
                if (offsets.empty()) continue;  // only whitespace
                const bool entity = name == "entities";
                const std::string id = "T" + std::to_string(++text_bound_);
                ann += id + '\t' + (entity ? safe_label(a.label, "Entity") : layer_type) + ' ' +
                       offsets + '\t' + covered + '\n';
                std::string note;
                if (!entity && !a.label.empty()) note = a.label;
                for (const auto& [key, value] : a.attributes) {
                    if (!note.empty()) note += "; ";
                    note += key + ": " + value.text();
                }
                if (!note.empty()) {
                    ann += "#" + std::to_string(++notes_) + "\tAnnotatorNotes " + id + '\t' +
                           note_text(note) + '\n';
                }
                sinks.main.spill();
            }
        }

        txt += t;
        codepoints_ += cp.at(t.size());
        if (!t.empty() && t.back() != '\n') {
            txt += '\n';
            ++codepoints_;
        }
        sinks.companion->spill();
    }
    void finish(Sinks&) override {}
    void checkpoint() override { saved_ = {codepoints_, text_bound_, notes_}; }
    void rollback() override {
        codepoints_ = saved_[0];
        text_bound_ = saved_[1];
        notes_ = saved_[2];
    }

private:
    std::size_t codepoints_ = 0;  // of the .txt so far
    std::size_t text_bound_ = 0;
    std::size_t notes_ = 0;
    std::array<std::size_t, 3> saved_{};
};

}  // namespace

std::unique_ptr<FormatWriter> make_brat_writer() {
    return std::make_unique<BratWriter>();
}

}  // namespace docpipe::exporter
