#include "output_path.hpp"

#include <filesystem>
#include <stdexcept>
#include <utility>

#include "docpipe/utf8.hpp"

namespace docpipe::exporter {

OutputPath::OutputPath(std::string path) : path_(std::move(path)) {
    if (path_.empty()) throw std::invalid_argument("path is empty (use \"-\" for stdout)");
    for (std::size_t open = path_.find('{'); open != std::string::npos;
         open = path_.find('{', open + 1)) {
        const std::size_t close = path_.find('}', open);
        const std::string field =
            path_.substr(open, close == std::string::npos ? std::string::npos : close - open + 1);
        if (field == "{id}") {
            per_document_ = true;
        } else if (field != "{ext}") {
            throw std::invalid_argument("path '" + path_ + "' has an unknown field '" + field +
                                        "' (known: {id}, {ext})");
        }
    }
}

std::string OutputPath::resolve(std::string_view id, std::string_view ext) const {
    std::string out;
    out.reserve(path_.size() + id.size());
    for (std::size_t i = 0; i < path_.size();) {
        if (path_.compare(i, 4, "{id}") == 0) {
            out += safe_file_name(id);
            i += 4;
        } else if (path_.compare(i, 5, "{ext}") == 0) {
            out += ext;
            i += 5;
        } else {
            out += path_[i++];
        }
    }
    return out;
}

std::string OutputPath::glob(std::string_view ext) const {
    std::string out;
    for (std::size_t i = 0; i < path_.size();) {
        if (path_.compare(i, 4, "{id}") == 0) {
            out += '*';
            i += 4;
            continue;
        }
        const bool is_ext = path_.compare(i, 5, "{ext}") == 0;
        const std::string_view literal = is_ext ? ext : std::string_view(path_).substr(i, 1);
        for (char c : literal) {
            if (c == '*' || c == '?' || c == '[' || c == '\\') out += '\\';
            out += c;
        }
        i += is_ext ? 5 : 1;
    }
    return out;
}

std::string safe_file_name(std::string_view id) {
    constexpr std::size_t max_bytes = 200;  // leaves room for an extension under NAME_MAX
    std::string out;
    for (std::size_t i = 0; i < id.size();) {
        const auto c = static_cast<unsigned char>(id[i]);
        if (c >= 0x80) {
            // Keep valid multi-byte characters whole; replace broken bytes.
            const std::size_t len = utf8::sequence_length(c);
            if (len > 1 && i + len <= id.size() && utf8::is_valid(id.substr(i, len))) {
                if (out.size() + len > max_bytes) break;
                out.append(id.substr(i, len));
                i += len;
                continue;
            }
            out += '_';
            ++i;
            continue;
        }
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '+' ||
                           c == '=' || c == ',' || c == '@';
        if (out.size() + 1 > max_bytes) break;
        out += plain ? static_cast<char>(c) : '_';
        ++i;
    }
    // Leading dots would make "..", "." or a hidden file.
    for (char& c : out) {
        if (c != '.') break;
        c = '_';
    }
    if (out.empty()) out = "_";
    return out;
}

std::string with_extension(const std::string& path, std::string_view ext) {
    std::filesystem::path p(path);
    p.replace_extension(std::string(ext));
    return p.string();
}

}  // namespace docpipe::exporter
