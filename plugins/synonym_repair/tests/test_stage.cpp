// The stage: apply and annotate modes, the repairs layer, the edit journal, parameters.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "synonym_repair_stage.hpp"

using namespace synonym_repair;

namespace {

docpipe::Params params(std::string mode = "apply") {
    docpipe::Params p;
    p.set("mode", mode);
    p.set("min_confidence", 0.5);
    p.set("dictionaries", std::vector<std::string>{"news", "scientific"});
    p.set("user_dictionaries", std::vector<std::string>{});
    p.set("repair_quotes", false);
    return p;
}

docpipe::StageContext context() {
    docpipe::StageContext c;
    c.stage_id = "repair";
    c.data_dir = SYNONYM_REPAIR_DATA_DIR;
    return c;
}

std::string view(const std::string& text, docpipe::Span s) {
    return text.substr(s.begin, s.size());
}

// Multi-byte text before, between and after the spun phrases.
const std::string input =
    "Café owners in Zürich — 東京 too — watched the commerce battle; “the commerce battle” is a "
    "quote. Beijing suspended uncommon earth shipments on Might 12 to 北京 firms.";

}  // namespace

TEST(Stage, ApplyRewritesTextAndRecordsRepairs) {
    SynonymRepairStage stage;
    stage.configure(params(), context());
    docpipe::Document doc("d1", input);
    stage.process(doc);
    EXPECT_EQ(
        doc.text(),
        "Café owners in Zürich — 東京 too — watched the trade war; “the commerce battle” is a "
        "quote. Beijing suspended rare earth shipments on May 12 to 北京 firms.");
    const auto* layer = doc.find_layer("repairs");
    ASSERT_NE(layer, nullptr);
    ASSERT_EQ(layer->size(), 3u);
    const auto& a = (*layer)[0];
    EXPECT_EQ(a.label, "repair");
    EXPECT_EQ(view(doc.text(), a.span), "trade war");
    EXPECT_EQ(a.attributes.at("original"), "commerce battle");
    EXPECT_EQ(a.attributes.at("replacement"), "trade war");
    EXPECT_EQ(a.attributes.at("source"), "news");
    EXPECT_GT(a.score, 0.5);
    EXPECT_EQ(a.stage, "repair");
    EXPECT_EQ(view(doc.text(), (*layer)[2].span), "May 12");
}

TEST(Stage, OffsetsMapBackToTheInputThroughTheJournal) {
    SynonymRepairStage stage;
    stage.configure(params(), context());
    docpipe::Document doc("d1", input);
    // An earlier stage's annotation on multi-byte text after the edits.
    const auto at = input.find("北京");
    doc.layer("entities").push_back({{at, at + std::string("北京").size()}, "LOC"});
    stage.process(doc);
    const auto& entity = doc.layer("entities")[0];
    EXPECT_EQ(view(doc.text(), entity.span), "北京");
    EXPECT_EQ(doc.to_original(entity.span), (docpipe::Span{at, at + 6}));
    // Each repair maps back to the spun words in the input.
    for (const auto& r : doc.layer("repairs")) {
        EXPECT_EQ(view(doc.original_text(), doc.to_original(r.span)), r.attributes.at("original"));
    }
    // One batch of edits, one journal entry per repair.
    EXPECT_EQ(doc.journal().entries().size(), 3u);
}

TEST(Stage, AnnotateLeavesTextUntouched) {
    SynonymRepairStage stage;
    stage.configure(params("annotate"), context());
    docpipe::Document doc("d1", input);
    stage.process(doc);
    EXPECT_EQ(doc.text(), input);
    EXPECT_TRUE(doc.journal().empty());
    const auto& layer = doc.layer("repairs");
    ASSERT_EQ(layer.size(), 3u);
    EXPECT_EQ(view(doc.text(), layer[1].span), "uncommon earth");
    EXPECT_EQ(layer[1].attributes.at("replacement"), "rare earth");
}

TEST(Stage, RepairQuotesParameterReachesQuotedText) {
    SynonymRepairStage stage;
    auto p = params();
    p.set("repair_quotes", true);
    stage.configure(p, context());
    docpipe::Document doc("d1", input);
    stage.process(doc);
    EXPECT_NE(doc.text().find("“the trade war”"), std::string::npos);
}

TEST(Stage, UserDictionaryIsLoadedAndNamedAsSource) {
    const auto path = std::filesystem::temp_directory_path() / "synonym_repair_user_test.tsv";
    std::ofstream(path) << "# user entries\nwatched the\tsaw the\t0.95\n";
    SynonymRepairStage stage;
    auto p = params();
    p.set("dictionaries", std::vector<std::string>{});
    p.set("user_dictionaries", std::vector<std::string>{path.string()});
    stage.configure(p, context());
    docpipe::Document doc("d1", input);
    stage.process(doc);
    EXPECT_NE(doc.text().find("— saw the commerce battle"), std::string::npos);
    EXPECT_EQ(doc.layer("repairs")[0].attributes.at("source"), "user:synonym_repair_user_test.tsv");
    std::filesystem::remove(path);
}

TEST(Stage, BadUserDictionaryFailsConfigureWithFileAndLine) {
    const auto path = std::filesystem::temp_directory_path() / "synonym_repair_bad_test.tsv";
    std::ofstream(path) << "ok\tfine\nbroken line without tab\n";
    SynonymRepairStage stage;
    auto p = params();
    p.set("user_dictionaries", std::vector<std::string>{path.string()});
    try {
        stage.configure(p, context());
        FAIL() << "no error";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find(path.string() + ":2:"), std::string::npos) << e.what();
    }
    std::filesystem::remove(path);
}

TEST(Stage, UnknownDictionaryIsRejected) {
    SynonymRepairStage stage;
    auto p = params();
    p.set("dictionaries", std::vector<std::string>{"legal"});
    EXPECT_THROW(stage.configure(p, context()), std::invalid_argument);
}

TEST(Stage, DeclaresItsParametersAndLayer) {
    const auto info = SynonymRepairStage::info();
    EXPECT_EQ(info.name, "synonym_repair");
    EXPECT_EQ(info.provides_layers, (std::vector<std::string>{"repairs"}));
    std::vector<std::string> names;
    for (const auto& s : info.params) names.push_back(s.name);
    EXPECT_EQ(names, (std::vector<std::string>{"mode", "min_confidence", "dictionaries",
                                               "user_dictionaries", "repair_quotes"}));
}
