// The entity_tagger stage: parameters, the seed document, offsets after an earlier edit.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "entity_tagger_stage.hpp"

namespace et = entity_tagger;

namespace {

docpipe::Params params(std::vector<std::string> labels = {}, double min_score = 0.0,
                       std::string model = {}) {
    docpipe::Params p;
    p.set("labels", std::move(labels));
    p.set("min_score", min_score);
    p.set("model", std::move(model));
    return p;
}

docpipe::StageContext context() {
    docpipe::StageContext c;
    c.stage_id = "entities";
    c.data_dir = ENTITY_TAGGER_DATA_DIR;
    return c;
}

std::string read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Labels the stage gave to the exact text `surface` (every occurrence).
std::set<std::string> labels_of(const docpipe::Document& doc, const std::string& surface) {
    std::set<std::string> out;
    for (const auto& a : *doc.find_layer("entities")) {
        if (doc.text().substr(a.span.begin, a.span.size()) == surface) out.insert(a.label);
    }
    return out;
}

const docpipe::Document& seed_document() {
    static const docpipe::Document doc = [] {
        et::EntityTaggerStage stage;
        stage.configure(params(), context());
        docpipe::Document d("seed", read_file(ENTITY_TAGGER_SEED));
        stage.process(d);
        return d;
    }();
    return doc;
}

using Labels = std::set<std::string>;

}  // namespace

TEST(EntityTaggerStage, DeclaresItsParametersAndLayer) {
    const auto info = et::EntityTaggerStage::info();
    EXPECT_EQ(info.name, "entity_tagger");
    EXPECT_EQ(info.provides_layers, std::vector<std::string>{"entities"});
    std::set<std::string> names;
    for (const auto& p : info.params) names.insert(p.name);
    EXPECT_EQ(names, (std::set<std::string>{"labels", "min_score", "model"}));
    // `labels` only accepts what the stage produces, so a typo is caught at validation.
    const auto& allowed = info.params.front().allowed;
    EXPECT_EQ(std::set<std::string>(allowed.begin(), allowed.end()),
              (std::set<std::string>{"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME",
                                     "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}));
}

TEST(EntityTaggerStage, SeedDocumentPeopleWithTheRightLabels) {
    const auto& doc = seed_document();
    EXPECT_EQ(labels_of(doc, "Donald Trump"), Labels{"PERSON"});
    EXPECT_EQ(labels_of(doc, "Xi Jinping"), Labels{"PERSON"});
    EXPECT_EQ(labels_of(doc, "Melania"), Labels{"PERSON"});
    EXPECT_EQ(labels_of(doc, "Trump"), Labels{"PERSON"});
    EXPECT_EQ(labels_of(doc, "Xi"), Labels{"PERSON"});
}

TEST(EntityTaggerStage, SeedDocumentPlacesOrganisationsAndGroups) {
    const auto& doc = seed_document();
    EXPECT_EQ(labels_of(doc, "U.S."), Labels{"GPE"});
    EXPECT_EQ(labels_of(doc, "China"), Labels{"GPE"});
    EXPECT_EQ(labels_of(doc, "Beijing"), Labels{"GPE"});
    EXPECT_EQ(labels_of(doc, "Geneva"), Labels{"GPE"});
    EXPECT_EQ(labels_of(doc, "Washington"), Labels{"GPE"});
    EXPECT_EQ(labels_of(doc, "Huawei"), Labels{"ORG"});
    EXPECT_EQ(labels_of(doc, "Chinese"), Labels{"NORP"});
}

TEST(EntityTaggerStage, SeedDocumentDates) {
    const auto& doc = seed_document();
    EXPECT_EQ(labels_of(doc, "June 5"), Labels{"DATE"});
    EXPECT_EQ(labels_of(doc, "Might 12"), Labels{"DATE"});  // spun "May 12"
    EXPECT_EQ(labels_of(doc, "April 22"), Labels{"DATE"});
}

TEST(EntityTaggerStage, AnnotationsCarryScoreSourceAndStage) {
    const auto& layer = *seed_document().find_layer("entities");
    ASSERT_FALSE(layer.empty());
    std::set<std::string> sources;
    for (const auto& a : layer) {
        EXPECT_GE(a.score, 0.0);
        EXPECT_LE(a.score, 1.0);
        EXPECT_EQ(a.stage, "entities");
        sources.insert(a.attributes.at("source").string());
    }
    EXPECT_TRUE(sources.count("model"));
    EXPECT_TRUE(sources.count("rule"));
}

TEST(EntityTaggerStage, SpansMapBackToTheOriginalAfterAnEarlierEdit) {
    const std::string original =
        "Chinese language President Xi Jinping met Donald Trump in Geneva.";
    docpipe::Document doc("d", original);
    doc.replace({0, 16}, "Chinese", "spun phrase", "repair");  // "Chinese language" -> "Chinese"
    et::EntityTaggerStage stage;
    stage.configure(params(), context());
    stage.process(doc);
    bool saw_xi = false, saw_geneva = false;
    for (const auto& a : doc.layer("entities")) {
        const auto current = doc.text().substr(a.span.begin, a.span.size());
        const auto at = doc.to_original(a.span);
        const auto in_original = original.substr(at.begin, at.size());
        if (a.span.begin >= 7) {
            EXPECT_EQ(current, in_original) << a.label;  // the entity's bytes in the user's input
        } else {
            // inside the edit: the entity covers what the edit replaced
            EXPECT_EQ(in_original, "Chinese language") << a.label;
        }
        if (current == "Xi Jinping") {
            saw_xi = true;
            EXPECT_EQ(at.begin, original.find("Xi Jinping"));
        }
        if (current == "Geneva") saw_geneva = true;
    }
    EXPECT_TRUE(saw_xi);
    EXPECT_TRUE(saw_geneva);
}

TEST(EntityTaggerStage, LabelsParameterKeepsOnlyThoseLabels) {
    et::EntityTaggerStage stage;
    stage.configure(params({"DATE", "GPE"}), context());
    docpipe::Document doc("d", "On June 5, Donald Trump called Beijing.");
    stage.process(doc);
    std::set<std::string> labels;
    for (const auto& a : doc.layer("entities")) labels.insert(a.label);
    EXPECT_EQ(labels, (std::set<std::string>{"DATE", "GPE"}));
}

TEST(EntityTaggerStage, MinScoreDropsLowConfidenceEntities) {
    const std::string text = read_file(ENTITY_TAGGER_SEED);
    et::EntityTaggerStage all, confident;
    all.configure(params(), context());
    confident.configure(params({}, 0.95), context());
    docpipe::Document a("a", text), b("b", text);
    all.process(a);
    confident.process(b);
    EXPECT_LT(b.layer("entities").size(), a.layer("entities").size());
    for (const auto& e : b.layer("entities")) EXPECT_GE(e.score, 0.95);
}

TEST(EntityTaggerStage, CustomModelPathIsUsedAndABadOneFailsClearly) {
    et::EntityTaggerStage stage;
    EXPECT_NO_THROW(stage.configure(
        params({}, 0.0, std::string(ENTITY_TAGGER_DATA_DIR) + "/entity_tagger.model"), context()));
    try {
        stage.configure(params({}, 0.0, "/no/such/model.bin"), context());
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/no/such/model.bin"), std::string::npos);
    }
}

TEST(EntityTaggerStage, EmptyAndPunctuationOnlyDocuments) {
    et::EntityTaggerStage stage;
    stage.configure(params(), context());
    docpipe::Document empty("e", ""), dots("d", "... — !!!");
    stage.process(empty);
    stage.process(dots);
    EXPECT_TRUE(empty.layer("entities").empty());
    EXPECT_TRUE(dots.layer("entities").empty());
}

TEST(EntityTaggerStage, JoinedPlacesAreSeparateEntities) {
    et::EntityTaggerStage stage;
    stage.configure(params({"GPE"}), context());
    // Sentences of the seed document where the model joins the places.
    docpipe::Document doc(
        "d",
        "As an professional on U.S.-China relations, I consider these subtleties. "
        "Though China and U.S. delegations reached a 90-day tariff truce in "
        "Geneva on Might 12, negotiations between the 2 international locations "
        "stay ongoing.");
    stage.process(doc);
    EXPECT_EQ(labels_of(doc, "U.S.-China"), Labels{});
    EXPECT_EQ(labels_of(doc, "China and U.S."), Labels{});
    EXPECT_EQ(labels_of(doc, "China"), Labels{"GPE"});
    EXPECT_EQ(labels_of(doc, "U.S."), Labels{"GPE"});
}

TEST(EntityTaggerStage, OneInstanceServesSeveralThreads) {
    const std::string text = read_file(ENTITY_TAGGER_SEED);
    et::EntityTaggerStage stage;
    stage.configure(params(), context());
    docpipe::Document serial("s", text);
    stage.process(serial);
    std::vector<docpipe::Document> docs;
    for (int i = 0; i < 4; ++i) docs.emplace_back("t" + std::to_string(i), text);
    std::vector<std::thread> threads;
    for (auto& d : docs)
        threads.emplace_back([&stage, &d] {
            for (int k = 0; k < 3; ++k) {
                d.layer("entities").clear();
                stage.process(d);
            }
        });
    for (auto& t : threads) t.join();
    const auto& expected = serial.layer("entities");
    for (auto& d : docs) {
        const auto& got = d.layer("entities");
        ASSERT_EQ(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].span, expected[i].span);
            EXPECT_EQ(got[i].label, expected[i].label);
        }
    }
}

TEST(EntityTaggerStage, ArbitraryTextGivesValidSpans) {
    // Random mixes of words, numbers, punctuation, multi-byte characters and line breaks.
    const std::vector<std::string> pieces = {
        "Xi", "U.S.", "$", "5",    "%",     "June", "Might", "12",   ",",
        ".",  "—",    "é", "北京", " ",     " ",    "\n",    "\n\n", "President",
        "of", "the",  "-", "’s",   "10:30", "a.m.", "1990s", "“"};
    et::EntityTaggerStage stage;
    stage.configure(params(), context());
    std::uint64_t state = 42;
    for (int doc_index = 0; doc_index < 200; ++doc_index) {
        std::string text;
        const int length = static_cast<int>(state % 60);
        for (int k = 0; k < length; ++k) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            text += pieces[(state >> 33) % pieces.size()];
        }
        docpipe::Document doc("r", text);
        stage.process(doc);
        for (const auto& a : *doc.find_layer("entities")) {
            ASSERT_LT(a.span.begin, a.span.end) << text;
            ASSERT_LE(a.span.end, text.size()) << text;
            ASSERT_TRUE(docpipe::utf8::is_boundary(text, a.span.begin)) << text;
            ASSERT_TRUE(docpipe::utf8::is_boundary(text, a.span.end)) << text;
        }
    }
}
