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

// What hosts before plugin API 2.2 (and schema 1.x documents) hold instead of stage times:
// "timing.<stage id>_ms" metadata, with the pipeline order in "timing.stages"
// ("repair,entities,..."); without it they are listed by stage id.
std::vector<std::pair<std::string, double>> timings_from_metadata(
    const std::map<std::string, std::string>& meta) {
    std::vector<std::pair<std::string, double>> timings;
    constexpr std::string_view prefix = "timing.", suffix = "_ms";
    for (const auto& [key, value] : meta) {
        if (key.size() <= prefix.size() + suffix.size() || key.compare(0, prefix.size(), prefix) ||
            key.compare(key.size() - suffix.size(), suffix.size(), suffix)) {
            continue;
        }
        // from_chars, unlike strtod, does not depend on the C locale.
        double ms = 0;
        const auto parsed = std::from_chars(value.data(), value.data() + value.size(), ms);
        if (parsed.ec != std::errc{} || !std::isfinite(ms)) continue;
        timings.emplace_back(key.substr(prefix.size(), key.size() - prefix.size() - suffix.size()),
                             ms);
    }
    if (const auto order = meta.find("timing.stages"); order != meta.end()) {
        std::vector<std::string> ids;
        std::size_t start = 0;
        while (start <= order->second.size()) {
            const auto comma = order->second.find(',', start);
            ids.push_back(order->second.substr(
                start, comma == std::string::npos ? std::string::npos : comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        auto rank = [&](const std::string& id) {
            return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
        };
        // Stages missing from the list (renamed, or added by hand) keep their id order last.
        std::stable_sort(timings.begin(), timings.end(), [&](const auto& a, const auto& b) {
            return rank(a.first) < rank(b.first);
        });
    }
    return timings;
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
    if (doc.stage_times().empty()) r.timings_ms = timings_from_metadata(meta);

    for (const auto& t : doc.tokens()) r.words += t.kind == text::TokenKind::word ? 1 : 0;
    r.sentences = doc.sentences().size();
    return r;
}

}  // namespace docpipe::exporter
