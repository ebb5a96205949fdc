#include "docpipe/host/document_reader.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "docpipe/host/errors.hpp"
#include "docpipe/utf8.hpp"

namespace docpipe::host {
namespace fs = std::filesystem;

void require_utf8(const std::string& text, const std::string& document_id,
                  const std::string& where) {
    const auto bad = utf8::find_invalid(text);
    if (!bad) return;
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < *bad; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
    throw Error(exit_data, "document '" + document_id + "' (" + where +
                               "): invalid UTF-8 at byte " + std::to_string(*bad) + " (line " +
                               std::to_string(line) + ", column " +
                               std::to_string(*bad - line_start + 1) + ", byte " + byte +
                               "); convert it to UTF-8 first, e.g. with "
                               "iconv -f WINDOWS-1252 -t UTF-8");
}

namespace {

bool is_jsonl(const fs::path& p, InputFormat format) {
    if (format != InputFormat::auto_detect) return format == InputFormat::jsonl;
    return p.extension() == ".jsonl" || p.extension() == ".ndjson";
}

std::string id_from(const fs::path& relative) {
    fs::path p = relative;
    p.replace_extension();
    return p.generic_string();
}

// A file found in a directory, or a folder that could not be listed (with the reason).
struct Listed {
    fs::path path;
    std::string error;
    bool operator<(const Listed& other) const { return path < other.path; }
};

// Every regular file under `dir` matching `glob`, hidden files and folders skipped, symlinked
// folders not followed. A folder that cannot be listed is kept as an entry of its own, so the
// run reports it (and `on_error: skip` skips it) instead of silently reading nothing.
void list_directory(const fs::path& dir, const std::string& glob, std::vector<Listed>& out) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        out.push_back({dir, "cannot list directory '" + dir.string() + "': " + ec.message() +
                                "; its documents were not read"});
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
            out.push_back({dir, "cannot list directory '" + dir.string() + "': " + ec.message() +
                                    "; some of its documents were not read"});
            return;
        }
        const std::string name = it->path().filename().string();
        if (name.starts_with(".")) continue;  // hidden files and folders: .git, editor swap files
        std::error_code type_ec;
        if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
            list_directory(it->path(), glob, out);
            continue;
        }
        if (!it->is_regular_file(type_ec)) continue;
        if (fnmatch(glob.c_str(), name.c_str(), 0) != 0) continue;
        out.push_back({it->path(), {}});
    }
}

// One JSON Lines object as a document. Any JSON error here (a type mismatch, an unusual value)
// is the line's own bad data, never an internal error.
// A field of a docpipe document that must be there with the right JSON type.
const nlohmann::json& field(const nlohmann::json& j, const char* name, nlohmann::json::value_t type,
                            const char* type_name, const std::string& where) {
    const auto it = j.find(name);
    const bool number_ok = type == nlohmann::json::value_t::number_unsigned && it != j.end() &&
                           it->is_number_unsigned();
    if (it == j.end() || (it->type() != type && !number_ok)) {
        throw Error(exit_data, where + ": \"" + name + "\" must be " + type_name +
                                   " in a docpipe document (schema_version given)");
    }
    return *it;
}

std::map<std::string, std::string> string_map(const nlohmann::json& j) {
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : j.items()) {
        out[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
    return out;
}

// Attribute values: strings, numbers and booleans (schema 2; 1.x wrote every value as a
// string, which reads back as a string).
std::map<std::string, Value> attribute_map(const nlohmann::json& j, const std::string& where) {
    std::map<std::string, Value> out;
    for (const auto& [key, value] : j.items()) {
        if (value.is_string()) {
            out.emplace(key, value.get<std::string>());
        } else if (value.is_boolean()) {
            out.emplace(key, value.get<bool>());
        } else if (value.is_number()) {
            out.emplace(key, value.get<double>());
        } else {
            throw Error(exit_data, where + ": attribute \"" + key +
                                       "\" must be a string, a number or a boolean");
        }
    }
    return out;
}

std::vector<StageTime> stage_times(const nlohmann::json& j, const std::string& where) {
    std::vector<StageTime> out;
    const auto it = j.find("stage_times");
    if (it == j.end()) return out;
    const auto bad = [&] {
        return Error(exit_data, where +
                                    ": \"stage_times\" must be an array of "
                                    "{\"stage\": a string, \"milliseconds\": a number}");
    };
    if (!it->is_array()) throw bad();
    for (const auto& t : *it) {
        if (!t.is_object() || !t.contains("stage") || !t["stage"].is_string() ||
            !t.contains("milliseconds") || !t["milliseconds"].is_number()) {
            throw bad();
        }
        out.push_back({t["stage"].get<std::string>(), t["milliseconds"].get<double>()});
    }
    return out;
}

// docpipe's own JSON document (plugins/exporter/schema/document.schema.json): the original
// text, the edits replayed on it, the layers and metadata as written. The replayed text must
// equal "text", so a document edited by hand in a way that no longer adds up is refused.
Document docpipe_document_from_json(const nlohmann::json& j, const std::string& where,
                                    const std::string& fallback_id) {
    using vt = nlohmann::json::value_t;
    const std::string version = j["schema_version"].get<std::string>();
    if (version.rfind("1.", 0) != 0 && version.rfind("2.", 0) != 0) {
        throw Error(exit_data, where + ": schema_version " + version +
                                   " is not one this docpipe reads (1.x or 2.x)");
    }
    const auto& text = field(j, "text", vt::string, "a string", where);
    const auto& original = field(j, "original_text", vt::string, "a string", where);
    std::vector<EditJournal::Entry> entries;
    for (const auto& e : field(j, "edits", vt::array, "an array", where)) {
        if (!e.is_object()) throw Error(exit_data, where + ": each edit must be an object");
        entries.push_back(
            {field(e, "begin", vt::number_unsigned, "a byte offset", where).get<std::size_t>(),
             field(e, "old_text", vt::string, "a string", where).get<std::string>(),
             field(e, "new_text", vt::string, "a string", where).get<std::string>(),
             field(e, "reason", vt::string, "a string", where).get<std::string>(),
             field(e, "stage", vt::string, "a string", where).get<std::string>()});
    }
    std::map<std::string, Layer> layers;
    for (const auto& [name, items] : field(j, "layers", vt::object, "an object", where).items()) {
        if (!items.is_array()) {
            throw Error(exit_data, where + ": layer \"" + name + "\" must be an array");
        }
        Layer& layer = layers[name];
        for (const auto& a : items) {
            if (!a.is_object())
                throw Error(exit_data, where + ": each annotation must be an object");
            Annotation annotation;
            annotation.span = {
                field(a, "begin", vt::number_unsigned, "a byte offset", where).get<std::size_t>(),
                field(a, "end", vt::number_unsigned, "a byte offset", where).get<std::size_t>()};
            annotation.label = field(a, "label", vt::string, "a string", where).get<std::string>();
            annotation.attributes =
                attribute_map(field(a, "attributes", vt::object, "an object", where), where);
            // No score: the Annotation default. null (what earlier versions wrote for NaN) is
            // refused here rather than by the first stage that checks the document.
            if (const auto score = a.find("score"); score != a.end()) {
                if (!score->is_number()) {
                    throw Error(exit_data, where + ": an annotation's \"score\" must be a number");
                }
                annotation.score = score->get<double>();
            }
            annotation.stage = field(a, "stage", vt::string, "a string", where).get<std::string>();
            layer.push_back(std::move(annotation));
        }
    }
    std::string id = fallback_id;
    if (const auto it = j.find("id"); it != j.end()) {
        if (it->is_string()) {
            id = it->get<std::string>();
        } else if (it->is_number()) {
            id = it->dump();
        } else {
            throw Error(exit_data, where + ": \"id\" must be a string or a number");
        }
    }
    std::map<std::string, std::string> metadata;
    for (const char* name : {"metadata", "meta"}) {
        const auto it = j.find(name);
        if (it == j.end()) continue;
        if (!it->is_object())
            throw Error(exit_data, where + ": \"" + name + "\" must be an object");
        for (auto& [key, value] : string_map(*it)) metadata.try_emplace(key, value);
    }
    try {
        Document doc =
            Document::restore(std::move(id), original.get<std::string>(), std::move(entries),
                              std::move(layers), std::move(metadata));
        if (doc.text() != text.get_ref<const std::string&>()) {
            throw Error(exit_data,
                        where + ": the edits do not turn \"original_text\" into \"text\"");
        }
        for (auto& t : stage_times(j, where))
            doc.record_stage_time(std::move(t.stage), t.milliseconds);
        return doc;
    } catch (const std::invalid_argument& e) {
        throw Error(exit_data, where + ": " + e.what());
    }
}

Document document_from_json(const nlohmann::json& j, const std::string& where,
                            const std::string& fallback_id) {
    try {
        if (j.is_object() && j.contains("schema_version") && j["schema_version"].is_string()) {
            return docpipe_document_from_json(j, where, fallback_id);
        }
        if (!j.is_object() || !j.contains("text") || !j["text"].is_string()) {
            throw Error(exit_data, where + ": each line needs a string field \"text\"");
        }
        std::string id = fallback_id;
        if (j.contains("id")) {
            if (j["id"].is_string()) {
                id = j["id"].get<std::string>();
            } else if (j["id"].is_number()) {
                id = j["id"].dump();
            } else {
                throw Error(exit_data, where + ": \"id\" must be a string or a number");
            }
        }
        Document doc(id, j["text"].get<std::string>());
        // "metadata", the name docpipe writes; "meta" as earlier versions read it.
        for (const char* name : {"metadata", "meta"}) {
            if (!j.contains(name)) continue;
            if (!j[name].is_object()) {
                throw Error(exit_data, where + ": \"" + name + "\" must be an object");
            }
            for (auto& [key, value] : string_map(j[name])) doc.metadata().try_emplace(key, value);
        }
        return doc;
    } catch (const nlohmann::json::exception& e) {
        throw Error(exit_data, where + ": " + e.what());
    }
}

}  // namespace

DocumentReader::DocumentReader(const std::vector<std::string>& inputs, InputOptions options,
                               std::istream* stdin_stream)
    : options_(std::move(options)), stdin_(stdin_stream ? stdin_stream : &std::cin) {
    for (const auto& input : inputs) {
        if (input == "-") {
            pending_.push_back({{}, "stdin", options_.format == InputFormat::jsonl});
            files_.push_back("/dev/stdin");
            continue;
        }
        const fs::path path(input);
        std::error_code ec;
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            throw Error(exit_no_input, "input '" + input + "' does not exist");
        }
        if (fs::is_directory(status)) {
            std::vector<Listed> files;
            list_directory(path, options_.glob, files);
            std::sort(files.begin(), files.end());  // stable, reproducible order
            for (const auto& [f, error] : files) {
                pending_.push_back(
                    {f, id_from(fs::relative(f, path)), is_jsonl(f, options_.format), error});
                if (error.empty()) files_.push_back(f.string());
            }
            continue;
        }
        pending_.push_back({path, id_from(path.filename()), is_jsonl(path, options_.format)});
        files_.push_back(path.string());
    }
}

// The get area of a streambuf (its protected members, reached through a derived class's
// names): lines are cut out of the buffer with memchr instead of one sbumpc() per byte.
struct GetArea : std::streambuf {
    static char* next(std::streambuf* b) { return (b->*&GetArea::gptr)(); }
    static char* end(std::streambuf* b) { return (b->*&GetArea::egptr)(); }
    static void skip(std::streambuf* b, int n) { (b->*&GetArea::gbump)(n); }
};

// Reads one line, keeping at most `limit` + 1 bytes of it (the rest is consumed and dropped),
// so an endless or huge line is refused without being held in memory.
static bool read_line_bounded(std::istream& in, std::size_t limit, std::string& line) {
    line.clear();
    std::streambuf* buf = in.rdbuf();
    bool any = false;
    const auto keep = [&](const char* bytes, std::size_t n) {
        if (line.size() <= limit) line.append(bytes, std::min(n, limit + 1 - line.size()));
    };
    while (true) {
        const char* next = GetArea::next(buf);
        const char* end = GetArea::end(buf);
        if (next == end) {
            // Empty get area: sbumpc() refills it (a read error throws, as before), or reads
            // one byte from a stream without a buffer.
            const int c = buf->sbumpc();
            if (c == std::char_traits<char>::eof()) break;
            any = true;
            if (c == '\n') return true;
            const char byte = static_cast<char>(c);
            keep(&byte, 1);
            continue;
        }
        any = true;
        const auto* newline =
            static_cast<const char*>(std::memchr(next, '\n', static_cast<std::size_t>(end - next)));
        const auto n = static_cast<std::size_t>((newline != nullptr ? newline : end) - next);
        keep(next, n);
        GetArea::skip(buf, static_cast<int>(n + (newline != nullptr ? 1 : 0)));
        if (newline != nullptr) return true;
    }
    in.setstate(std::ios::eofbit);
    return any;
}

// Reads everything up to `limit` bytes into `out` (whose reserved capacity it keeps). Growth
// by doubling can leave up to twice the text allocated for the whole run: give it back.
static bool read_bounded(std::istream& in, std::size_t limit, std::string& out) {
    out.clear();
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        out.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (out.size() > limit) return false;
    }
    if (out.capacity() - out.size() > out.size() / 8 + 4096) out.shrink_to_fit();
    return true;
}

Document DocumentReader::read_text(const Source& source) {
    std::string text;
    const std::string where = source.path.empty() ? "stdin" : source.path.string();
    auto too_large = [&] {
        return Error(exit_data, "document '" + source.id + "' (" + where +
                                    ") is over the limit of " +
                                    std::to_string(options_.max_document_bytes) +
                                    " bytes; split it or raise --max-doc-bytes");
    };
    if (source.path.empty()) {
        if (!read_bounded(*stdin_, options_.max_document_bytes, text)) throw too_large();
    } else {
        std::ifstream in(source.path, std::ios::binary);
        if (!in) {
            throw Error(exit_no_input, "cannot read '" + where + "': " + std::strerror(errno));
        }
        // A regular file says its size: read into one allocation of the right size.
        std::error_code ec;
        const auto size = std::filesystem::file_size(source.path, ec);
        if (!ec && size <= options_.max_document_bytes) text.reserve(size);
        if (!read_bounded(in, options_.max_document_bytes, text)) throw too_large();
        if (in.bad()) throw Error(exit_no_input, "error reading '" + where + "'");
    }
    bytes_read_.fetch_add(text.size(), std::memory_order_relaxed);
    require_utf8(text, source.id, where);
    Document doc(source.id, std::move(text));
    doc.metadata()["source"] = where;
    return doc;
}

// libstdc++'s filebuf throws std::ios_base::failure on a read(2) error (EIO), and the
// streambuf calls of read_line_bounded have no sentry to turn it into badbit.
bool DocumentReader::read_line_or_throw(std::string& line) {
    try {
        return read_line_bounded(*current_stream_, options_.max_document_bytes, line);
    } catch (const std::ios_base::failure& e) {
        const std::string where = current_->path.empty() ? "stdin" : current_->path.string();
        current_.reset();
        current_file_.reset();
        current_stream_ = nullptr;
        throw Error(exit_no_input, "error reading '" + where + "': " + e.code().message());
    }
}

std::optional<Document> DocumentReader::next_jsonl_line() {
    std::string line;
    while (read_line_or_throw(line)) {
        ++current_line_;
        bytes_read_.fetch_add(line.size() + 1, std::memory_order_relaxed);
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where =
            (current_->path.empty() ? std::string("stdin") : current_->path.string()) + ":" +
            std::to_string(current_line_);
        const std::string fallback_id = current_->id + ":" + std::to_string(current_line_);
        if (line.size() > options_.max_document_bytes) {
            // The rest of the over-long line was skipped; the next call reads the next line.
            throw Error(exit_data, where + ": line is over the limit of " +
                                       std::to_string(options_.max_document_bytes) +
                                       " bytes; raise --max-doc-bytes");
        }
        require_utf8(line, fallback_id, where);
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            // parse_error, but also out_of_range for a number like 1e400: bad data either way.
            throw Error(exit_data, where + ": not valid JSON (" + std::string(e.what()) +
                                       "); each line must be an object like "
                                       "{\"id\": \"a\", \"text\": \"...\"}");
        }
        Document doc = document_from_json(j, where, fallback_id);
        // The document's own source (a run it came out of, or the user's) is kept.
        doc.metadata().try_emplace("source", where);
        return doc;
    }
    if (current_file_ && current_file_->bad()) {
        throw Error(exit_no_input, "error reading '" + current_->path.string() + "'");
    }
    current_.reset();
    current_file_.reset();
    current_stream_ = nullptr;
    return std::nullopt;
}

std::optional<std::uint64_t> DocumentReader::input_size() const {
    std::uint64_t total = 0;
    for (const auto& file : files_) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;  // stdin, a FIFO
        total += std::filesystem::file_size(file, ec);
        if (ec) return std::nullopt;
    }
    return total;
}

std::optional<Document> DocumentReader::next() {
    while (true) {
        if (current_) {
            if (auto doc = next_jsonl_line()) return doc;
            continue;
        }
        if (pending_.empty()) return std::nullopt;
        Source source = std::move(pending_.front());
        pending_.pop_front();
        if (!source.error.empty()) throw Error(exit_no_input, source.error);
        if (!source.jsonl) return read_text(source);
        current_ = source;
        current_line_ = 0;
        if (source.path.empty()) {
            current_stream_ = stdin_;
        } else {
            current_file_ = std::make_unique<std::ifstream>(source.path, std::ios::binary);
            if (!*current_file_) {
                const std::string why = std::strerror(errno);
                current_.reset();
                current_file_.reset();
                throw Error(exit_no_input, "cannot read '" + source.path.string() + "': " + why);
            }
            current_stream_ = current_file_.get();
        }
    }
}

}  // namespace docpipe::host
