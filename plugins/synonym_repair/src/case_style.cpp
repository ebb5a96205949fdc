#include "case_style.hpp"

namespace synonym_repair {
namespace {

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
char to_upper(char c) {
    return is_lower(c) ? static_cast<char>(c - 32) : c;
}

}  // namespace

CaseStyle detect_case(std::string_view surface) {
    int letters = 0;
    int uppers = 0;
    int words = 0;
    int capitalised_words = 0;
    bool at_word_start = true;
    bool first_word_capitalised = false;
    for (char c : surface) {
        const bool letter = is_upper(c) || is_lower(c);
        if (!letter) {
            // Apostrophes and non-ASCII bytes stay inside a word; spaces and hyphens end it.
            if (c == ' ' || c == '-' || c == '\t' || c == '\n') at_word_start = true;
            continue;
        }
        ++letters;
        if (is_upper(c)) ++uppers;
        if (at_word_start) {
            ++words;
            if (is_upper(c)) {
                ++capitalised_words;
                if (words == 1) first_word_capitalised = true;
            }
            at_word_start = false;
        }
    }
    // A single capital letter ("I", "A") says nothing about all-caps.
    if (letters >= 2 && uppers == letters) return CaseStyle::upper;
    if (words >= 2 && capitalised_words == words) return CaseStyle::title;
    if (first_word_capitalised) return CaseStyle::sentence;
    return CaseStyle::lower;
}

std::string apply_case(std::string_view replacement, CaseStyle style) {
    std::string out(replacement);
    switch (style) {
        case CaseStyle::lower: break;
        case CaseStyle::upper:
            for (auto& c : out) c = to_upper(c);
            break;
        case CaseStyle::sentence:
            for (auto& c : out) {
                if (is_upper(c) || is_lower(c)) {
                    c = to_upper(c);
                    break;
                }
            }
            break;
        case CaseStyle::title: {
            bool start = true;
            for (auto& c : out) {
                if (c == ' ' || c == '-') {
                    start = true;
                } else if (start) {
                    c = to_upper(c);
                    start = false;
                }
            }
            break;
        }
    }
    return out;
}

}  // namespace synonym_repair
