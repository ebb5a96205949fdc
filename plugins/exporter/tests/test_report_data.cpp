// What the Markdown and HTML reports gather from a document.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "report_data.hpp"

namespace docpipe::exporter {
namespace {

TEST(ReportData, TitleFallsBackToTheId) {
    Document doc("doc-1", "Text.");
    EXPECT_EQ(gather_report(doc).title, "doc-1");
    doc.metadata()["title"] = "A Title";
    EXPECT_EQ(gather_report(doc).title, "A Title");
}

TEST(ReportData, SummaryFallsBackToTheSummaryLayerInTextOrder) {
    Document doc("d", "One. Two. Three.");
    doc.layer("summary").push_back({{10, 16}, "sentence", {}, 1, "s"});
    doc.layer("summary").push_back({{0, 4}, "sentence", {}, 1, "s"});
    const ReportData r = gather_report(doc);
    EXPECT_EQ(r.summary, "One. Three.");
    ASSERT_EQ(r.summary_sentences.size(), 2u);
    EXPECT_EQ(r.summary_sentences[0].begin, 0u);
    doc.metadata()["summary"] = "Given.";
    EXPECT_EQ(gather_report(doc).summary, "Given.");
}

TEST(ReportData, TimingsAreTheStageTimesInPipelineOrderAndNotMetadata) {
    Document doc("d", "x");
    doc.record_stage_time("summary", 1);
    doc.record_stage_time("repair", 2.5);
    doc.record_stage_time("broken", std::nan(""));  // not finite: left out
    doc.record_stage_time("entities", 0.125);
    doc.metadata()["timing.extra_ms"] = "4";  // what API 2.1 hosts wrote: not read beside times
    const ReportData r = gather_report(doc);
    ASSERT_EQ(r.timings_ms.size(), 3u);
    EXPECT_EQ(r.timings_ms[0].first, "summary");
    EXPECT_EQ(r.timings_ms[1].first, "repair");
    EXPECT_EQ(r.timings_ms[2].first, "entities");
    EXPECT_DOUBLE_EQ(r.timings_ms[2].second, 0.125);
}

// A host before plugin API 2.2, or a schema 1.x document, has timing.* metadata instead.
TEST(ReportData, WithoutStageTimesTimingsComeFromTheMetadataOlderHostsWrote) {
    Document doc("d", "x");
    doc.metadata()["timing.repair_ms"] = "2.5";
    doc.metadata()["timing.entities_ms"] = "0.125";
    doc.metadata()["timing.broken_ms"] = "fast";
    doc.metadata()["timing._ms"] = "1";
    doc.metadata()["timing.extra_ms"] = "4";  // not in the list: last
    doc.metadata()["timing.stages"] = "entities,repair";
    const ReportData r = gather_report(doc);
    ASSERT_EQ(r.timings_ms.size(), 3u);
    EXPECT_EQ(r.timings_ms[0].first, "entities");
    EXPECT_DOUBLE_EQ(r.timings_ms[0].second, 0.125);
    EXPECT_EQ(r.timings_ms[1].first, "repair");
    EXPECT_EQ(r.timings_ms[2].first, "extra");
}

TEST(ReportData, EntitiesAreCountedByTypeMostFirstAndSpansOutsideTheTextDropped) {
    Document doc("d", "Xi and Li met in Beijing.");
    auto& layer = doc.layer("entities");
    layer.push_back({{17, 24}, "GPE", {}, 1, "t"});
    layer.push_back({{0, 2}, "PERSON", {}, 1, "t"});
    layer.push_back({{7, 9}, "PERSON", {}, 1, "t"});
    layer.push_back({{20, 99}, "BROKEN", {}, 1, "t"});
    const ReportData r = gather_report(doc);
    ASSERT_EQ(r.entities.size(), 3u);
    EXPECT_EQ(r.entities[0].span.begin, 0u);  // text order
    ASSERT_EQ(r.entity_counts.size(), 2u);
    EXPECT_EQ(r.entity_counts[0], (std::pair<std::string, std::size_t>{"PERSON", 2}));
    EXPECT_EQ(r.words, 6u);
    EXPECT_EQ(r.sentences, 1u);
}

TEST(ReportData, NumbersAreFormattedWithoutTheLocale) {
    EXPECT_EQ(fixed(0.955, 1), "1.0");
    EXPECT_EQ(fixed(12.25, 2), "12.25");
    EXPECT_EQ(fixed(std::numeric_limits<double>::infinity(), 2), "?");
    EXPECT_EQ(format_ms(0.5), "0.50 ms");
    EXPECT_EQ(format_ms(12.34), "12.3 ms");
    EXPECT_EQ(format_ms(1234.5), "1234 ms");
}

}  // namespace
}  // namespace docpipe::exporter
