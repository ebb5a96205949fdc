#pragma once
// A JSON writer that appends straight to a string: no tree per document, strings escaped as
// they are copied. Its bytes equal nlohmann::json::dump() (indent >= 0 pretty, < 0 one line),
// which the exporter used before and the tests compare against, with four more escapes:
// U+0085, U+2028 and U+2029, which line-based tools (and JavaScript before ES2019) treat as
// line breaks, and DEL, a terminal control.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "output_sink.hpp"

namespace docpipe::exporter {

class JsonText {
public:
    /// Appends to `out`; `depth` is the nesting level the first value starts at (its lines are
    /// indented as if inside that many containers).
    JsonText(std::string& out, int indent, int depth = 0)
        : out_(out), indent_(indent), depth_(depth) {}
    /// Appends to the sink's buffer and lets it spill after each object or array.
    JsonText(OutputSink& sink, int indent, int depth = 0)
        : out_(sink.buffer()), sink_(&sink), indent_(indent), depth_(depth) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    /// The key of the next member of the current object.
    void key(std::string_view name);

    void value(std::string_view text);
    void value(const char* text) { value(std::string_view(text)); }
    void value(std::size_t number);
    /// A finite number as nlohmann writes it (shortest round trip, "1.0" for one); NaN and
    /// infinities, which JSON cannot hold, as null.
    void value(double number);
    /// A number with no fraction (|n| < 2^53) as an integer ("3", not "3.0"), others as
    /// value(double): how typed attribute values are written.
    void number(double n);
    void null();
    void boolean(bool b);

    /// `text` as a JSON string literal, quotes included.
    static void append_string(std::string& out, std::string_view text);

private:
    struct Level {
        bool empty = true;
    };
    void open(char bracket);
    void close(char bracket);
    void before_value();
    void newline(std::size_t level);

    std::string& out_;
    OutputSink* sink_ = nullptr;
    int indent_;
    int depth_;
    std::vector<Level> levels_;
    bool after_key_ = false;
};

}  // namespace docpipe::exporter
