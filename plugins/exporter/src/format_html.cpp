// `html`: one self-contained page (inline CSS, no script, no external asset, and a Content
// Security Policy that forbids both) with, per document: the summary at the top; the text with
// summary sentences highlighted, entities marked by type, and each repair marked with its
// original wording in a <del> shown on hover or focus; a side panel with the legend, counts,
// per-stage timings and the list of repairs. All document text goes through html_escape.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "escape.hpp"
#include "format.hpp"
#include "html_style.hpp"
#include "report_data.hpp"

namespace docpipe::exporter {
namespace {

struct Rgb {
    int r, g, b;
};

// Colour of an entity type: known types get a fixed, distinct hue; others a hashed one.
Rgb type_colour(std::string_view type) {
    static const std::map<std::string_view, Rgb> known = {
        {"PERSON", {37, 99, 235}},    {"PER", {37, 99, 235}},     {"ORG", {124, 58, 237}},
        {"GPE", {13, 148, 136}},      {"LOC", {22, 163, 74}},     {"NORP", {234, 88, 12}},
        {"DATE", {219, 39, 119}},     {"TIME", {219, 39, 119}},   {"MONEY", {161, 98, 7}},
        {"PERCENT", {161, 98, 7}},    {"QUANTITY", {161, 98, 7}}, {"CARDINAL", {120, 113, 108}},
        {"ORDINAL", {120, 113, 108}}, {"EVENT", {190, 18, 60}},   {"FAC", {71, 85, 105}},
        {"MISC", {71, 85, 105}},      {"PRODUCT", {8, 145, 178}}, {"LAW", {101, 84, 192}},
    };
    if (auto it = known.find(type); it != known.end()) return it->second;
    static const Rgb palette[] = {{14, 116, 144}, {190, 24, 93}, {77, 124, 15}, {180, 83, 9},
                                  {109, 40, 217}, {3, 105, 161}, {159, 18, 57}, {21, 128, 61}};
    std::uint32_t h = 2166136261u;  // FNV-1a: stable across runs and machines
    for (const char c : type) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return palette[h % std::size(palette)];
}

std::string rgb(Rgb c, double alpha = 1.0) {
    char buf[48];
    if (alpha >= 1.0) {
        std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    } else {
        std::snprintf(buf, sizeof buf, "rgba(%d, %d, %d, %s)", c.r, c.g, c.b,
                      fixed(alpha, 2).c_str());
    }
    return buf;
}

// A light tint of the colour for backgrounds on paper.
Rgb tint(Rgb c, double keep) {
    auto mix = [&](int v) { return static_cast<int>(v * keep + 255 * (1 - keep) + 0.5); };
    return {mix(c.r), mix(c.g), mix(c.b)};
}

std::string score_text(double score) {
    return fixed(score, 2);
}

// Entity types seen on the page, each with its CSS class (t0, t1, ...): class names never
// contain document text.
class TypeClasses {
public:
    std::size_t index_of(std::string_view type) {
        auto it = index_.find(type);
        if (it == index_.end()) {
            it = index_.emplace(std::string(type), order_.size()).first;
            order_.push_back(std::string(type));
        }
        return it->second;
    }
    /// The class (and, for a type the page's head has no rule for, the inline colours) of
    /// an element marked with type `index`: ` class="PREFIX tN"` or ` class="PREFIX tN late"
    /// style="..."`.
    std::string attributes_of(std::size_t index, std::string_view prefix) const {
        std::string out = " class=\"";
        if (!prefix.empty()) out.append(prefix).append(" ");
        out += "t" + std::to_string(index);
        if (index < in_head_) return out + "\"";
        const Rgb c = type_colour(order_[index]);
        return out + " late\" style=\"--ent: " + rgb(c) + "; --ent-l: " + rgb(tint(c, 0.14)) +
               "; --ent-d: " + rgb(c, 0.30) + "\"";
    }
    std::size_t size() const noexcept { return order_.size(); }
    /// Forgets the types seen after the first `n`.
    void truncate(std::size_t n) {
        while (order_.size() > n) {
            index_.erase(order_.back());
            order_.pop_back();
        }
    }
    /// The head, with css(), is written now: types seen from here on colour themselves.
    void freeze() noexcept { in_head_ = order_.size(); }
    std::size_t frozen() const noexcept { return in_head_; }
    void unfreeze(std::size_t in_head) noexcept { in_head_ = in_head; }
    std::string css() const {
        std::string light, dark;
        for (std::size_t i = 0; i < order_.size(); ++i) {
            const Rgb c = type_colour(order_[i]);
            const std::string cls = ".t" + std::to_string(i);
            light += cls + " { --ent: " + rgb(c) + "; --ent-bg: " + rgb(tint(c, 0.14)) + "; }\n";
            dark += "  " + cls + " { --ent-bg: " + rgb(c, 0.30) + "; }\n";
        }
        if (dark.empty()) return light;
        return light + "@media (prefers-color-scheme: dark) {\n" + dark + "}\n";
    }

private:
    std::map<std::string, std::size_t, std::less<>> index_;
    std::vector<std::string> order_;
    std::size_t in_head_ = std::numeric_limits<std::size_t>::max();  // all, until frozen
};

// One marked span of the text, in the order its element nests: summary outermost, then
// repairs, then entities.
struct Mark {
    enum Kind { summary = 0, repair = 1, entity = 2 };
    Span span;
    Kind kind;
    std::size_t id;  // unique per document
    const ReportSpan* info = nullptr;
    std::size_t type_index = 0;  // entities: the CSS class t<N> of their type
};

// The order open elements nest in: summary outermost, then repairs, then entities; among
// marks of one kind, the earlier and then the longer one outside.
struct NestOrder {
    bool operator()(const Mark* x, const Mark* y) const {
        if (x->kind != y->kind) return x->kind < y->kind;
        if (x->span.begin != y->span.begin) return x->span.begin < y->span.begin;
        if (x->span.end != y->span.end) return x->span.end > y->span.end;
        return x->id < y->id;
    }
};

// Renders the text in one sweep over the marks sorted by position: each line looks only at
// the marks that overlap it, and each boundary inside a line only at the marks that start or
// end there, so the time grows with the text and the marks, not with their product.
class TextRenderer {
public:
    TextRenderer(std::string_view text, std::vector<Mark> marks, const TypeClasses& classes)
        : text_(text), marks_(std::move(marks)), classes_(classes) {
        for (const Mark& m : marks_) {
            if (m.span.empty()) {
                empties_.push_back(&m);
            } else {
                by_begin_.push_back(&m);
            }
        }
        // Stable: marks at one offset keep the order they were given (summary, repairs, entities).
        std::stable_sort(empties_.begin(), empties_.end(), [](const Mark* x, const Mark* y) {
            return x->span.begin < y->span.begin;
        });
        std::stable_sort(by_begin_.begin(), by_begin_.end(), [](const Mark* x, const Mark* y) {
            return x->span.begin < y->span.begin;
        });
    }

    // The paragraphs of the text: one per line, blank lines skipped, short unpunctuated
    // lines between paragraphs shown as subheadings.
    void render(OutputSink& sink) {
        std::string& out = sink.buffer();
        std::vector<Span> lines;
        for (std::size_t at = 0; at <= text_.size();) {
            std::size_t cut = text_.find_first_of("\r\n", at);
            if (cut == std::string_view::npos) cut = text_.size();
            if (text_.substr(at, cut - at).find_first_not_of(" \t\f\v") != std::string_view::npos) {
                lines.push_back({at, cut});
            }
            if (cut == text_.size()) break;
            at = cut +
                 ((text_[cut] == '\r' && cut + 1 < text_.size() && text_[cut + 1] == '\n') ? 2 : 1);
        }
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const bool short_line = i > 0 && i + 1 < lines.size() && looks_like_heading(lines[i]);
            // "Name/Agency via Getty Images": a photo credit, not a heading.
            const bool credit =
                short_line &&
                text_.substr(lines[i].begin, lines[i].size()).find('/') != std::string_view::npos;
            if (credit) {
                out += "<p class=\"credit\">";
                render_range(lines[i], out);
                out += "</p>\n";
            } else if (short_line) {
                out += "<h3 class=\"subhead\">";
                render_range(lines[i], out);
                out += "</h3>\n";
            } else {
                out += "<p>";
                render_range(lines[i], out);
                out += "</p>\n";
            }
            sink.spill();
        }
        if (lines.empty()) out += "<p class=\"empty-text\">The text is empty.</p>\n";
    }

private:
    bool looks_like_heading(Span line) const {
        std::string_view s = text_.substr(line.begin, line.size());
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
        if (s.empty() || s.size() > 80) return false;
        const unsigned char first = static_cast<unsigned char>(s.front());
        if (!(first >= 'A' && first <= 'Z')) return false;
        static constexpr std::string_view terminal[] = {
            ".", "!",           "?", ":", ";", ",", "\"", "\xE2\x80\x9D", "\xE2\x80\x99",
            ")", "\xE2\x80\xA6"};
        for (auto t : terminal) {
            if (s.size() >= t.size() && s.substr(s.size() - t.size()) == t) return false;
        }
        return true;
    }

    void open_tag(const Mark& m, std::string& out) {
        switch (m.kind) {
            case Mark::summary: out += "<span class=\"in-summary\">"; return;
            case Mark::entity:
                out += "<mark" + classes_.attributes_of(m.type_index, "entity") + " data-type=\"" +
                       html_escape(m.info->label) + "\" title=\"" + html_escape(m.info->label) +
                       " · " + score_text(m.info->score) + "\">";
                return;
            case Mark::repair:
                out += "<span class=\"repair\" tabindex=\"0\">";
                // A repair cut in pieces by other marks shows its original wording once.
                if (!m.info->original.empty() && !originals_shown_[m.id]) {
                    originals_shown_[m.id] = true;
                    out += "<del>" + html_escape(m.info->original) + "</del>";
                }
                out += "<ins>";
                return;
        }
    }
    static const char* close_tag(const Mark& m) {
        switch (m.kind) {
            case Mark::summary: return "</span>";
            case Mark::entity: return "</mark>";
            case Mark::repair: return "</ins></span>";
        }
        return "";
    }

    // Repairs that deleted text have no span left: a small marker carries their original.
    void points_at(std::size_t at, std::string& out) {
        auto it = std::lower_bound(empties_.begin(), empties_.end(), at,
                                   [](const Mark* m, std::size_t v) { return m->span.begin < v; });
        for (; it != empties_.end() && (*it)->span.begin == at; ++it) {
            const Mark& m = **it;
            if (m.kind != Mark::repair || points_shown_[m.id]) continue;
            points_shown_[m.id] = true;
            out += "<span class=\"repair deletion\" tabindex=\"0\">";
            if (!m.info->original.empty())
                out += "<del>" + html_escape(m.info->original) + "</del>";
            out += "</span>";
        }
    }

    // The marks that overlap `line`: those that began before its end and have not ended
    // before its start. Lines come in text order, so each mark is picked up once.
    std::vector<const Mark*> marks_over(Span line) {
        while (next_ < by_begin_.size() && by_begin_[next_]->span.begin < line.end) {
            pending_.push_back(by_begin_[next_++]);
        }
        std::erase_if(pending_, [&](const Mark* m) { return m->span.end <= line.begin; });
        std::vector<const Mark*> inside;
        for (const Mark* m : pending_) {
            if (m->span.begin < line.end) inside.push_back(m);
        }
        return inside;
    }

    // Renders one line with properly nested elements: at each boundary, the open elements that
    // no longer apply (and any opened after them) are closed, then the missing ones opened.
    void render_range(Span line, std::string& out) {
        std::vector<const Mark*> inside = marks_over(line);
        std::vector<std::size_t> cuts = {line.begin, line.end};
        auto empty =
            std::lower_bound(empties_.begin(), empties_.end(), line.begin,
                             [](const Mark* m, std::size_t v) { return m->span.begin < v; });
        for (; empty != empties_.end() && (*empty)->span.begin <= line.end; ++empty) {
            cuts.push_back((*empty)->span.begin);
        }
        const auto start_in_line = [&](const Mark* m) {
            return std::max(m->span.begin, line.begin);
        };
        for (const Mark* m : inside) {
            cuts.push_back(start_in_line(m));
            cuts.push_back(std::min(m->span.end, line.end));
        }
        std::sort(cuts.begin(), cuts.end());
        cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

        // Marks enter the wanted set at their start and leave it at their end.
        std::vector<const Mark*> starts = inside, ends = inside;
        std::sort(starts.begin(), starts.end(), [&](const Mark* x, const Mark* y) {
            return start_in_line(x) < start_in_line(y);
        });
        std::sort(ends.begin(), ends.end(),
                  [](const Mark* x, const Mark* y) { return x->span.end < y->span.end; });
        std::set<const Mark*, NestOrder> wanted;
        std::size_t next_start = 0, next_end = 0;

        std::vector<const Mark*> open;
        for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
            const std::size_t a = cuts[c], b = cuts[c + 1];
            for (; next_end < ends.size() && ends[next_end]->span.end <= a; ++next_end) {
                wanted.erase(ends[next_end]);
            }
            for (; next_start < starts.size() && start_in_line(starts[next_start]) <= a;
                 ++next_start) {
                if (starts[next_start]->span.end > a) wanted.insert(starts[next_start]);
            }
            std::size_t keep = 0;
            auto w = wanted.begin();
            while (keep < open.size() && w != wanted.end() && open[keep] == *w) {
                ++keep;
                ++w;
            }
            while (open.size() > keep) {
                out += close_tag(*open.back());
                open.pop_back();
            }
            points_at(a, out);
            for (; w != wanted.end(); ++w) {
                open_tag(**w, out);
                open.push_back(*w);
            }
            out += html_escape(text_.substr(a, b - a));
        }
        while (!open.empty()) {
            out += close_tag(*open.back());
            open.pop_back();
        }
        points_at(line.end, out);
    }

    std::string_view text_;
    std::vector<Mark> marks_;
    const TypeClasses& classes_;
    std::vector<const Mark*> by_begin_;  // marks with text, by start
    std::vector<const Mark*> empties_;   // empty marks, by position
    std::size_t next_ = 0;               // first of by_begin_ not yet in pending_
    std::vector<const Mark*> pending_;   // started before the current line, maybe not ended
    std::vector<bool> originals_shown_ = std::vector<bool>(marks_.size());
    std::vector<bool> points_shown_ = std::vector<bool>(marks_.size());
};

std::string counts_card(const Document& doc, const ReportData& r) {
    const auto row = [](const char* name, std::size_t n) {
        return std::string("<dt>") + name + "</dt><dd>" + std::to_string(n) + "</dd>";
    };
    std::string out = "<div class=\"card counts-card\"><h2 class=\"section-title\">Counts</h2>";
    out += "<dl class=\"counts\">";
    out += row("Words", r.words);
    out += row("Sentences", r.sentences);
    out += row("Entities", r.entities.size());
    out += row("Repairs", r.repairs.size());
    out += row("Edits", doc.journal().entries().size());
    out += row("Summary sentences", r.summary_sentences.size());
    out += row("Characters", utf8::codepoint_count(doc.text(), doc.text().size()));
    out += "</dl></div>\n";
    return out;
}

std::string timings_card(const ReportData& r) {
    std::string out =
        "<div class=\"card timings-card\"><h2 class=\"section-title\">Stage timings</h2>";
    if (r.timings_ms.empty()) {
        return out +
               "<p class=\"hint\">No timings recorded. Set <code>record_timings: true</code> in "
               "the pipeline to see how long each stage took.</p></div>\n";
    }
    double max = 0, total = 0;
    for (const auto& [stage, ms] : r.timings_ms) {
        max = std::max(max, ms);
        total += ms;
    }
    out += "<table class=\"timings\">";
    for (const auto& [stage, ms] : r.timings_ms) {
        const std::string width = fixed(max > 0 ? 100.0 * ms / max : 0.0, 1);
        out += "<tr><td class=\"stage\">" + html_escape(stage) +
               "</td><td class=\"bar-cell\"><div class=\"bar\" style=\"width:" + width +
               "%\"></div></td><td class=\"ms\">" + format_ms(ms) + "</td></tr>";
    }
    out += "<tr class=\"total\"><td class=\"stage\">Total</td><td></td><td class=\"ms\">" +
           format_ms(total) + "</td></tr></table></div>\n";
    return out;
}

void render_article(const Document& doc, const ReportData& r, std::size_t index,
                    TypeClasses& classes, OutputSink& sink) {
    std::vector<Mark> marks;
    std::size_t next_id = 0;
    for (const Span& s : r.summary_sentences) {
        marks.push_back({s, Mark::summary, next_id++, nullptr, 0});
    }
    for (const auto& rep : r.repairs) marks.push_back({rep.span, Mark::repair, next_id++, &rep, 0});
    for (const auto& e : r.entities) {
        marks.push_back({e.span, Mark::entity, next_id++, &e, classes.index_of(e.label)});
    }

    std::string& out = sink.buffer();
    out += "<article class=\"document\" id=\"doc-" + std::to_string(index + 1) + "\">\n";
    out += "<header class=\"doc-header\"><p class=\"eyebrow\">docpipe report</p>";
    out += "<h1 class=\"doc-title\">" + html_escape(r.title) + "</h1><p class=\"doc-meta\">";
    if (r.title != doc.id()) out += "<span>id " + html_escape(doc.id()) + "</span>";
    out += "<span>" + std::to_string(r.words) + " words</span>";
    out += "<span>" + std::to_string(std::max<std::size_t>(1, (r.words + 115) / 230)) +
           " min read</span>";
    out += "<span>" + std::to_string(r.entities.size()) + " entities</span>";
    out += "<span>" + std::to_string(r.repairs.size()) + " repairs</span></p></header>\n";

    out += "<section class=\"summary\"><h2 class=\"section-title\">Summary</h2>";
    if (r.summary.empty()) {
        out +=
            "<p class=\"summary-text\">No summary was produced. Add a summarizer stage to the "
            "pipeline.</p>";
    } else {
        out += "<p class=\"summary-text\">" + html_escape(r.summary) + "</p>";
        if (!r.summary_sentences.empty()) {
            out += "<p class=\"summary-note\">The " + std::to_string(r.summary_sentences.size()) +
                   (r.summary_sentences.size() == 1 ? " sentence" : " sentences") +
                   " of the summary are highlighted in the text below.</p>";
        }
    }
    out += "</section>\n";

    out += "<div class=\"layout\">\n<div class=\"text\">\n";
    TextRenderer(doc.text(), std::move(marks), classes).render(sink);
    out += "</div>\n<aside class=\"panel\">\n";

    out +=
        "<div class=\"card legend-card\"><h2 class=\"section-title\">Legend</h2><ul "
        "class=\"legend\">";
    for (const auto& [type, n] : r.entity_counts) {
        out += "<li" + classes.attributes_of(classes.index_of(type), "") +
               "><span class=\"name\">" + html_escape(type) + "</span><span class=\"count\">" +
               std::to_string(n) + "</span></li>";
    }
    out +=
        "<li class=\"repair-item\"><span class=\"name\">Repair "
        "(hover for the original)</span><span class=\"count\">" +
        std::to_string(r.repairs.size()) + "</span></li>";
    out +=
        "<li class=\"summary-item\"><span class=\"name\">Summary "
        "sentence</span><span class=\"count\">" +
        std::to_string(r.summary_sentences.size()) + "</span></li>";
    out += "</ul>";
    if (r.entities.empty()) out += "<p class=\"hint\">No entities were tagged.</p>";
    out += "</div>\n";

    out += counts_card(doc, r);
    out += timings_card(r);

    if (!r.repairs.empty()) {
        // The same repair made many times is listed once, with its count, in text order.
        std::vector<std::pair<std::pair<std::string_view, std::string_view>, std::size_t>> distinct;
        std::map<std::pair<std::string_view, std::string_view>, std::size_t> index;
        for (const auto& rep : r.repairs) {
            const std::pair<std::string_view, std::string_view> key{
                rep.original, std::string_view(doc.text()).substr(rep.span.begin, rep.span.size())};
            const auto [it, fresh] = index.emplace(key, distinct.size());
            if (fresh) {
                distinct.push_back({key, 1});
            } else {
                ++distinct[it->second].second;
            }
        }
        out +=
            "<div class=\"card repairs-card\"><h2 class=\"section-title\">Repairs</h2>"
            "<ul class=\"repairs\">";
        for (const auto& [pair, n] : distinct) {
            // Empty sides get a word: an empty element would read as nothing at all.
            out += "<li>";
            out += (pair.first.empty() ? std::string("<span class=\"none\">(original unknown)")
                                       : "<span class=\"from\">" + html_escape(pair.first)) +
                   "</span> → " +
                   (pair.second.empty() ? std::string("<span class=\"none\">(removed)")
                                        : "<span class=\"to\">" + html_escape(pair.second)) +
                   "</span>";
            if (n > 1) out += " <span class=\"times\">×" + std::to_string(n) + "</span>";
            out += "</li>";
        }
        out += "</ul></div>\n";
    }
    out += "</aside>\n</div>\n</article>\n";
    sink.spill();
}

// The page's head: title, stylesheet with the colours of the entity types seen so far.
std::string page_head(std::string_view title, const TypeClasses& classes) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           // Nothing may load or run: the page is data, whatever the documents contain.
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"docpipe exporter\">\n<title>" +
           html_escape(title) + "</title>\n<style>" + std::string(html_stylesheet) + classes.css() +
           "</style>\n</head>\n<body>\n<main class=\"page\">\n";
}

constexpr std::string_view page_foot =
    "<footer class=\"generator\">Generated by the docpipe exporter</footer>\n"
    "</main>\n</body>\n</html>\n";

// One document gives a page of its own, written at the end. With a second document the
// page streams: its head (a generic title; the colours of the types the first two use) is
// written then, each later article as it comes (a type new by then colours its marks
// inline), and the list of documents, known only at the end, closes the page.
class HtmlWriter final : public FormatWriter {
public:
    void add(const Document& doc, Sinks& out) override {
        const ReportData report = gather_report(doc);
        const std::size_t index = titles_.size();
        if (index == 0) {
            render_article(doc, report, index, classes_, first_);
        } else if (index == 1) {
            OutputSink second;
            render_article(doc, report, index, classes_, second);
            std::string& page = out.main.buffer();
            page += page_head("docpipe report", classes_);
            page += "<p class=\"contents-link\"><a href=\"#documents\">All documents</a></p>\n";
            classes_.freeze();
            page += first_.buffer();
            page += second.buffer();
            out.main.spill();
        } else {
            render_article(doc, report, index, classes_, out.main);
        }
        titles_.push_back(report.title);
        if (index == 1) first_ = OutputSink();  // only now: the document may have failed
    }

    void finish(Sinks& out) override {
        std::string& page = out.main.buffer();
        if (titles_.size() <= 1) {
            page += page_head(
                titles_.empty() ? "docpipe report" : titles_.front() + " — docpipe report",
                classes_);
            if (titles_.empty()) page += "<p class=\"hint\">No documents.</p>\n";
            page += first_.buffer();
        } else {
            page += "<nav class=\"documents\" id=\"documents\"><h2 class=\"section-title\">" +
                    std::to_string(titles_.size()) + " documents</h2>";
            for (std::size_t i = 0; i < titles_.size(); ++i) {
                page += "<a href=\"#doc-" + std::to_string(i + 1) + "\">" +
                        html_escape(titles_[i]) + "</a>";
            }
            page += "</nav>\n";
        }
        page += page_foot;
    }

    void checkpoint() override {
        saved_ = {titles_.size(), classes_.size(), classes_.frozen(), first_.buffer().size()};
    }
    void rollback() override {
        titles_.resize(saved_.titles);
        classes_.truncate(saved_.classes);
        classes_.unfreeze(saved_.frozen);
        if (titles_.empty()) first_.buffer().resize(saved_.first_bytes);
    }

private:
    std::vector<std::string> titles_;
    TypeClasses classes_;
    OutputSink first_;  // the first article, until a second shows the page is shared
    struct Saved {
        std::size_t titles = 0, classes = 0, frozen = 0, first_bytes = 0;
    } saved_;
};

}  // namespace

std::unique_ptr<FormatWriter> make_html_writer() {
    return std::make_unique<HtmlWriter>();
}

}  // namespace docpipe::exporter
