// `text`: the final text. Several documents share a target separated by one blank line; each
// ends with a newline so the separator is always exactly one empty line.
#include "format.hpp"

namespace docpipe::exporter {
namespace {

class TextWriter final : public FormatWriter {
public:
    void add(const Document& doc, Sinks& out) override {
        std::string& bytes = out.main.buffer();
        if (count_++ > 0) bytes += '\n';
        bytes += doc.text();
        if (!doc.text().empty() && doc.text().back() != '\n') bytes += '\n';
        out.main.spill();
    }
    void finish(Sinks&) override {}
    void checkpoint() override { saved_ = count_; }
    void rollback() override { count_ = saved_; }

private:
    std::size_t count_ = 0, saved_ = 0;
};

}  // namespace

std::unique_ptr<FormatWriter> make_text_writer() {
    return std::make_unique<TextWriter>();
}

}  // namespace docpipe::exporter
