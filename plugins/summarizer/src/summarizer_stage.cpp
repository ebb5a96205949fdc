#include "summarizer_stage.hpp"

#include <stdexcept>

namespace summarizer {

docpipe::StageInfo SummarizerStage::info() {
    using docpipe::ParamSpec;
    using docpipe::ParamType;
    return {
        .name = "summarizer",
        .version = "1.0.0",
        .description = "extractive summary: picks the sentences that carry the gist",
        .params =
            {
                ParamSpec{"sentences", ParamType::integer, std::int64_t{3},
                          "number of sentences (used when ratio and words are 0)"}
                    .with_range(0, std::nullopt),
                ParamSpec{"ratio", ParamType::number, 0.0,
                          "share of body sentences to keep, in (0, 1]; 0 = unused; replaces "
                          "sentences"}
                    .with_range(0.0, 1.0),
                ParamSpec{"words", ParamType::integer, std::int64_t{0},
                          "word budget; 0 = unused; replaces sentences"}
                    .with_range(0, std::nullopt),
                ParamSpec{"method", ParamType::string, std::string{"combined"},
                          "sentence scoring; combined = position + LexRank + headline + "
                          "entities, lead = the first sentences"}
                    .with_allowed({"combined", "textrank", "lexrank", "position", "lead"}),
                ParamSpec{"redundancy", ParamType::number, 0.7,
                          "MMR lambda: 1 ranks by score alone, lower values favour sentences "
                          "unlike those already picked"}
                    .with_range(0.0, 1.0),
                ParamSpec{"use_entities", ParamType::boolean, true,
                          "when an `entities` layer exists, favour sentences naming the "
                          "document's salient entities"},
            },
        .requires_layers = {},
        .provides_layers = {"summary"},
        .thread_safe = true,  // configure() builds an immutable Summarizer; process() is const
        .optional_layers = {"entities"},  // the entity boost (use_entities)
        .layer_specs = {{"summary", {"sentence"}, {{"rank", docpipe::Value::Type::number}}}},
    };
}

Options SummarizerStage::options_from(const docpipe::Params& params) {
    Options o;
    const auto method_name = params.get_string("method");
    const auto method = parse_method(method_name);
    if (!method) {
        throw std::invalid_argument("method: unknown method '" + method_name +
                                    "' (choose combined, textrank, lexrank, position or lead)");
    }
    o.method = *method;
    const auto sentences = params.get_int("sentences");
    const auto words = params.get_int("words");
    if (sentences < 0) {
        throw std::invalid_argument("sentences must be >= 0, got " + std::to_string(sentences));
    }
    if (words < 0) {
        throw std::invalid_argument("words must be >= 0 (0 = unused), got " +
                                    std::to_string(words));
    }
    o.sentences = static_cast<std::size_t>(sentences);
    o.words = static_cast<std::size_t>(words);
    o.ratio = params.get_number("ratio");
    o.redundancy = params.get_number("redundancy");
    o.use_entities = params.get_bool("use_entities");
    if (auto error = validate(o); !error.empty()) throw std::invalid_argument(error);
    return o;
}

void SummarizerStage::configure(const docpipe::Params& params,
                                const docpipe::StageContext& context) {
    // The host fills in defaults; a direct caller (a test, a tool) may pass fewer.
    docpipe::Params full = params;
    for (const auto& spec : info().params) {
        if (!full.has(spec.name) && spec.default_value) full.set(spec.name, *spec.default_value);
    }
    summarizer_ = std::make_unique<Summarizer>(options_from(full));
    if (!context.stage_id.empty()) stage_id_ = context.stage_id;
}

void SummarizerStage::process(docpipe::Document& document) {
    if (!summarizer_) throw std::logic_error("summarizer: process() called before configure()");
    const Summary summary = summarizer_->summarize(
        document.text(), document.tokens(), document.sentences(), document.find_layer("entities"));
    auto& layer = document.layer("summary");
    layer.clear();  // a second summarizer in one pipeline replaces the first one's picks
    for (const auto& s : summary.sentences) {
        layer.push_back({s.span, "sentence", {{"rank", s.rank}}, s.score, stage_id_});
    }
    document.metadata()["summary"] = summary_text(document.text(), summary);
}

}  // namespace summarizer
