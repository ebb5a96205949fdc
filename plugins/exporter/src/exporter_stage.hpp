#pragma once
// The `exporter` stage: writes documents in one of several formats to stdout, one file, or
// one file per document, always atomically; optionally the same documents in more formats
// beside the main output (`also`).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "atomic_file.hpp"
#include "docpipe/stage.hpp"
#include "format.hpp"
#include "input_guard.hpp"
#include "output_path.hpp"

namespace docpipe::exporter {

class ExporterStage final : public Stage {
public:
    static StageInfo info();

    void configure(const Params& params, const StageContext& context) override;
    void process(Document& doc) override;
    void finish() override;

private:
    // One format written by this stage: the main one, then each of `also`.
    struct Output {
        const Format* format = nullptr;
        // Single-target mode: everything is collected here and written by finish(), so a
        // failed run leaves nothing (rendering waits because some formats need every document).
        std::unique_ptr<FormatWriter> collected;
    };

    /// The files of `output` for a document whose main file is `main_path`: its own file and,
    /// for brat, the companion .txt.
    std::vector<std::string> files_of(const Output& output, const std::string& main_path) const;
    /// Writes every output of one document (or of the run): rendered[i] is outputs_[i]'s.
    void write(const std::string& main_path, const std::vector<Rendered>& rendered, LogLevel level);
    void claim(const std::string& path, const std::string& doc_id);
    void check_against_inputs(const StageContext& context);

    std::vector<Output> outputs_;
    Logger log_;
    std::optional<OutputPath> path_;
    Overwrite overwrite_ = Overwrite::replace;
    InputGuard inputs_;
    // Per-document mode: files written in this run, to refuse two documents on one file.
    std::map<std::string, std::string> written_by_;
};

}  // namespace docpipe::exporter
