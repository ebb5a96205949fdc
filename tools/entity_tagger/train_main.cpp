// et_train: builds the entity_tagger model from the IOB2 training sets and the gazetteers.
//
//   et_train --data ../shared/data/ner --gazetteers ../shared/data/gazetteers
//            --sets permissive --out plugins/entity_tagger/data/entity_tagger.model
//
// The GUM dev/test documents are the development set: the epoch count and the confidence
// scale are chosen on them, then the final model is trained on everything selected.
// The UNER English-PUD test set is never read.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "conll_corpus.hpp"
#include "conlleval.hpp"
#include "gazetteer_builder.hpp"
#include "mention_replacement.hpp"
#include "perceptron_trainer.hpp"
#include "tagger.hpp"

using namespace entity_tagger;
using namespace entity_tagger::tools;

namespace {

const std::vector<std::string> tag_set = {"O",     "B-PER", "I-PER", "B-ORG",
                                          "I-ORG", "B-LOC", "I-LOC"};
const std::vector<std::string> types = {"PER", "ORG", "LOC"};

struct Options {
    std::string data, gazetteers, extra_orgs, out, dev_model_out, sets = "permissive";
    LexicalSources lexical;
    TrainerOptions trainer;
    int ensemble = 1;
    int augment = 0;  ///< mention-replaced copies of each training sentence with entities
};

[[noreturn]] void usage(const char* error) {
    std::fprintf(stderr,
                 "error: %s\nusage: et_train --data DIR --gazetteers DIR --out FILE\n"
                 "       [--sets permissive|all] [--extra-orgs TSV]\n"
                 "       [--wordnet DIR] [--words FILE] [--augment N] [--epochs N] [--max-rows N] "
                 "[--hash-bits N]\n",
                 error);
    std::exit(64);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value after " + a).c_str());
            return argv[++i];
        };
        if (a == "--data")
            o.data = value();
        else if (a == "--gazetteers")
            o.gazetteers = value();
        else if (a == "--out")
            o.out = value();
        else if (a == "--extra-orgs")
            o.extra_orgs = value();
        else if (a == "--augment")
            o.augment = std::stoi(value());
        else if (a == "--wordnet")
            o.lexical.wordnet_dir = value();
        else if (a == "--words")
            o.lexical.word_list = value();
        else if (a == "--sets")
            o.sets = value();
        else if (a == "--epochs")
            o.trainer.epochs = std::stoi(value());
        else if (a == "--max-rows")
            o.trainer.max_rows = std::stoul(value());
        else if (a == "--ensemble")
            o.ensemble = std::stoi(value());
        else if (a == "--dev-model-out")
            o.dev_model_out = value();
        else if (a == "--seed")
            o.trainer.seed = std::stoull(value());
        else if (a == "--hash-bits")
            o.trainer.hash_bits = static_cast<std::uint32_t>(std::stoul(value()));
        else
            usage(("unknown option " + a).c_str());
    }
    if (o.data.empty() || o.gazetteers.empty() || o.out.empty())
        usage("--data, --gazetteers and --out are required");
    if (o.sets != "permissive" && o.sets != "all") usage("--sets must be permissive or all");
    return o;
}

// GUM documents whose GUM split is dev or test: our development set.
std::set<std::string> gum_dev_docs(const std::string& data) {
    std::ifstream in(data + "/gum_train/docs.tsv");
    if (!in) throw std::runtime_error("cannot open " + data + "/gum_train/docs.tsv");
    std::set<std::string> dev;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const auto t1 = line.find('\t');
        const auto t2 = line.find('\t', t1 + 1);
        const auto t3 = line.find('\t', t2 + 1);
        const std::string split = line.substr(t2 + 1, t3 - t2 - 1);
        if (split == "dev" || split == "test") dev.insert(line.substr(0, t1));
    }
    return dev;
}

double dev_f1(const SequenceModel& model, const std::vector<LabeledSentence>& dev, bool print) {
    Tagger tagger(model);
    Tagger::Workspace ws;
    ConllEvaluator eval;
    std::vector<std::string_view> views;
    std::vector<std::string> predicted;
    for (const auto& s : dev) {
        views.assign(s.tokens.begin(), s.tokens.end());
        tagger.tag_tokens(views.data(), views.size(), ws);
        predicted.clear();
        for (auto t : ws.tags) predicted.push_back(model.tags()[t]);
        eval.add(s.tags, predicted);
    }
    if (print) std::fputs(eval.report("dev (GUM dev+test docs)").c_str(), stderr);
    return eval.overall().f1();
}

// The scale that makes the local softmax of the (given-gold-previous) scores best predict the
// gold tags on the dev set: turns perceptron margins into usable confidences.
float fit_confidence_scale(const SequenceModel& model, const std::vector<LabeledSentence>& dev) {
    Tagger tagger(model);
    Tagger::Workspace ws;
    std::vector<std::string_view> views;
    const std::size_t T = model.tag_count();
    std::vector<std::vector<float>> logits;
    std::vector<std::size_t> gold;
    for (const auto& s : dev) {
        views.assign(s.tokens.begin(), s.tokens.end());
        tagger.tag_tokens(views.data(), views.size(), ws);
        std::size_t prev = T;
        for (std::size_t i = 0; i < s.tokens.size(); ++i) {
            std::size_t g = 0;
            while (model.tags()[g] != s.tags[i]) ++g;
            std::vector<float> l(T);
            for (std::size_t c = 0; c < T; ++c) {
                l[c] = model.allowed(prev, c)
                           ? ws.emissions[i * row_width + c] + model.transition(prev, c)
                           : -1e30f;
            }
            logits.push_back(std::move(l));
            gold.push_back(g);
            prev = g;
        }
    }
    float best_scale = 1.0f;
    double best_loss = 1e300;
    for (float scale = 0.01f; scale <= 3.0f; scale *= 1.15f) {
        double loss = 0;
        for (std::size_t k = 0; k < logits.size(); ++k) {
            float mx = -1e30f;
            for (float v : logits[k]) mx = std::max(mx, v * scale);
            double z = 0;
            for (float v : logits[k]) z += std::exp(static_cast<double>(v * scale - mx));
            loss -= (logits[k][gold[k]] * scale - mx) - std::log(z);
        }
        if (loss < best_loss) {
            best_loss = loss;
            best_scale = scale;
        }
    }
    std::fprintf(stderr, "confidence scale %.4f (dev log-loss %.4f per token)\n", best_scale,
                 best_loss / static_cast<double>(logits.size()));
    return best_scale;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    const auto t0 = std::chrono::steady_clock::now();
    try {
        std::vector<std::string> files = {
            "gum_train/gum_academic.iob2",  "gum_train/gum_court.iob2",
            "gum_train/gum_interview.iob2", "gum_train/gum_news.iob2",
            "gum_train/gum_speech.iob2",    "gum_train/gum_textbook.iob2",
            "gum_train/gum_vlog.iob2",      "wikigold/wikigold.iob2"};
        if (o.sets == "all") {
            for (const char* f :
                 {"gum_train/gum_bio.iob2", "gum_train/gum_voyage.iob2",
                  "uner_en_ewt/en_ewt-ud-dev.iob2", "uner_en_ewt/en_ewt-ud-test.iob2"}) {
                files.push_back(f);
            }
        }
        const auto dev_docs = gum_dev_docs(o.data);
        std::vector<LabeledSentence> train, dev;
        std::string provenance = "entity_tagger model; training sets (" + o.sets + "):";
        for (const auto& f : files) {
            if (f.find("pud") != std::string::npos) throw std::logic_error("PUD is the test set");
            auto sentences = read_iob2(o.data + "/" + f);
            std::size_t in_dev = 0;
            for (auto& s : sentences) {
                s.tags = normalise_tags(s.tags, types);
                if (f.rfind("wikigold/", 0) == 0) facilities_as_locations(s);
                if (dev_docs.count(s.doc)) {
                    dev.push_back(s);
                    ++in_dev;
                } else {
                    train.push_back(s);
                }
            }
            provenance += " " + f + " (" + std::to_string(sentences.size()) + " sentences)";
            std::fprintf(stderr, "%-36s %6zu sentences (%zu dev)\n", f.c_str(), sentences.size(),
                         in_dev);
        }
        provenance += "; gazetteers: shared/data/gazetteers (see LICENSE.md)";
        if (!o.lexical.wordnet_dir.empty()) provenance += "; WordNet 3.0 nouns";
        if (!o.lexical.word_list.empty()) provenance += "; word list " + o.lexical.word_list;
        if (o.augment > 0) {
            auto extra = augment_mentions(train, o.augment, o.trainer.seed);
            std::fprintf(stderr, "mention replacement: %zu extra sentences\n", extra.size());
            train.insert(train.end(), extra.begin(), extra.end());
            provenance += "; mention replacement x" + std::to_string(o.augment);
        }

        std::fprintf(stderr, "building gazetteer from %s\n", o.gazetteers.c_str());
        const Gazetteer gazetteer = build_gazetteer(o.gazetteers, o.extra_orgs, o.lexical);
        std::fprintf(stderr, "gazetteer: %zu keys\n", gazetteer.size());

        // 1. Train on train, watch dev: pick the epoch count and the confidence scale.
        // An ensemble of `--ensemble` trainers with other shuffling seeds, averaged at export.
        auto make_trainers = [&] {
            std::vector<std::unique_ptr<PerceptronTrainer>> trainers;
            for (int k = 0; k < o.ensemble; ++k) {
                TrainerOptions options = o.trainer;
                options.seed = o.trainer.seed + static_cast<std::uint64_t>(k) * 7919;
                trainers.push_back(
                    std::make_unique<PerceptronTrainer>(tag_set, gazetteer, options));
            }
            return trainers;
        };
        auto export_all = [](const std::vector<std::unique_ptr<PerceptronTrainer>>& trainers) {
            std::vector<const PerceptronTrainer*> raw;
            for (const auto& t : trainers) raw.push_back(t.get());
            return PerceptronTrainer::export_average(raw);
        };
        auto dev_trainers = make_trainers();
        const auto train_prepared = dev_trainers.front()->prepare(train);
        int best_epoch = 1;
        double best_f1 = -1;
        SequenceModel best_model;
        for (int e = 1; e <= o.trainer.epochs; ++e) {
            for (auto& t : dev_trainers) t->epoch(train_prepared, e);
            SequenceModel m = export_all(dev_trainers);
            const double f1 = dev_f1(m, dev, false);
            std::fprintf(stderr, "epoch %2d: dev F1 %.2f\n", e, f1);
            if (f1 > best_f1) {
                best_f1 = f1;
                best_epoch = e;
                best_model = std::move(m);
            }
        }
        std::fprintf(stderr, "best epoch %d (dev F1 %.2f)\n", best_epoch, best_f1);
        dev_f1(best_model, dev, true);
        const float scale = fit_confidence_scale(best_model, dev);
        if (!o.dev_model_out.empty()) {
            // The model that never saw the dev documents: for error analysis on them.
            best_model.set_confidence_scale(scale);
            best_model.save(o.dev_model_out);
        }

        // 2. Final model on train + dev with the chosen epoch count.
        std::vector<LabeledSentence> all = train;
        all.insert(all.end(), dev.begin(), dev.end());
        dev_trainers.clear();
        auto final_trainers = make_trainers();
        const auto all_prepared = final_trainers.front()->prepare(all);
        for (int e = 1; e <= best_epoch; ++e) {
            for (auto& t : final_trainers) t->epoch(all_prepared, e);
        }
        SequenceModel model = export_all(final_trainers);
        model.set_confidence_scale(scale);
        provenance += "; ensemble " + std::to_string(o.ensemble) + ", epochs " +
                      std::to_string(best_epoch) + ", hash bits " +
                      std::to_string(o.trainer.hash_bits) + ", rows " +
                      std::to_string(model.row_count());
        model.set_provenance(provenance);
        model.save(o.out);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::fprintf(stderr, "wrote %s: %zu weight rows, %zu gazetteer keys, %.1f s\n",
                     o.out.c_str(), model.row_count(), model.gazetteer().size(), seconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "et_train: %s\n", e.what());
        return 1;
    }
    return 0;
}
