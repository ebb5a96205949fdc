#include "sequence_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "hashing.hpp"

namespace entity_tagger {
namespace {

constexpr char magic[8] = {'D', 'P', 'N', 'E', 'R', 'M', 'D', 'L'};
constexpr std::uint32_t format_version = 1;

// BIO: I-X may only follow B-X or I-X.
bool bio_allows(const std::string& prev, const std::string& cur) {
    if (cur.rfind("I-", 0) != 0) return true;
    if (prev.size() < 2 || prev == "O") return false;
    return prev.substr(2) == cur.substr(2);
}

class Writer {
public:
    void bytes(const void* p, std::size_t n) {
        const auto* c = static_cast<const char*>(p);
        buffer_.append(c, n);
    }
    template <class T>
    void put(T v) {
        bytes(&v, sizeof v);
    }
    void str(const std::string& s) {
        put(static_cast<std::uint32_t>(s.size()));
        bytes(s.data(), s.size());
    }
    std::string& buffer() { return buffer_; }

private:
    std::string buffer_;
};

class Reader {
public:
    Reader(const std::string& data, const std::string& path) : data_(data), path_(path) {}
    void bytes(void* p, std::size_t n) {
        if (n > data_.size() - pos_) {
            throw std::runtime_error("entity_tagger model '" + path_ + "' is truncated: needed " +
                                     std::to_string(n) + " bytes at offset " +
                                     std::to_string(pos_) + " of " + std::to_string(data_.size()));
        }
        std::memcpy(p, data_.data() + pos_, n);
        pos_ += n;
    }
    template <class T>
    T get() {
        T v;
        bytes(&v, sizeof v);
        return v;
    }
    std::string str(std::size_t limit) {
        const auto n = get<std::uint32_t>();
        if (n > limit) fail("a string of " + std::to_string(n) + " bytes");
        std::string s(n, '\0');
        bytes(s.data(), n);
        return s;
    }
    std::size_t count(std::size_t per_item) {
        const auto n = get<std::uint32_t>();
        if (per_item != 0 && n > (data_.size() - pos_) / per_item) {
            fail("a count of " + std::to_string(n) + " items that do not fit in the file");
        }
        return n;
    }
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("entity_tagger model '" + path_ + "' is corrupt: " + what +
                                 " at offset " + std::to_string(pos_));
    }

private:
    const std::string& data_;
    const std::string& path_;
    std::size_t pos_ = 0;
};

std::uint64_t checksum(const char* p, std::size_t n) {
    return hash_bytes(std::string_view(p, n));
}

}  // namespace

SequenceModel::SequenceModel(std::vector<std::string> tags, std::uint32_t hash_bits)
    : tags_(std::move(tags)), hash_bits_(hash_bits) {
    if (tags_.empty() || tags_.size() > max_tags) {
        throw std::invalid_argument("entity_tagger: a model needs 1 to 7 tags");
    }
    if (hash_bits_ < 8 || hash_bits_ > 30) {
        throw std::invalid_argument("entity_tagger: hash_bits must be in [8, 30]");
    }
    transitions_.assign((tags_.size() + 1) * row_width, 0.0f);
    masked_transitions_.assign(transitions_.size(), -std::numeric_limits<float>::infinity());
    allowed_.assign(transitions_.size(), 0);
    for (std::size_t p = 0; p <= tags_.size(); ++p) {
        for (std::size_t c = 0; c < tags_.size(); ++c) {
            allowed_[p * row_width + c] =
                bio_allows(p == tags_.size() ? "O" : tags_[p], tags_[c]) ? 1 : 0;
            set_transition(p, c, 0.0f);
        }
    }
    rehash(1024);
}

// Buckets are the top bits of a mixed hash, already uniform: their low bits index the table.
SequenceModel::Slot* SequenceModel::find_slot(std::uint32_t bucket) noexcept {
    const std::uint32_t key = bucket + 1;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = bucket & mask;; s = (s + 1) & mask) {
        if (slots_[s].key == key) return &slots_[s];
        if (slots_[s].key == 0) return nullptr;
    }
}

void SequenceModel::rehash(std::size_t capacity) {
    std::size_t cap = 1024;
    while (cap < capacity) cap *= 2;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(cap, Slot{});
    const std::size_t mask = cap - 1;
    for (const Slot& e : old) {
        if (e.key == 0) continue;
        std::size_t s = (e.key - 1) & mask;
        while (slots_[s].key != 0) s = (s + 1) & mask;
        slots_[s] = e;
    }
}

const float* SequenceModel::row(std::uint32_t bucket) const noexcept {
    const Slot* s = find_slot(bucket);
    return s ? s->weights : nullptr;
}

void SequenceModel::set_row(std::uint32_t bucket, const float* weights) {
    Slot* slot = find_slot(bucket);
    if (slot == nullptr) {
        if ((rows_used_ + 1) * 2 > slots_.size()) rehash(slots_.size() * 2);
        const std::size_t mask = slots_.size() - 1;
        std::size_t s = bucket & mask;
        while (slots_[s].key != 0) s = (s + 1) & mask;
        slot = &slots_[s];
        slot->key = bucket + 1;
        ++rows_used_;
    }
    std::fill(slot->weights, slot->weights + max_tags, 0.0f);
    std::copy(weights, weights + tags_.size(), slot->weights);
}

void SequenceModel::emissions(const FeatureBuffer& features, std::vector<float>& out,
                              std::vector<std::uint32_t>& slots) const {
    const std::size_t n = features.size();
    out.assign(n * row_width, 0.0f);
    const unsigned shift = 64 - hash_bits_;
    const std::size_t mask = slots_.size() - 1;
    const Slot* table = slots_.data();
    // Pass 1: where each feature's slot is, with a prefetch, so the cache misses of a whole
    // sentence are in flight together instead of one after another.
    slots.resize(features.ids.size());
    for (std::size_t k = 0; k < features.ids.size(); ++k) {
        const auto s = static_cast<std::uint32_t>((features.ids[k] >> shift) & mask);
        slots[k] = s;
        __builtin_prefetch(table + s);
    }
    for (std::size_t i = 0; i < n; ++i) {
        float acc[row_width] = {};
        for (std::uint32_t k = features.offsets[i]; k < features.offsets[i + 1]; ++k) {
            const auto key = static_cast<std::uint32_t>(features.ids[k] >> shift) + 1;
            for (std::size_t s = slots[k];; s = (s + 1) & mask) {
                const Slot& slot = table[s];
                if (slot.key == key) {
                    for (std::size_t t = 0; t < max_tags; ++t) acc[t] += slot.weights[t];
                    break;
                }
                if (slot.key == 0) break;
            }
        }
        std::copy(acc, acc + row_width, out.begin() + static_cast<std::ptrdiff_t>(i * row_width));
    }
}

void SequenceModel::viterbi(const float* em, std::size_t count, std::uint8_t* out_tags,
                            std::vector<float>& scores,
                            std::vector<std::uint8_t>& backpointers) const {
    if (count == 0) return;
    const std::size_t T = tags_.size();
    constexpr float neg = -std::numeric_limits<float>::infinity();
    scores.assign(count * row_width, neg);
    backpointers.assign(count * row_width, 0);
    const float* start = masked_transitions_.data() + T * row_width;
    for (std::size_t c = 0; c < T; ++c) scores[c] = em[c] + start[c];
    for (std::size_t i = 1; i < count; ++i) {
        const float* prev = scores.data() + (i - 1) * row_width;
        float* cur = scores.data() + i * row_width;
        const float* e = em + i * row_width;
        for (std::size_t c = 0; c < T; ++c) {
            float best = neg;
            std::uint8_t arg = 0;
            for (std::size_t p = 0; p < T; ++p) {
                const float s = prev[p] + masked_transitions_[p * row_width + c];
                if (s > best) {
                    best = s;
                    arg = static_cast<std::uint8_t>(p);
                }
            }
            cur[c] = best + e[c];
            backpointers[i * row_width + c] = arg;
        }
    }
    const float* last = scores.data() + (count - 1) * row_width;
    std::uint8_t best = 0;
    for (std::size_t c = 1; c < T; ++c) {
        if (last[c] > last[best]) best = static_cast<std::uint8_t>(c);
    }
    for (std::size_t i = count; i-- > 0;) {
        out_tags[i] = best;
        best = backpointers[i * row_width + best];
    }
}

void SequenceModel::save(const std::string& path) const {
    Writer w;
    w.bytes(magic, sizeof magic);
    w.put(format_version);
    w.put(feature_set_version);
    w.put(hash_bits_);
    w.put(static_cast<std::uint32_t>(tags_.size()));
    for (const auto& t : tags_) w.str(t);
    w.put(confidence_scale_);
    for (std::size_t p = 0; p <= tags_.size(); ++p) {
        for (std::size_t c = 0; c < tags_.size(); ++c) w.put(transition(p, c));
    }
    // Weights as 16-bit integers with one scale: halves the file at no measurable accuracy cost.
    // Sorted buckets keep the file deterministic whatever order rows were added in.
    std::vector<const Slot*> used;
    used.reserve(rows_used_);
    float max_abs = 1e-9f;
    for (const Slot& slot : slots_) {
        if (slot.key == 0) continue;
        used.push_back(&slot);
        for (float v : slot.weights) max_abs = std::max(max_abs, std::abs(v));
    }
    std::sort(used.begin(), used.end(),
              [](const Slot* a, const Slot* b) { return a->key < b->key; });
    const float quant = max_abs / 32767.0f;
    w.put(quant);
    w.put(static_cast<std::uint32_t>(used.size()));
    for (const Slot* slot : used) {
        w.put(slot->key - 1);
        for (std::size_t t = 0; t < tags_.size(); ++t) {
            w.put(static_cast<std::int16_t>(std::lround(slot->weights[t] / quant)));
        }
    }
    const auto gaz = gazetteer_.entries();
    w.put(static_cast<std::uint32_t>(gaz.size()));
    for (const auto& [key, value] : gaz) {
        w.put(key);
        w.put(value);
    }
    w.str(provenance_);
    w.put(checksum(w.buffer().data(), w.buffer().size()));

    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(w.buffer().data(), static_cast<std::streamsize>(w.buffer().size()));
        if (!out) throw std::runtime_error("entity_tagger: cannot write model '" + tmp + "'");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        throw std::runtime_error("entity_tagger: cannot rename '" + tmp + "' to '" + path + "'");
    }
}

SequenceModel SequenceModel::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("entity_tagger: cannot open model '" + path +
                                 "' (set the `model` parameter to an existing file, or leave it "
                                 "empty for the shipped model)");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string data = ss.str();
    if (data.size() < sizeof magic || std::memcmp(data.data(), magic, sizeof magic) != 0) {
        throw std::runtime_error("entity_tagger: '" + path +
                                 "' is not an entity_tagger model (bad magic bytes)");
    }
    if (data.size() < sizeof magic + 8 + sizeof(std::uint64_t)) {
        throw std::runtime_error("entity_tagger model '" + path + "' is truncated");
    }
    Reader r(data, path);
    char m[8];
    r.bytes(m, sizeof m);
    const auto version = r.get<std::uint32_t>();
    if (version != format_version) {
        throw std::runtime_error("entity_tagger model '" + path + "' has file format version " +
                                 std::to_string(version) + "; this plugin reads version " +
                                 std::to_string(format_version));
    }
    const auto features = r.get<std::uint32_t>();
    if (features != feature_set_version) {
        throw std::runtime_error(
            "entity_tagger model '" + path + "' was trained with feature set version " +
            std::to_string(features) + "; this plugin extracts version " +
            std::to_string(feature_set_version) + ": retrain it with tools/entity_tagger/train.sh");
    }
    std::uint64_t stored = 0;
    std::memcpy(&stored, data.data() + data.size() - sizeof stored, sizeof stored);
    if (stored != checksum(data.data(), data.size() - sizeof stored)) {
        throw std::runtime_error("entity_tagger model '" + path +
                                 "' is corrupt: checksum mismatch (file damaged or truncated)");
    }
    const auto bits = r.get<std::uint32_t>();
    const std::size_t tag_count = r.count(5);
    if (tag_count == 0 || tag_count > max_tags) r.fail("tag count " + std::to_string(tag_count));
    std::vector<std::string> tags;
    for (std::size_t i = 0; i < tag_count; ++i) tags.push_back(r.str(64));
    if (bits < 8 || bits > 30) r.fail("hash_bits " + std::to_string(bits));
    SequenceModel model(std::move(tags), bits);
    model.confidence_scale_ = r.get<float>();
    for (std::size_t p = 0; p <= tag_count; ++p) {
        for (std::size_t c = 0; c < tag_count; ++c) model.set_transition(p, c, r.get<float>());
    }
    const auto quant = r.get<float>();
    const std::size_t rows = r.count(4 + 2 * tag_count);
    model.rehash(rows * 2 + 1);
    float weights[max_tags] = {};
    for (std::size_t i = 0; i < rows; ++i) {
        const auto bucket = r.get<std::uint32_t>();
        if ((bucket >> bits) != 0) r.fail("bucket " + std::to_string(bucket));
        for (std::size_t t = 0; t < tag_count; ++t) {
            weights[t] = static_cast<float>(r.get<std::int16_t>()) * quant;
        }
        model.set_row(bucket, weights);
    }
    const std::size_t gaz = r.count(12);
    for (std::size_t i = 0; i < gaz; ++i) {
        const auto key = r.get<std::uint64_t>();
        const auto value = r.get<std::uint32_t>();
        model.gazetteer_.insert_raw(key, value);
    }
    model.provenance_ = r.str(1 << 20);
    return model;
}

}  // namespace entity_tagger
