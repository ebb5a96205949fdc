#pragma once
// The `entity_tagger` stage: named entities of the current text as the `entities` layer.
// Spans are bytes of the current text; the SDK's edit journal maps them to the original input.

#include <docpipe/docpipe.hpp>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tagger.hpp"

namespace entity_tagger {

/// Every label the stage can produce (the values `labels` accepts).
inline std::vector<std::string> produced_labels() {
    return {"PERSON", "NORP",  "ORG",     "GPE",      "LOC",     "FAC",     "DATE",
            "TIME",   "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"};
}

/// File name of the shipped model inside the plugin's data folder.
inline constexpr const char* default_model_file = "entity_tagger.model";

class EntityTaggerStage final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {
            .name = "entity_tagger",
            .version = "1.0.0",
            .description =
                "named entities (PERSON, ORG, GPE, DATE, ...): averaged perceptron + rules",
            .params = {docpipe::ParamSpec{"labels", docpipe::ParamType::string_list,
                                          std::vector<std::string>{},
                                          "entity labels to keep; empty keeps all"}
                           .with_allowed(produced_labels()),
                       docpipe::ParamSpec{"min_score", docpipe::ParamType::number, 0.0,
                                          "drop entities whose confidence is below this"}
                           .with_range(0.0, 1.0),
                       {"model", docpipe::ParamType::string, std::string{},
                        "path of a model file built by tools/entity_tagger/train.sh; empty uses "
                        "the shipped model"}},
            .provides_layers = {"entities"},
            .thread_safe = true,
            .layer_specs = {{"entities", produced_labels(), {"source"}}},
        };
    }

    void configure(const docpipe::Params& params, const docpipe::StageContext& context) override {
        stage_id_ = context.stage_id.empty() ? "entity_tagger" : context.stage_id;
        const auto& labels = params.get_strings("labels");
        labels_ = std::set<std::string>(labels.begin(), labels.end());
        min_score_ = params.get_number("min_score");
        std::string path = params.get_string("model");
        if (path.empty()) path = context.data_dir + "/" + default_model_file;
        tagger_ = std::make_unique<Tagger>(SequenceModel::load(path));
    }

    void process(docpipe::Document& doc) override {
        if (!tagger_) throw std::logic_error("entity_tagger: process() called before configure()");
        // Borrowed scratch buffers: one instance may serve several threads (thread_safe), and
        // each call reuses a workspace an earlier document grew.
        const auto workspace = workspaces_.acquire();
        auto& found = workspace->found;
        found.clear();
        // The document's token layer: tokenized once per text, shared with the other stages.
        tagger_->tag(doc.text(), doc.tokens(), doc.sentences(), *workspace, found);
        auto& layer = doc.layer("entities");
        for (const auto& e : found) {
            if (e.score < min_score_) continue;
            std::string label(e.label);
            if (!labels_.empty() && labels_.count(label) == 0) continue;
            docpipe::Annotation a;
            a.span = e.span;
            a.label = std::move(label);
            a.score = e.score;
            a.attributes["source"] = std::string(e.source);
            a.stage = stage_id_;
            layer.push_back(std::move(a));
        }
    }

private:
    std::unique_ptr<Tagger> tagger_;  // read-only after configure()
    docpipe::WorkspacePool<Tagger::Workspace> workspaces_;
    std::set<std::string> labels_;
    double min_score_ = 0.0;
    std::string stage_id_;
};

}  // namespace entity_tagger
