#include "document_json.hpp"

#include <cmath>

#include "codepoint_index.hpp"

namespace docpipe::exporter {
namespace {

using json = nlohmann::ordered_json;

json string_map(const std::map<std::string, std::string>& values) {
    json out = json::object();
    for (const auto& [key, value] : values) out[key] = value;
    return out;
}

// NaN and infinities have no JSON form; null says "no score" honestly.
json score_value(double score) {
    if (!std::isfinite(score)) return nullptr;
    return score;
}

// Maps an offset of the text entry `count` was applied to back to the original input, by
// undoing entries[count - 1] ... entries[0] one at a time. The SDK's EditJournal maps only
// from the current text, so an edit's own position in the original is computed here, with the
// SDK's rules: an offset inside a replaced region snaps to its start (or end, for span ends).
std::size_t undo_offset(const std::vector<EditJournal::Entry>& entries, std::size_t count,
                        std::size_t offset, bool is_end) {
    for (std::size_t k = count; k-- > 0;) {
        const auto& e = entries[k];
        const std::size_t b = e.begin, new_end = b + e.new_text.size();
        // At the edit's start an offset stays put, except the start of a span after a pure
        // deletion, which belongs after the deleted bytes.
        if (offset < b || (offset == b && (!e.new_text.empty() || is_end))) continue;
        if (offset >= new_end) {
            offset = offset - e.new_text.size() + e.old_text.size();
        } else {
            offset = is_end ? b + e.old_text.size() : b;
        }
    }
    return offset;
}

Span undo_entries(const std::vector<EditJournal::Entry>& entries, std::size_t count, Span span) {
    if (span.empty()) {
        const std::size_t at = undo_offset(entries, count, span.begin, false);
        return {at, at};
    }
    return {undo_offset(entries, count, span.begin, false),
            undo_offset(entries, count, span.end, true)};
}

}  // namespace

json document_to_json(const Document& doc) {
    const CodepointIndex text_cp(doc.text());
    const CodepointIndex original_cp(doc.original_text());

    json layers = json::object();
    for (const auto& [name, layer] : doc.layers()) {
        json items = json::array();
        for (const Annotation& a : layer) {
            const Span source = doc.to_original(a.span);
            items.push_back({
                {"begin", a.span.begin},
                {"end", a.span.end},
                {"begin_cp", text_cp.at(a.span.begin)},
                {"end_cp", text_cp.at(a.span.end)},
                {"source_begin", source.begin},
                {"source_end", source.end},
                {"source_begin_cp", original_cp.at(source.begin)},
                {"source_end_cp", original_cp.at(source.end)},
                {"label", a.label},
                {"attributes", string_map(a.attributes)},
                {"score", score_value(a.score)},
                {"stage", a.stage},
            });
        }
        layers[name] = std::move(items);
    }

    // Journal entries are in the coordinates of the text each was applied to; undoing the
    // entries before one, latest first, maps it back to the original input.
    json edits = json::array();
    const auto& entries = doc.journal().entries();
    for (std::size_t k = 0; k < entries.size(); ++k) {
        const auto& e = entries[k];
        const Span source = undo_entries(entries, k, {e.begin, e.begin + e.old_text.size()});
        edits.push_back({
            {"begin", e.begin},
            {"end", e.begin + e.old_text.size()},
            {"source_begin", source.begin},
            {"source_end", source.end},
            {"source_begin_cp", original_cp.at(source.begin)},
            {"source_end_cp", original_cp.at(source.end)},
            {"old_text", e.old_text},
            {"new_text", e.new_text},
            {"reason", e.reason},
            {"stage", e.stage},
        });
    }

    return {
        {"schema_version", schema_version},
        {"id", doc.id()},
        {"text", doc.text()},
        {"original_text", doc.original_text()},
        {"metadata", string_map(doc.metadata())},
        {"layers", std::move(layers)},
        {"edits", std::move(edits)},
    };
}

std::string dump_json(const json& value, int indent) {
    std::string raw = value.dump(indent);
    // The bytes to rewrite only occur inside strings; copy the runs between them in bulk.
    constexpr std::string_view leads = "\xC2\xE2\x7F";
    std::size_t hit = raw.find_first_of(leads.data(), 0, leads.size());
    if (hit == std::string::npos) return raw;
    std::string out;
    out.reserve(raw.size() + 16);
    std::size_t from = 0;
    for (; hit != std::string::npos; hit = raw.find_first_of(leads.data(), from, leads.size())) {
        out.append(raw, from, hit - from);
        const auto c = static_cast<unsigned char>(raw[hit]);
        const auto next = [&](std::size_t k) {
            return hit + k < raw.size() ? static_cast<unsigned char>(raw[hit + k]) : 0;
        };
        if (c == 0x7F) {
            out += "\\u007f";  // DEL: valid JSON raw, but a terminal control all the same
            from = hit + 1;
        } else if (c == 0xC2 && next(1) == 0x85) {
            out += "\\u0085";
            from = hit + 2;
        } else if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)) {
            out += next(2) == 0xA8 ? "\\u2028" : "\\u2029";
            from = hit + 3;
        } else {
            out += raw[hit];
            from = hit + 1;
        }
    }
    out.append(raw, from, std::string::npos);
    return out;
}

}  // namespace docpipe::exporter
