#pragma once
// Where output goes: stdout ("-"), one file, or a per-document path template such as
// "out/{id}.{ext}".

#include <string>
#include <string_view>

namespace docpipe::exporter {

/// The parsed `path` parameter.
class OutputPath {
public:
    /// Parses `path`; throws std::invalid_argument for an empty path or an unknown {field}.
    explicit OutputPath(std::string path);

    bool is_stdout() const noexcept { return path_ == "-"; }
    /// True when the path contains {id}: one file per document.
    bool per_document() const noexcept { return per_document_; }
    const std::string& raw() const noexcept { return path_; }

    /// The file for document `id` with extension `ext` ({id} made safe by safe_file_name).
    std::string resolve(std::string_view id, std::string_view ext) const;
    /// A fnmatch(3) pattern of every file resolve() can give for `ext`: {id} is `*`, the
    /// pattern characters of the path itself are escaped.
    std::string glob(std::string_view ext) const;

private:
    std::string path_;
    bool per_document_ = false;
};

/// A document id made safe as one path component: no separators, no "..", no leading dot,
/// no control characters, at most 200 bytes, never empty. Distinct ids can map to one name;
/// the exporter detects that collision instead of overwriting.
std::string safe_file_name(std::string_view id);

/// `path` with its last extension replaced by `ext` ("out/a.ann" -> "out/a.txt").
std::string with_extension(const std::string& path, std::string_view ext);

}  // namespace docpipe::exporter
