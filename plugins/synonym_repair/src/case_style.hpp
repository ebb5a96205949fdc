#pragma once
// Carries the capitalisation of the spun words over to the restored wording:
// "Commerce battle" -> "Trade war", "COMMERCE BATTLE" -> "TRADE WAR",
// "Commerce Battle" -> "Trade War", "commerce battle" -> "trade war".
// Capitals the dictionary writes on purpose ("chinese language" -> "Chinese") are kept.

#include <string>
#include <string_view>

namespace synonym_repair {

enum class CaseStyle { lower, sentence, title, upper };

/// The capitalisation pattern of `surface` (the spun words as they appear in the text).
CaseStyle detect_case(std::string_view surface);

/// `replacement` written in `style`.
std::string apply_case(std::string_view replacement, CaseStyle style);

}  // namespace synonym_repair
