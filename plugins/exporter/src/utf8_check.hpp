#pragma once
// Every format writes UTF-8, and JSON cannot carry anything else: a document with invalid
// bytes anywhere is rejected with an error naming the document and the place.

#include "docpipe/document.hpp"

namespace docpipe::exporter {

/// Throws std::runtime_error naming the document, the field and the byte offset when any text
/// of `doc` (id, texts, metadata, layers, edits) is not valid UTF-8.
void require_valid_utf8(const Document& doc);

/// `s` with each byte of an invalid sequence shown as \xHH, for error messages.
std::string printable(std::string_view s);

}  // namespace docpipe::exporter
