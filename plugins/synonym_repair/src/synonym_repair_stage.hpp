#pragma once
// The `synonym_repair` stage: restores the wording an article spinner replaced, and records
// every restoration in the `repairs` layer.
//
//   - id: repair
//     plugin: synonym_repair
//     params: { mode: apply, min_confidence: 0.5, dictionaries: [news, scientific] }

#include <docpipe/docpipe.hpp>
#include <memory>

#include "repairer.hpp"

namespace synonym_repair {

class SynonymRepairStage final : public docpipe::Stage {
public:
    static docpipe::StageInfo info();

    void configure(const docpipe::Params& params, const docpipe::StageContext& context) override;
    void process(docpipe::Document& document) override;

private:
    std::shared_ptr<const Repairer> repairer_;
    RepairOptions options_;
    bool apply_ = true;
    std::string stage_id_ = "synonym_repair";
};

}  // namespace synonym_repair
