#pragma once
// Phrase dictionaries: spun wording -> original wording, loaded from TSV files.
//
//   PhraseDictionary dict;
//   dict.load_tsv("data/news.tsv", "news");   // throws DictionaryError("news.tsv:12: ...")
//
// File format, one entry a line, fields separated by TAB:
//   spun phrase <TAB> original phrase [<TAB> prior in (0, 1]]
// Blank lines and lines starting with '#' are ignored. The spun side is matched
// case-insensitively on word tokens; the original keeps the capitals it is written with
// ("chinese language" -> "Chinese"). `<num>` in the spun side matches any number, and the
// same `<num>` in the original copies it ("might <num>" -> "May <num>"). `<head>` at the end of
// the spun side requires a noun of the head-noun list to follow, outside the repaired span
// ("chinese language <head>" -> "Chinese" repairs "Chinese language President", not "the
// Chinese language has tones").

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace synonym_repair {

/// A malformed dictionary: the message names the file and line.
class DictionaryError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One substitution the spinner makes, seen from the repair side.
struct PhraseEntry {
    std::vector<std::string> spun_tokens;  ///< normalised (lower-case) word tokens
    std::string original;                  ///< what to restore, as written in the dictionary
    double prior = 0.5;  ///< how likely an occurrence of the spun phrase is a spin, before context
    std::string source;  ///< dictionary name, e.g. "news"
    bool head_after = false;  ///< a head noun must follow (the spun side ended in `<head>`)
};

/// Splits `phrase` into normalised word tokens the way the matcher sees text.
std::vector<std::string> normalise_phrase(std::string_view phrase);

/// A set of entries from one or more dictionaries.
class PhraseDictionary {
public:
    /// Loads a TSV file; `source` names it in repairs. Throws DictionaryError naming the file
    /// and line of the first malformed line, or when the file cannot be read.
    void load_tsv(const std::string& path, const std::string& source);
    /// Parses TSV text; `file_name` is used in error messages only.
    void load_tsv_text(std::string_view text, const std::string& file_name,
                       const std::string& source);
    /// Adds one entry (spun side given as written; it is normalised here).
    void add(std::string_view spun, std::string original, double prior, std::string source);

    const std::vector<PhraseEntry>& entries() const noexcept { return entries_; }
    std::size_t size() const noexcept { return entries_.size(); }

private:
    std::vector<PhraseEntry> entries_;
};

}  // namespace synonym_repair
