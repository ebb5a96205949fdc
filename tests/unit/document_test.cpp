#include <gtest/gtest.h>

#include <docpipe/document.hpp>
#include <random>

using docpipe::Document;
using docpipe::Span;

namespace {

std::string at(const Document& d, Span s) {
    return d.text().substr(s.begin, s.size());
}
std::string original_at(const Document& d, Span s) {
    const Span o = d.to_original(s);
    return d.original_text().substr(o.begin, o.size());
}

}  // namespace

TEST(Document, ReplaceShiftsLaterAnnotationsAndKeepsEarlierOnes) {
    Document doc("d", "Chinese language President Xi met Trump");
    doc.layer("entities").push_back({{0, 16}, "NORP"});     // "Chinese language"
    doc.layer("entities").push_back({{27, 29}, "PERSON"});  // "Xi"
    doc.layer("entities").push_back({{34, 39}, "PERSON"});  // "Trump"
    doc.replace({0, 16}, "Chinese", "spun", "repair");
    EXPECT_EQ(doc.text(), "Chinese President Xi met Trump");
    const auto& e = doc.layer("entities");
    EXPECT_EQ(at(doc, e[0].span), "Chinese");
    EXPECT_EQ(at(doc, e[1].span), "Xi");
    EXPECT_EQ(at(doc, e[2].span), "Trump");
    EXPECT_EQ(original_at(doc, e[0].span), "Chinese language");
    EXPECT_EQ(original_at(doc, e[1].span), "Xi");
    EXPECT_EQ(original_at(doc, e[2].span), "Trump");
}

TEST(Document, OffsetsMapBackThroughSeveralEditsWithMultiByteText) {
    // "é" and "’" are multi-byte: offsets are bytes, and edits must keep them whole.
    Document doc("d", "Café’s cellphone name with Xi — done");
    const auto phone = doc.text().find("cellphone name");
    doc.replace({phone, phone + 14}, "phone call");
    const auto cafe = doc.text().find("Café");
    doc.replace({cafe, cafe + 5}, "Bistro");  // "Café" is 5 bytes
    const auto xi = doc.text().find("Xi");
    const Span xi_span{xi, xi + 2};
    EXPECT_EQ(original_at(doc, xi_span), "Xi");
    const auto call = doc.text().find("phone call");
    EXPECT_EQ(original_at(doc, {call, call + 10}), "cellphone name");
    const auto done = doc.text().find("done");
    EXPECT_EQ(original_at(doc, {done, done + 4}), "done");
    EXPECT_EQ(doc.journal().entries().size(), 2u);
    EXPECT_EQ(doc.journal().entries()[0].old_text, "cellphone name");
}

TEST(Document, ReplaceRejectsSpansThatCutAUtf8Character) {
    Document doc("d", "naïve");  // ï is 2 bytes at [2, 4)
    EXPECT_THROW(doc.replace({3, 4}, "i"), std::out_of_range);
    EXPECT_THROW(doc.replace({0, 99}, "x"), std::out_of_range);
    EXPECT_EQ(doc.text(), "naïve");
    EXPECT_TRUE(doc.journal().empty());
}

TEST(Document, BatchEditsApplyInAnyOrderAndMapBack) {
    Document doc("d", "the commerce battle over uncommon earth");
    doc.layer("entities").push_back({{25, 39}, "THING"});  // "uncommon earth"
    doc.apply_edits({{{25, 33}, "rare", "r"}, {{4, 19}, "trade war", "t"}}, "repair");
    EXPECT_EQ(doc.text(), "the trade war over rare earth");
    const Span thing = doc.layer("entities")[0].span;
    EXPECT_EQ(at(doc, thing), "rare earth");
    EXPECT_EQ(original_at(doc, thing), "uncommon earth");
    const auto war = doc.text().find("war");
    // A span inside a replacement maps to the whole replaced original.
    EXPECT_EQ(original_at(doc, {war, war + 3}), "commerce battle");
    EXPECT_EQ(doc.journal().entries().size(), 2u);
    EXPECT_EQ(doc.journal().entries()[0].stage, "repair");
}

TEST(Document, OverlappingBatchEditsAreRejectedAndChangeNothing) {
    Document doc("d", "abcdef");
    EXPECT_THROW(doc.apply_edits({{{0, 3}, "x"}, {{2, 4}, "y"}}), std::invalid_argument);
    EXPECT_EQ(doc.text(), "abcdef");
    EXPECT_TRUE(doc.journal().empty());
}

TEST(Document, InsertionsAndDeletionsMapToTheirNeighbours) {
    Document doc("d", "hello world");
    doc.replace({5, 5}, ",");  // insertion: "hello, world"
    doc.replace({0, 1}, "");   // deletion: "ello, world"
    EXPECT_EQ(doc.text(), "ello, world");
    const auto w = doc.text().find("world");
    EXPECT_EQ(original_at(doc, {w, w + 5}), "world");
    // Deleted bytes belong to nobody: "ello" maps to the same four bytes of the input.
    EXPECT_EQ(original_at(doc, {0, 4}), "ello");
}

TEST(Document, AnnotationOverlappingAnEditGrowsWithIt) {
    Document doc("d", "a cellphone name today");
    doc.layer("phrase").push_back({{0, 16}, "P"});  // "a cellphone name"
    doc.replace({2, 16}, "phone call");
    EXPECT_EQ(at(doc, doc.layer("phrase")[0].span), "a phone call");
}

TEST(Document, MetadataAndLayersAreSeparateFromText) {
    Document doc("id-1", "");
    doc.metadata()["title"] = "T";
    EXPECT_FALSE(doc.has_layer("x"));
    doc.layer("x");
    EXPECT_TRUE(doc.has_layer("x"));
    EXPECT_EQ(doc.find_layer("y"), nullptr);
    EXPECT_EQ(doc.id(), "id-1");
    EXPECT_EQ(doc.metadata().at("title"), "T");
}

namespace {

// Reference semantics: edits one at a time, walking the whole journal per query.
std::size_t reference_to_original(const docpipe::EditJournal& j, std::size_t offset, bool end) {
    const auto& es = j.entries();
    for (auto it = es.rbegin(); it != es.rend(); ++it) {
        const std::size_t b = it->begin;
        if (offset < b || (offset == b && (!it->new_text.empty() || end))) continue;
        if (offset >= b + it->new_text.size()) {
            offset = offset - it->new_text.size() + it->old_text.size();
        } else {
            offset = end ? b + it->old_text.size() : b;
        }
    }
    return offset;
}

}  // namespace

TEST(Document, BatchEditsMapBackLikeOneAtATimeEditsOnRandomInputs) {
    std::mt19937 rng(12345);
    for (int round = 0; round < 300; ++round) {
        const std::size_t len = 5 + rng() % 60;
        std::string text;
        for (std::size_t i = 0; i < len; ++i) text += static_cast<char>('a' + rng() % 26);
        Document doc("d", text);
        for (int a = 0; a < 8; ++a) {
            std::size_t x = rng() % (len + 1), y = rng() % (len + 1);
            if (x > y) std::swap(x, y);
            doc.layer("l").push_back({{x, y}, "A"});
        }
        const auto before = doc.layer("l");
        // Random non-overlapping edits: replacements, insertions, deletions, adjacent ones.
        std::vector<docpipe::TextEdit> edits;
        std::size_t pos = 0;
        while (pos < len && edits.size() < 8) {
            pos += rng() % 6;
            if (pos > len) break;
            const std::size_t old_len = std::min<std::size_t>(rng() % 4, len - pos);
            edits.push_back({{pos, pos + old_len}, std::string(rng() % 4, 'X'), ""});
            pos += old_len + (rng() % 2);  // sometimes adjacent
        }
        auto untouched = [&](std::size_t p) {
            for (const auto& e : edits) {
                if (p >= e.span.begin && p <= e.span.end) return false;
            }
            return true;
        };
        doc.apply_edits(edits, "s");
        const auto& after = doc.layer("l");
        for (std::size_t i = 0; i < after.size(); ++i) {
            ASSERT_LE(after[i].span.begin, after[i].span.end);
            ASSERT_LE(after[i].span.end, doc.text().size());
            const docpipe::Span b = before[i].span;
            if (untouched(b.begin) && untouched(b.end)) {
                // Ends away from every edit map back exactly where they were...
                EXPECT_EQ(doc.to_original(after[i].span), b) << "round " << round;
                // ...and a span with no edit inside keeps its text.
                const bool clean = std::none_of(edits.begin(), edits.end(), [&](const auto& e) {
                    return e.span.begin < b.end && e.span.end > b.begin;
                });
                if (clean) {
                    EXPECT_EQ(at(doc, after[i].span), text.substr(b.begin, b.size()));
                }
            }
        }
        // A second batch on top, so several batches are walked; then every offset must map
        // exactly as the one-edit-at-a-time reference walk of the journal does.
        if (doc.text().size() > 2) doc.replace({1, 2}, "QQ");
        for (std::size_t off = 0; off <= doc.text().size(); ++off) {
            ASSERT_EQ(doc.journal().to_original(off, docpipe::EditJournal::Bias::start),
                      reference_to_original(doc.journal(), off, false))
                << "round " << round << " offset " << off;
            ASSERT_EQ(doc.journal().to_original(off, docpipe::EditJournal::Bias::end),
                      reference_to_original(doc.journal(), off, true))
                << "round " << round << " offset " << off;
        }
    }
}

TEST(Document, ThousandsOfEditsInOneBatchStayFast) {
    // 200k edits and 200k annotations: quadratic shifting or mapping would take minutes.
    std::string text;
    for (int i = 0; i < 200000; ++i) text += "ab ";
    Document doc("d", text);
    std::vector<docpipe::TextEdit> edits;
    for (std::size_t i = 0; i < 200000; ++i) {
        doc.layer("words").push_back({{i * 3, i * 3 + 2}, "W"});
        edits.push_back({{i * 3, i * 3 + 1}, "xyz", ""});
    }
    doc.apply_edits(edits);
    const auto& words = doc.layer("words");
    EXPECT_EQ(doc.text().substr(words[199999].span.begin, words[199999].span.size()), "xyzb");
    std::size_t checked = 0;
    for (const auto& w : words) {
        const auto o = doc.to_original(w.span);
        checked += doc.original_text().compare(o.begin, o.size(), "ab") == 0;
    }
    EXPECT_EQ(checked, 200000u);
}

TEST(Document, JournalEntriesKnowTheOriginalBytesTheyReplaced) {
    Document doc("d", "a commerce battle and uncommon earth");
    doc.apply_edits({{{2, 17}, "trade war", ""}, {{22, 36}, "rare earth", ""}});
    doc.replace({0, 1}, "The");  // "The trade war and rare earth"
    const auto& j = doc.journal();
    ASSERT_EQ(j.entries().size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto s = j.source_of(i);
        EXPECT_EQ(doc.original_text().substr(s.begin, s.size()), j.entries()[i].old_text);
    }
}

// An insertion inside text an earlier stage replaced came from no original bytes: its source
// is empty (at the replaced region's start), not the whole replaced region.
TEST(Document, AnInsertionMapsToAnEmptySourceSpan) {
    Document doc("d", "aa commerce battle bb");
    doc.replace({3, 18}, "trade war");        // "aa trade war bb"
    doc.replace({8, 8}, " of words", "ins");  // "aa trade of words war bb"
    const auto source = doc.journal().source_of(1);
    EXPECT_TRUE(source.empty());
    EXPECT_EQ(source.begin, 3u);
    EXPECT_EQ(doc.to_original(Span{8, 8}).begin, source.begin);
}

TEST(Document, TextInsertedAtASpanStartStaysOutsideTheSpan) {
    Document doc("d", "hello world");
    doc.layer("w").push_back({{6, 11}, "W"});  // "world"
    doc.replace({6, 6}, "big ");
    EXPECT_EQ(at(doc, doc.layer("w")[0].span), "world");
    EXPECT_EQ(original_at(doc, doc.layer("w")[0].span), "world");
    // Insertions at one offset keep their given order, whatever the sort does.
    Document many("m", "ab");
    std::vector<docpipe::TextEdit> inserts;
    for (char c = 'A'; c <= 'Z'; ++c) inserts.push_back({{1, 1}, std::string(1, c), ""});
    many.apply_edits(inserts);
    EXPECT_EQ(many.text(), "aABCDEFGHIJKLMNOPQRSTUVWXYZb");
    // An insertion and a replacement at the same offset are not an overlap.
    Document mixed("x", "abcd");
    mixed.apply_edits({{{1, 3}, "XY", ""}, {{1, 1}, "ins", ""}});
    EXPECT_EQ(mixed.text(), "ainsXYd");
}

TEST(Document, InvalidUtf8ReplacementIsRejected) {
    Document doc("d", "abc");
    EXPECT_THROW(doc.replace({1, 1}, "\xE2\x80"), std::invalid_argument);
    EXPECT_THROW(doc.apply_edits({{{0, 1}, "\xFF", ""}}), std::invalid_argument);
    EXPECT_EQ(doc.text(), "abc");
}

TEST(Document, ApplyEditsSaysWhereEachReplacementLandsInTheGivenOrder) {
    Document doc("d", "the commerce battle over uncommon earth");
    const auto placed =
        doc.apply_edits({{{25, 33}, "rare", ""}, {{4, 19}, "trade war", ""}, {{0, 0}, ">", ""}});
    ASSERT_EQ(placed.size(), 3u);
    EXPECT_EQ(at(doc, placed[0]), "rare");
    EXPECT_EQ(at(doc, placed[1]), "trade war");
    EXPECT_EQ(at(doc, placed[2]), ">");
    EXPECT_EQ(original_at(doc, placed[0]), "uncommon");
    EXPECT_EQ(original_at(doc, placed[1]), "commerce battle");
}

// Found by fuzz_text: after this chain of edits and deletions the start of the whole-text span
// mapped past its end ([3, 2)); a span of the original must never be inverted.
TEST(Document, SpanAfterChainedEditsNeverMapsToAnInvertedOriginal) {
    struct Edit {
        std::size_t begin, end;
        const char* text;
    };
    const Edit edits[] = {
        {1, 1, "—"},          {1, 4, "x"},  {3, 4, ""},  {0, 3, "x"},   {2, 6, "é"},
        {1, 4, "é"},          {0, 1, "é"},  {0, 2, "x"}, {1, 3, "—"},   {1, 4, "phone call"},
        {1, 2, "é"},          {1, 1, "é"},  {1, 3, "—"}, {6, 10, "  "}, {4, 10, "  "},
        {1, 1, "phone call"}, {9, 16, "—"}, {0, 0, "é"}, {8, 8, "  "},  {8, 16, "—"},
        {8, 14, ""},          {0, 3, ""}};
    docpipe::Document doc("d", "Rresiden");
    doc.layer("all").push_back({{0, 8}, "ALL"});
    for (const auto& e : edits) doc.replace({e.begin, e.end}, e.text, "fuzz", "fuzz");
    ASSERT_EQ(doc.text(), "phone");
    const auto& span = doc.layer("all")[0].span;
    const auto original = doc.to_original(span);
    EXPECT_LE(original.begin, original.end);
    EXPECT_LE(original.end, doc.original_text().size());
}

// A document rebuilt from what docpipe writes out (original text, journal entries, layers,
// metadata) is the same document: text, journal, and every offset's way back to the input.
TEST(Document, RestoredFromItsPartsMapsEveryOffsetAsTheOriginalDid) {
    std::mt19937_64 rng(17);
    const std::vector<std::string> pieces = {"", "y", "yy", "\xC3\xA9", "zzz"};
    for (int round = 0; round < 2000; ++round) {
        Document doc("d", std::string(5 + rng() % 30, 'x'));
        doc.layer("marks").push_back({{0, doc.text().size()}, "ALL"});
        for (int step = static_cast<int>(rng() % 6); step-- > 0;) {
            std::vector<docpipe::TextEdit> edits;
            std::size_t at = 0;
            while (at <= doc.text().size() && edits.size() < 5) {
                std::size_t b = at + rng() % 4, e = b + rng() % 3;
                if (e > doc.text().size()) break;
                while (b > 0 && !docpipe::utf8::is_boundary(doc.text(), b)) --b;
                while (!docpipe::utf8::is_boundary(doc.text(), e)) ++e;
                edits.push_back(
                    {{b, e}, pieces[rng() % pieces.size()], "r" + std::to_string(step)});
                at = e + rng() % 2;
            }
            if (edits.empty()) continue;
            // The documented exception: consecutive batches of one stage that touch. Each
            // step's stage differs from the previous one's, so none arises here.
            const std::string stage = "s" + std::to_string(step);
            try {
                if (rng() % 3 == 0) {
                    doc.replace(edits.back().span, edits.back().replacement, "single", stage);
                } else {
                    doc.apply_edits(edits, stage);
                }
            } catch (const std::exception&) {
            }
        }
        doc.metadata()["k"] = "v";
        const Document back = Document::restore(
            doc.id(), doc.original_text(), doc.journal().entries(), doc.layers(), doc.metadata());
        ASSERT_EQ(back.text(), doc.text()) << "round " << round;
        ASSERT_EQ(back.metadata(), doc.metadata());
        ASSERT_EQ(back.find_layer("marks")->size(), 1u);
        const auto& a = doc.journal().entries();
        const auto& b = back.journal().entries();
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t k = 0; k < a.size(); ++k) {
            ASSERT_EQ(a[k].begin, b[k].begin);
            ASSERT_EQ(a[k].old_text, b[k].old_text);
            ASSERT_EQ(a[k].new_text, b[k].new_text);
            ASSERT_EQ(a[k].reason, b[k].reason);
            ASSERT_EQ(a[k].stage, b[k].stage);
            ASSERT_EQ(doc.journal().source_of(k).begin, back.journal().source_of(k).begin);
            ASSERT_EQ(doc.journal().source_of(k).end, back.journal().source_of(k).end);
        }
        for (std::size_t o = 0; o <= doc.text().size(); ++o) {
            for (auto bias : {docpipe::EditJournal::Bias::start, docpipe::EditJournal::Bias::end}) {
                ASSERT_EQ(doc.journal().to_original(o, bias), back.journal().to_original(o, bias))
                    << "round " << round << " offset " << o;
            }
        }
    }
}

TEST(Document, RestoreRefusesEditsAndSpansThatDoNotFitTheText) {
    std::vector<docpipe::EditJournal::Entry> wrong{{2, "zz", "q", "", "s"}};
    EXPECT_THROW(Document::restore("d", "abcdef", wrong, {}, {}), std::invalid_argument);
    std::map<std::string, docpipe::Layer> outside{{"l", {{{3, 9}, "X"}}}};
    EXPECT_THROW(Document::restore("d", "abcdef", {}, outside, {}), std::invalid_argument);
    // An insertion has no old text to compare: its offset must still fall between characters.
    std::vector<docpipe::EditJournal::Entry> inside{{1, "", "x", "", "s"}};
    EXPECT_THROW(Document::restore("d", "\xC3\xA9", inside, {}, {}), std::invalid_argument);
    std::map<std::string, docpipe::Layer> cut{{"l", {{{1, 2}, "X"}}}};
    EXPECT_THROW(Document::restore("d", "\xC3\xA9t\xC3\xA9", {}, cut, {}), std::invalid_argument);
}
