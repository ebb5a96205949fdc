// The `summarizer` stage: parameters, the summary layer and metadata, and span mapping.
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "summarizer_stage.hpp"

namespace {

using summarizer::SummarizerStage;

docpipe::Params params(std::map<std::string, docpipe::ParamValue> values) {
    return docpipe::Params(std::move(values));
}

std::string configure_error(std::map<std::string, docpipe::ParamValue> values) {
    SummarizerStage stage;
    try {
        stage.configure(params(std::move(values)), {});
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return {};
}

TEST(SummarizerStage, InfoDeclaresParametersAndLayer) {
    const auto info = SummarizerStage::info();
    EXPECT_EQ(info.name, "summarizer");
    EXPECT_EQ(info.provides_layers, std::vector<std::string>{"summary"});
    EXPECT_TRUE(info.requires_layers.empty());  // entities are used when present only
    std::vector<std::string> names;
    for (const auto& p : info.params) names.push_back(p.name);
    EXPECT_EQ(names, (std::vector<std::string>{"sentences", "ratio", "words", "method",
                                               "redundancy", "use_entities"}));
}

TEST(SummarizerStage, RejectsNegativeAndConflictingBudgets) {
    EXPECT_NE(configure_error({{"sentences", std::int64_t{-1}}}).find("sentences must be >= 0"),
              std::string::npos);
    EXPECT_NE(configure_error({{"words", std::int64_t{-5}}}).find("words must be >= 0"),
              std::string::npos);
    EXPECT_NE(configure_error({{"ratio", -0.2}}).find("ratio"), std::string::npos);
    EXPECT_NE(configure_error({{"ratio", 0.3}, {"words", std::int64_t{50}}}).find("conflicting"),
              std::string::npos);
    EXPECT_NE(configure_error({{"sentences", std::int64_t{0}}}).find("no budget"),
              std::string::npos);
    EXPECT_NE(configure_error({{"method", std::string{"magic"}}}).find("unknown method 'magic'"),
              std::string::npos);
    EXPECT_NE(configure_error({{"redundancy", 2.0}}).find("redundancy"), std::string::npos);
    EXPECT_EQ(configure_error({}), "");
    EXPECT_EQ(configure_error({{"sentences", std::int64_t{0}}, {"words", std::int64_t{40}}}), "");
}

TEST(SummarizerStage, ProcessBeforeConfigureFails) {
    SummarizerStage stage;
    docpipe::Document doc("d", "Some text here.");
    EXPECT_THROW(stage.process(doc), std::logic_error);
}

TEST(SummarizerStage, WritesSummaryLayerAndMetadata) {
    SummarizerStage stage;
    docpipe::StageContext ctx;
    ctx.stage_id = "summary";
    stage.configure(params({{"sentences", std::int64_t{2}}, {"method", std::string{"lead"}}}), ctx);
    docpipe::Document doc("d1",
                          "Headline here\n\nFirst sentence of the story. Second one follows. "
                          "Third one ends it.");
    stage.process(doc);
    const auto* layer = doc.find_layer("summary");
    ASSERT_NE(layer, nullptr);
    ASSERT_EQ(layer->size(), 2u);
    EXPECT_EQ(docpipe::text::view(doc.text(), (*layer)[0].span), "First sentence of the story.");
    EXPECT_EQ(docpipe::text::view(doc.text(), (*layer)[1].span), "Second one follows.");
    for (const auto& a : *layer) {
        EXPECT_EQ(a.label, "sentence");
        EXPECT_EQ(a.stage, "summary");
        EXPECT_TRUE(a.attributes.count("rank"));
        EXPECT_GE(a.score, 0.0);
        EXPECT_LE(a.score, 1.0);
    }
    EXPECT_EQ((*layer)[0].attributes.at("rank"), docpipe::Value(1));  // a number
    EXPECT_EQ(doc.metadata().at("summary"), "First sentence of the story. Second one follows.");

    // Running again replaces the picks instead of appending to them.
    stage.process(doc);
    EXPECT_EQ(doc.find_layer("summary")->size(), 2u);
}

TEST(SummarizerStage, OneInstanceServesSeveralThreads) {
    ASSERT_TRUE(SummarizerStage::info().thread_safe);
    SummarizerStage stage;
    stage.configure(params({{"sentences", std::int64_t{2}}}), {});
    std::vector<std::string> texts;
    for (int i = 0; i < 8; ++i) {
        texts.push_back("Headline number " + std::to_string(i) +
                        "\n\nThe council approved bridge " + std::to_string(i) +
                        " on Monday after a long debate. Traffic in the old town has doubled. "
                        "Residents asked the council for the bridge and a traffic plan. "
                        "Work on bridge " +
                        std::to_string(i) + " starts next year.");
    }
    auto summarize_all = [&] {
        std::vector<std::string> out;
        for (const auto& t : texts) {
            docpipe::Document doc("t", t);
            stage.process(doc);
            out.push_back(doc.metadata().at("summary"));
        }
        return out;
    };
    const auto expected = summarize_all();
    std::vector<std::vector<std::string>> results(4);
    std::vector<std::thread> threads;
    for (auto& r : results) {
        threads.emplace_back([&r, &summarize_all] {
            for (int k = 0; k < 20; ++k) r = summarize_all();
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& r : results) EXPECT_EQ(r, expected);
}

TEST(SummarizerStage, EmptyDocumentGetsEmptySummary) {
    SummarizerStage stage;
    stage.configure(params({}), {});
    docpipe::Document doc("empty", "");
    stage.process(doc);
    ASSERT_NE(doc.find_layer("summary"), nullptr);
    EXPECT_TRUE(doc.find_layer("summary")->empty());
    EXPECT_EQ(doc.metadata().at("summary"), "");
}

TEST(SummarizerStage, SpansMapBackToTheOriginalAfterAnEarlierEdit) {
    const std::string original =
        "Trump held a cellphone name with Chinese language President Xi Jinping on June 5. "
        "It was the first direct talk between the two leaders this year.";
    docpipe::Document doc("seed", original);
    // What a repair stage does before us: "cellphone name" -> "phone call", and
    // "Chinese language" -> "Chinese".
    doc.replace({original.find("cellphone name"), original.find("cellphone name") + 14},
                "phone call", "spun phrase", "repair");
    const auto lang = doc.text().find("Chinese language");
    doc.replace({lang, lang + 16}, "Chinese", "spun phrase", "repair");

    SummarizerStage stage;
    stage.configure(params({{"sentences", std::int64_t{1}}, {"method", std::string{"lead"}}}), {});
    stage.process(doc);
    const auto& layer = doc.layer("summary");
    ASSERT_EQ(layer.size(), 1u);
    EXPECT_EQ(docpipe::text::view(doc.text(), layer[0].span),
              "Trump held a phone call with Chinese President Xi Jinping on June 5.");
    const auto back = doc.to_original(layer[0].span);
    EXPECT_EQ(docpipe::text::view(original, back),
              "Trump held a cellphone name with Chinese language President Xi Jinping on June 5.");
    EXPECT_EQ(doc.metadata().at("summary"),
              "Trump held a phone call with Chinese President Xi Jinping on June 5.");
}

TEST(SummarizerStage, UsesAnEntitiesLayerWhenPresent) {
    const std::string text =
        "Officials met on Monday to discuss the regional budget for next year in detail.\n\n"
        "Weather forecasts for the week call for rain across the region and cooler nights.\n\n"
        "Mayor Alvarez said the plan would protect jobs, and Alvarez promised a vote soon.\n\n"
        "Alvarez has led the city since 2019, and Alvarez wants another term in office.";
    auto second_pick = [&](bool with_layer, bool use_entities) {
        docpipe::Document doc("e", text);
        if (with_layer) {
            auto& entities = doc.layer("entities");
            for (auto at = text.find("Alvarez"); at != std::string::npos;
                 at = text.find("Alvarez", at + 1)) {
                entities.push_back({{at, at + 7}, "PERSON"});
            }
        }
        SummarizerStage stage;
        stage.configure(params({{"sentences", std::int64_t{2}}, {"use_entities", use_entities}}),
                        {});
        stage.process(doc);
        const auto& layer = doc.layer("summary");
        EXPECT_EQ(layer.size(), 2u);
        return std::string(docpipe::text::view(doc.text(), layer.back().span)).substr(0, 7);
    };
    EXPECT_EQ(second_pick(false, true), "Weather");  // no layer: nothing required, nothing used
    EXPECT_EQ(second_pick(true, false), "Weather");
    EXPECT_EQ(second_pick(true, true), "Mayor A");
}

}  // namespace
