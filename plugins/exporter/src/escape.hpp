#pragma once
// Escaping shared by the formats, so no document text can inject markup or break a line.

#include <string>
#include <string_view>

namespace docpipe::exporter {

/// Replaces characters that are invisible or act as line breaks by visible stand-ins:
/// C0 controls and DEL by their Control Pictures (U+2400...), U+0085, U+2028 and U+2029 by
/// U+2424, other C1 controls by U+FFFD. With keep_layout, tab, LF and CR stay as they are.
std::string make_visible(std::string_view s, bool keep_layout);

/// Text and attribute values for HTML: & < > " ' as character references, controls visible
/// (layout characters kept).
std::string html_escape(std::string_view s);

/// Inline Markdown text on one line: every line break or control becomes visible or a space,
/// Markdown punctuation is backslash-escaped, & < > become character references, and a
/// character that would start a block (heading, list, quote, rule) at the start is escaped.
std::string markdown_escape(std::string_view s);

/// A label usable as a CoNLL tag or brat type: [A-Za-z0-9_.-] kept, anything else '_'.
/// `fallback` when `s` is empty.
std::string safe_label(std::string_view s, std::string_view fallback);

}  // namespace docpipe::exporter
