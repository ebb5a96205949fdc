#include "seed_document.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "docpipe/text.hpp"
#include "test_support.hpp"

namespace docpipe::exporter::testing {
namespace {

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Every whole-word occurrence of `needle`, skipping bytes already taken.
std::vector<Span> occurrences(std::string_view text, std::string_view needle,
                              std::vector<bool>& taken) {
    std::vector<Span> out;
    for (std::size_t at = text.find(needle); at != std::string_view::npos;
         at = text.find(needle, at + 1)) {
        const std::size_t end = at + needle.size();
        if (at > 0 && is_word_char(text[at - 1])) continue;
        if (end < text.size() && is_word_char(text[end]) && is_word_char(needle.back())) continue;
        if (std::any_of(taken.begin() + at, taken.begin() + end, [](bool t) { return t; })) {
            continue;
        }
        std::fill(taken.begin() + at, taken.begin() + end, true);
        out.push_back({at, end});
    }
    return out;
}

}  // namespace

std::string seed_text() {
    return read_file(EXPORTER_TEST_DATA_DIR "/spun_article.txt");
}

Document seed_document() {
    return seed_document(seed_text(), "spun_article");
}

Document seed_document(std::string text, std::string id) {
    Document doc(std::move(id), std::move(text));

    // What a careful reader would restore; longest phrases first.
    const std::vector<std::pair<std::string_view, std::string_view>> repairs = {
        {"by way of Getty Photos", "via Getty Images"},
        {"cellphone name", "phone call"},
        {"Chinese language", "Chinese"},
        {"uncommon earths", "rare earths"},
        {"uncommon earth", "rare earth"},
        {"commerce battle", "trade war"},
        {"first girl", "first lady"},
        {"Might 12", "May 12"},
        {"professional", "expert"},
        {"time period", "term"},
    };
    std::vector<bool> taken(doc.text().size(), false);
    std::vector<std::pair<TextEdit, std::string>> found;
    for (const auto& [spun, real] : repairs) {
        for (const Span& s : occurrences(doc.text(), spun, taken)) {
            found.push_back({{s, std::string(real), "seed repair"}, std::string(spun)});
        }
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first.span.begin < b.first.span.begin; });
    std::vector<TextEdit> edits;
    for (const auto& f : found) edits.push_back(f.first);
    doc.apply_edits(edits, "repair");
    std::ptrdiff_t shift = 0;
    auto& repair_layer = doc.layer("repairs");
    for (const auto& [edit, spun] : found) {
        const auto begin =
            static_cast<std::size_t>(static_cast<std::ptrdiff_t>(edit.span.begin) + shift);
        repair_layer.push_back({{begin, begin + edit.replacement.size()},
                                "repair",
                                {{"original", spun}, {"replacement", edit.replacement}},
                                0.9,
                                "repair"});
        shift += static_cast<std::ptrdiff_t>(edit.replacement.size()) -
                 static_cast<std::ptrdiff_t>(edit.span.size());
    }

    const std::vector<std::pair<std::string_view, std::string_view>> entities = {
        {"Donald J. Trump", "PERSON"},
        {"Donald Trump", "PERSON"},
        {"Xi Jinping", "PERSON"},
        {"Jeff Kowalsky", "PERSON"},
        {"Getty Images", "ORG"},
        {"Melania", "PERSON"},
        {"Trump", "PERSON"},
        {"Xi", "PERSON"},
        {"U.S.", "GPE"},
        {"China", "GPE"},
        {"Beijing", "GPE"},
        {"Washington", "GPE"},
        {"Geneva", "GPE"},
        {"Taiwan", "GPE"},
        {"America", "GPE"},
        {"Huawei", "ORG"},
        {"AFP", "ORG"},
        {"Chinese", "NORP"},
        {"American", "NORP"},
        {"June 5", "DATE"},
        {"May 12", "DATE"},
        {"April 22", "DATE"},
    };
    std::vector<bool> tagged(doc.text().size(), false);
    std::vector<Annotation> found_entities;
    for (const auto& [name, type] : entities) {
        for (const Span& s : occurrences(doc.text(), name, tagged)) {
            found_entities.push_back(
                {s, std::string(type), {{"source", "seed"}}, 0.95, "entities"});
        }
    }
    std::sort(found_entities.begin(), found_entities.end(),
              [](const auto& a, const auto& b) { return a.span.begin < b.span.begin; });
    doc.layer("entities") = std::move(found_entities);

    // Three sentences, as a summarizer would pick them.
    std::string summary;
    auto& summary_layer = doc.layer("summary");
    int rank = 0;
    for (const auto& s : text::split_sentences(doc.text())) {
        const std::string_view sentence = text::view(doc.text(), s.span);
        for (std::string_view start : {"On June 5", "Beijing suspended", "In some ways"}) {
            if (sentence.substr(0, start.size()) != start) continue;
            summary_layer.push_back({s.span, "sentence", {{"rank", ++rank}}, 0.8, "summary"});
            summary += (summary.empty() ? "" : " ") + std::string(sentence);
        }
    }
    doc.metadata()["summary"] = summary;
    doc.record_stage_time("repair", 2.412);
    doc.record_stage_time("entities", 5.873);
    doc.record_stage_time("summary", 1.204);
    return doc;
}

}  // namespace docpipe::exporter::testing
