#pragma once
// Text from outside (document ids, file names, plugin messages) is shown in diagnostics
// escaped, so it cannot drive the terminal: `ESC]0;...BEL` would retitle it, `ESC[2J` clear
// it, a newline or a bidi override forge a line that docpipe never wrote.

#include <cstddef>
#include <string>
#include <string_view>

namespace docpipe::host {

/// `text` with C0 controls (but tab), DEL, C1 controls, bidi embeddings, overrides and
/// isolates, and invalid UTF-8 bytes written as `\xHH` or `\u{HHHH}`; the rest unchanged.
std::string printable(std::string_view text);

/// The same, async-signal-safe: escapes the NUL-terminated `text` into `out` (at most
/// `size` - 1 bytes, always terminated, cut at a whole escape). Returns the bytes written.
std::size_t printable_into(const char* text, char* out, std::size_t size) noexcept;

}  // namespace docpipe::host
