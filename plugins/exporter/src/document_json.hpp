#pragma once
// The JSON form of a document (schema/document.schema.json), shared by `json` and `jsonl`.

#include <string>

#include "docpipe/document.hpp"
#include "output_sink.hpp"

namespace docpipe::exporter {

/// Version of the JSON document schema; bump the major part on incompatible changes.
inline constexpr const char* schema_version = "2.0";

/// Appends the document as JSON to `out`: text, original text, metadata, layers with byte and
/// code point offsets into both texts, and the edit journal. `indent` < 0 gives one line (line
/// breaks inside strings are escaped); `depth` is the nesting level it starts at. Linear in the
/// document's size and its number of annotations.
void append_document_json(const Document& doc, int indent, int depth, std::string& out);
/// The same, into a sink that spills as the document is written.
void write_document_json(const Document& doc, int indent, int depth, OutputSink& out);

}  // namespace docpipe::exporter
