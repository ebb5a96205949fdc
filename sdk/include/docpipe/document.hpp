#pragma once
// The document model: text, metadata, annotation layers and an edit journal.
//
//   docpipe::Document doc("a1", "Chinese language President Xi");
//   doc.layer("entities").push_back({{27, 29}, "PERSON"});          // "Xi"
//   doc.replace({0, 16}, "Chinese", "spun phrase", "repair");        // edit the text
//   doc.layer("entities")[0].span;                  // {18, 20}: shifted with the edit
//   doc.to_original(doc.layer("entities")[0].span); // {27, 29}: bytes of the input
//
// Every text edit goes through the document, so layers stay aligned with the current text and
// every offset maps back to the original input, whatever the stages did before.

#include <algorithm>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docpipe/utf8.hpp"

namespace docpipe {

/// A half-open byte range [begin, end) in a UTF-8 text.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;

    std::size_t size() const noexcept { return end - begin; }
    bool empty() const noexcept { return begin == end; }
    friend bool operator==(const Span&, const Span&) = default;
};

/// One piece of information about a span of text, produced by a stage.
struct Annotation {
    Span span;                                      ///< bytes of the current text
    std::string label;                              ///< e.g. "PERSON", "repair", "sentence"
    std::map<std::string, std::string> attributes;  ///< free-form details
    double score = 1.0;                             ///< confidence in [0, 1]
    std::string stage;                              ///< id of the stage that produced it
};

/// Annotations of one kind, kept in the order a stage added them.
using Layer = std::vector<Annotation>;

/// A requested replacement of `span` (current-text bytes) by `replacement`.
struct TextEdit {
    Span span;
    std::string replacement;
    std::string reason;
};

/// The list of edits applied to a document, able to map current offsets back to the input.
class EditJournal {
public:
    /// One applied edit, in the coordinates of the text it was applied to.
    struct Entry {
        std::size_t begin = 0;
        std::string old_text;
        std::string new_text;
        std::string reason;
        std::string stage;
    };

    /// Which side of a replaced region an offset inside it snaps to.
    enum class Bias { start, end };

    /// Maps a byte offset of the current text to the original input.
    std::size_t to_original(std::size_t offset, Bias bias = Bias::start) const noexcept {
        for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
            const std::size_t b = it->begin;
            const std::size_t new_end = b + it->new_text.size();
            // At the edit's start an offset stays put, except the start of a span that follows
            // a pure deletion, which belongs after the deleted bytes.
            if (offset < b || (offset == b && (!it->new_text.empty() || bias == Bias::end))) {
                continue;
            }
            if (offset >= new_end) {
                offset = offset - it->new_text.size() + it->old_text.size();
            } else {
                offset = bias == Bias::start ? b : b + it->old_text.size();
            }
        }
        return offset;
    }

    /// Maps a span of the current text to the bytes of the original input it came from.
    Span to_original(Span span) const noexcept {
        if (span.empty()) {
            const std::size_t at = to_original(span.begin, Bias::start);
            return {at, at};
        }
        return {to_original(span.begin, Bias::start), to_original(span.end, Bias::end)};
    }

    const std::vector<Entry>& entries() const noexcept { return entries_; }
    bool empty() const noexcept { return entries_.empty(); }
    void record(Entry entry) { entries_.push_back(std::move(entry)); }

private:
    std::vector<Entry> entries_;
};

/// A document flowing through a pipeline.
class Document {
public:
    Document() = default;
    Document(std::string id, std::string text)
        : id_(std::move(id)), text_(std::move(text)), original_text_(text_) {}

    const std::string& id() const noexcept { return id_; }
    /// The current text, after every edit so far.
    const std::string& text() const noexcept { return text_; }
    /// The text as the user gave it.
    const std::string& original_text() const noexcept { return original_text_; }

    /// Free-form string metadata ("title", "source", "summary", ...).
    std::map<std::string, std::string>& metadata() noexcept { return metadata_; }
    const std::map<std::string, std::string>& metadata() const noexcept { return metadata_; }

    /// The layer called `name`, created empty on first use.
    Layer& layer(const std::string& name) { return layers_[name]; }
    /// The layer called `name`, or nullptr when no stage produced it.
    const Layer* find_layer(const std::string& name) const noexcept {
        auto it = layers_.find(name);
        return it == layers_.end() ? nullptr : &it->second;
    }
    bool has_layer(const std::string& name) const noexcept { return layers_.count(name) != 0; }
    const std::map<std::string, Layer>& layers() const noexcept { return layers_; }

    /// Replaces the bytes in `span` with `replacement`; shifts every layer and records the edit.
    /// Throws std::out_of_range for a span outside the text or inside a UTF-8 sequence.
    void replace(Span span, std::string_view replacement, std::string_view reason = {},
                 std::string_view stage = {}) {
        check_span(span);
        apply_one(span, replacement, reason, stage);
    }

    /// Applies several non-overlapping edits given in current-text coordinates, in any order.
    /// Throws std::invalid_argument when two edits overlap; nothing is changed then.
    void apply_edits(std::vector<TextEdit> edits, std::string_view stage = {}) {
        std::sort(edits.begin(), edits.end(),
                  [](const TextEdit& a, const TextEdit& b) { return a.span.begin < b.span.begin; });
        for (std::size_t i = 0; i < edits.size(); ++i) {
            check_span(edits[i].span);
            if (i > 0 && edits[i].span.begin < edits[i - 1].span.end) {
                throw std::invalid_argument("overlapping edits at bytes " +
                                            std::to_string(edits[i].span.begin));
            }
        }
        if (edits.empty()) return;
        // Build the new text in one pass; record right to left so each entry's coordinates are
        // those of the text it applies to (edits further left have not happened yet).
        std::string out;
        out.reserve(text_.size());
        std::size_t pos = 0;
        for (const auto& e : edits) {
            out.append(text_, pos, e.span.begin - pos);
            out += e.replacement;
            pos = e.span.end;
        }
        out.append(text_, pos, std::string::npos);
        for (auto it = edits.rbegin(); it != edits.rend(); ++it) {
            shift_layers(it->span, it->replacement.size());
            journal_.record({it->span.begin, text_.substr(it->span.begin, it->span.size()),
                             it->replacement, it->reason, std::string(stage)});
        }
        text_ = std::move(out);
    }

    /// The journal of every edit so far.
    const EditJournal& journal() const noexcept { return journal_; }
    /// Maps a span of the current text to the original input's bytes.
    Span to_original(Span span) const noexcept { return journal_.to_original(span); }

private:
    void check_span(Span span) const {
        if (span.begin > span.end || span.end > text_.size()) {
            throw std::out_of_range("span [" + std::to_string(span.begin) + ", " +
                                    std::to_string(span.end) + ") is outside the text of " +
                                    std::to_string(text_.size()) + " bytes");
        }
        if (!utf8::is_boundary(text_, span.begin) || !utf8::is_boundary(text_, span.end)) {
            throw std::out_of_range("span [" + std::to_string(span.begin) + ", " +
                                    std::to_string(span.end) +
                                    ") cuts through a multi-byte UTF-8 character");
        }
    }

    void apply_one(Span span, std::string_view replacement, std::string_view reason,
                   std::string_view stage) {
        journal_.record({span.begin, text_.substr(span.begin, span.size()),
                         std::string(replacement), std::string(reason), std::string(stage)});
        text_.replace(span.begin, span.size(), replacement);
        shift_layers(span, replacement.size());
    }

    // Annotations after the edit move by its length change; those overlapping it grow or
    // shrink with it; a boundary inside the replaced bytes snaps to the replacement's edge.
    void shift_layers(Span edit, std::size_t new_length) {
        const std::size_t old_end = edit.end;
        const std::size_t new_end = edit.begin + new_length;
        auto move = [&](std::size_t p, bool is_end) {
            if (p <= edit.begin) return p;
            if (p >= old_end) return p - old_end + new_end;
            return is_end ? new_end : edit.begin;
        };
        for (auto& [name, layer] : layers_) {
            for (auto& a : layer) {
                const bool was_empty = a.span.empty();
                a.span.begin = move(a.span.begin, false);
                a.span.end = was_empty ? a.span.begin : move(a.span.end, true);
                if (a.span.end < a.span.begin) a.span.end = a.span.begin;
            }
        }
    }

    std::string id_;
    std::string text_;
    std::string original_text_;
    std::map<std::string, std::string> metadata_;
    std::map<std::string, Layer> layers_;
    EditJournal journal_;
};

}  // namespace docpipe
