#pragma once
// The `exporter` stage: writes documents in one of several formats to stdout, one file, or
// one file per document, always atomically.

#include <memory>
#include <optional>
#include <set>
#include <string>

#include "atomic_file.hpp"
#include "docpipe/stage.hpp"
#include "format.hpp"
#include "output_path.hpp"

namespace docpipe::exporter {

class ExporterStage final : public Stage {
public:
    static StageInfo info();

    void configure(const Params& params, const StageContext& context) override;
    void process(Document& doc) override;
    void finish() override;

private:
    void write_target(const std::string& main_path, const Rendered& rendered);
    std::string companion_path(const std::string& main_path) const;
    void claim(const std::string& path, const std::string& doc_id);

    const Format* format_ = nullptr;
    std::optional<OutputPath> path_;
    Overwrite overwrite_ = Overwrite::replace;
    // Single-target mode: everything is collected here and written by finish(), so a failed
    // run leaves nothing (documents are rendered late because some formats need them all).
    std::unique_ptr<FormatWriter> collected_;
    // Per-document mode: files written in this run, to refuse two documents on one file.
    std::map<std::string, std::string> written_by_;
};

}  // namespace docpipe::exporter
