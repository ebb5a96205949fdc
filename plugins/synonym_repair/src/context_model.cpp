#include "context_model.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "token_vocabulary.hpp"

namespace synonym_repair {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open language-model file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Calls f(fields, count) for each non-comment line of a TSV text with `want` fields, the
// last one a count.
template <class F>
void for_each_row(const std::string& text, const std::string& path, std::size_t want, F&& f) {
    std::size_t pos = 0;
    std::size_t line_no = 0;
    std::string_view fields[4];
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = text.size();
        std::string_view line(text.data() + pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        std::size_t count = 0;
        std::size_t start = 0;
        while (count < 4) {
            const std::size_t tab = line.find('\t', start);
            fields[count++] = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
            if (tab == std::string_view::npos) break;
            start = tab + 1;
        }
        if (count != want) {
            throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected " +
                                     std::to_string(want) + " tab-separated fields, found " +
                                     std::to_string(count));
        }
        const std::string number(fields[want - 1]);
        char* end = nullptr;
        const double value = std::strtod(number.c_str(), &end);
        if (number.empty() || *end != '\0' || value < 0) {
            throw std::runtime_error(path + ":" + std::to_string(line_no) +
                                     ": count is not a non-negative number: '" + number + "'");
        }
        f(fields, value);
    }
}

}  // namespace

void ContextModel::add_unigram(std::string_view word, double count) {
    unigrams_[hash_word(word)] += static_cast<float>(count);
    total_ += count;
}

void ContextModel::add_bigram(std::string_view first, std::string_view second, double count) {
    bigrams_[pair_key(hash_word(first), hash_word(second))] += static_cast<float>(count);
}

void ContextModel::load(const std::string& dir) {
    const std::string uni_path = dir + "/unigrams.tsv";
    for_each_row(read_file(uni_path), uni_path, 2,
                 [&](const std::string_view* f, double v) { add_unigram(f[0], v); });
    const std::string bi_path = dir + "/bigrams.tsv";
    for_each_row(read_file(bi_path), bi_path, 3,
                 [&](const std::string_view* f, double v) { add_bigram(f[0], f[1], v); });
}

double ContextModel::unigram_count(std::string_view word) const noexcept {
    const float* c = unigrams_.find(hash_word(word));
    return c == nullptr ? 0.0 : *c;
}

double ContextModel::bigram_count(std::string_view first, std::string_view second) const noexcept {
    const float* c = bigrams_.find(pair_key(hash_word(first), hash_word(second)));
    return c == nullptr ? 0.0 : *c;
}

double ContextModel::association(std::uint64_t first, std::uint64_t second) const noexcept {
    if (total_ == 0) return 0.0;
    const float* u1 = unigrams_.find(first);
    const float* u2 = unigrams_.find(second);
    const float* b = bigrams_.find(pair_key(first, second));
    const double expected = (u1 ? *u1 : 0.0) * (u2 ? *u2 : 0.0) / total_;
    return std::log(((b ? *b : 0.0) + 0.5) / (expected + 0.5));
}

}  // namespace synonym_repair

namespace synonym_repair {

double ContextModel::left_difference(std::uint64_t left, std::uint64_t a,
                                     std::uint64_t b) const noexcept {
    if (total_ == 0) return 0.0;
    const double ul = count(unigrams_, left) / total_;
    const double ea = ul * count(unigrams_, a) + 0.5;
    const double eb = ul * count(unigrams_, b) + 0.5;
    const double oa = count(bigrams_, pair_key(left, a)) + 0.5;
    const double ob = count(bigrams_, pair_key(left, b)) + 0.5;
    return std::log((oa * eb) / (ea * ob));
}

double ContextModel::right_difference(std::uint64_t a, std::uint64_t b,
                                      std::uint64_t right) const noexcept {
    if (total_ == 0) return 0.0;
    const double ur = count(unigrams_, right) / total_;
    const double ea = ur * count(unigrams_, a) + 0.5;
    const double eb = ur * count(unigrams_, b) + 0.5;
    const double oa = count(bigrams_, pair_key(a, right)) + 0.5;
    const double ob = count(bigrams_, pair_key(b, right)) + 0.5;
    return std::log((oa * eb) / (ea * ob));
}

}  // namespace synonym_repair
