// Model save/load round trip and clear errors for bad model files.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sequence_model.hpp"
#include "tagger.hpp"

namespace et = entity_tagger;
namespace fs = std::filesystem;

namespace {

et::SequenceModel small_model() {
    et::SequenceModel m({"O", "B-PER", "I-PER", "B-LOC", "I-LOC"}, 12);
    const float row_a[] = {0.5f, -1.25f, 2.0f, 0.0f, 3.5f};
    const float row_b[] = {-0.75f, 1.0f, 0.25f, -2.0f, 0.125f};
    m.set_row(7, row_a);
    m.set_row(4000, row_b);
    m.set_transition(0, 1, 0.5f);
    m.set_transition(5, 3, -0.25f);
    m.set_confidence_scale(0.125f);
    m.gazetteer().add("Geneva", et::gaz_bit(et::GazCategory::city));
    m.set_provenance("unit test");
    return m;
}

std::string temp_path(const std::string& name) {
    return (fs::temp_directory_path() / ("entity_tagger_test_" + name)).string();
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_all(const std::string& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << data;
}

std::string load_error(const std::string& path) {
    try {
        et::SequenceModel::load(path);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST(ModelFile, SaveLoadRoundTripKeepsEverything) {
    const auto path = temp_path("roundtrip.model");
    const auto original = small_model();
    original.save(path);
    const auto loaded = et::SequenceModel::load(path);
    EXPECT_EQ(loaded.tags(), original.tags());
    EXPECT_EQ(loaded.hash_bits(), 12u);
    EXPECT_EQ(loaded.row_count(), 2u);
    for (std::uint32_t bucket : {7u, 4000u}) {
        ASSERT_NE(loaded.row(bucket), nullptr);
        for (std::size_t t = 0; t < 5; ++t) {
            // 16-bit quantisation: within 1/32767 of the largest weight
            EXPECT_NEAR(loaded.row(bucket)[t], original.row(bucket)[t], 3.5f / 32767 * 1.01f);
        }
    }
    EXPECT_EQ(loaded.row(8), nullptr);
    EXPECT_FLOAT_EQ(loaded.transition(0, 1), 0.5f);
    EXPECT_FLOAT_EQ(loaded.transition(5, 3), -0.25f);
    EXPECT_FLOAT_EQ(loaded.confidence_scale(), 0.125f);
    EXPECT_EQ(loaded.gazetteer().lookup_text("GENEVA"), et::gaz_bit(et::GazCategory::city));
    EXPECT_EQ(loaded.provenance(), "unit test");
    // Saving the loaded model again gives the same bytes: the format is deterministic.
    const auto again = temp_path("roundtrip2.model");
    loaded.save(again);
    EXPECT_EQ(read_all(path), read_all(again));
    fs::remove(path);
    fs::remove(again);
}

TEST(ModelFile, BioConstraintsForbidInsideAfterOutside) {
    const auto m = small_model();
    EXPECT_FALSE(m.allowed(0, 2));  // O -> I-PER
    EXPECT_TRUE(m.allowed(1, 2));   // B-PER -> I-PER
    EXPECT_FALSE(m.allowed(1, 4));  // B-PER -> I-LOC
    EXPECT_FALSE(m.allowed(5, 2));  // start -> I-PER
}

TEST(ModelFile, MissingFileNamesThePathAndTheParameter) {
    const auto msg = load_error("/nonexistent/entity_tagger.model");
    EXPECT_NE(msg.find("/nonexistent/entity_tagger.model"), std::string::npos) << msg;
    EXPECT_NE(msg.find("`model` parameter"), std::string::npos) << msg;
}

TEST(ModelFile, NotAModelIsRefused) {
    const auto path = temp_path("notamodel.model");
    write_all(path, "version: 1\nname: a pipeline config, not a model\n");
    EXPECT_NE(load_error(path).find("not an entity_tagger model"), std::string::npos);
    fs::remove(path);
}

TEST(ModelFile, FlippedByteIsReportedAsCorrupt) {
    const auto path = temp_path("corrupt.model");
    small_model().save(path);
    std::string data = read_all(path);
    data[data.size() / 2] ^= 0x5A;
    write_all(path, data);
    const auto msg = load_error(path);
    EXPECT_NE(msg.find("corrupt"), std::string::npos) << msg;
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    fs::remove(path);
}

TEST(ModelFile, TruncatedFileIsReported) {
    const auto path = temp_path("truncated.model");
    small_model().save(path);
    const std::string data = read_all(path);
    write_all(path, data.substr(0, data.size() - 40));
    const auto msg = load_error(path);
    EXPECT_TRUE(msg.find("corrupt") != std::string::npos ||
                msg.find("truncated") != std::string::npos)
        << msg;
    fs::remove(path);
}

TEST(ModelFile, OtherFeatureSetVersionAsksForRetraining) {
    const auto path = temp_path("mismatch.model");
    small_model().save(path);
    std::string data = read_all(path);
    // Layout: 8 magic bytes, u32 format version, u32 feature set version.
    const std::uint32_t other = et::feature_set_version + 1;
    std::memcpy(data.data() + 12, &other, sizeof other);
    write_all(path, data);
    const auto msg = load_error(path);
    EXPECT_NE(msg.find("feature set version " + std::to_string(other)), std::string::npos) << msg;
    EXPECT_NE(msg.find("retrain"), std::string::npos) << msg;
    fs::remove(path);
}

TEST(ModelFile, ShippedModelLoadsAndTagsTheSameAfterRoundTrip) {
    const auto shipped =
        et::SequenceModel::load(std::string(ENTITY_TAGGER_DATA_DIR) + "/entity_tagger.model");
    EXPECT_GT(shipped.row_count(), 1000u);
    EXPECT_GT(shipped.gazetteer().size(), 1000u);
    const auto path = temp_path("shipped_copy.model");
    shipped.save(path);
    const et::Tagger a(shipped), b(et::SequenceModel::load(path));
    et::Tagger::Workspace wa, wb;
    std::vector<et::Entity> ea, eb;
    const std::string text = "Angela Merkel met Emmanuel Macron in Paris on Monday.";
    a.tag(text, wa, ea);
    b.tag(text, wb, eb);
    ASSERT_EQ(ea.size(), eb.size());
    for (std::size_t i = 0; i < ea.size(); ++i) {
        EXPECT_EQ(ea[i].span, eb[i].span);
        EXPECT_EQ(ea[i].label, eb[i].label);
    }
    fs::remove(path);
}
