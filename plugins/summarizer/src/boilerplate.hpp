#pragma once
// Finds the sentences of a news page that are not body text: datelines, image captions and
// credit lines, headings, and the "Sources" list at the end. A summary built from those reads
// as noise, and graph rankers love them because captions repeat the body's words.

#include <docpipe/document.hpp>
#include <docpipe/text.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace summarizer {

/// Why a sentence was kept or left out of the candidates.
enum class SentenceRole {
    body,      ///< ordinary text: a candidate
    title,     ///< the heading that opens the document (used for scoring, never extracted)
    heading,   ///< a line without final punctuation (section heads, lone captions)
    dateline,  ///< "Thursday, May 7, 2015" on its own
    credit,    ///< "Image: NASA.", "Jeff Kowalsky/AFP by way of Getty Photos"
    caption,   ///< the text that goes with a credit line
    sources,   ///< the "Sources" / "References" list and what follows it
};

const char* to_string(SentenceRole role) noexcept;

/// One sentence of the document with its role and, for body text, the bytes to extract
/// (a dateline glued to the first sentence is cut off the front).
struct ClassifiedSentence {
    docpipe::text::Sentence sentence;  ///< as split by the SDK
    docpipe::Span span;                ///< bytes to extract; may start later than sentence.span
    std::size_t first_token = 0;       ///< first token of `span`
    SentenceRole role = SentenceRole::body;
    std::size_t paragraph = 0;  ///< index of the paragraph (or line) it sits in
};

/// Classifies every sentence of `text`; `tokens` and `sentences` come from docpipe::text.
std::vector<ClassifiedSentence> classify_sentences(
    std::string_view text, const std::vector<docpipe::text::Token>& tokens,
    const std::vector<docpipe::text::Sentence>& sentences);

/// True when the tokens [first, last) spell a date like "Thursday, May 7, 2015" or
/// "May 7, 2015"; sets `date_end` to the token after the year.
bool starts_with_date(std::string_view text, const std::vector<docpipe::text::Token>& tokens,
                      std::size_t first, std::size_t last, std::size_t& date_end);

}  // namespace summarizer
