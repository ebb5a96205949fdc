#pragma once
// The JSON form of a document (schema/document.schema.json), shared by `json` and `jsonl`.

#include <nlohmann/json.hpp>
#include <string>

#include "docpipe/document.hpp"

namespace docpipe::exporter {

/// Version of the JSON document schema; bump the major part on incompatible changes.
inline constexpr const char* schema_version = "1.0";

/// The document as JSON: text, original text, metadata, layers with byte and code point
/// offsets into both texts, and the edit journal.
nlohmann::ordered_json document_to_json(const Document& doc);

/// Serialises `value`; indent < 0 gives one line. U+0085, U+2028 and U+2029 are escaped too,
/// because line-based tools (and JavaScript before ES2019) treat them as line breaks, and so
/// is DEL, a terminal control.
std::string dump_json(const nlohmann::ordered_json& value, int indent);

}  // namespace docpipe::exporter
