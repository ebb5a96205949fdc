#pragma once
// "Did you mean" suggestions for misspelt names.

#include <string>
#include <string_view>
#include <vector>

namespace docpipe::host {

/// Levenshtein distance between two strings (bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, or "" when none is close enough to be a likely typo.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

/// "a, b, c" for messages.
std::string join_names(const std::vector<std::string>& names, std::string_view sep = ", ");

}  // namespace docpipe::host
