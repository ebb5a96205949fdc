#include "format.hpp"

namespace docpipe::exporter {

const std::vector<Format>& formats() {
    static const std::vector<Format> all = {
        {"text", "txt", "", &make_text_writer},
        {"json", "json", "", &make_json_writer},
    };
    return all;
}

const Format* find_format(std::string_view name) {
    for (const auto& f : formats()) {
        if (f.name == name) return &f;
    }
    return nullptr;
}

std::vector<std::string> format_names() {
    std::vector<std::string> names;
    for (const auto& f : formats()) names.emplace_back(f.name);
    return names;
}

}  // namespace docpipe::exporter
