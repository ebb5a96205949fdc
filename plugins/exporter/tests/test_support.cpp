#include "test_support.hpp"

#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace docpipe::exporter::testing {

Params make_params(const std::map<std::string, ParamValue>& values) {
    Params params;
    for (const auto& spec : ExporterStage::info().params) {
        if (spec.default_value) params.set(spec.name, *spec.default_value);
    }
    for (const auto& [name, value] : values) params.set(name, value);
    return params;
}

std::unique_ptr<ExporterStage> make_stage(const std::map<std::string, ParamValue>& values) {
    auto stage = std::make_unique<ExporterStage>();
    StageContext context;
    context.stage_id = "export";
    stage->configure(make_params(values), context);
    return stage;
}

TempDir::TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "exporter-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> list_tree(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        names.push_back(std::filesystem::relative(entry.path(), dir).string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace docpipe::exporter::testing
