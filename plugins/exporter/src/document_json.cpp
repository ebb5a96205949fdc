#include "document_json.hpp"

#include "codepoint_index.hpp"
#include "json_text.hpp"

namespace docpipe::exporter {
namespace {

void write_string_map(JsonText& json, const std::map<std::string, std::string>& values) {
    json.begin_object();
    for (const auto& [key, value] : values) {
        json.key(key);
        json.value(std::string_view(value));
    }
    json.end_object();
}

void write_attributes(JsonText& json, const std::map<std::string, Value>& values) {
    json.begin_object();
    for (const auto& [key, value] : values) {
        json.key(key);
        switch (value.type()) {
            case Value::Type::string: json.value(std::string_view(value.string())); break;
            case Value::Type::number: json.number(value.number()); break;
            case Value::Type::boolean: json.boolean(value.boolean()); break;
        }
    }
    json.end_object();
}

// The run statistics, in pipeline order: [{"stage": "repair", "milliseconds": 2.4}, ...].
void write_stage_times(JsonText& json, const std::vector<StageTime>& times) {
    json.begin_array();
    for (const auto& t : times) {
        json.begin_object();
        json.key("stage");
        json.value(std::string_view(t.stage));
        json.key("milliseconds");
        json.value(t.milliseconds);
        json.end_object();
    }
    json.end_array();
}

struct Indexes {
    CodepointIndex text;
    CodepointIndex original;
};

// The bytes of the original input something came from, in bytes and code points.
void write_source(JsonText& json, const Indexes& cp, Span source) {
    json.key("source_begin");
    json.value(source.begin);
    json.key("source_end");
    json.value(source.end);
    json.key("source_begin_cp");
    json.value(cp.original.at(source.begin));
    json.key("source_end_cp");
    json.value(cp.original.at(source.end));
}

void write_annotation(JsonText& json, const Document& doc, const Indexes& cp, const Annotation& a) {
    const Span source = doc.to_original(a.span);
    json.begin_object();
    json.key("begin");
    json.value(a.span.begin);
    json.key("end");
    json.value(a.span.end);
    json.key("begin_cp");
    json.value(cp.text.at(a.span.begin));
    json.key("end_cp");
    json.value(cp.text.at(a.span.end));
    write_source(json, cp, source);
    json.key("label");
    json.value(std::string_view(a.label));
    json.key("attributes");
    write_attributes(json, a.attributes);
    json.key("score");
    json.value(a.score);
    json.key("stage");
    json.value(std::string_view(a.stage));
    json.end_object();
}

// Journal entries are in the coordinates of the text each was applied to; the journal maps
// each back to the original input (source_of).
void write_edit(JsonText& json, const EditJournal& journal, const Indexes& cp, std::size_t k) {
    const auto& e = journal.entries()[k];
    const Span source = journal.source_of(k);
    json.begin_object();
    json.key("begin");
    json.value(e.begin);
    json.key("end");
    json.value(e.begin + e.old_text.size());
    write_source(json, cp, source);
    json.key("old_text");
    json.value(std::string_view(e.old_text));
    json.key("new_text");
    json.value(std::string_view(e.new_text));
    json.key("reason");
    json.value(std::string_view(e.reason));
    json.key("stage");
    json.value(std::string_view(e.stage));
    json.end_object();
}

void write_document(JsonText& json, const Document& doc) {
    const Indexes cp{CodepointIndex(doc.text()), CodepointIndex(doc.original_text())};
    json.begin_object();
    json.key("schema_version");
    json.value(schema_version);
    json.key("id");
    json.value(std::string_view(doc.id()));
    json.key("text");
    json.value(std::string_view(doc.text()));
    json.key("original_text");
    json.value(std::string_view(doc.original_text()));
    json.key("metadata");
    write_string_map(json, doc.metadata());
    if (!doc.stage_times().empty()) {
        json.key("stage_times");
        write_stage_times(json, doc.stage_times());
    }

    json.key("layers");
    json.begin_object();
    for (const auto& [name, layer] : doc.layers()) {
        json.key(name);
        json.begin_array();
        for (const Annotation& a : layer) write_annotation(json, doc, cp, a);
        json.end_array();
    }
    json.end_object();

    json.key("edits");
    json.begin_array();
    for (std::size_t k = 0; k < doc.journal().entries().size(); ++k) {
        write_edit(json, doc.journal(), cp, k);
    }
    json.end_array();
    json.end_object();
}

}  // namespace

void append_document_json(const Document& doc, int indent, int depth, std::string& out) {
    JsonText json(out, indent, depth);
    write_document(json, doc);
}

void write_document_json(const Document& doc, int indent, int depth, OutputSink& out) {
    JsonText json(out, indent, depth);
    write_document(json, doc);
}

}  // namespace docpipe::exporter
