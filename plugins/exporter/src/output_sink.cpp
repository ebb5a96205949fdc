#include "output_sink.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "docpipe/stage.hpp"
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

bool check_directory_for(const std::filesystem::path& target, std::string_view shown) {
    const std::filesystem::path dir = target.parent_path();
    std::error_code ec;
    const bool exists = dir.empty() || std::filesystem::exists(dir, ec);
    std::filesystem::path ancestor = dir.empty() ? "." : dir;
    while (!std::filesystem::exists(ancestor, ec)) {
        // A relative path's first component is made in the working directory.
        ancestor = ancestor.has_parent_path() ? ancestor.parent_path() : ".";
    }
    int reason = 0;
    if (!std::filesystem::is_directory(ancestor, ec)) {
        reason = ENOTDIR;
    } else if (::access(ancestor.c_str(), W_OK | X_OK) != 0) {
        reason = errno;
    }
    if (reason != 0) {
        throw docpipe::OutputError("cannot write '" +
                                   (shown.empty() ? target.string() : std::string(shown)) + "': " +
                                   (exists ? "directory '" + ancestor.string() + "'"
                                           : "cannot create directory '" + dir.string() + "'") +
                                   ": " + std::strerror(reason));
    }
    return exists;
}

void OutputSink::open() {
    if (memory_only_ || file_) return;
    if (target_.empty()) {
        memory_only_ = true;
        return;
    }
    const auto kind = resolve_output_target(target_).kind;
    if (kind == OutputTarget::Kind::descriptor || kind == OutputTarget::Kind::special) {
        memory_only_ = true;
        return;
    }
    // Nothing is created for a target whose directory does not exist yet (`validate
    // --configure` runs this too): the directories are made when the first bytes are.
    if (!check_directory_for(target_)) return;
    file_ = std::make_unique<PendingFile>(target_);
}

void OutputSink::end_document() {
    if (!memory_only_ || buffer_.empty()) return;
    if (target_.empty()) {
        write_all_to_stdout(buffer_);
    } else {
        // Opened at the first bytes, not in open(): a FIFO blocks until it has a reader.
        if (!file_) file_ = std::make_unique<PendingFile>(target_);
        file_->write(buffer_);
    }
    file_bytes_ += buffer_.size();
    buffer_.clear();
}

void OutputSink::spill_now() {
    if (memory_only_ || buffer_.empty()) return;
    open();
    if (memory_only_) return;
    // open() makes nothing in a folder still to be made: the first bytes make it.
    if (!file_) file_ = std::make_unique<PendingFile>(target_);
    file_->write(buffer_);
    file_bytes_ += buffer_.size();
    buffer_.clear();
}

bool OutputSink::rollback() noexcept {
    if (memory_only_) {  // streamed bytes are those of completed documents only
        if (checkpoint_ < file_bytes_) return false;
        buffer_.resize(checkpoint_ - file_bytes_);
        return true;
    }
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
