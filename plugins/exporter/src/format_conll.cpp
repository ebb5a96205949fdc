// `conll`: one token and its IOB2 entity tag per line (tab-separated), a blank line after
// each sentence, "-DOCSTART-" before each document. Tokens and sentences come from the SDK,
// so the columns agree with what every other stage saw.
#include <algorithm>

#include "docpipe/text.hpp"
#include "escape.hpp"
#include "format.hpp"

namespace docpipe::exporter {
namespace {

// One tag per token: B-TYPE on the first token an entity overlaps, I-TYPE on the following
// ones; where entities overlap, the one that starts first (then the longer) wins.
std::vector<std::string> iob2_tags(const Document& doc, const std::vector<text::Token>& tokens) {
    std::vector<std::string> tags(tokens.size(), "O");
    const Layer* layer = doc.find_layer("entities");
    if (layer == nullptr) return tags;
    std::vector<const Annotation*> entities;
    for (const auto& a : *layer) {
        if (!a.span.empty() && a.span.end <= doc.text().size()) entities.push_back(&a);
    }
    std::stable_sort(entities.begin(), entities.end(), [](const auto* x, const auto* y) {
        return x->span.begin != y->span.begin ? x->span.begin < y->span.begin
                                              : x->span.end > y->span.end;
    });
    std::size_t t = 0;
    for (const Annotation* e : entities) {
        while (t < tokens.size() && tokens[t].span.end <= e->span.begin) ++t;
        const std::string type = safe_label(e->label, "ENTITY");
        bool first = true;
        for (std::size_t k = t; k < tokens.size() && tokens[k].span.begin < e->span.end; ++k) {
            if (tags[k] != "O") break;  // taken by an earlier entity
            tags[k] = (first ? "B-" : "I-") + type;
            first = false;
        }
    }
    return tags;
}

class ConllWriter final : public FormatWriter {
public:
    void add(const Document& doc, Sinks& sinks) override {
        std::string& out = sinks.main.buffer();
        if (count_++ > 0) out += '\n';
        out += "-DOCSTART-\tO\n\n";
        const auto& tokens = doc.tokens();
        const auto tags = iob2_tags(doc, tokens);
        for (const auto& s : doc.sentences()) {
            for (std::size_t k = s.first_token; k < s.last_token; ++k) {
                // The tokenizer never yields whitespace; make_visible covers the controls and
                // Unicode line separators it keeps as punctuation.
                out += make_visible(text::view(doc.text(), tokens[k].span), false);
                out += '\t';
                out += tags[k];
                out += '\n';
            }
            out += '\n';
            sinks.main.spill();
        }
    }
    void finish(Sinks&) override {}
    void checkpoint() override { saved_ = count_; }
    void rollback() override { count_ = saved_; }

private:
    std::size_t count_ = 0, saved_ = 0;
};

}  // namespace

std::unique_ptr<FormatWriter> make_conll_writer() {
    return std::make_unique<ConllWriter>();
}

}  // namespace docpipe::exporter
