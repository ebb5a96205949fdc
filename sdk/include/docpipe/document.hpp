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
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docpipe/span.hpp"
#include "docpipe/text.hpp"
#include "docpipe/utf8.hpp"
#include "docpipe/value.hpp"

namespace docpipe {

/// One piece of information about a span of text, produced by a stage.
struct Annotation {
    Span span;                                ///< bytes of the current text
    std::string label;                        ///< e.g. "PERSON", "repair", "sentence"
    std::map<std::string, Value> attributes;  ///< details, typed as the stage declares
    double score = 1.0;                       ///< confidence in [0, 1]
    std::string stage;                        ///< id of the stage that produced it
};

/// Annotations of one kind, kept in the order a stage added them.
using Layer = std::vector<Annotation>;

/// How long one stage took on a document: the run statistics a sink (the HTML report's
/// timings panel) reads.
struct StageTime {
    std::string stage;  ///< the stage id
    double milliseconds = 0;
    friend bool operator==(const StageTime&, const StageTime&) = default;
};

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

    /// Maps a byte offset of the current text to the original input. Walks the batches of
    /// edits backwards with a binary search in each: O(batches × log edits per batch).
    std::size_t to_original(std::size_t offset, Bias bias = Bias::start) const noexcept {
        for (auto g = batches_.rbegin(); g != batches_.rend(); ++g) offset = undo(*g, offset, bias);
        return offset;
    }

    /// Maps a span of the current text to the bytes of the original input it came from.
    /// The ends are mapped one by one; after chains of edits and deletions the start can land
    /// past the end (found by fuzz_text), and the span is then empty at its start, as in
    /// source_of().
    Span to_original(Span span) const noexcept {
        const std::size_t begin = to_original(span.begin, Bias::start);
        if (span.empty()) return {begin, begin};
        return {begin, std::max(begin, to_original(span.end, Bias::end))};
    }

    /// Every edit, in the order applied; each entry's `begin` is in the coordinates of the text
    /// it was applied to (a batch is applied right to left, so these are pre-batch offsets).
    const std::vector<Entry>& entries() const noexcept { return entries_; }
    bool empty() const noexcept { return entries_.empty(); }

    /// The bytes of the original input that journal entry `index` replaced. An insertion
    /// (nothing replaced) maps to an empty span at its start, as to_original() maps empty spans.
    Span source_of(std::size_t index) const noexcept {
        const Entry& e = entries_[index];
        std::size_t g = 0;
        while (g + 1 < batches_.size() && batches_[g + 1].first <= index) ++g;
        std::size_t begin = e.begin;
        std::size_t end = e.begin + e.old_text.size();
        for (std::size_t k = g; k-- > 0;) {  // undo only the batches before this entry's
            begin = undo(batches_[k], begin, Bias::start);
            if (!e.old_text.empty()) end = undo(batches_[k], end, Bias::end);
        }
        if (e.old_text.empty()) return {begin, begin};
        return {begin, std::max(begin, end)};
    }

    /// The index of the first entry of the batch entry `index` belongs to: edits applied
    /// together are entries [batch_first, batch_first + batch size), recorded right to left.
    std::size_t batch_first(std::size_t index) const noexcept {
        const auto it = std::upper_bound(batches_.begin(), batches_.end(), index,
                                         [](std::size_t i, const Batch& b) { return i < b.first; });
        return it == batches_.begin() ? 0 : std::prev(it)->first;
    }

    /// Records non-overlapping edits applied together, sorted by `begin` (pre-batch offsets).
    void record_batch(std::vector<Entry> sorted) {
        Batch batch;
        batch.first = entries_.size();
        batch.count = sorted.size();
        batch.new_ends.reserve(sorted.size());
        batch.delta_before.reserve(sorted.size() + 1);
        std::ptrdiff_t delta = 0;
        for (const auto& e : sorted) {
            batch.delta_before.push_back(delta);
            batch.new_ends.push_back(static_cast<std::size_t>(
                static_cast<std::ptrdiff_t>(e.begin + e.new_text.size()) + delta));
            delta += static_cast<std::ptrdiff_t>(e.new_text.size()) -
                     static_cast<std::ptrdiff_t>(e.old_text.size());
        }
        batch.delta_before.push_back(delta);
        for (auto it = sorted.rbegin(); it != sorted.rend(); ++it)
            entries_.push_back(std::move(*it));
        batches_.push_back(std::move(batch));
    }

private:
    // Edits applied together. Entry j (left to right) is entries_[first + count - 1 - j].
    struct Batch {
        std::size_t first = 0;
        std::size_t count = 0;
        std::vector<std::size_t> new_ends;         // end of edit j's new text, post-batch
        std::vector<std::ptrdiff_t> delta_before;  // length change of edits 0..j-1
    };

    // Undoes one batch: the edits are undone left to right, as if applied one at a time right
    // to left. Edits ending before `p` only shift it, so start at the first one that may not.
    std::size_t undo(const Batch& g, std::size_t p, Bias bias) const noexcept {
        std::size_t j = static_cast<std::size_t>(
            std::lower_bound(g.new_ends.begin(), g.new_ends.end(), p) - g.new_ends.begin());
        std::size_t v =
            static_cast<std::size_t>(static_cast<std::ptrdiff_t>(p) - g.delta_before[j]);
        for (; j < g.count; ++j) {
            const Entry& e = entries_[g.first + g.count - 1 - j];
            const std::size_t b = e.begin;
            // At the edit's start an offset stays put, except the start of a span that follows
            // a pure deletion, which belongs after the deleted bytes.
            if (v < b) break;  // this edit and all after it lie to the right
            if (v == b && (!e.new_text.empty() || bias == Bias::end)) continue;
            if (v >= b + e.new_text.size()) {
                v = v - e.new_text.size() + e.old_text.size();
            } else {
                v = bias == Bias::start ? b : b + e.old_text.size();
            }
        }
        return v;
    }

    std::vector<Entry> entries_;
    std::vector<Batch> batches_;
};

namespace detail {

/// Where a plugin's Document gets its parts and sends its changes: the host's document,
/// through the C boundary (see docpipe/detail/plugin_abi.hpp). A document made with
/// `Document(id, text)` has none and holds everything itself. Each part is fetched on first
/// use, so a stage pays only for what it reads; edits go to the host at once, changed layers
/// and metadata when the stage returns. Implementations throw to refuse.
class DocumentSource {
public:
    virtual std::string id() = 0;
    virtual std::string text() = 0;
    virtual std::string original_text() = 0;
    virtual std::map<std::string, std::string> metadata() = 0;
    virtual std::vector<std::string> layer_names() = 0;
    /// Fills `out` with layer `name`; false when the document has no such layer.
    virtual bool layer(const std::string& name, Layer& out) = 0;
    virtual EditJournal journal() = 0;
    /// The stage the changes are stamped with (its journal entries carry it).
    virtual const std::string& stage_id() = 0;
    /// Applies `sorted` (non-overlapping, by position) as one batch.
    virtual void apply_edits(const std::vector<TextEdit>& sorted) = 0;
    /// Hands `layer` to the host; it may be left empty (the view is done with it).
    virtual void write_layer(const std::string& name, Layer& layer) = 0;
    virtual void remove_layer(const std::string& name) = 0;
    virtual void write_metadata(const std::map<std::string, std::string>& metadata) = 0;
    /// The host's stage times; none from a host older than API 2.2.
    virtual std::vector<StageTime> stage_times() { return {}; }
    /// The host's tokens and sentences of the current text; false when the host has none to
    /// give (an API 2.0 host), and the document tokenizes itself.
    virtual bool tokens(std::vector<text::Token>& tokens, std::vector<text::Sentence>& sentences) {
        (void)tokens;
        (void)sentences;
        return false;
    }

protected:
    ~DocumentSource() = default;
};

}  // namespace detail

namespace detail {
struct DocumentBinding;
}

/// A document flowing through a pipeline.
///
/// In a plugin, the Document a stage receives is a view of the host's document (see
/// detail::DocumentSource): it stays valid for the process() call only. Copying it makes a
/// standalone document with every part; moving it moves the view.
class Document {
public:
    Document() = default;
    Document(std::string id, std::string text)
        : id_(std::move(id)), text_(std::move(text)), original_text_(text_) {}

    Document(const Document& other) { copy_from(other); }
    /// Throws std::logic_error when this is the document a stage was given: a stage changes
    /// it through edits, layers and metadata, never by replacing it whole.
    Document& operator=(const Document& other) {
        refuse_replacing_a_view();
        if (this != &other) copy_from(other);
        return *this;
    }
    Document(Document&&) noexcept = default;
    Document& operator=(Document&& other) {
        refuse_replacing_a_view();
        return assign_moved(std::move(other));
    }
    ~Document() = default;

    const std::string& id() const {
        load(part_id);
        return id_;
    }
    /// The current text, after every edit so far.
    const std::string& text() const {
        load(part_text);
        return text_;
    }
    /// The text as the user gave it.
    const std::string& original_text() const {
        load(part_original);
        return original_text_;
    }

    /// Free-form string metadata ("title", "source", "summary", ...).
    std::map<std::string, std::string>& metadata() {
        load(part_metadata);
        metadata_changed_ = source_ != nullptr;
        return metadata_;
    }
    const std::map<std::string, std::string>& metadata() const {
        load(part_metadata);
        return metadata_;
    }

    /// The layer called `name`, created empty on first use. (A layer left empty is not
    /// created in the host's document.)
    Layer& layer(const std::string& name) {
        load_layer(name);
        if (source_ != nullptr) note_changed_layer(name);
        return layers_[name];
    }
    /// The layer called `name`, or nullptr when no stage produced it.
    const Layer* find_layer(const std::string& name) const {
        load_layer(name);
        auto it = layers_.find(name);
        return it == layers_.end() ? nullptr : &it->second;
    }
    bool has_layer(const std::string& name) const { return find_layer(name) != nullptr; }
    const std::map<std::string, Layer>& layers() const {
        load_all_layers();
        return layers_;
    }
    /// Every layer, for changing annotations in place (not their spans' text positions).
    std::map<std::string, Layer>& mutable_layers() {
        load_all_layers();
        all_layers_changed_ = source_ != nullptr;
        return layers_;
    }

    /// Replaces the bytes in `span` with `replacement`; shifts every layer and records the edit.
    /// Throws std::out_of_range for a span outside the text or inside a UTF-8 sequence.
    /// `stage` names the producer in a standalone document; in a pipeline the host stamps the
    /// calling stage's id on every edit itself.
    void replace(Span span, std::string_view replacement, std::string_view reason = {},
                 std::string_view stage = {}) {
        if (source_ != nullptr) {
            apply_edits({{span, std::string(replacement), std::string(reason)}});
            return;
        }
        check_span(span);
        check_replacement(replacement);
        apply_one(span, replacement, reason, stage);
    }

    /// Applies several non-overlapping edits given in current-text coordinates, in any order.
    /// Returns where each replacement now stands in the new text, in the order given, so a
    /// stage can annotate what it wrote. Throws std::invalid_argument when two edits overlap;
    /// nothing is changed then.
    std::vector<Span> apply_edits(std::vector<TextEdit> given, std::string_view stage = {}) {
        load(part_text);
        // Stable: several insertions at one offset keep the order they were given in; an
        // insertion goes before a replacement at the same offset.
        std::vector<std::size_t> order(given.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const Span x = given[a].span, y = given[b].span;
            return x.begin != y.begin ? x.begin < y.begin : x.end < y.end;
        });
        std::vector<TextEdit> edits;
        edits.reserve(given.size());
        for (std::size_t i : order) edits.push_back(std::move(given[i]));
        for (std::size_t i = 0; i < edits.size(); ++i) {
            check_span(edits[i].span);
            check_replacement(edits[i].replacement);
            if (i > 0 && edits[i].span.begin < edits[i - 1].span.end) {
                throw std::invalid_argument("overlapping edits at bytes " +
                                            std::to_string(edits[i].span.begin));
            }
        }
        std::vector<Span> placed(edits.size());
        if (edits.empty()) return placed;
        // The host's document first: it may refuse, and then nothing changes here either.
        if (source_ != nullptr) source_->apply_edits(edits);
        std::string out;
        out.reserve(text_.size());
        std::size_t pos = 0;
        for (std::size_t i = 0; i < edits.size(); ++i) {
            const TextEdit& e = edits[i];
            out.append(text_, pos, e.span.begin - pos);
            placed[order[i]] = {out.size(), out.size() + e.replacement.size()};
            out += e.replacement;
            pos = e.span.end;
        }
        out.append(text_, pos, std::string::npos);
        shift_layers(edits);
        if ((missing_ & part_journal) == 0) {  // a journal not fetched yet comes from the host
            const std::string_view by = source_ != nullptr ? source_->stage_id() : stage;
            std::vector<EditJournal::Entry> entries;
            entries.reserve(edits.size());
            for (auto& e : edits) {
                entries.push_back({e.span.begin, text_.substr(e.span.begin, e.span.size()),
                                   std::move(e.replacement), std::move(e.reason), std::string(by)});
            }
            journal_.record_batch(std::move(entries));
        }
        text_ = std::move(out);
        drop_tokens();
        return placed;
    }

    /// Rebuilds a document from the parts docpipe writes out (the JSON schema): the original
    /// text, the journal entries in the order applied (each in the coordinates of the text it
    /// was applied to), then the layers and metadata as they stand. The entries are replayed
    /// with each run of one stage's right-to-left entries as one batch, so the text and the
    /// mapping of every offset to the original are what they were. The serialised journal
    /// does not say where batches end, so one case can differ: two batches of one stage in a
    /// row whose edits touch (the second ends where the first begins) are replayed as one,
    /// which can map that shared boundary differently. Throws std::invalid_argument when an
    /// entry's old text is not what stands at its offset, or a layer's span lies outside the
    /// text or cuts a character.
    static Document restore(std::string id, std::string original_text,
                            std::vector<EditJournal::Entry> entries,
                            std::map<std::string, Layer> layers,
                            std::map<std::string, std::string> metadata) {
        Document doc(std::move(id), std::move(original_text));
        for (std::size_t first = 0; first < entries.size();) {
            // A run of one stage's entries, each ending at or before the previous one's start:
            // recorded right to left, as apply_edits records a batch.
            std::size_t last = first + 1;
            while (last < entries.size() && entries[last].stage == entries[first].stage &&
                   entries[last].begin + entries[last].old_text.size() <= entries[last - 1].begin) {
                ++last;
            }
            std::vector<TextEdit> batch;
            for (std::size_t k = last; k-- > first;) {  // left to right
                const auto& e = entries[k];
                if (e.begin > doc.text_.size() ||
                    doc.text_.compare(e.begin, e.old_text.size(), e.old_text) != 0) {
                    throw std::invalid_argument(
                        "edit " + std::to_string(k) + " replaces \"" + e.old_text + "\" at byte " +
                        std::to_string(e.begin) + ", but the text there differs");
                }
                batch.push_back({{e.begin, e.begin + e.old_text.size()}, e.new_text, e.reason});
            }
            try {
                doc.apply_edits(std::move(batch), entries[first].stage);
            } catch (const std::out_of_range& e) {  // an offset inside a character
                throw std::invalid_argument("edits " + std::to_string(first) + " to " +
                                            std::to_string(last - 1) + ": " + e.what());
            }
            first = last;
        }
        for (const auto& [name, layer] : layers) {
            for (const Annotation& a : layer) {
                try {
                    doc.check_span(a.span);
                } catch (const std::out_of_range& e) {
                    throw std::invalid_argument("layer '" + name + "': " + e.what());
                }
            }
        }
        doc.layers_ = std::move(layers);
        doc.metadata_ = std::move(metadata);
        return doc;
    }

    /// The tokens of the current text (text::tokenize), built once per version of the text:
    /// in a pipeline the host builds them and every stage reads the same ones.
    const std::vector<text::Token>& tokens() const {
        load_tokens();
        return tokens_->tokens;
    }
    /// The sentences of the current text (text::split_sentences over tokens()).
    const std::vector<text::Sentence>& sentences() const {
        load_tokens();
        return tokens_->sentences;
    }

    /// The time each stage so far took on this document, in pipeline order. The host records
    /// them when the pipeline sets `record_timings: true`; otherwise there are none.
    const std::vector<StageTime>& stage_times() const {
        load(part_stage_times);
        return stage_times_;
    }
    /// Adds one stage time. Throws std::logic_error in the document a stage was given: only
    /// the host records them.
    void record_stage_time(std::string stage, double milliseconds) {
        if (source_ != nullptr) throw std::logic_error("only the host records stage times");
        stage_times_.push_back({std::move(stage), milliseconds});
    }
    /// Forgets them (a run that records its own replaces those a document was read with).
    void clear_stage_times() {
        if (source_ != nullptr) throw std::logic_error("only the host records stage times");
        stage_times_.clear();
    }

    /// The journal of every edit so far.
    const EditJournal& journal() const {
        load(part_journal);
        return journal_;
    }
    /// Maps a span of the current text to the original input's bytes.
    Span to_original(Span span) const { return journal().to_original(span); }

    /// Throws std::out_of_range unless `span` lies inside the text on character boundaries.
    void check_span(Span span) const {
        load(part_text);
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

private:
    friend struct detail::DocumentBinding;

    // The parts a view fetches on first use (missing_ holds those not fetched yet).
    enum Part : unsigned {
        part_id = 1,
        part_text = 2,
        part_original = 4,
        part_metadata = 8,
        part_journal = 16,
        part_layer_names = 32,
        part_stage_times = 64,
        all_parts = 127,
    };

    void load(Part part) const {
        if ((missing_ & part) == 0) return;
        switch (part) {
            case part_id: id_ = source_->id(); break;
            case part_text: text_ = source_->text(); break;
            case part_original: original_text_ = source_->original_text(); break;
            case part_metadata: metadata_ = source_->metadata(); break;
            case part_journal: journal_ = source_->journal(); break;
            case part_stage_times: stage_times_ = source_->stage_times(); break;
            default: break;
        }
        missing_ &= ~static_cast<unsigned>(part);
    }
    // Fetches layer `name` once; a layer the host does not have is remembered as absent.
    void load_layer(const std::string& name) const {
        if ((missing_ & part_layer_names) == 0) return;
        auto& known = view_state().known_layers;
        if (std::find(known.begin(), known.end(), name) != known.end()) return;
        Layer fetched;
        if (source_->layer(name, fetched)) layers_[name] = std::move(fetched);
        known.push_back(name);
    }
    void load_all_layers() const {
        if ((missing_ & part_layer_names) == 0) return;
        for (const auto& name : source_->layer_names()) load_layer(name);
        missing_ &= ~static_cast<unsigned>(part_layer_names);
        if (view_) view_->known_layers.clear();
    }
    void load_tokens() const {
        if (tokens_) return;
        auto built = std::make_unique<TokenLayer>();
        if (source_ == nullptr || !source_->tokens(built->tokens, built->sentences)) {
            built->tokens = text::tokenize(text());
            built->sentences = text::split_sentences(text_, built->tokens);
        }
        tokens_ = std::move(built);
    }
    // The text changed: the tokens of the old one are stale.
    void drop_tokens() noexcept { tokens_.reset(); }
    void note_changed_layer(const std::string& name) {
        auto& changed = view_state().changed_layers;
        if (std::find(changed.begin(), changed.end(), name) == changed.end())
            changed.push_back(name);
    }
    void refuse_replacing_a_view() const {
        if (source_ != nullptr) {
            throw std::logic_error(
                "a stage cannot replace the document it was given; change it through "
                "replace(), apply_edits(), layer() and metadata()");
        }
    }
    Document& assign_moved(Document&& other) noexcept {
        id_ = std::move(other.id_);
        text_ = std::move(other.text_);
        original_text_ = std::move(other.original_text_);
        metadata_ = std::move(other.metadata_);
        layers_ = std::move(other.layers_);
        journal_ = std::move(other.journal_);
        stage_times_ = std::move(other.stage_times_);
        tokens_ = std::move(other.tokens_);
        source_ = std::exchange(other.source_, nullptr);
        missing_ = std::exchange(other.missing_, 0u);
        view_ = std::move(other.view_);
        metadata_changed_ = other.metadata_changed_;
        all_layers_changed_ = other.all_layers_changed_;
        return *this;
    }
    void copy_from(const Document& other) {
        other.load_all();
        id_ = other.id_;
        text_ = other.text_;
        original_text_ = other.original_text_;
        metadata_ = other.metadata_;
        layers_ = other.layers_;
        journal_ = other.journal_;
        stage_times_ = other.stage_times_;
        drop_tokens();
        source_ = nullptr;
        missing_ = 0;
        view_.reset();
        metadata_changed_ = all_layers_changed_ = false;
    }
    void load_all() const {
        for (Part p :
             {part_id, part_text, part_original, part_metadata, part_journal, part_stage_times}) {
            load(p);
        }
        load_all_layers();
    }

    static void check_replacement(std::string_view replacement) {
        if (auto bad = utf8::find_invalid(replacement)) {
            throw std::invalid_argument("replacement text is not valid UTF-8 (byte " +
                                        std::to_string(*bad) + ")");
        }
    }

    void apply_one(Span span, std::string_view replacement, std::string_view reason,
                   std::string_view stage) {
        std::vector<TextEdit> one{{span, std::string(replacement), std::string(reason)}};
        shift_layers(one);
        std::vector<EditJournal::Entry> entry{{span.begin, text_.substr(span.begin, span.size()),
                                               std::string(replacement), std::string(reason),
                                               std::string(stage)}};
        journal_.record_batch(std::move(entry));
        text_.replace(span.begin, span.size(), one.front().replacement);  // may alias text_
        drop_tokens();
    }

    // Moves every annotation through a batch of sorted, non-overlapping edits in one sweep:
    // positions after an edit move by its length change; a boundary strictly inside replaced
    // bytes snaps to the replacement's start (span starts) or end (span ends), so annotations
    // overlapping an edit grow or shrink with it. O(annotations × log edits).
    void shift_layers(const std::vector<TextEdit>& edits) {
        std::vector<std::ptrdiff_t> delta_before(edits.size() + 1, 0);
        for (std::size_t i = 0; i < edits.size(); ++i) {
            delta_before[i + 1] = delta_before[i] +
                                  static_cast<std::ptrdiff_t>(edits[i].replacement.size()) -
                                  static_cast<std::ptrdiff_t>(edits[i].span.size());
        }
        auto first_at_or_after = [&](std::size_t p) {
            const auto it =
                std::lower_bound(edits.begin(), edits.end(), p,
                                 [](const TextEdit& e, std::size_t x) { return e.span.begin < x; });
            return static_cast<std::size_t>(it - edits.begin());
        };
        auto move = [&](std::size_t p, bool is_end) -> std::size_t {
            // k = number of edits starting before p; only the last of them can contain p.
            std::size_t k = first_at_or_after(p);
            // Text inserted exactly where a span starts goes before the span, not into it.
            while (!is_end && k < edits.size() && edits[k].span.begin == p &&
                   edits[k].span.empty()) {
                ++k;
            }
            if (k == 0) return p;
            const TextEdit& last = edits[k - 1];
            if (last.span.end <= p) {
                return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(p) + delta_before[k]);
            }
            // Inside `last`: snap, then shift by the edits left of the snapped point (an
            // insertion at last's own start counts only for a snap to a non-empty end).
            const bool to_end = is_end && !last.replacement.empty();
            const std::size_t snapped =
                to_end ? last.span.begin + last.replacement.size() : last.span.begin;
            const auto left = to_end ? k - 1 : first_at_or_after(last.span.begin);
            return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(snapped) +
                                            delta_before[left]);
        };
        for (auto& [name, layer] : layers_) {
            for (auto& a : layer) {
                const bool was_empty = a.span.empty();
                a.span.begin = move(a.span.begin, false);
                a.span.end =
                    was_empty ? a.span.begin : std::max(a.span.begin, move(a.span.end, true));
            }
        }
    }

    // Fetched lazily in a view, hence mutable.
    mutable std::string id_;
    mutable std::string text_;
    mutable std::string original_text_;
    mutable std::map<std::string, std::string> metadata_;
    mutable std::map<std::string, Layer> layers_;
    mutable EditJournal journal_;
    mutable std::vector<StageTime> stage_times_;
    // Tokens and sentences of the current text, built on first use (kept out of line: most
    // documents a host holds never need them, and a Document should stay small).
    struct TokenLayer {
        std::vector<text::Token> tokens;
        std::vector<text::Sentence> sentences;
    };
    mutable std::unique_ptr<TokenLayer> tokens_;

    // The view's state; all empty in a standalone document.
    detail::DocumentSource* source_ = nullptr;
    mutable unsigned missing_ = 0;
    struct ViewState {
        std::vector<std::string> known_layers;    // fetched (or found absent) one by one
        std::vector<std::string> changed_layers;  // handed out by non-const layer()
    };
    mutable std::unique_ptr<ViewState> view_;  // made on the first layer a view touches
    ViewState& view_state() const {
        if (!view_) view_ = std::make_unique<ViewState>();
        return *view_;
    }
    bool metadata_changed_ = false;
    bool all_layers_changed_ = false;
};

namespace detail {

/// Binds a Document to the host's document and hands back its changes: used by the SDK's
/// stage thunks only.
struct DocumentBinding {
    static Document view(DocumentSource& source) {
        Document d;
        d.source_ = &source;
        d.missing_ = Document::all_parts;
        return d;
    }
    /// Sends the layers and metadata the stage may have changed (edits went already), and
    /// empties the layers it sent: the view ends with the call, and a layer held here while
    /// the host builds its own copy would double the peak memory of a large document.
    static void commit(Document& d) {
        if (d.source_ == nullptr) return;
        static const std::vector<std::string> no_names;
        DocumentSource& source = *d.source_;
        if (d.metadata_changed_) source.write_metadata(d.metadata_);
        if (d.all_layers_changed_) {
            for (const auto& name : source.layer_names()) {
                if (d.layers_.count(name) == 0) source.remove_layer(name);
            }
            for (auto& [name, layer] : d.layers_) source.write_layer(name, layer);
        } else {
            for (const auto& name : d.view_ ? d.view_->changed_layers : no_names) {
                auto it = d.layers_.find(name);
                if (it != d.layers_.end()) source.write_layer(name, it->second);
            }
        }
        d.metadata_changed_ = d.all_layers_changed_ = false;
        if (d.view_) d.view_->changed_layers.clear();
    }
};

}  // namespace detail
}  // namespace docpipe
