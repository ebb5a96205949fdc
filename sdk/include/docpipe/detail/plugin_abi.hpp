#pragma once
// The plugin's side of the C boundary: turns docpipe::Stage objects into the C tables of
// abi.h. Compiled into every plugin by DOCPIPE_PLUGIN; plugin authors never call it.
//
// Nothing C++ leaves this file: the host sees docpipe_stage_table function pointers, C
// strings and status codes, and every exception is caught here.

#include <cstddef>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "docpipe/abi.h"
#include "docpipe/document.hpp"
#include "docpipe/manifest.hpp"
#include "docpipe/stage.hpp"

namespace docpipe::detail {

inline docpipe_str c_str(std::string_view s) noexcept {
    return {s.data(), s.size()};
}
inline std::string cpp_str(docpipe_str s) {
    return s.size == 0 ? std::string() : std::string(s.data, s.size);
}

/// A typed attribute in its C form; its strings point into `key` and `value`.
static_assert(static_cast<int>(Value::Type::string) == DOCPIPE_VALUE_STRING &&
              static_cast<int>(Value::Type::number) == DOCPIPE_VALUE_NUMBER &&
              static_cast<int>(Value::Type::boolean) == DOCPIPE_VALUE_BOOLEAN);

inline docpipe_attribute c_attribute(const std::string& key, const Value& value) noexcept {
    docpipe_attribute out{c_str(key), static_cast<std::int32_t>(value.type()), 0, 0.0, {}};
    switch (value.type()) {
        case Value::Type::string: out.string = c_str(value.string()); break;
        case Value::Type::number: out.number = value.number(); break;
        case Value::Type::boolean: out.boolean = value.boolean() ? 1 : 0; break;
    }
    return out;
}
/// The value of a C attribute; an unknown type (from a newer peer) reads as its string.
inline Value value_from(const docpipe_attribute& a) {
    switch (a.type) {
        case DOCPIPE_VALUE_NUMBER: return Value(a.number);
        case DOCPIPE_VALUE_BOOLEAN: return Value(a.boolean != 0);
        default: return Value(cpp_str(a.string));
    }
}

/// Whether `host`'s table reaches the 2.2 functions (an older host's table ends before them).
inline bool has_api_2_2(const docpipe_host_api& host) noexcept {
    return host.struct_size >= offsetof(docpipe_host_api, document_stage_times) +
                                   sizeof(host.document_stage_times) &&
           host.layer_annotation_typed != nullptr && host.layer_write_typed != nullptr &&
           host.layer_append_typed != nullptr && host.document_stage_times != nullptr;
}

/// The host's table, kept when the host calls the plugin's entry (one host per process).
inline const docpipe_host_api*& plugin_host() noexcept {
    static const docpipe_host_api* host = nullptr;
    return host;
}

/// A refusal by the host, carried back to the stage as the exception the SDK documents.
[[noreturn]] inline void throw_host_error(std::int32_t kind, const std::string& message) {
    if (kind == DOCPIPE_ERROR_OUT_OF_RANGE) throw std::out_of_range(message);
    if (kind == DOCPIPE_ERROR_NO_MEMORY) throw std::bad_alloc();
    throw std::invalid_argument(message);
}

/// Reports the exception being handled through `error`; returns DOCPIPE_FAILED. The message
/// is handed over inside each handler, while the exception (and its what()) still exists.
inline std::int32_t fail_with_current_exception(docpipe_error* error) noexcept {
    const docpipe_host_api* host = plugin_host();
    const auto report = [&](std::int32_t kind, const char* message) noexcept {
        if (host != nullptr && error != nullptr) {
            host->set_error(error, kind, {message, std::strlen(message)});
        }
        return DOCPIPE_FAILED;
    };
    try {
        throw;
    } catch (const UsageError& e) {
        return report(DOCPIPE_ERROR_USAGE, e.what());
    } catch (const OutputError& e) {
        return report(DOCPIPE_ERROR_OUTPUT, e.what());
    } catch (const std::bad_alloc&) {
        return report(DOCPIPE_ERROR_NO_MEMORY, "out of memory (std::bad_alloc)");
    } catch (const std::exception& e) {
        return report(DOCPIPE_ERROR_STAGE, e.what());
    } catch (...) {
        return report(DOCPIPE_ERROR_STAGE, "unknown exception (not derived from std::exception)");
    }
}

/// Texts up to this size (bytes) read the host's token layer; larger ones tokenize in the
/// stage, so a huge document's tokens never exist twice.
inline constexpr std::size_t shared_tokens_limit = std::size_t{4} << 20;

/// A Document's parts, fetched from the host's document through the C table.
class HostDocumentSource final : public DocumentSource {
public:
    HostDocumentSource(const docpipe_host_api& host, docpipe_document* document,
                       docpipe_error* error, const std::string& stage_id)
        : host_(host), document_(document), error_(error), stage_id_(stage_id) {}

    std::string id() override { return cpp_str(host_.document_id(document_)); }
    std::string text() override { return cpp_str(host_.document_text(document_)); }
    std::string original_text() override {
        return cpp_str(host_.document_original_text(document_));
    }
    std::map<std::string, std::string> metadata() override {
        std::map<std::string, std::string> out;
        host_.metadata_each(document_, &out, [](void* user, docpipe_str k, docpipe_str v) {
            static_cast<std::map<std::string, std::string>*>(user)->emplace_hint(
                static_cast<std::map<std::string, std::string>*>(user)->end(), cpp_str(k),
                cpp_str(v));
        });
        return out;
    }
    std::vector<std::string> layer_names() override {
        std::vector<std::string> out;
        host_.layers_each(document_, &out, [](void* user, docpipe_str name, const docpipe_layer*) {
            static_cast<std::vector<std::string>*>(user)->push_back(cpp_str(name));
        });
        return out;
    }
    bool layer(const std::string& name, Layer& out) override {
        const docpipe_layer* layer = host_.layer_find(document_, c_str(name));
        if (layer == nullptr) return false;
        const std::size_t n = host_.layer_size(layer);
        out.clear();
        out.reserve(n);
        const bool typed = has_api_2_2(host_);
        for (std::size_t i = 0; i < n; ++i) {
            if (typed) {
                read_annotation<docpipe_typed_annotation>(host_.layer_annotation_typed, layer, i,
                                                          out.emplace_back());
            } else {  // an API 2.0/2.1 host: every value is text
                read_annotation<docpipe_annotation>(host_.layer_annotation, layer, i,
                                                    out.emplace_back());
            }
        }
        return true;
    }
    std::vector<StageTime> stage_times() override {
        if (!has_api_2_2(host_)) return {};
        std::vector<docpipe_stage_time> t(host_.document_stage_times(document_, nullptr, 0));
        host_.document_stage_times(document_, t.data(), t.size());
        std::vector<StageTime> out;
        out.reserve(t.size());
        for (const auto& x : t) out.push_back({cpp_str(x.stage), x.milliseconds});
        return out;
    }
    EditJournal journal() override {
        EditJournal journal;
        const std::size_t n = host_.journal_size(document_);
        std::vector<EditJournal::Entry> batch;  // right to left, as recorded
        for (std::size_t i = 0; i < n; ++i) {
            docpipe_journal_entry e{};
            host_.journal_entry(document_, i, &e);
            if (e.batch_first == i && !batch.empty()) record(journal, batch);
            batch.push_back({static_cast<std::size_t>(e.begin), cpp_str(e.old_text),
                             cpp_str(e.new_text), cpp_str(e.reason), cpp_str(e.stage)});
        }
        if (!batch.empty()) record(journal, batch);
        return journal;
    }
    const std::string& stage_id() override { return stage_id_; }

    bool tokens(std::vector<text::Token>& tokens, std::vector<text::Sentence>& sentences) override {
        // Since 2.1: an older host's table ends before these, and the document tokenizes itself.
        if (host_.struct_size <
                offsetof(docpipe_host_api, document_sentences) + sizeof(host_.document_sentences) ||
            host_.document_tokens == nullptr || host_.document_sentences == nullptr) {
            return false;
        }
        // A huge text's tokens are not shared: held by the host and copied here they would
        // take twice the memory (32 bytes a token) that tokenizing here, for this call, takes.
        if (host_.document_text(document_).size > shared_tokens_limit) return false;
        std::vector<docpipe_token> t(host_.document_tokens(document_, nullptr, 0));
        host_.document_tokens(document_, t.data(), t.size());
        tokens.clear();
        tokens.reserve(t.size());
        for (const auto& x : t) {
            tokens.push_back({{static_cast<std::size_t>(x.begin), static_cast<std::size_t>(x.end)},
                              static_cast<text::TokenKind>(x.kind),
                              x.newlines_before,
                              x.lower_hash});
        }
        std::vector<docpipe_sentence> s(host_.document_sentences(document_, nullptr, 0));
        host_.document_sentences(document_, s.data(), s.size());
        sentences.clear();
        sentences.reserve(s.size());
        for (const auto& x : s) {
            sentences.push_back(
                {{static_cast<std::size_t>(x.begin), static_cast<std::size_t>(x.end)},
                 static_cast<std::size_t>(x.first_token),
                 static_cast<std::size_t>(x.last_token)});
        }
        return true;
    }

    void apply_edits(const std::vector<TextEdit>& sorted) override {
        std::vector<docpipe_edit> edits;
        edits.reserve(sorted.size());
        for (const auto& e : sorted) {
            edits.push_back({e.span.begin, e.span.end, c_str(e.replacement), c_str(e.reason)});
        }
        if (host_.apply_edits(document_, edits.data(), edits.size(), error_) != DOCPIPE_OK) raise();
    }
    void write_layer(const std::string& name, Layer& layer) override {
        if (has_api_2_2(host_)) {
            write_in_chunks<docpipe_typed_annotation, docpipe_attribute, false>(
                name, layer, host_.layer_write_typed, host_.layer_append_typed,
                [](const std::string& key, const Value& value, std::vector<std::string>&) {
                    return c_attribute(key, value);
                });
        } else {  // an API 2.0/2.1 host takes text values
            write_in_chunks<docpipe_annotation, docpipe_pair, true>(
                name, layer, host_.layer_write, host_.layer_append,
                [](const std::string& key, const Value& value, std::vector<std::string>& texts) {
                    if (value.is_string()) return docpipe_pair{c_str(key), c_str(value.string())};
                    return docpipe_pair{c_str(key), c_str(texts.emplace_back(value.text()))};
                });
        }
    }
    void remove_layer(const std::string& name) override {
        if (host_.layer_remove(document_, c_str(name), error_) != DOCPIPE_OK) raise();
    }
    void write_metadata(const std::map<std::string, std::string>& metadata) override {
        std::vector<docpipe_pair> entries;
        entries.reserve(metadata.size());
        for (const auto& [key, value] : metadata) entries.push_back({c_str(key), c_str(value)});
        if (host_.metadata_write(document_, entries.data(), entries.size(), error_) != DOCPIPE_OK)
            raise();
    }

private:
    static Value attribute_value(const docpipe_attribute& a) { return value_from(a); }
    static Value attribute_value(const docpipe_pair& a) { return cpp_str(a.value); }

    // Annotation `index` of `layer` through `get` (layer_annotation or its typed form).
    template <class C, class Get>
    void read_annotation(Get get, const docpipe_layer* layer, std::size_t index,
                         Annotation& made) const {
        C a{};
        get(document_, layer, index, &a);
        made.span = {static_cast<std::size_t>(a.begin), static_cast<std::size_t>(a.end)};
        made.label = cpp_str(a.label);
        made.score = a.score;
        made.stage = cpp_str(a.stage);
        for (std::size_t k = 0; k < a.attribute_count; ++k) {
            made.attributes.emplace_hint(made.attributes.end(), cpp_str(a.attributes[k].key),
                                         attribute_value(a.attributes[k]));
        }
    }

    // In chunks: the C form of a layer of a million annotations would cost as much memory as
    // the layer itself. `Ann` is the C annotation, `Attr` its attribute; `convert` makes one
    // attribute, keeping any text it formats in `texts` until the chunk is sent.
    template <class Ann, class Attr, bool formats_text, class Write, class Append, class Convert>
    void write_in_chunks(const std::string& name, Layer& layer, Write write, Append append,
                         Convert convert) {
        constexpr std::size_t chunk = 1024;
        std::vector<Ann> annotations;
        std::vector<Attr> attributes;
        std::vector<std::string> texts;
        annotations.reserve(std::min(chunk, layer.size()));
        std::size_t first = 0;
        do {
            const std::size_t last = std::min(layer.size(), first + chunk);
            annotations.clear();
            attributes.clear();
            texts.clear();
            std::size_t attribute_count = 0;
            for (std::size_t i = first; i < last; ++i)
                attribute_count += layer[i].attributes.size();
            // No reallocation: annotations point into `attributes`, attributes into `texts`.
            attributes.reserve(attribute_count);
            if constexpr (formats_text) texts.reserve(attribute_count);
            for (std::size_t i = first; i < last; ++i) {
                const Annotation& a = layer[i];
                const Attr* first_attribute = attributes.data() + attributes.size();
                for (const auto& [key, value] : a.attributes)
                    attributes.push_back(convert(key, value, texts));
                annotations.push_back({a.span.begin, a.span.end, c_str(a.label), a.score,
                                       c_str(a.stage), first_attribute, a.attributes.size()});
            }
            const auto rc = first == 0 ? write(document_, c_str(name), annotations.data(),
                                               annotations.size(), layer.size(), error_)
                                       : append(document_, c_str(name), annotations.data(),
                                                annotations.size(), error_);
            if (rc != DOCPIPE_OK) raise();
            for (std::size_t i = first; i < last; ++i) layer[i] = Annotation{};  // sent: free it
            first = last;
        } while (first < layer.size());
        Layer().swap(layer);
    }

    // The host refused a change: rethrow its message as the SDK documents (out_of_range for a
    // bad span, invalid_argument otherwise), so a stage may catch it as before.
    [[noreturn]] void raise() const {
        throw_host_error(host_.error_kind(error_), cpp_str(host_.error_message(error_)));
    }

    static void record(EditJournal& journal, std::vector<EditJournal::Entry>& right_to_left) {
        std::vector<EditJournal::Entry> sorted(std::make_move_iterator(right_to_left.rbegin()),
                                               std::make_move_iterator(right_to_left.rend()));
        journal.record_batch(std::move(sorted));
        right_to_left.clear();
    }

    const docpipe_host_api& host_;
    docpipe_document* document_;
    docpipe_error* error_;
    const std::string& stage_id_;
};

/// Validated parameters from the host's C array.
inline Params params_from(const docpipe_param* params, std::size_t count) {
    Params out;
    for (std::size_t i = 0; i < count; ++i) {
        const docpipe_param& p = params[i];
        const std::string name = cpp_str(p.name);
        switch (p.type) {
            case DOCPIPE_PARAM_BOOL: out.set(name, p.boolean != 0); break;
            case DOCPIPE_PARAM_INT: out.set(name, std::int64_t{p.integer}); break;
            case DOCPIPE_PARAM_NUMBER: out.set(name, p.number); break;
            case DOCPIPE_PARAM_STRING: out.set(name, cpp_str(p.string)); break;
            case DOCPIPE_PARAM_STRING_LIST: {
                std::vector<std::string> list;
                for (std::size_t k = 0; k < p.list_size; ++k) list.push_back(cpp_str(p.list[k]));
                out.set(name, std::move(list));
                break;
            }
            default: throw std::invalid_argument("parameter '" + name + "' has an unknown type");
        }
    }
    return out;
}

/// The StageContext from the host's C struct; fields beyond its size keep their defaults.
inline StageContext context_from(const docpipe_stage_context& c) {
    StageContext out;
    out.stdout_fd = c.stdout_fd;
    if (c.struct_size >= offsetof(docpipe_stage_context, in_place) + sizeof c.in_place) {
        out.stage_id = cpp_str(c.stage_id);
        out.plugin_path = cpp_str(c.plugin_path);
        out.data_dir = cpp_str(c.data_dir);
        for (std::size_t i = 0; i < c.run_input_count; ++i)
            out.run_inputs.push_back(cpp_str(c.run_inputs[i]));
        out.in_place = c.in_place != 0;
    }
    out.log = Logger(plugin_host(), out.stage_id);
    return out;
}

using StageFactory = std::function<std::unique_ptr<Stage>()>;

/// One registered stage: what the host sees (the table) and what makes instances.
struct RegisteredStage {
    StageInfo info;
    StageFactory factory;
    std::string info_json;
    docpipe_stage_table table{};
};

/// One stage object and the id it was configured with.
struct StageInstance {
    std::unique_ptr<Stage> stage;
    std::string stage_id;
};

struct StageThunks {
    static void* create(const void* stage_data, docpipe_error* error) noexcept {
        try {
            const auto* registered = static_cast<const RegisteredStage*>(stage_data);
            auto instance = std::make_unique<StageInstance>();
            instance->stage = registered->factory();
            if (!instance->stage) throw std::runtime_error("the stage factory returned nothing");
            return instance.release();
        } catch (...) {
            fail_with_current_exception(error);
            return nullptr;
        }
    }
    static std::int32_t configure(void* instance, const docpipe_param* params, std::size_t n,
                                  const docpipe_stage_context* context,
                                  docpipe_error* error) noexcept {
        try {
            auto* self = static_cast<StageInstance*>(instance);
            const StageContext ctx = context_from(*context);
            self->stage_id = ctx.stage_id;
            self->stage->configure(params_from(params, n), ctx);
            return DOCPIPE_OK;
        } catch (...) {
            return fail_with_current_exception(error);
        }
    }
    static std::int32_t process(void* instance, docpipe_document* document,
                                docpipe_error* error) noexcept {
        try {
            auto* self = static_cast<StageInstance*>(instance);
            HostDocumentSource source(*plugin_host(), document, error, self->stage_id);
            Document view = DocumentBinding::view(source);
            self->stage->process(view);
            DocumentBinding::commit(view);
            return DOCPIPE_OK;
        } catch (...) {
            return fail_with_current_exception(error);
        }
    }
    static std::int32_t finish(void* instance, docpipe_error* error) noexcept {
        try {
            static_cast<StageInstance*>(instance)->stage->finish();
            return DOCPIPE_OK;
        } catch (...) {
            return fail_with_current_exception(error);
        }
    }
    static void destroy(void* instance) noexcept { delete static_cast<StageInstance*>(instance); }
};

/// Everything one plugin registered, and the descriptor the host reads.
struct PluginState {
    std::deque<RegisteredStage> stages;  // a deque: tables point into it
    std::vector<const docpipe_stage_table*> tables;
    std::string error;
    docpipe_plugin_descriptor descriptor{};
};

}  // namespace docpipe::detail
