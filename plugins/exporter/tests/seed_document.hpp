#pragma once
// The seed document with the layers the real pipeline would add, built by hand so the
// exporter's tests do not depend on the other plugins: repairs applied through the edit
// journal, entities, summary sentences, a summary and per-stage timings.

#include <string>

#include "docpipe/document.hpp"

namespace docpipe::exporter::testing {

/// The seed article (tests/data/spun_article.txt) after hand-made repair, tagging, summary.
Document seed_document();
/// The same hand-made layers on any text (the seed repeated, for larger documents).
Document seed_document(std::string text, std::string id);

/// The seed article as read, without layers.
std::string seed_text();

}  // namespace docpipe::exporter::testing
