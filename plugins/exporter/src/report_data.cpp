#include "report_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "docpipe/text.hpp"

namespace docpipe::exporter {
namespace {

bool inside(const Document& doc, Span s) {
    return s.begin <= s.end && s.end <= doc.text().size();
}

std::vector<ReportSpan> spans_of(const Document& doc, const std::string& layer_name) {
    std::vector<ReportSpan> out;
    if (const Layer* layer = doc.find_layer(layer_name)) {
        for (const Annotation& a : *layer) {
            if (!inside(doc, a.span)) continue;
            auto it = a.attributes.find("original");
            const bool has_original = it != a.attributes.end() && it->second.is_string();
            out.push_back(
                {a.span, a.label,
                 has_original ? std::string_view(it->second.string()) : std::string_view(),
                 a.score});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const ReportSpan& x, const ReportSpan& y) {
        return x.span.begin != y.span.begin ? x.span.begin < y.span.begin : x.span.end > y.span.end;
    });
    return out;
}

}  // namespace

std::string fixed(double value, int digits) {
    if (!std::isfinite(value)) return "?";
    char buf[64];
    const auto result =
        std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, digits);
    if (result.ec != std::errc{}) return "?";
    return std::string(buf, result.ptr);
}

std::string format_ms(double ms) {
    return fixed(ms, ms >= 100 ? 0 : ms >= 1 ? 1 : 2) + " ms";
}

ReportData gather_report(const Document& doc) {
    ReportData r;
    const auto& meta = doc.metadata();
    auto title = meta.find("title");
    r.title = title != meta.end() && !title->second.empty() ? title->second : doc.id();

    r.entities = spans_of(doc, "entities");
    r.repairs = spans_of(doc, "repairs");
    for (const auto& s : spans_of(doc, "summary")) r.summary_sentences.push_back(s.span);

    auto summary = meta.find("summary");
    if (summary != meta.end()) {
        r.summary = summary->second;
    } else {
        for (const Span& s : r.summary_sentences) {
            if (!r.summary.empty()) r.summary += ' ';
            r.summary += doc.text().substr(s.begin, s.size());
        }
    }

    std::map<std::string_view, std::size_t> counts;
    for (const auto& e : r.entities) ++counts[e.label];
    for (const auto& [label, n] : counts) r.entity_counts.emplace_back(std::string(label), n);
    std::stable_sort(r.entity_counts.begin(), r.entity_counts.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });

    for (const auto& t : doc.stage_times()) {
        if (std::isfinite(t.milliseconds)) r.timings_ms.emplace_back(t.stage, t.milliseconds);
    }

    for (const auto& t : doc.tokens()) r.words += t.kind == text::TokenKind::word ? 1 : 0;
    r.sentences = doc.sentences().size();
    return r;
}

}  // namespace docpipe::exporter
