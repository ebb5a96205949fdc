#include "docpipe/host/host_document.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <new>
#include <stdexcept>
#include <type_traits>

#include "docpipe/detail/plugin_abi.hpp"
#include "docpipe/host/logging.hpp"
#include "docpipe/host/suggest.hpp"
#include "docpipe/version.hpp"

namespace docpipe::host {
namespace {

using docpipe::detail::c_attribute;
using docpipe::detail::c_str;  // the SDK's conversions, so both sides convert alike
using docpipe::detail::cpp_str;
using docpipe::detail::value_from;

std::vector<std::string> attribute_names(const LayerSpec& spec) {
    std::vector<std::string> names;
    for (const auto& a : spec.attributes) names.push_back(a.name);
    return names;
}

const Layer& layer_of(const docpipe_layer* layer) noexcept {
    return *reinterpret_cast<const Layer*>(layer);
}
const docpipe_layer* handle_of(const Layer& layer) noexcept {
    return reinterpret_cast<const docpipe_layer*>(&layer);
}

std::int32_t fail(docpipe_error* error, std::int32_t kind, std::string message) noexcept {
    if (error != nullptr) {
        error->kind = kind;
        try {
            error->message = std::move(message);
        } catch (...) {
            error->message.clear();
        }
    }
    return DOCPIPE_FAILED;
}

// Runs `change`; a C++ exception becomes a status and a message: nothing unwinds into the
// plugin.
template <class F>
std::int32_t guarded(docpipe_error* error, F&& change) noexcept {
    try {
        change();
        return DOCPIPE_OK;
    } catch (const std::out_of_range& e) {
        return fail(error, DOCPIPE_ERROR_OUT_OF_RANGE, e.what());
    } catch (const std::bad_alloc&) {
        return fail(error, DOCPIPE_ERROR_NO_MEMORY, "out of memory (std::bad_alloc)");
    } catch (const std::exception& e) {
        return fail(error, DOCPIPE_ERROR_INVALID, e.what());
    }
}

void set_error(docpipe_error* error, std::int32_t kind, docpipe_str message) {
    fail(error, kind, cpp_str(message));
}
std::int32_t error_kind(const docpipe_error* error) {
    return error->kind;
}
docpipe_str error_message(const docpipe_error* error) {
    return c_str(error->message);
}

docpipe_str document_id(const docpipe_document* d) {
    return c_str(d->document->id());
}
docpipe_str document_text(const docpipe_document* d) {
    return c_str(d->document->text());
}
docpipe_str document_original_text(const docpipe_document* d) {
    return c_str(d->document->original_text());
}

void metadata_each(const docpipe_document* d, void* user,
                   void (*each)(void*, docpipe_str, docpipe_str)) {
    for (const auto& [key, value] : d->document->metadata()) each(user, c_str(key), c_str(value));
}
void layers_each(const docpipe_document* d, void* user,
                 void (*each)(void*, docpipe_str, const docpipe_layer*)) {
    for (const auto& [name, layer] : d->document->layers())
        each(user, c_str(name), handle_of(layer));
}
const docpipe_layer* layer_find(const docpipe_document* d, docpipe_str name) {
    const auto& layers = d->document->layers();
    const auto it = layers.find(cpp_str(name));
    return it == layers.end() ? nullptr : handle_of(it->second);
}
size_t layer_size(const docpipe_layer* layer) {
    return layer_of(layer).size();
}
// API 2.0/2.1: every attribute value as text.
void layer_annotation(const docpipe_document* d, const docpipe_layer* layer, size_t index,
                      docpipe_annotation* out) {
    const Annotation& a = layer_of(layer)[index];
    auto& scratch = const_cast<docpipe_document*>(d)->scratch_space();
    scratch.pairs.clear();
    scratch.texts.clear();
    scratch.texts.reserve(a.attributes.size());  // no reallocation: pairs point into it
    for (const auto& [key, value] : a.attributes) {
        scratch.pairs.push_back(
            {c_str(key), value.is_string() ? c_str(value.string())
                                           : c_str(scratch.texts.emplace_back(value.text()))});
    }
    *out = {a.span.begin,   a.span.end,           c_str(a.label),      a.score,
            c_str(a.stage), scratch.pairs.data(), scratch.pairs.size()};
}
void layer_annotation_typed(const docpipe_document* d, const docpipe_layer* layer, size_t index,
                            docpipe_typed_annotation* out) {
    const Annotation& a = layer_of(layer)[index];
    auto& typed = const_cast<docpipe_document*>(d)->scratch_space().typed;
    typed.clear();
    for (const auto& [key, value] : a.attributes) typed.push_back(c_attribute(key, value));
    *out = {a.span.begin,   a.span.end,   c_str(a.label), a.score,
            c_str(a.stage), typed.data(), typed.size()};
}
size_t journal_size(const docpipe_document* d) {
    return d->document->journal().entries().size();
}
void journal_entry(const docpipe_document* d, size_t index, docpipe_journal_entry* out) {
    const auto& journal = d->document->journal();
    const auto& e = journal.entries()[index];
    *out = {e.begin,         c_str(e.old_text), c_str(e.new_text),
            c_str(e.reason), c_str(e.stage),    journal.batch_first(index)};
}

std::int32_t apply_edits(docpipe_document* d, const docpipe_edit* edits, size_t count,
                         docpipe_error* error) {
    return guarded(error, [&] {
        std::vector<TextEdit> batch;
        batch.reserve(count);
        for (size_t i = 0; i < count; ++i) {
            batch.push_back(
                {{static_cast<std::size_t>(edits[i].begin), static_cast<std::size_t>(edits[i].end)},
                 cpp_str(edits[i].replacement),
                 cpp_str(edits[i].reason)});
        }
        d->document->apply_edits(std::move(batch), *d->stage_id);
    });
}

Value value_of(const docpipe_pair& attribute) {
    return cpp_str(attribute.value);  // API 2.0/2.1: text
}
Value value_of(const docpipe_attribute& attribute) {
    if (attribute.type < DOCPIPE_VALUE_STRING || attribute.type > DOCPIPE_VALUE_BOOLEAN) {
        throw std::invalid_argument("attribute '" + cpp_str(attribute.key) +
                                    "' has an unknown value type " +
                                    std::to_string(attribute.type));
    }
    return value_from(attribute);
}

// An API 2.0/2.1 stage wrote `a` as text at the place `was` held: where the annotation is the
// same and a value reads as the text of the typed one it had, it is that typed value again, so
// a stage that only read a layer (a non-const layer() call writes it back) loses no types.
void restore_types(Annotation& a, const Annotation& was) {
    if (a.span != was.span || a.label != was.label || a.stage != was.stage) return;
    for (auto& [key, value] : a.attributes) {
        const auto old = was.attributes.find(key);
        if (old != was.attributes.end() && !old->second.is_string() &&
            value.string() == old->second.text()) {
            value = old->second;
        }
    }
}

// A string that reads exactly as the type its key is declared with becomes that type: what an
// API 2.0/2.1 stage, or a schema 1.x document read back, holds as text ("0.930", "true").
// Any other string stays one, and annotation_problem() refuses it.
void coerce_to_declared_types(Annotation& a, const std::string& name, const StageInfo& info) {
    for (const auto& spec : info.layer_specs) {
        if (spec.name != name) continue;
        if (std::all_of(spec.attributes.begin(), spec.attributes.end(),
                        [](const AttributeSpec& s) { return s.type == Value::Type::string; })) {
            return;  // nothing to convert to
        }
        for (auto& [key, value] : a.attributes) {
            if (!value.is_string()) continue;
            const std::string& text = value.string();
            for (const auto& declared : spec.attributes) {
                if (declared.name != key) continue;
                if (declared.type == Value::Type::boolean && (text == "true" || text == "false")) {
                    value = text == "true";
                } else if (declared.type == Value::Type::number) {
                    double n = 0;
                    const auto r = std::from_chars(text.data(), text.data() + text.size(), n);
                    if (r.ec == std::errc{} && r.ptr == text.data() + text.size() &&
                        std::isfinite(n)) {
                        value = n;
                    }
                }
                break;
            }
        }
    }
}

template <class C>
void append_annotations(const docpipe_document* d, const std::string& name, const C* in,
                        size_t count, Layer& layer, const Layer* before) {
    for (size_t i = 0; i < count; ++i) {
        const std::size_t place = layer.size();
        Annotation& a = layer.emplace_back();
        a.span = {static_cast<std::size_t>(in[i].begin), static_cast<std::size_t>(in[i].end)};
        a.label = cpp_str(in[i].label);
        a.score = in[i].score;
        a.stage = in[i].stage.size == 0 ? *d->stage_id : cpp_str(in[i].stage);
        for (size_t k = 0; k < in[i].attribute_count; ++k) {
            // The SDK sends keys in order (from a std::map): the hint makes each insert O(1).
            a.attributes.emplace_hint(a.attributes.end(), cpp_str(in[i].attributes[k].key),
                                      value_of(in[i].attributes[k]));
        }
        if constexpr (std::is_same_v<C, docpipe_annotation>) {
            if (before != nullptr && place < before->size()) restore_types(a, (*before)[place]);
        }
        if (a.stage == *d->stage_id) coerce_to_declared_types(a, name, *d->info);
        if (std::string why = annotation_problem(*d->document, name, a, *d->info, *d->stage_id);
            !why.empty()) {
            throw std::invalid_argument(why);
        }
    }
}

// Validates `count` annotations (docpipe_annotation or docpipe_typed_annotation) for layer
// `name` and appends them to `layer`, stamped; on a refusal nothing of this call stays in
// `layer`. `before` is what the layer held before this write, for restore_types().
template <class C>
void add_annotations(const docpipe_document* d, const std::string& name, const C* in, size_t count,
                     Layer& layer, const Layer* before) {
    const std::size_t first = layer.size();
    try {
        append_annotations(d, name, in, count, layer, before);
    } catch (...) {
        layer.resize(first);
        throw;
    }
}

template <class C>
std::int32_t layer_write(docpipe_document* d, docpipe_str name_in, const C* in, size_t count,
                         size_t total, docpipe_error* error) {
    return guarded(error, [&] {
        const std::string name = cpp_str(name_in);
        auto& layers = d->document->mutable_layers();
        const auto existing = layers.find(name);
        if (total == 0 && existing == layers.end()) return;  // reading a layer creates none
        Layer layer;
        layer.reserve(std::max(count, total));
        add_annotations(d, name, in, count, layer,
                        existing == layers.end() ? nullptr : &existing->second);
        std::swap(layers[name], layer);  // `layer` now holds what the layer was
        if constexpr (std::is_same_v<C, docpipe_annotation>) {
            // Kept for the layer_append calls that send the rest, when it has types to restore.
            const bool typed = std::any_of(layer.begin(), layer.end(), [](const Annotation& a) {
                return std::any_of(a.attributes.begin(), a.attributes.end(),
                                   [](const auto& kv) { return !kv.second.is_string(); });
            });
            auto& scratch = d->scratch_space();
            scratch.rewritten_name = typed ? name : std::string();
            scratch.rewritten_from = typed ? std::move(layer) : Layer();
        }
    });
}

template <class C>
std::int32_t layer_append(docpipe_document* d, docpipe_str name_in, const C* in, size_t count,
                          docpipe_error* error) {
    return guarded(error, [&] {
        const std::string name = cpp_str(name_in);
        const Layer* before = nullptr;
        if constexpr (std::is_same_v<C, docpipe_annotation>) {
            if (d->scratch && d->scratch->rewritten_name == name)
                before = &d->scratch->rewritten_from;
        }
        add_annotations(d, name, in, count, d->document->mutable_layers()[name], before);
    });
}

std::int32_t layer_remove(docpipe_document* d, docpipe_str name, docpipe_error* error) {
    return guarded(error, [&] { d->document->mutable_layers().erase(cpp_str(name)); });
}

std::int32_t metadata_write(docpipe_document* d, const docpipe_pair* entries, size_t count,
                            docpipe_error* error) {
    return guarded(error, [&] {
        std::map<std::string, std::string> metadata;
        for (size_t i = 0; i < count; ++i)
            metadata[cpp_str(entries[i].key)] = cpp_str(entries[i].value);
        d->document->metadata() = std::move(metadata);
    });
}

size_t document_tokens(const docpipe_document* d, docpipe_token* out, size_t capacity) {
    const auto& tokens = d->document->tokens();
    for (size_t i = 0; i < tokens.size() && i < capacity; ++i) {
        const auto& t = tokens[i];
        out[i] = {t.span.begin, t.span.end, static_cast<std::int32_t>(t.kind), t.newlines_before,
                  t.lower_hash};
    }
    return tokens.size();
}
size_t document_stage_times(const docpipe_document* d, docpipe_stage_time* out, size_t capacity) {
    const auto& times = d->document->stage_times();
    for (size_t i = 0; i < times.size() && i < capacity; ++i)
        out[i] = {c_str(times[i].stage), times[i].milliseconds};
    return times.size();
}
size_t document_sentences(const docpipe_document* d, docpipe_sentence* out, size_t capacity) {
    const auto& sentences = d->document->sentences();
    for (size_t i = 0; i < sentences.size() && i < capacity; ++i) {
        const auto& s = sentences[i];
        out[i] = {s.span.begin, s.span.end, s.first_token, s.last_token};
    }
    return sentences.size();
}

const docpipe_host_api api = [] {
    docpipe_host_api t{};
    t.struct_size = sizeof(docpipe_host_api);
    t.abi_major = DOCPIPE_ABI_VERSION_MAJOR;
    t.abi_minor = DOCPIPE_ABI_VERSION_MINOR;
    t.log = &log_from_plugin;
    t.set_error = &set_error;
    t.error_kind = &error_kind;
    t.error_message = &error_message;
    t.document_id = &document_id;
    t.document_text = &document_text;
    t.document_original_text = &document_original_text;
    t.metadata_each = &metadata_each;
    t.layers_each = &layers_each;
    t.layer_find = &layer_find;
    t.layer_size = &layer_size;
    t.layer_annotation = &layer_annotation;
    t.journal_size = &journal_size;
    t.journal_entry = &journal_entry;
    t.apply_edits = &apply_edits;
    t.layer_write = &layer_write<docpipe_annotation>;
    t.layer_append = &layer_append<docpipe_annotation>;
    t.layer_remove = &layer_remove;
    t.metadata_write = &metadata_write;
    t.document_tokens = &document_tokens;
    t.document_sentences = &document_sentences;
    t.layer_annotation_typed = &layer_annotation_typed;
    t.layer_write_typed = &layer_write<docpipe_typed_annotation>;
    t.layer_append_typed = &layer_append<docpipe_typed_annotation>;
    t.document_stage_times = &document_stage_times;
    return t;
}();

}  // namespace

const docpipe_host_api* host_api() {
    return &api;
}

std::string annotation_problem(const Document& doc, const std::string& name, const Annotation& a,
                               const StageInfo& info, const std::string& stage_id) {
    const std::string& text = doc.text();
    const auto where = [&] {
        return "annotation [" + std::to_string(a.span.begin) + ", " + std::to_string(a.span.end) +
               ") '" + a.label + "' in layer '" + name + "'";
    };
    if (a.span.begin > a.span.end || a.span.end > text.size()) {
        return "the stage produced an invalid " + where() + " that lies outside the text (" +
               std::to_string(text.size()) + " bytes)";
    }
    if (!utf8::is_boundary(text, a.span.begin) || !utf8::is_boundary(text, a.span.end)) {
        return "the stage produced an invalid " + where() +
               " that cuts a multi-byte UTF-8 "
               "character";
    }
    if (!std::isfinite(a.score)) {
        return "the stage produced an invalid " + where() + " whose score is not a number";
    }
    for (const auto& [key, value] : a.attributes) {
        if (value.is_number() && !std::isfinite(value.number())) {
            return "the stage produced an invalid " + where() + " whose attribute '" + key +
                   "' is not a finite number";
        }
    }
    if (a.stage != stage_id) return {};  // another stage's, copied: its own declarations held
    for (const auto& spec : info.layer_specs) {
        if (spec.name != name) continue;
        if (!spec.labels.empty() &&
            std::find(spec.labels.begin(), spec.labels.end(), a.label) == spec.labels.end()) {
            return "the stage wrote label '" + a.label + "' in layer '" + name +
                   "', which the stage does not declare (it declares " + join_names(spec.labels) +
                   ")";
        }
        for (const auto& [key, value] : a.attributes) {
            const auto declared =
                std::find_if(spec.attributes.begin(), spec.attributes.end(),
                             [&key = key](const AttributeSpec& s) { return s.name == key; });
            if (declared == spec.attributes.end()) {
                return "the stage wrote attribute '" + key + "' on '" + a.label + "' in layer '" +
                       name + "', which the stage does not declare" +
                       (spec.attributes.empty()
                            ? std::string(" (it declares none)")
                            : " (it declares " + join_names(attribute_names(spec)) + ")");
            }
            if (value.type() != declared->type) {
                return "the stage wrote attribute '" + key + "' on '" + a.label + "' in layer '" +
                       name + "' as a " + Value::type_name(value.type()) +
                       ", but the stage declares it a " + Value::type_name(declared->type);
            }
        }
    }
    return {};
}

}  // namespace docpipe::host
