#include "boilerplate.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace summarizer {
namespace {

using docpipe::text::Token;
using docpipe::text::TokenKind;

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& list) {
    const std::string l = lower(word);
    return std::find(list.begin(), list.end(), l) != list.end();
}

bool is_weekday(std::string_view w) {
    static constexpr std::array<std::string_view, 7> days = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    return is_one_of(w, days);
}

bool is_month(std::string_view w) {
    static constexpr std::array<std::string_view, 23> months = {
        "january",   "february", "march",    "april",    "may",   "june", "july", "august",
        "september", "october",  "november", "december", "jan.",  "feb.", "mar.", "apr.",
        "jun.",      "jul.",     "aug.",     "sep.",     "sept.", "oct.", "nov."};
    return is_one_of(w, months) || lower(w) == "dec.";
}

bool is_number_in(std::string_view w, int lo, int hi) {
    if (w.empty() || w.size() > 4) return false;
    int v = 0;
    for (char c : w) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    return v >= lo && v <= hi;
}

bool is_closer(std::string_view t) {
    return t == "\"" || t == "'" || t == ")" || t == "]" || t == "\xE2\x80\x9D" ||
           t == "\xE2\x80\x99" || t == "\xC2\xBB";
}

bool is_dash(std::string_view t) {
    return t == "-" || t == "--" || t == "\xE2\x80\x94" || t == "\xE2\x80\x93";
}

// Words that credit an image: agencies and stock libraries.
bool is_credit_word(std::string_view w) {
    static constexpr std::array<std::string_view, 10> words = {
        "getty", "afp",    "reuters",   "shutterstock", "epa",
        "alamy", "xinhua", "bloomberg", "corbis",       "istock"};
    return is_one_of(w, words);
}

// Labels that start a credit line: "Image: NASA."
bool is_credit_label(std::string_view w) {
    static constexpr std::array<std::string_view, 11> labels = {
        "image", "images", "photo",  "photos",  "photograph",  "picture",
        "video", "audio",  "credit", "credits", "illustration"};
    return is_one_of(w, labels);
}

// Headings that open the trailing list of sources, links and categories.
bool is_sources_heading(std::string_view line) {
    // Not "notes": in reports and papers a "Notes" section can be body text.
    static constexpr std::array<std::string_view, 11> heads = {
        "sources",      "source",          "references",    "external links",
        "see also",     "related news",    "related links", "related articles",
        "bibliography", "further reading", "categories"};
    std::string l = lower(line);
    while (!l.empty() && (l.back() == ':' || l.back() == ' ')) l.pop_back();
    return std::find(heads.begin(), heads.end(), l) != heads.end();
}

bool is_all_caps_word(std::string_view w) {
    bool letter = false;
    for (char c : w) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') letter = true;
    }
    return letter && w.size() >= 2;
}

bool is_capitalized(std::string_view w) {
    return !w.empty() && w[0] >= 'A' && w[0] <= 'Z';
}

}  // namespace

const char* to_string(SentenceRole role) noexcept {
    switch (role) {
        case SentenceRole::body: return "body";
        case SentenceRole::title: return "title";
        case SentenceRole::heading: return "heading";
        case SentenceRole::dateline: return "dateline";
        case SentenceRole::credit: return "credit";
        case SentenceRole::caption: return "caption";
        case SentenceRole::sources: return "sources";
    }
    return "?";
}

bool starts_with_date(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                      std::size_t last, std::size_t& date_end) {
    auto word = [&](std::size_t k) { return docpipe::text::view(text, tokens[k].span); };
    std::size_t k = first;
    if (k < last && is_weekday(word(k))) {
        ++k;
        if (k < last && word(k) == ",") ++k;
    }
    // "May 7, 2015" or "7 May 2015".
    const bool month_day = k + 1 < last && is_month(word(k)) && is_number_in(word(k + 1), 1, 31);
    const bool day_month = k + 1 < last && is_number_in(word(k), 1, 31) && is_month(word(k + 1));
    if (!month_day && !day_month) return false;
    k += 2;
    if (k < last && word(k) == ",") ++k;
    if (k < last && word(k).size() == 4 && is_number_in(word(k), 1000, 2999)) {
        date_end = k + 1;
        return true;
    }
    return false;
}

std::vector<ClassifiedSentence> classify_sentences(
    std::string_view text, const std::vector<Token>& tokens,
    const std::vector<docpipe::text::Sentence>& sentences) {
    std::vector<ClassifiedSentence> out;
    out.reserve(sentences.size());
    if (sentences.empty()) return out;
    auto word = [&](std::size_t k) { return docpipe::text::view(text, tokens[k].span); };

    // Texts with blank lines have paragraphs; texts without have one paragraph per line.
    bool blank_lines = false;
    for (const auto& t : tokens) {
        if (t.newlines_before >= 2) {
            blank_lines = true;
            break;
        }
    }
    const int paragraph_break = blank_lines ? 2 : 1;
    std::vector<std::size_t> paragraph_of(tokens.size(), 0);
    std::size_t paragraph = 0;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (k > 0 && tokens[k].newlines_before >= paragraph_break) ++paragraph;
        paragraph_of[k] = paragraph;
    }

    bool in_sources = false;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        const auto& s = sentences[i];
        ClassifiedSentence c{s, s.span, s.first_token, SentenceRole::body,
                             paragraph_of[s.first_token]};
        const bool starts_line = s.first_token == 0 || tokens[s.first_token].newlines_before > 0;
        const bool ends_line =
            s.last_token >= tokens.size() || tokens[s.last_token].newlines_before > 0;
        const bool whole_line = starts_line && ends_line;
        std::size_t words = 0;
        for (std::size_t k = s.first_token; k < s.last_token; ++k) {
            if (tokens[k].kind != TokenKind::punct) ++words;
        }
        std::size_t end = s.last_token;
        while (end > s.first_token + 1 && is_closer(word(end - 1))) --end;
        const std::string_view last = word(end - 1);
        const bool final_punct =
            tokens[end - 1].kind == TokenKind::punct &&
            (last.find_first_not_of(".!?:;") == std::string_view::npos || last == "\xE2\x80\xA6");
        const bool question = final_punct && (last.back() == '?' || last.back() == '!');
        const std::string_view sentence_text = docpipe::text::view(text, s.span);

        std::size_t date_end = 0;
        if (in_sources) {
            c.role = SentenceRole::sources;
        } else if (whole_line && is_sources_heading(sentence_text)) {
            in_sources = true;
            c.role = SentenceRole::sources;
        } else if (starts_with_date(text, tokens, s.first_token, s.last_token, date_end)) {
            std::size_t after = date_end;
            while (after < s.last_token && tokens[after].kind == TokenKind::punct) ++after;
            if (after >= s.last_token) {
                c.role = SentenceRole::dateline;
            } else {
                // "Thursday, May 7, 2015 On Tuesday, the ..." : the dateline ran into the text.
                c.first_token = after;
                c.span.begin = tokens[after].span.begin;
            }
        } else if (s.last_token - s.first_token >= 2 && is_credit_label(word(s.first_token)) &&
                   word(s.first_token + 1) == ":") {
            c.role = SentenceRole::credit;
        } else if (words <= 12 && ends_line && !final_punct) {
            bool credit = false;
            for (std::size_t k = s.first_token; k < s.last_token && !credit; ++k) {
                const auto w = word(k);
                credit =
                    is_credit_word(w) || (w == "/" && k > s.first_token && k + 1 < s.last_token &&
                                          tokens[k - 1].span.end == tokens[k].span.begin &&
                                          tokens[k + 1].span.begin == tokens[k].span.end);
            }
            if (credit) c.role = SentenceRole::credit;
        }
        if (c.role == SentenceRole::body && whole_line &&
            ((!final_punct && words <= 15) || (question && words <= 6))) {
            c.role = out.empty() ? SentenceRole::title : SentenceRole::heading;
        }
        // "LONDON (Reuters) - The ..." or "Taipei, Taiwan — The ...": the place dateline is
        // not part of the sentence.
        if (c.role == SentenceRole::body && starts_line) {
            std::size_t k = c.first_token;
            bool all_caps = true;
            bool comma = false;
            while (k < s.last_token && k < c.first_token + 7) {
                const auto w = word(k);
                if (w == ",") {
                    comma = true;
                } else if (tokens[k].kind != TokenKind::word || !is_capitalized(w)) {
                    break;
                } else {
                    all_caps = all_caps && is_all_caps_word(w);
                }
                ++k;
            }
            if (k < s.last_token && word(k) == "(") {
                while (k < s.last_token && word(k) != ")") ++k;
                ++k;
            }
            if (k > c.first_token && (all_caps || comma) && k + 1 < s.last_token &&
                is_dash(word(k)) && is_capitalized(word(k + 1))) {
                c.first_token = k + 1;
                c.span.begin = tokens[k + 1].span.begin;
            }
        }
        // A lone lower-case fragment is a caption: "pilgrims at Mecca's Grand Mosque in 2008."
        if (c.role == SentenceRole::body && whole_line && words <= 15 &&
            word(c.first_token)[0] >= 'a' && word(c.first_token)[0] <= 'z' &&
            (i + 1 >= sentences.size() ||
             paragraph_of[sentences[i + 1].first_token] != c.paragraph) &&
            (i == 0 || paragraph_of[sentences[i - 1].first_token] != c.paragraph)) {
            c.role = SentenceRole::caption;
        }
        out.push_back(c);
    }

    // Captions: the paragraph a credit line belongs to, or the line just before a lone credit.
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].role != SentenceRole::credit) continue;
        const std::size_t p = out[i].paragraph;
        std::size_t first = i;
        while (first > 0 && out[first - 1].paragraph == p) --first;
        std::size_t last = i + 1;
        while (last < out.size() && out[last].paragraph == p) ++last;
        const std::size_t others = last - first - 1;
        if (others > 0 && others <= 3) {
            for (std::size_t k = first; k < last; ++k) {
                if (out[k].role == SentenceRole::body) out[k].role = SentenceRole::caption;
            }
        } else if (others > 3 && i > first && out[i - 1].role == SentenceRole::body) {
            out[i - 1].role = SentenceRole::caption;
        } else if (others == 0 && first > 0 && out[first - 1].role == SentenceRole::body &&
                   (first < 2 || out[first - 2].paragraph != out[first - 1].paragraph)) {
            std::size_t words = 0;
            for (std::size_t k = out[first - 1].first_token; k < out[first - 1].sentence.last_token;
                 ++k) {
                if (tokens[k].kind != TokenKind::punct) ++words;
            }
            if (words <= 40) out[first - 1].role = SentenceRole::caption;
        }
    }
    return out;
}

}  // namespace summarizer
