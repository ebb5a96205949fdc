// et_evaluate: scores the entity tagger (and optionally a peer's predictions) on a UNER-style
// IOB2 file, the way docs/QUALITY.md describes:
//
//   et_evaluate --model plugins/entity_tagger/data/entity_tagger.model [--errors FILE]
//               --gold ../shared/data/ner/uner_en_pud/en_pud-ud-test.iob2
//               [--peer NAME=predictions.tsv]...
//
// Each system tags the raw sentence text (`# text =`); its entity byte spans are projected onto
// the gold tokens (a token overlapping an entity gets its type), then conlleval scores exact
// typed spans. Types map PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC; other types are dropped.
// A peer file has lines `sent_id<TAB>begin<TAB>end<TAB>type` with UTF-8 byte offsets.
#include <cstdio>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "conll_corpus.hpp"
#include "conlleval.hpp"
#include "tagger.hpp"

using namespace entity_tagger;
using namespace entity_tagger::tools;

namespace {

struct SpanLabel {
    std::size_t begin, end;
    std::string type;
};

std::string map_type(std::string_view label) {
    if (label == "PERSON" || label == "PER") return "PER";
    if (label == "ORG") return "ORG";
    if (label == "GPE" || label == "LOC" || label == "FAC") return "LOC";
    return {};
}

// Byte offsets of each gold token inside the sentence text, found left to right.
std::vector<std::pair<std::size_t, std::size_t>> align(const LabeledSentence& s) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t cursor = 0;
    for (const auto& t : s.tokens) {
        const std::size_t at = s.text.find(t, cursor);
        if (at == std::string::npos) {
            out.emplace_back(cursor, cursor);  // unalignable: never tagged
            continue;
        }
        out.emplace_back(at, at + t.size());
        cursor = at + t.size();
    }
    return out;
}

std::vector<std::string> project(const LabeledSentence& s, const std::vector<SpanLabel>& spans) {
    const auto offsets = align(s);
    std::vector<std::string> tags(s.tokens.size(), "O");
    for (const auto& e : spans) {
        if (e.type.empty()) continue;
        bool first = true;
        for (std::size_t i = 0; i < offsets.size(); ++i) {
            const auto [b, end] = offsets[i];
            if (b == end || end <= e.begin || b >= e.end) continue;
            if (tags[i] != "O") {
                first = false;  // overlapping entities: the earlier one keeps the token
                continue;
            }
            tags[i] = (first ? "B-" : "I-") + e.type;
            first = false;
        }
    }
    return tags;
}

struct SystemScores {
    ConllEvaluator all, news, wiki;
};

void score(SystemScores& scores, const LabeledSentence& s,
           const std::vector<std::string>& predicted) {
    scores.all.add(s.tags, predicted);
    (s.sent_id.rfind("n", 0) == 0 ? scores.news : scores.wiki).add(s.tags, predicted);
}

}  // namespace

int main(int argc, char** argv) {
    std::string model_path, gold_path, errors_path;
    double min_score = 0.0;
    std::vector<std::pair<std::string, std::string>> peers;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "et_evaluate: missing value after %s\n", a.c_str());
            return 64;
        }
        const std::string v = argv[++i];
        if (a == "--model")
            model_path = v;
        else if (a == "--gold")
            gold_path = v;
        else if (a == "--errors")
            errors_path = v;
        else if (a == "--min-score")
            min_score = std::stod(v);
        else if (a == "--peer") {
            const auto eq = v.find('=');
            if (eq == std::string::npos) {
                std::fprintf(stderr, "et_evaluate: --peer wants NAME=FILE\n");
                return 64;
            }
            peers.emplace_back(v.substr(0, eq), v.substr(eq + 1));
        } else {
            std::fprintf(stderr, "et_evaluate: unknown option %s\n", a.c_str());
            return 64;
        }
    }
    if (model_path.empty() || gold_path.empty()) {
        std::fprintf(stderr, "usage: et_evaluate --model FILE --gold FILE [--peer NAME=FILE]...\n");
        return 64;
    }
    try {
        const auto gold = read_iob2(gold_path);
        const Tagger tagger(SequenceModel::load(model_path));
        Tagger::Workspace ws;
        std::vector<std::string> names = {"entity_tagger"};
        std::vector<SystemScores> scores(1 + peers.size());
        std::vector<std::map<std::string, std::vector<SpanLabel>>> peer_spans;
        for (const auto& [name, file] : peers) {
            names.push_back(name);
            std::ifstream in(file);
            if (!in) throw std::runtime_error("cannot open peer predictions '" + file + "'");
            std::map<std::string, std::vector<SpanLabel>> by_sentence;
            std::string id, type;
            std::size_t b, e;
            while (in >> id >> b >> e >> type) by_sentence[id].push_back({b, e, map_type(type)});
            peer_spans.push_back(std::move(by_sentence));
        }
        std::vector<Entity> found;
        std::ofstream errors;
        if (!errors_path.empty()) errors.open(errors_path);
        for (auto s : gold) {
            s.tags = normalise_tags(s.tags, {"PER", "ORG", "LOC"});
            if (s.text.empty())
                throw std::runtime_error("sentence " + s.sent_id + " has no # text");
            found.clear();
            tagger.tag(s.text, ws, found);
            std::vector<SpanLabel> ours;
            for (const auto& e : found) {
                if (e.score >= min_score)
                    ours.push_back({e.span.begin, e.span.end, map_type(e.label)});
            }
            const auto predicted = project(s, ours);
            score(scores[0], s, predicted);
            if (errors.is_open() && predicted != s.tags) {
                // Development aid: the sentence with gold and predicted chunks side by side.
                errors << "# " << s.sent_id << " " << s.text << "\n";
                auto show = [&](const char* what, const std::vector<std::string>& tags) {
                    errors << what;
                    for (const auto& c : chunks_of(tags)) {
                        errors << " [" << c.type << ":";
                        for (std::size_t t = c.first; t < c.last; ++t) errors << " " << s.tokens[t];
                        errors << "]";
                    }
                    errors << "\n";
                };
                show("gold", s.tags);
                show("pred", predicted);
            }
            for (std::size_t p = 0; p < peers.size(); ++p) {
                auto it = peer_spans[p].find(s.sent_id);
                score(
                    scores[p + 1], s,
                    project(s, it == peer_spans[p].end() ? std::vector<SpanLabel>{} : it->second));
            }
        }
        for (std::size_t k = 0; k < names.size(); ++k) {
            std::printf("%s", scores[k].all.report(names[k] + " / all").c_str());
            std::printf("%s", scores[k].news.report(names[k] + " / news").c_str());
            std::printf("%s\n", scores[k].wiki.report(names[k] + " / wiki").c_str());
        }
        std::printf(
            "| system | all P | all R | all F1 | news F1 | wiki F1 |\n|---|---|---|---|---|---|\n");
        for (std::size_t k = 0; k < names.size(); ++k) {
            const auto& a = scores[k].all.overall();
            std::printf("| %s | %.1f | %.1f | **%.1f** | %.1f | %.1f |\n", names[k].c_str(),
                        a.precision(), a.recall(), a.f1(), scores[k].news.overall().f1(),
                        scores[k].wiki.overall().f1());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "et_evaluate: %s\n", e.what());
        return 1;
    }
    return 0;
}
