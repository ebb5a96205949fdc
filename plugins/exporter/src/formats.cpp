#include "format.hpp"

namespace docpipe::exporter {

const std::vector<Format>& formats() {
    static const std::vector<Format> all = {
        {"text", "txt", "", &make_text_writer},     {"json", "json", "", &make_json_writer},
        {"jsonl", "jsonl", "", &make_jsonl_writer}, {"markdown", "md", "", &make_markdown_writer},
        {"html", "html", "", &make_html_writer},    {"conll", "conll", "", &make_conll_writer},
        {"brat", "ann", "txt", &make_brat_writer},
    };
    return all;
}

const Format* find_format(std::string_view name) {
    for (const auto& f : formats()) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

Rendered render_in_memory(const Format& format, const std::vector<const Document*>& docs) {
    OutputSink main, companion;
    Sinks sinks{main, format.companion_extension.empty() ? nullptr : &companion};
    auto writer = format.make_writer();
    for (const Document* doc : docs) writer->add(*doc, sinks);
    writer->finish(sinks);
    return {main.take(), companion.take()};
}

std::vector<std::string> format_names() {
    std::vector<std::string> names;
    for (const auto& f : formats()) names.emplace_back(f.name);
    return names;
}

}  // namespace docpipe::exporter
