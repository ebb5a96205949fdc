#include "dictionary.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "word_scanner.hpp"

namespace synonym_repair {

std::vector<std::string> normalise_phrase(std::string_view phrase) {
    std::vector<std::string> tokens;
    // `<num>` and `<head>` are placeholders, not text: keep them whole.
    std::size_t pos = 0;
    while (pos < phrase.size()) {
        const std::size_t num = phrase.find("<num>", pos);
        const std::size_t head = phrase.find("<head>", pos);
        const std::size_t at = std::min(num, head);
        const std::string_view chunk =
            phrase.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos);
        scan_words(chunk, [&](const ScannedToken& t) { tokens.emplace_back(t.lower); });
        if (at == std::string_view::npos) break;
        tokens.emplace_back(at == num ? "<num>" : "<head>");
        pos = at + (at == num ? 5 : 6);
    }
    return tokens;
}

void PhraseDictionary::add(std::string_view spun, std::string original, double prior,
                           std::string source) {
    PhraseEntry e;
    e.spun_tokens = normalise_phrase(spun);
    if (!e.spun_tokens.empty() && e.spun_tokens.back() == "<head>") {
        e.spun_tokens.pop_back();
        e.head_after = true;
    }
    if (std::find(e.spun_tokens.begin(), e.spun_tokens.end(), "<head>") != e.spun_tokens.end()) {
        throw DictionaryError("<head> may only end a spun phrase: '" + std::string(spun) + "'");
    }
    e.original = std::move(original);
    e.prior = prior;
    e.source = std::move(source);
    entries_.push_back(std::move(e));
}

void PhraseDictionary::load_tsv(const std::string& path, const std::string& source) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DictionaryError(path + ": cannot open dictionary file");
    std::ostringstream ss;
    ss << in.rdbuf();
    load_tsv_text(ss.str(), path, source);
}

void PhraseDictionary::load_tsv_text(std::string_view text, const std::string& file_name,
                                     const std::string& source) {
    std::size_t pos = 0;
    std::size_t line_no = 0;
    auto fail = [&](const std::string& why) {
        throw DictionaryError(file_name + ":" + std::to_string(line_no) + ": " + why);
    };
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string_view> fields;
        std::size_t start = 0;
        while (true) {
            const std::size_t tab = line.find('\t', start);
            fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
            if (tab == std::string_view::npos) break;
            start = tab + 1;
        }
        if (fields.size() < 2 || fields.size() > 3) {
            fail("expected 'spun<TAB>original[<TAB>prior]', found " +
                 std::to_string(fields.size()) + " field(s)" +
                 (fields.size() == 1 ? " (are the columns separated by spaces instead of a TAB?)"
                                     : ""));
        }
        const auto spun_tokens = normalise_phrase(fields[0]);
        if (spun_tokens.empty() || spun_tokens.front() == "<head>") {
            fail("the spun phrase has no words");
        }
        if (std::find(spun_tokens.begin(), spun_tokens.end() - 1, "<head>") !=
            spun_tokens.end() - 1) {
            fail("<head> may only end the spun phrase");
        }
        if (fields[1].find_first_not_of(' ') == std::string_view::npos) {
            fail("the original phrase is empty");
        }
        double prior = 0.9;  // user entries are trusted unless they say otherwise
        if (fields.size() == 3) {
            const std::string number(fields[2]);
            char* end = nullptr;
            prior = std::strtod(number.c_str(), &end);
            if (number.empty() || *end != '\0' || !(prior > 0.0 && prior <= 1.0)) {
                fail("prior must be a number in (0, 1], found '" + number + "'");
            }
        }
        add(fields[0], std::string(fields[1]), prior, source);
    }
}

}  // namespace synonym_repair
