#pragma once
// Helpers shared by the exporter tests: parameters with defaults, temporary folders, files.

#include <filesystem>
#include <map>
#include <string>

#include "docpipe/params.hpp"
#include "exporter_stage.hpp"

namespace docpipe::exporter::testing {

/// The exporter's parameters: its declared defaults overridden by `values`.
Params make_params(const std::map<std::string, ParamValue>& values);

/// A configured exporter stage.
std::unique_ptr<ExporterStage> make_stage(const std::map<std::string, ParamValue>& values);

/// A fresh empty directory, removed with the object.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const noexcept { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
/// Names of every entry under `dir`, recursively, relative to it, sorted.
std::vector<std::string> list_tree(const std::filesystem::path& dir);

}  // namespace docpipe::exporter::testing
