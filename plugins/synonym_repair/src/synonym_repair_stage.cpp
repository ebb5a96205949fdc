#include "synonym_repair_stage.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

namespace synonym_repair {
namespace {

// Built-in dictionaries: name -> file under the data folder.
struct BuiltIn {
    const char* name;
    const char* file;
};
constexpr BuiltIn built_in_dictionaries[] = {
    {"news", "news.tsv"},
    {"scientific", "scientific.tsv"},
};

// The `confidence` attribute: the score to three decimals, as a reader would quote it.
double rounded_confidence(double c) {
    return std::round(c * 1000.0) / 1000.0;
}

}  // namespace

docpipe::StageInfo SynonymRepairStage::info() {
    using docpipe::ParamSpec;
    using docpipe::ParamType;
    return {
        .name = "synonym_repair",
        .version = "1.0.0",
        .description = "restores wording replaced by an article spinner (tortured phrases)",
        .params = {ParamSpec{
                       "mode", ParamType::string, std::string("apply"),
                       "apply: rewrite the text through the edit journal; annotate: only mark"}
                       .with_allowed({"apply", "annotate"}),
                   ParamSpec{"min_confidence", ParamType::number, 0.5,
                             "restore only phrases whose confidence is at least this"}
                       .with_range(0.0, 1.0),
                   ParamSpec{"dictionaries", ParamType::string_list,
                             std::vector<std::string>{"news", "scientific"},
                             "built-in dictionaries to enable"}
                       .with_allowed({"news", "scientific"}),
                   ParamSpec{"user_dictionaries", ParamType::string_list,
                             std::vector<std::string>{},
                             "extra TSV dictionaries (spun<TAB>original[<TAB>prior]) by path"},
                   ParamSpec{"repair_quotes", ParamType::boolean, false,
                             "also change text inside quotation marks (quotes are left alone by "
                             "default: they are the speaker's words)"}},
        .provides_layers = {"repairs"},
        .thread_safe = true,
        .layer_specs =
            {{"repairs",
              {"repair"},
              {{"confidence", docpipe::Value::Type::number}, "original", "replacement", "source"}}},
    };
}

void SynonymRepairStage::configure(const docpipe::Params& params,
                                   const docpipe::StageContext& context) {
    if (!context.stage_id.empty()) stage_id_ = context.stage_id;
    const std::string mode = params.has("mode") ? params.get_string("mode") : "apply";
    if (mode != "apply" && mode != "annotate") {
        throw std::invalid_argument("mode must be 'apply' or 'annotate', not '" + mode + "'");
    }
    apply_ = mode == "apply";
    options_.min_confidence =
        params.has("min_confidence") ? params.get_number("min_confidence") : 0.5;
    options_.repair_quotes = params.has("repair_quotes") && params.get_bool("repair_quotes");

    const std::vector<std::string> names = params.has("dictionaries")
                                               ? params.get_strings("dictionaries")
                                               : std::vector<std::string>{"news", "scientific"};
    auto repairer = std::make_shared<Repairer>();
    namespace fs = std::filesystem;
    const fs::path data(context.data_dir);
    for (const auto& name : names) {
        const auto* it =
            std::find_if(std::begin(built_in_dictionaries), std::end(built_in_dictionaries),
                         [&](const BuiltIn& b) { return name == b.name; });
        if (it == std::end(built_in_dictionaries)) {
            throw std::invalid_argument("unknown dictionary '" + name +
                                        "' (built-in dictionaries: news, scientific)");
        }
        PhraseDictionary dict;
        dict.load_tsv((data / it->file).string(), name);
        repairer->add_dictionary(dict);
    }
    if (params.has("user_dictionaries")) {
        for (const auto& path : params.get_strings("user_dictionaries")) {
            PhraseDictionary dict;
            dict.load_tsv(path, "user:" + fs::path(path).filename().string());
            repairer->add_dictionary(dict);
        }
    }
    if (fs::exists(data / "head_nouns.txt"))
        repairer->load_head_nouns((data / "head_nouns.txt").string());
    ContextModel model;
    if (fs::exists(data / "lm" / "unigrams.tsv")) {
        model.load((data / "lm").string());
    } else {
        context.log.warn("no context model in " + (data / "lm").string() +
                         ": repairs are judged by dictionary priors alone");
    }
    repairer->set_context_model(std::move(model));
    repairer->build();
    context.log.info("loaded " + std::to_string(repairer->entry_count()) + " dictionary entries (" +
                     std::to_string(repairer->pattern_count()) + " phrases)");
    repairer_ = std::move(repairer);
}

void SynonymRepairStage::process(docpipe::Document& document) {
    if (!repairer_) throw std::logic_error("synonym_repair: process() before configure()");
    const auto repairs = repairer_->find(document.text(), options_);
    auto& layer = document.layer("repairs");
    auto annotate = [&](const auto& r, docpipe::Span span) {
        layer.push_back({span,
                         "repair",
                         {{"original", r.spun},
                          {"replacement", r.replacement},
                          {"source", std::string(r.source)},
                          {"confidence", rounded_confidence(r.confidence)}},
                         r.confidence,
                         stage_id_});
    };
    if (!apply_) {
        for (const auto& r : repairs) annotate(r, {r.begin, r.end});
        return;
    }
    std::vector<docpipe::TextEdit> edits;
    edits.reserve(repairs.size());
    for (const auto& r : repairs) {
        edits.push_back({{r.begin, r.end}, r.replacement, std::string(r.source)});
    }
    // One batch: the journal records each edit against the text it applied to, so every
    // offset maps back to the input; the reason names the dictionary.
    const auto placed = document.apply_edits(std::move(edits), stage_id_);
    for (std::size_t i = 0; i < repairs.size(); ++i) annotate(repairs[i], placed[i]);
}

}  // namespace synonym_repair
