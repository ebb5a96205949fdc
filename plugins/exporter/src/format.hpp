#pragma once
// The output formats. A FormatWriter collects the documents of one output target and renders
// them at the end, so each format decides how several documents share a file (a JSON array,
// a blank line between texts, one HTML page, shifted brat offsets, ...).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "docpipe/document.hpp"

namespace docpipe::exporter {

/// The bytes of one output target: the main file and, for brat, the companion .txt file.
struct Rendered {
    std::string main;
    std::string companion;
};

/// Builds the output of one target from its documents.
class FormatWriter {
public:
    virtual ~FormatWriter() = default;
    /// Adds one document (already checked to be valid UTF-8 throughout).
    virtual void add(const Document& doc) = 0;
    /// Renders every document added so far.
    virtual Rendered render() const = 0;
};

/// A format's name, file extensions and writer factory.
struct Format {
    std::string_view name;
    std::string_view extension;            ///< of the main file, without the dot
    std::string_view companion_extension;  ///< empty when the format writes one file
    std::unique_ptr<FormatWriter> (*make_writer)();
};

/// Every format, in the order `plugins info` lists them.
const std::vector<Format>& formats();
/// The format called `name`, or nullptr.
const Format* find_format(std::string_view name);
/// Names of every format, for the parameter's allowed values.
std::vector<std::string> format_names();

// One factory per format, each defined in its own format_<name>.cpp.
std::unique_ptr<FormatWriter> make_text_writer();
std::unique_ptr<FormatWriter> make_json_writer();
std::unique_ptr<FormatWriter> make_jsonl_writer();
std::unique_ptr<FormatWriter> make_markdown_writer();
std::unique_ptr<FormatWriter> make_html_writer();
std::unique_ptr<FormatWriter> make_conll_writer();
std::unique_ptr<FormatWriter> make_brat_writer();

}  // namespace docpipe::exporter
