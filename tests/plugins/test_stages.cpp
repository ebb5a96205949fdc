// Stages used by the host tests: ones that behave, and ones that fail in each possible way.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <docpipe/docpipe.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

// Passes documents through untouched: the unit of host overhead.
class Noop final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "test_noop",
                .version = "1.0.0",
                .description = "does nothing",
                .thread_safe = true};
    }
    void process(docpipe::Document&) override {}
};

// Upper-cases ASCII letters through the edit journal and marks each word it changed.
class Shout final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "test_shout",
                .version = "1.0.0",
                .description = "upper-cases words",
                .params = {{"word", docpipe::ParamType::string, std::string{}, "only this word"},
                           {"times", docpipe::ParamType::integer, std::int64_t{1}, "repeat count"}},
                .provides_layers = {"shouted"}};
    }
    void configure(const docpipe::Params& p, const docpipe::StageContext&) override {
        word_ = p.get_string("word");
    }
    void process(docpipe::Document& doc) override {
        std::vector<docpipe::TextEdit> edits;
        for (const auto& t : docpipe::text::tokenize(doc.text())) {
            std::string w(docpipe::text::view(doc.text(), t.span));
            if (!word_.empty() && w != word_) continue;
            std::string up = w;
            for (auto& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (up != w) edits.push_back({t.span, up, "shout"});
        }
        auto& layer = doc.layer("shouted");
        for (const auto& span : doc.apply_edits(std::move(edits), "shout")) {
            layer.push_back({span, "SHOUT"});
        }
    }

private:
    std::string word_;
};

// Needs a layer nobody provides unless test_shout ran first.
class NeedsShout final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "test_needs_shout", .version = "1.0.0", .requires_layers = {"shouted"}};
    }
    void process(docpipe::Document&) override {}
};

// Declares a required parameter, a range and an allowed set, for validation tests.
// Writes one annotation with the label and attribute it is given (a value of type `value`),
// into a layer whose labels and typed attributes it declares; uses test_shout's layer when
// that ran before it.
class Labeller final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {
            .name = "test_labeller",
            .version = "1.0.0",
            .params = {{"label", docpipe::ParamType::string, std::string("GOOD"), "label"},
                       {"attribute", docpipe::ParamType::string, std::string{}, "key"},
                       docpipe::ParamSpec{"value", docpipe::ParamType::string,
                                          std::string("string"), "type of the value"}
                           .with_allowed({"string", "number", "boolean"})},
            .provides_layers = {"labels"},
            .optional_layers = {"shouted"},
            .layer_specs = {
                {"labels", {"GOOD", "FINE"}, {"why", {"weight", docpipe::Value::Type::number}}}}};
    }
    void configure(const docpipe::Params& p, const docpipe::StageContext& context) override {
        label_ = p.get_string("label");
        attribute_ = p.get_string("attribute");
        const std::string type = p.get_string("value");
        value_ = type == "number"    ? docpipe::Value(0.5)
                 : type == "boolean" ? docpipe::Value(true)
                                     : docpipe::Value("x");
        id_ = context.stage_id;
    }
    void process(docpipe::Document& doc) override {
        docpipe::Annotation a{{0, 0}, label_, {}, 1.0, id_};
        if (!attribute_.empty()) a.attributes[attribute_] = value_;
        doc.layer("labels").push_back(std::move(a));
    }

private:
    std::string label_, attribute_, id_;
    docpipe::Value value_;
};

// Requires a layer under a name no plugin provides (a typo of "shouted").
class TypoReader final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "test_typo_reader", .version = "1.0.0", .requires_layers = {"shoutd"}};
    }
    void process(docpipe::Document&) override {}
};

class Constrained final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "test_constrained",
                .version = "1.0.0",
                .params = {docpipe::ParamSpec{"threshold", docpipe::ParamType::number, std::nullopt,
                                              "between 0 and 1"}
                               .with_range(0.0, 1.0)
                               .as_required(),
                           docpipe::ParamSpec{"mode", docpipe::ParamType::string,
                                              std::string("fast"), "how to work"}
                               .with_allowed({"fast", "exact"})}};
    }
    void process(docpipe::Document&) override {}
};

class ThrowInConfigure final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "test_throw_configure", .version = "1.0.0"};
    }
    void configure(const docpipe::Params&, const docpipe::StageContext&) override {
        throw std::runtime_error("dictionary file is missing");
    }
    void process(docpipe::Document&) override {}
};

class ThrowInProcess final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "test_throw_process",
                .version = "1.0.0",
                .params = {{"when_contains", docpipe::ParamType::string, std::string{},
                            "throw only for documents containing this text"}}};
    }
    void configure(const docpipe::Params& p, const docpipe::StageContext&) override {
        needle_ = p.get_string("when_contains");
    }
    void process(docpipe::Document& doc) override {
        if (needle_.empty() || doc.text().find(needle_) != std::string::npos) {
            throw std::runtime_error("cannot handle this document");
        }
    }

private:
    std::string needle_;
};

class CrashInProcess final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() { return {.name = "test_crash_process", .version = "1.0.0"}; }
    void process(docpipe::Document&) override { std::raise(SIGSEGV); }
};

// Misbehaves the way real plugins do, on every document or only on those containing `when`.
class Misbehave final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {
            .name = "test_misbehave",
            .version = "1.0.0",
            .params = {docpipe::ParamSpec{"how", docpipe::ParamType::string, std::string("exit"),
                                          "what to do"}
                           .with_allowed({"exit", "quick_exit", "stack_overflow", "thread_crash",
                                          "stdout", "sleep", "log", "allocate", "cut_character",
                                          "hang", "exit_in_configure"}),
                       {"when", docpipe::ParamType::string, std::string{},
                        "only for documents containing this text"},
                       {"message", docpipe::ParamType::string, std::string{}, "what `log` logs"}}};
    }
    void configure(const docpipe::Params& p, const docpipe::StageContext& context) override {
        how_ = p.get_string("how");
        when_ = p.get_string("when");
        message_ = p.get_string("message");
        log_ = context.log;
        if (how_ == "exit_in_configure") std::exit(0);
    }
    void process(docpipe::Document& doc) override {
        if (!when_.empty() && doc.text().find(when_) == std::string::npos) return;
        if (how_ == "exit") std::exit(3);
        if (how_ == "quick_exit") std::quick_exit(4);
        if (how_ == "stack_overflow") recurse(1);
        if (how_ == "thread_crash") std::thread([] { std::raise(SIGSEGV); }).join();
        if (how_ == "stdout") std::printf("plugin noise on stdout\n");
        if (how_ == "sleep") std::this_thread::sleep_for(std::chrono::milliseconds(300));
        if (how_ == "log") log_.warn(message_);
        if (how_ == "hang") std::this_thread::sleep_for(std::chrono::seconds(120));
        if (how_ == "cut_character") doc.layer("bad").push_back({{0, 1}, "HALF"});
        if (how_ == "allocate") {
            std::vector<char> huge(std::size_t{8} << 30, 'x');  // 8 GiB, touched
            doc.metadata()["huge"] = std::to_string(huge.size());
        }
    }

private:
    // Deep enough to overflow any stack; the volatile buffer keeps the frames, the volatile
    // bound keeps the compiler from seeing the recursion never ends.
    static int recurse(int depth) {
        static volatile int limit = 1 << 30;
        volatile char frame[1024];
        frame[0] = static_cast<char>(depth);
        if (depth >= limit) return frame[0];
        return recurse(depth + 1) + frame[0];
    }
    std::string how_;
    std::string when_;
    std::string message_;
    docpipe::Logger log_;
};

// Exercises the document view of the C boundary, one action per name in `do`.
class Boundary final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "test_boundary",
                .version = "1.0.0",
                .params = {{"do", docpipe::ParamType::string_list, std::vector<std::string>{},
                            "prepend, peek, many, edit, replace_whole, bad_span, copy, map"}},
                .provides_layers = {"marks"}};
    }
    void configure(const docpipe::Params& p, const docpipe::StageContext&) override {
        actions_ = p.get_strings("do");
    }
    void process(docpipe::Document& doc) override {
        for (const auto& action : actions_) {
            if (action == "prepend") {  // not at the end of the layer: the host stamps it too
                auto& marks = doc.layer("marks");
                marks.insert(marks.begin(), docpipe::Annotation{{0, 1}, "FIRST"});
            }
            if (action == "peek") (void)doc.layer("ghost").size();  // creates nothing
            if (action == "many") {  // more than one chunk of the C boundary's layer transfer
                auto& marks = doc.layer("marks");
                for (int i = 0; i < 2500; ++i) {
                    marks.push_back({{0, 1}, "N", {{"i", std::to_string(i)}}});
                }
            }
            if (action == "edit") doc.replace({0, 1}, "X", "boundary test");
            if (action == "replace_whole") doc = docpipe::Document("other", "text");
            if (action == "bad_span") {
                try {
                    doc.replace({0, doc.text().size() + 5}, "Y");
                } catch (const std::out_of_range& e) {
                    doc.metadata()["caught"] = e.what();
                }
            }
            if (action == "copy") {  // a copy is standalone: its edits stay in the copy
                docpipe::Document copy = doc;
                copy.replace({0, 0}, "copy:");
                doc.metadata()["copy_text"] = copy.text();
                doc.metadata()["copy_original"] = copy.original_text();
            }
            if (action == "map") {  // the journal, fetched from the host, maps as the host's
                std::string mapped;
                if (const auto* shouted = doc.find_layer("shouted")) {
                    for (const auto& a : *shouted) {
                        const auto o = doc.to_original(a.span);
                        mapped += std::to_string(o.begin) + "-" + std::to_string(o.end) + " ";
                    }
                }
                doc.metadata()["mapped"] = mapped;
                doc.metadata()["journal_stages"].clear();
                for (const auto& e : doc.journal().entries())
                    doc.metadata()["journal_stages"] += e.stage + " ";
            }
        }
    }

private:
    std::vector<std::string> actions_;
};

// Reads the document's token layer and checks it against its own tokenization.
class Tokens final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() { return {.name = "test_tokens", .version = "1.0.0"}; }
    void process(docpipe::Document& doc) override {
        const auto& tokens = doc.tokens();
        const auto local = docpipe::text::tokenize(doc.text());
        bool same = tokens.size() == local.size();
        for (std::size_t i = 0; same && i < tokens.size(); ++i) {
            same = tokens[i].span == local[i].span && tokens[i].kind == local[i].kind &&
                   tokens[i].newlines_before == local[i].newlines_before &&
                   tokens[i].lower_hash == local[i].lower_hash;
        }
        doc.metadata()["tokens"] = std::to_string(tokens.size());
        doc.metadata()["sentences"] = std::to_string(doc.sentences().size());
        doc.metadata()["tokens_as_local"] = same ? "yes" : "no";
    }
};

// Waits `ms` milliseconds on documents whose text contains `when` (all when empty): makes a
// document finish after those behind it. Thread-safe: one instance serves every worker.
class Delay final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = "test_delay",
                .version = "1.0.0",
                .params = {{"ms", docpipe::ParamType::integer, std::int64_t{0}, "how long"},
                           {"when", docpipe::ParamType::string, std::string{},
                            "only for documents containing this text"}},
                .thread_safe = true};
    }
    void configure(const docpipe::Params& p, const docpipe::StageContext&) override {
        ms_ = p.get_int("ms");
        when_ = p.get_string("when");
    }
    void process(docpipe::Document& doc) override {
        if (when_.empty() || doc.text().find(when_) != std::string::npos) {
            std::this_thread::sleep_for(std::chrono::milliseconds(ms_));
        }
    }

private:
    std::int64_t ms_ = 0;
    std::string when_;
};

// Refuses to be entered on two threads at once, and holds each document a moment so an
// overlap would be caught: what a stage that is not thread-safe may rely on. Notes in the
// metadata how many instances exist and which of them saw the document.
// With `finish_log`, finish() appends "instance N saw M documents" to that file.
template <docpipe::StageKind Kind>
class OneThreadAtATime final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {.name = Kind == docpipe::StageKind::sink ? "test_sink" : "test_unshared",
                .version = "1.0.0",
                .params = {{"finish_log", docpipe::ParamType::string, std::string{},
                            "file finish() appends a line to"}},
                .kind = Kind};
    }
    OneThreadAtATime() : number_(++instances) {}
    void configure(const docpipe::Params& p, const docpipe::StageContext&) override {
        finish_log_ = p.get_string("finish_log");
    }
    void finish() override {
        if (finish_log_.empty()) return;
        std::FILE* f = std::fopen(finish_log_.c_str(), "a");
        if (f == nullptr) throw std::runtime_error("cannot open " + finish_log_);
        std::fprintf(f, "instance %d saw %llu documents\n", number_,
                     static_cast<unsigned long long>(processed_));
        std::fclose(f);
    }
    void process(docpipe::Document& doc) override {
        ++processed_;
        if (inside_.exchange(true)) throw std::runtime_error("entered on two threads at once");
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        doc.metadata()[std::string(info().name) + "_instance"] = std::to_string(number_);
        if (Kind == docpipe::StageKind::sink) {
            doc.metadata()["sink_position"] = std::to_string(++seen_);
        }
        inside_ = false;
    }

private:
    static inline std::atomic<int> instances{0};
    const int number_;
    std::atomic<bool> inside_{false};
    std::uint64_t seen_ = 0, processed_ = 0;
    std::string finish_log_;
};

}  // namespace

DOCPIPE_PLUGIN("test_stages", "1.0.0", registrar) {
    registrar.add<Noop>();
    registrar.add<Shout>();
    registrar.add<NeedsShout>();
    registrar.add<Constrained>();
    registrar.add<ThrowInConfigure>();
    registrar.add<ThrowInProcess>();
    registrar.add<CrashInProcess>();
    registrar.add<Misbehave>();
    registrar.add<Labeller>();
    registrar.add<TypoReader>();
    registrar.add<Boundary>();
    registrar.add<Tokens>();
    registrar.add<Delay>();
    registrar.add<OneThreadAtATime<docpipe::StageKind::transform>>();
    registrar.add<OneThreadAtATime<docpipe::StageKind::sink>>();
}
