// Export time grows with a document's annotations and edits, not with their product: ten
// times the annotations must take less than twenty times as long (a generous bound, so a
// noisy machine does not fail it; quadratic work would take about a hundred times as long).
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>

#include "format.hpp"

namespace docpipe::exporter {
namespace {

// `words` words on lines of twelve; every eighth word was spun and is repaired (a journal
// entry and a repair), every word is an entity, every line a summary sentence.
Document dense_document(std::size_t words) {
    std::string text;
    for (std::size_t i = 0; i < words; ++i) {
        text += i % 8 == 0 ? "spun" : "word";
        text += i % 12 == 11 ? ".\n" : " ";
    }
    Document doc("dense", text);
    std::vector<TextEdit> edits;
    for (std::size_t at = 0; at < text.size(); at = text.find_first_of(" \n", at) + 1) {
        if (text.compare(at, 4, "spun") == 0) edits.push_back({{at, at + 4}, "fixed", "test"});
    }
    doc.apply_edits(edits, "repair");
    auto& entities = doc.layer("entities");
    auto& repairs = doc.layer("repairs");
    auto& summary = doc.layer("summary");
    const std::string& now = doc.text();
    std::size_t line_start = 0;
    for (std::size_t at = 0; at < now.size();) {
        const std::size_t end = now.find_first_of(" .\n", at);
        entities.push_back({{at, end}, "PERSON", {}, 0.9, "t"});
        if (now.compare(at, end - at, "fixed") == 0) {
            repairs.push_back({{at, end}, "repair", {{"original", "spun"}}, 0.8, "repair"});
        }
        if (now[end] == '.') {
            summary.push_back({{line_start, end + 1}, "sentence", {}, 0.5, "summary"});
            line_start = end + 2;
        }
        at = now.find_first_not_of(" .\n", end);
        if (at == std::string::npos) break;
    }
    return doc;
}

// CPU time of this thread: a loaded machine preempting the large run must not fail the test.
double thread_seconds() {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double best_seconds(const Format& format, const Document& doc) {
    double best = 1e9;
    for (int round = 0; round < 3; ++round) {
        const double start = thread_seconds();
        const Rendered out = render_in_memory(format, {&doc});
        const double s = thread_seconds() - start;
        EXPECT_FALSE(out.main.empty());
        best = std::min(best, s);
    }
    return best;
}

}  // namespace

TEST(LinearExport, TenTimesTheAnnotationsTakeLessThanTwentyTimesAsLong) {
    const Document small = dense_document(4000), large = dense_document(40000);
    ASSERT_EQ(large.layers().at("entities").size(), 10 * small.layers().at("entities").size());
    ASSERT_EQ(large.journal().entries().size(), 10 * small.journal().entries().size());
    for (const char* name : {"json", "jsonl", "html", "markdown", "conll", "brat"}) {
        const Format& format = *find_format(name);
        const double t_small = best_seconds(format, small), t_large = best_seconds(format, large);
        EXPECT_LT(t_large, 20 * t_small)
            << name << ": " << t_small << " s for 4,000 words, " << t_large << " s for 40,000";
    }
}

}  // namespace docpipe::exporter
