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
    };

    // The files of one target being written: per output, its writer and its sinks (the main
    // file, and brat's companion). Single-target mode keeps one open for the whole run and
    // commits it in finish(), so a failed run leaves nothing; per-document mode opens one per
    // document.
    struct OpenOutput {
        std::unique_ptr<FormatWriter> writer;
        OutputSink main;
        std::unique_ptr<OutputSink> companion;
        Sinks sinks() { return {main, companion.get()}; }
    };
    struct OpenTarget {
        std::string main_path;  // empty for stdout
        std::vector<OpenOutput> outputs;
        bool broken = false;  // a failed document could not be taken back: never commit
        std::string broken_reason;
    };

    /// The files of `output` for a document whose main file is `main_path`: its own file and,
    /// for brat, the companion .txt.
    std::vector<std::string> files_of(const Output& output, const std::string& main_path) const;
    OpenTarget open_target(const std::string& main_path) const;
    void add_or_take_back(OpenTarget& target, const Document& doc);
    void stream_completed_document(OpenTarget& target);
    /// Completes every output of the target and puts its files in place together.
    void commit(OpenTarget& target, LogLevel level);
    void claim(const std::string& path, const std::string& doc_id);
    void check_against_inputs(const StageContext& context);

    std::vector<Output> outputs_;
    Logger log_;
    std::optional<OutputPath> path_;
    Overwrite overwrite_ = Overwrite::replace;
    InputGuard inputs_;
    // Per-document mode: files written in this run, to refuse two documents on one file.
    std::map<std::string, std::string> written_by_;
    std::optional<OpenTarget> single_;  // single-target mode: the run's one target
};

}  // namespace docpipe::exporter
