#include <gtest/gtest.h>

#include <docpipe/document.hpp>

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
