#pragma once
// Where documents come from: files, directories (recursive, glob-filtered), stdin, JSON Lines.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "docpipe/document.hpp"

namespace docpipe::host {

enum class InputFormat { auto_detect, text, jsonl };

struct InputOptions {
    std::string glob = "*";  ///< file-name pattern for files found in directories
    InputFormat format = InputFormat::auto_detect;  ///< auto: *.jsonl is JSON Lines, else text
    std::size_t max_document_bytes = std::size_t{256} << 20;
};

/// Reads documents one at a time from a list of inputs ("-" is stdin).
///
/// A bad document (invalid UTF-8, a malformed JSON line, too large) makes next() throw
/// Error(exit_data) naming the document, an unreadable file or folder Error(exit_no_input);
/// the reader stays usable, so a caller that skips bad documents just calls next() again.
class DocumentReader {
public:
    /// Expands directories now; throws Error(exit_no_input) for a path that does not exist.
    DocumentReader(const std::vector<std::string>& inputs, InputOptions options,
                   std::istream* stdin_stream = nullptr);

    /// The next document, or nullopt when every input is consumed.
    std::optional<Document> next();

    /// Every file the reader will read ("/dev/stdin" for stdin), directories expanded; what
    /// outputs must not replace. Complete right after construction.
    const std::vector<std::string>& files() const noexcept { return files_; }

    /// Input bytes consumed so far (files read, JSON lines with their line breaks); safe to
    /// read from another thread while next() runs (a progress display).
    std::uint64_t bytes_read() const noexcept {
        return bytes_read_.load(std::memory_order_relaxed);
    }
    /// The size of all the input, or nullopt when part of it has none known (stdin, a pipe).
    std::optional<std::uint64_t> input_size() const;

private:
    struct Source {
        std::filesystem::path path;  // empty for stdin
        std::string id;              // document id (text) or id prefix (JSON Lines)
        bool jsonl = false;
        std::string error;  // a folder that could not be listed: next() reports this
    };
    std::optional<Document> next_jsonl_line();
    bool read_line_or_throw(std::string& line);
    Document read_text(const Source& source);

    InputOptions options_;
    std::istream* stdin_;
    std::deque<Source> pending_;
    std::vector<std::string> files_;
    // The JSON Lines source being read, if any.
    std::optional<Source> current_;
    std::unique_ptr<std::ifstream> current_file_;
    std::istream* current_stream_ = nullptr;
    std::size_t current_line_ = 0;
    std::atomic<std::uint64_t> bytes_read_{0};
};

/// Checks `text` is valid UTF-8; throws Error(exit_data) naming the document and position.
void require_utf8(const std::string& text, const std::string& document_id,
                  const std::string& where);

}  // namespace docpipe::host
