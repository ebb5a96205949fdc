// How the tagger's gazetteer passes change what a model found, with a hand-made model: the
// bias makes every token O except the word "Zorbia", which the model tags as a person.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "features.hpp"
#include "hashing.hpp"
#include "tagger.hpp"

namespace et = entity_tagger;

namespace {

et::SequenceModel zorbia_model() {
    et::SequenceModel m({"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}, 16);
    const float bias[] = {1.0f, 0, 0, 0, 0, 0, 0};
    m.set_row(m.bucket_of(et::feature_id(et::t_bias, 0)), bias);
    const float person[] = {0, 5.0f, 0, 0, 0, 0, 0};
    m.set_row(m.bucket_of(et::feature_id(et::t_word, et::hash_bytes("zorbia", true))), person);
    m.set_confidence_scale(1.0f);
    return m;
}

// "LABEL:text" of every entity found in `text`.
std::vector<std::string> entities(const et::SequenceModel& model, const std::string& text) {
    const et::Tagger tagger(model);
    et::Tagger::Workspace ws;
    std::vector<et::Entity> found;
    tagger.tag(text, ws, found);
    std::vector<std::string> out;
    for (const auto& e : found) {
        out.push_back(std::string(e.label) + ":" +
                      text.substr(e.span.begin, e.span.end - e.span.begin));
    }
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST(TaggerLists, TheModelAloneDecidesWhenTheListsSayNothing) {
    EXPECT_EQ(entities(zorbia_model(), "They flew to Zorbia by train."), Strings{"PERSON:Zorbia"});
}

TEST(TaggerLists, ASpanListedAsOneKindTakesThatKind) {
    auto model = zorbia_model();
    model.gazetteer().add("Zorbia", et::gaz_bit(et::GazCategory::country));
    EXPECT_EQ(entities(model, "They flew to Zorbia by train."), Strings{"GPE:Zorbia"});
}

TEST(TaggerLists, ASpanListedAsSeveralKindsKeepsTheModelsKind) {
    auto model = zorbia_model();
    model.gazetteer().add(
        "Zorbia", et::gaz_bit(et::GazCategory::country) | et::gaz_bit(et::GazCategory::company));
    EXPECT_EQ(entities(model, "They flew to Zorbia by train."), Strings{"PERSON:Zorbia"});
}

TEST(TaggerLists, TheOrganisationFallbackLeavesOrdinaryWordsAlone) {
    auto model = zorbia_model();
    model.gazetteer().add("Acme", et::gaz_bit(et::GazCategory::company));
    model.gazetteer().add("Southern", et::gaz_bit(et::GazCategory::company) |
                                          et::gaz_bit(et::GazCategory::common_word));
    model.gazetteer().add("Southern Copper", et::gaz_bit(et::GazCategory::company));
    EXPECT_EQ(entities(model, "Staff of Acme and Southern met."), Strings{"ORG:Acme"});
    // A longer listed name is no single ordinary word.
    EXPECT_EQ(entities(model, "Staff of Southern Copper met."), Strings{"ORG:Southern Copper"});
}

TEST(TaggerLists, ALoneGivenNameMayAlsoBeAListedNameButNotAPlace) {
    auto model = zorbia_model();
    model.gazetteer().add("Melania", et::gaz_bit(et::GazCategory::first_name) |
                                         et::gaz_bit(et::GazCategory::dictionary_name));
    model.gazetteer().add(
        "Florence", et::gaz_bit(et::GazCategory::first_name) | et::gaz_bit(et::GazCategory::city));
    EXPECT_EQ(entities(model, "the lady Melania said"), Strings{"PERSON:Melania"});
    EXPECT_EQ(entities(model, "the trip to Florence was"), Strings{});
}
