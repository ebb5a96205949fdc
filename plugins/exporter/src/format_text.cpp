// `text`: the final text. Several documents share a target separated by one blank line; each
// ends with a newline so the separator is always exactly one empty line.
#include "format.hpp"

namespace docpipe::exporter {
namespace {

class TextWriter final : public FormatWriter {
public:
    void add(const Document& doc) override {
        if (count_++ > 0) out_ += '\n';
        out_ += doc.text();
        if (!doc.text().empty() && doc.text().back() != '\n') out_ += '\n';
    }
    Rendered render() const override { return {out_, {}}; }

private:
    std::string out_;
    std::size_t count_ = 0;
};

}  // namespace

std::unique_ptr<FormatWriter> make_text_writer() {
    return std::make_unique<TextWriter>();
}

}  // namespace docpipe::exporter
