#include "token_vocabulary.hpp"

namespace synonym_repair {

std::uint32_t TokenVocabulary::intern(std::string_view word) {
    if (const std::uint32_t id = find(word); id != unknown) return id;
    // Keep the load factor under one half so probes stay short.
    if ((words_.size() + 1) * 2 > slots_.size()) grow();
    const auto id = static_cast<std::uint32_t>(words_.size());
    words_.emplace_back(word);
    const std::uint64_t h = hash_word(word);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
        if (slots_[i].id == unknown) {
            slots_[i] = {h, id};
            return id;
        }
    }
}

void TokenVocabulary::grow() {
    const std::size_t capacity = slots_.empty() ? 1024 : slots_.size() * 2;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (std::uint32_t id = 1; id < words_.size(); ++id) {
        const std::uint64_t h = hash_word(words_[id]);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            if (slots_[i].id == unknown) {
                slots_[i] = {h, id};
                break;
            }
        }
    }
}

}  // namespace synonym_repair
