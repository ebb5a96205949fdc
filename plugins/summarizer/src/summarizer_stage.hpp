#pragma once
// The `summarizer` stage: picks the sentences that carry a document's gist and records them
// as the `summary` layer and the `summary` metadata entry.

#include <docpipe/docpipe.hpp>
#include <memory>
#include <string>

#include "summarizer.hpp"

namespace summarizer {

class SummarizerStage final : public docpipe::Stage {
public:
    static docpipe::StageInfo info();

    /// Reads and checks the parameters; throws std::invalid_argument with the reason.
    void configure(const docpipe::Params& params, const docpipe::StageContext& context) override;
    void process(docpipe::Document& document) override;

    /// Parameters to Options, without creating a summarizer (for validation and tests).
    static Options options_from(const docpipe::Params& params);

private:
    std::unique_ptr<const Summarizer> summarizer_;
    std::string stage_id_ = "summarizer";
};

}  // namespace summarizer
