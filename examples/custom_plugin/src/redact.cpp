// An example docpipe plugin: a `redact` stage that replaces e-mail addresses and phone numbers
// with a placeholder. It shows the whole plugin API in one file: declared parameters, typed
// values, text edits through the document (so later stages' offsets still map to the input),
// an annotation layer, logging, and the entry macro.
#include <algorithm>
#include <cctype>
#include <docpipe/docpipe.hpp>
#include <string>
#include <vector>

namespace {

bool is_email_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
           c == '+';
}

// Finds e-mail addresses: local@domain.tld, scanning outwards from each '@'.
std::vector<docpipe::Span> find_emails(const std::string& text) {
    std::vector<docpipe::Span> spans;
    for (std::size_t at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
        std::size_t begin = at;
        while (begin > 0 && is_email_char(text[begin - 1])) --begin;
        std::size_t end = at + 1;
        while (end < text.size() && is_email_char(text[end])) ++end;
        while (end > at + 1 && text[end - 1] == '.') --end;  // sentence-final period
        const auto domain = text.substr(at + 1, end - at - 1);
        if (begin < at && domain.find('.') != std::string::npos) spans.push_back({begin, end});
    }
    return spans;
}

// Finds phone numbers: runs of digits, spaces, dashes, dots and parentheses with 7+ digits.
std::vector<docpipe::Span> find_phones(const std::string& text) {
    std::vector<docpipe::Span> spans;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!(std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '+' ||
              text[i] == '(')) {
            ++i;
            continue;
        }
        std::size_t end = i;
        int digits = 0;
        while (end < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == ' ' ||
                text[end] == '-' || text[end] == '.' || text[end] == '(' || text[end] == ')' ||
                (end == i && text[end] == '+'))) {
            digits += std::isdigit(static_cast<unsigned char>(text[end])) ? 1 : 0;
            ++end;
        }
        while (end > i && !std::isdigit(static_cast<unsigned char>(text[end - 1]))) --end;
        if (digits >= 7) spans.push_back({i, end});
        i = end > i ? end : i + 1;
    }
    return spans;
}

class Redact final : public docpipe::Stage {
public:
    static docpipe::StageInfo info() {
        return {
            .name = "redact",
            .version = "1.0.0",
            .description = "replaces e-mail addresses and phone numbers with a placeholder",
            .params = {{"replacement", docpipe::ParamType::string, std::string("[REDACTED]"),
                        "text put in place of each match"},
                       docpipe::ParamSpec{"kinds", docpipe::ParamType::string_list,
                                          std::vector<std::string>{"email", "phone"},
                                          "what to redact"}
                           .with_allowed({"email", "phone"})},
            .provides_layers = {"redactions"},
            .thread_safe = true,
            // Each redaction is labelled with its kind and carries no attributes.
            .layer_specs = {{"redactions", {"email", "phone"}, {}}},
        };
    }

    void configure(const docpipe::Params& params, const docpipe::StageContext& ctx) override {
        replacement_ = params.get_string("replacement");
        for (const auto& kind : params.get_strings("kinds")) {
            emails_ = emails_ || kind == "email";
            phones_ = phones_ || kind == "phone";
        }
        log_ = ctx.log;
    }

    void process(docpipe::Document& doc) override {
        std::vector<std::pair<docpipe::Span, std::string>> found;
        if (emails_) {
            for (auto s : find_emails(doc.text())) found.emplace_back(s, "email");
        }
        if (phones_) {
            for (auto s : find_phones(doc.text())) found.emplace_back(s, "phone");
        }
        std::sort(found.begin(), found.end(),
                  [](const auto& a, const auto& b) { return a.first.begin < b.first.begin; });
        std::vector<docpipe::TextEdit> edits;
        std::vector<std::string> kinds;
        std::size_t last_end = 0;
        for (const auto& [span, kind] : found) {
            if (span.begin < last_end) continue;  // an e-mail's digits are not also a phone
            edits.push_back({span, replacement_, "redact " + kind});
            kinds.push_back(kind);
            last_end = span.end;
        }
        // Apply all edits at once: the document shifts layers, journals each edit, and says
        // where each replacement now stands.
        const auto placed = doc.apply_edits(std::move(edits));
        auto& layer = doc.layer("redactions");
        for (std::size_t i = 0; i < placed.size(); ++i) {
            layer.push_back({placed[i], kinds[i]});
        }
        if (!placed.empty()) {
            log_.info("document " + doc.id() + ": " + std::to_string(placed.size()) +
                      " redactions");
        }
    }

private:
    std::string replacement_;
    bool emails_ = false;
    bool phones_ = false;
    docpipe::Logger log_;
};

}  // namespace

DOCPIPE_PLUGIN("redact", "1.0.0", registrar) {
    registrar.add<Redact>();
}
