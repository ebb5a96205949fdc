// `markdown`: the summary, an entities table, the repairs list, then the text, one paragraph
// per line. Every piece of document text goes through markdown_escape, so none of it can
// become markup, a link, raw HTML or a table cell border.
#include <cstdio>

#include "escape.hpp"
#include "format.hpp"
#include "report_data.hpp"

namespace docpipe::exporter {
namespace {

std::string excerpt(const Document& doc, Span s) {
    return markdown_escape(std::string_view(doc.text()).substr(s.begin, s.size()));
}

std::string render_document(const Document& doc) {
    const ReportData r = gather_report(doc);
    std::string out;
    out += "# " + markdown_escape(r.title) + "\n\n";

    out += "## Summary\n\n";
    out += r.summary.empty() ? "*No summary.*" : markdown_escape(r.summary);
    out += "\n\n";

    out += "## Entities\n\n";
    if (r.entities.empty()) {
        out += "*No entities.*\n\n";
    } else {
        out += "| Entity | Type | Bytes | Score |\n|---|---|---|---:|\n";
        for (const auto& e : r.entities) {
            const std::string score = fixed(e.score, 2);
            out += "| " + excerpt(doc, e.span) + " | " + markdown_escape(e.label) + " | " +
                   std::to_string(e.span.begin) + "–" + std::to_string(e.span.end) + " | " + score +
                   " |\n";
        }
        out += '\n';
    }

    out += "## Repairs\n\n";
    if (r.repairs.empty()) {
        out += "*No repairs.*\n\n";
    } else {
        std::size_t n = 0;
        for (const auto& rep : r.repairs) {
            out += std::to_string(++n) + ". " +
                   (rep.original.empty() ? std::string("(unknown)")
                                         : "~~" + markdown_escape(rep.original) + "~~") +
                   " → **" + excerpt(doc, rep.span) + "**\n";
        }
        out += '\n';
    }

    out += "## Text\n\n";
    // One paragraph per line of the text; blank lines only separate.
    std::string_view text = doc.text();
    bool any = false;
    while (!text.empty()) {
        const std::size_t cut = text.find_first_of("\r\n");
        const std::string_view line = text.substr(0, cut);
        const std::string escaped = markdown_escape(line);
        if (!escaped.empty()) {
            out += escaped + "\n\n";
            any = true;
        }
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    if (!any) out += "*Empty text.*\n\n";
    out.pop_back();  // one newline at the end of the document, not two
    return out;
}

class MarkdownWriter final : public FormatWriter {
public:
    void add(const Document& doc, Sinks& out) override {
        if (count_++ > 0) out.main.buffer() += "\n---\n\n";
        out.main.buffer() += render_document(doc);
        out.main.spill();
    }
    void finish(Sinks&) override {}
    void checkpoint() override { saved_ = count_; }
    void rollback() override { count_ = saved_; }

private:
    std::size_t count_ = 0, saved_ = 0;
};

}  // namespace

std::unique_ptr<FormatWriter> make_markdown_writer() {
    return std::make_unique<MarkdownWriter>();
}

}  // namespace docpipe::exporter
