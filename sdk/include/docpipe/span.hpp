#pragma once
// A byte range of a UTF-8 text: what annotations, edits and tokens point at.

#include <cstddef>

namespace docpipe {

/// A half-open byte range [begin, end) in a UTF-8 text.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;

    std::size_t size() const noexcept { return end - begin; }
    bool empty() const noexcept { return begin == end; }
    friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace docpipe
