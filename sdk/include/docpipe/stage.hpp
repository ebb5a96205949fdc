#pragma once
// The stage interface plugin authors implement.
//
//   class Shout final : public docpipe::Stage {
//   public:
//       static docpipe::StageInfo info() {
//           return {.name = "shout", .version = "1.0.0", .description = "upper-cases ASCII",
//                   .params = {{"keep_first", docpipe::ParamType::boolean, false, "..."}}};
//       }
//       void configure(const docpipe::Params& p, const docpipe::StageContext&) override {
//           keep_first_ = p.get_bool("keep_first");
//       }
//       void process(docpipe::Document& doc) override { ... doc.replace(...); }
//   private:
//       bool keep_first_ = false;
//   };
//
// Lifecycle: configure(params) -> process(document) -> finish().
// Stages throw to report failure; the SDK catches every exception on the plugin's side of the
// boundary (see detail/plugin_abi.hpp) and the host sees a status and the message.

#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "docpipe/document.hpp"
#include "docpipe/log.hpp"
#include "docpipe/params.hpp"
#include "docpipe/value.hpp"

namespace docpipe {

/// One attribute key a stage may set, and the type of its values.
///   {"original", "source", {"confidence", docpipe::Value::Type::number}}
struct AttributeSpec {
    std::string name;
    Value::Type type = Value::Type::string;

    AttributeSpec(std::string n, Value::Type t = Value::Type::string)
        : name(std::move(n)), type(t) {}
    AttributeSpec(const char* n, Value::Type t = Value::Type::string) : name(n), type(t) {}
    friend bool operator==(const AttributeSpec&, const AttributeSpec&) = default;
};

/// What a stage writes into one layer it provides: the labels and typed attribute keys its
/// annotations carry. The host refuses an annotation of that stage with any other label, key
/// or value type, so a typo fails where it is made, and `validate` knows what every layer can
/// hold.
struct LayerSpec {
    std::string name;                       ///< one of the stage's provides_layers
    std::vector<std::string> labels;        ///< every label it writes; empty: not declared
    std::vector<AttributeSpec> attributes;  ///< every attribute key it may set
};

/// How the host may schedule a stage when a run uses several threads (`docpipe run --jobs N`).
enum class StageKind {
    /// Processes each document on its own: documents reach it in any order, on several
    /// threads (one instance per worker thread unless `thread_safe`).
    transform,
    /// Sees every document of the run in input order, one at a time, on one instance: what a
    /// stage that writes the run's output (the exporter) or keeps state across documents
    /// needs. The stages after a sink run in order too.
    sink,
};

/// What a stage declares about itself; readable without loading the plugin (the manifest).
struct StageInfo {
    std::string name;                          ///< what `plugin:` in a pipeline config names
    std::string version;                       ///< the stage's own version
    std::string description;                   ///< one line for `plugins list`
    std::vector<ParamSpec> params;             ///< every accepted parameter
    std::vector<std::string> requires_layers;  ///< layers an earlier stage must provide
    std::vector<std::string> provides_layers;  ///< layers this stage adds
    bool thread_safe = false;  ///< one instance may process documents on several threads
    /// Layers the stage uses when an earlier stage provides them (the summarizer's entity
    /// boost): `validate` refuses a pipeline where their provider comes after the stage.
    std::vector<std::string> optional_layers;
    std::vector<LayerSpec> layer_specs;  ///< labels and attributes of provided layers
    StageKind kind = StageKind::transform;
};

/// What the host tells a stage instance when configuring it.
struct StageContext {
    std::string stage_id;     ///< the `id:` from the pipeline config
    std::string plugin_path;  ///< the plugin's shared library
    std::string data_dir;     ///< the plugin's data folder: <plugin dir>/<plugin name>/
    Logger log;               ///< logs under the stage id
    /// Files the run reads (the pipeline file, every input file, /dev/stdin when it is read).
    /// A stage that writes files must refuse to replace any of them unless `in_place`.
    std::vector<std::string> run_inputs;
    bool in_place = false;  ///< `--in-place`: outputs may replace the run's inputs
    /// Where data for stdout goes. While stages run docpipe points fd 1 at stderr, so a stray
    /// print from any plugin cannot corrupt the data stream; sinks write here instead. -1 when
    /// docpipe's stdout is closed.
    int stdout_fd = 1;
};

/// Thrown by a stage when the run cannot go on as asked for a reason of the command line, not
/// of a document (an output that would replace an input): the host exits 64 (usage error)
/// whatever the `on_error` policy.
class UsageError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Thrown by a stage that could not write its output (a full disk, a closed stdout): the
/// document fails as with any exception, and a run that stops for it exits 74 (I/O error).
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A processing step. Lifecycle: configure → process (per document) → finish.
class Stage {
public:
    virtual ~Stage() = default;
    /// Optional. Receives validated parameters (defaults filled in) before any document.
    virtual void configure(const Params& params, const StageContext& context) {
        (void)params;
        (void)context;
    }
    /// Required. Processes one document in place.
    virtual void process(Document& document) = 0;
    /// Optional. Processes several documents at once; the default calls process() on each.
    /// This host does not call it yet (it calls process() once per document); it is kept so
    /// stages that override it compile, and for batch-wise engines to come.
    virtual void process_batch(std::span<Document* const> documents) {
        for (Document* d : documents) process(*d);
    }
    /// Optional. Called once after the last document of a successful run (flush outputs).
    virtual void finish() {}
};

}  // namespace docpipe
