#include "output_sink.hpp"

#include <algorithm>
#include <vector>

#include "output_target.hpp"

namespace docpipe::exporter {

void append_indented(std::string& out, std::string_view text, std::string_view indent) {
    if (indent.empty()) {
        out.append(text);
        return;
    }
    for (std::size_t from = 0; from < text.size();) {
        const std::size_t nl = text.find('\n', from);
        if (nl == std::string_view::npos) {
            out.append(text, from);
            return;
        }
        out.append(text, from, nl + 1 - from);
        out.append(indent);
        from = nl + 1;
    }
}

void OutputSink::spill_now() {
    if (memory_only_ || buffer_.empty()) return;
    if (target_.empty()) {
        memory_only_ = true;
        return;
    }
    if (!file_) {
        const auto kind = resolve_output_target(target_).kind;
        if (kind == OutputTarget::Kind::descriptor || kind == OutputTarget::Kind::special) {
            memory_only_ = true;
            return;
        }
        file_ = std::make_unique<PendingFile>(target_);
    }
    file_->write(buffer_);
    file_bytes_ += buffer_.size();
    buffer_.clear();
}

void OutputSink::rewrite(std::string_view prefix, std::string_view indent) {
    if (!file_) {
        std::string out;
        out.reserve(prefix.size() + buffer_.size() + buffer_.size() / 8);
        out.append(prefix);
        append_indented(out, buffer_, indent);
        buffer_ = std::move(out);
        return;
    }
    auto fresh = std::make_unique<PendingFile>(target_);
    std::size_t fresh_bytes = 0;
    std::string out(prefix);
    std::vector<char> block(spill_threshold);
    for (std::size_t at = 0; at < file_bytes_;) {
        const std::size_t n =
            file_->read(at, block.data(), std::min(block.size(), file_bytes_ - at));
        append_indented(out, std::string_view(block.data(), n), indent);
        fresh->write(out);
        fresh_bytes += out.size();
        out.clear();
        at += n;
    }
    append_indented(out, buffer_, indent);
    buffer_ = std::move(out);
    file_ = std::move(fresh);  // the old temporary is removed with its PendingFile
    file_bytes_ = fresh_bytes;
    spill();
}

bool OutputSink::rollback() noexcept {
    if (checkpoint_ >= file_bytes_) {
        // What was written before the checkpoint is all in the file or the buffer; a failed
        // write may have added bytes past file_bytes_, which go.
        if (file_ && !file_->truncate(file_bytes_)) return false;
        buffer_.resize(checkpoint_ - file_bytes_);
        return true;
    }
    if (!file_->truncate(checkpoint_)) return false;
    file_bytes_ = checkpoint_;
    buffer_.clear();
    return true;
}

std::unique_ptr<PendingFile> OutputSink::close() {
    if (!file_) file_ = std::make_unique<PendingFile>(target_);
    file_->write(buffer_);
    buffer_.clear();
    buffer_.shrink_to_fit();
    return std::move(file_);
}

}  // namespace docpipe::exporter
