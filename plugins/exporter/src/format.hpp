#pragma once
// The output formats. A FormatWriter writes the documents of one output target as they come,
// into OutputSinks that spill to the target's temporary file, so each format decides how
// several documents share a file (a JSON array, a blank line between texts, one HTML page,
// shifted brat offsets, ...) without holding the whole output in memory.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "docpipe/document.hpp"
#include "output_sink.hpp"

namespace docpipe::exporter {

/// The files of one output target: the main file and, for brat, the companion .txt file.
struct Sinks {
    OutputSink& main;
    OutputSink* companion = nullptr;  ///< set exactly when the format has a companion
};

/// Writes one target's documents.
class FormatWriter {
public:
    virtual ~FormatWriter() = default;
    /// Writes one document (already checked to be valid UTF-8 throughout).
    virtual void add(const Document& doc, Sinks& out) = 0;
    /// Completes the output after the last document (array ends, a page's head and foot).
    virtual void finish(Sinks& out) = 0;
    /// Remembers the writer's state before a document, and returns to it when the document
    /// failed halfway (the exporter takes the sinks' bytes back), so a skipped document leaves
    /// no trace in a shared output.
    virtual void checkpoint() = 0;
    virtual void rollback() = 0;
};

/// A format's name, file extensions and writer factory.
struct Format {
    std::string_view name;
    std::string_view extension;            ///< of the main file, without the dot
    std::string_view companion_extension;  ///< empty when the format writes one file
    std::unique_ptr<FormatWriter> (*make_writer)();
};

/// The bytes of one target rendered in memory: the main file and brat's companion.
struct Rendered {
    std::string main;
    std::string companion;
};

/// Every format, in the order `plugins info` lists them.
const std::vector<Format>& formats();
/// The format called `name`, or nullptr.
const Format* find_format(std::string_view name);
/// Names of every format, for the parameter's allowed values.
std::vector<std::string> format_names();

/// `docs` written by `format` into memory (tests, benchmarks).
Rendered render_in_memory(const Format& format, const std::vector<const Document*>& docs);

// One factory per format, each defined in its own format_<name>.cpp.
std::unique_ptr<FormatWriter> make_text_writer();
std::unique_ptr<FormatWriter> make_json_writer();
std::unique_ptr<FormatWriter> make_jsonl_writer();
std::unique_ptr<FormatWriter> make_markdown_writer();
std::unique_ptr<FormatWriter> make_html_writer();
std::unique_ptr<FormatWriter> make_conll_writer();
std::unique_ptr<FormatWriter> make_brat_writer();

}  // namespace docpipe::exporter
