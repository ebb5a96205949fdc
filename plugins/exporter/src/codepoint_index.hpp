#pragma once
// Byte offset -> Unicode code point offset, in O(1) amortised per query: the JSON and brat
// outputs convert every annotation boundary, and counting from the start each time would be
// quadratic in the document size.

#include <cstddef>
#include <string_view>
#include <vector>

#include "docpipe/utf8.hpp"

namespace docpipe::exporter {

class CodepointIndex {
public:
    explicit CodepointIndex(std::string_view text) : text_(text) {
        checkpoints_.reserve(text.size() / stride + 1);
        std::size_t count = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (i % stride == 0) checkpoints_.push_back(count);
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
        }
        total_ = count;
    }

    /// Number of code points in text[0, byte_offset); offsets past the end give the total.
    std::size_t at(std::size_t byte_offset) const noexcept {
        if (byte_offset >= text_.size()) return total_;
        const std::size_t block = byte_offset / stride;
        const std::size_t from = block * stride;
        return checkpoints_[block] + utf8::codepoint_count(text_.substr(from), byte_offset - from);
    }

private:
    static constexpr std::size_t stride = 256;
    std::string_view text_;
    std::vector<std::size_t> checkpoints_;
    std::size_t total_ = 0;
};

}  // namespace docpipe::exporter
