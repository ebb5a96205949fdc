#pragma once
// What the human-readable reports (Markdown and HTML) show, gathered once from a document:
// the summary, the entities, the repairs, counts and per-stage timings.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docpipe/document.hpp"

namespace docpipe::exporter {

/// A marked span of the final text. The strings point into the document's annotations.
struct ReportSpan {
    Span span;
    std::string_view label;     ///< entity type, or "repair"
    std::string_view original;  ///< for repairs: the wording before the repair
    double score = 1.0;
};

struct ReportData {
    std::string title;                    ///< metadata "title", else the id
    std::string summary;                  ///< metadata "summary", else the summary sentences
    std::vector<Span> summary_sentences;  ///< the `summary` layer, in text order
    std::vector<ReportSpan> entities;     ///< the `entities` layer, in text order
    std::vector<ReportSpan> repairs;      ///< the `repairs` layer, in text order
    std::vector<std::pair<std::string, std::size_t>> entity_counts;  ///< per type, most first
    std::vector<std::pair<std::string, double>> timings_ms;  ///< Document::stage_times, in order
    std::size_t words = 0;                                   ///< tokens that are words
    std::size_t sentences = 0;
};

/// Collects the report's content from `doc`, which must outlive it. Spans outside the text
/// are dropped.
ReportData gather_report(const Document& doc);

/// "12.3 ms" style.
std::string format_ms(double ms);

/// `value` with `digits` decimals and a '.' whatever the C locale (std::to_chars).
std::string fixed(double value, int digits);

}  // namespace docpipe::exporter
