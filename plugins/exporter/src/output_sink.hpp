#pragma once
// Where the bytes of one output file collect while its documents arrive. Writers append to
// buffer(); once it holds more than a megabyte, spill() moves it into the file's temporary
// (PendingFile), so a large output never sits in memory whole. Nothing reaches the target
// before commit: the set of files is still renamed into place at the end, all or nothing.
//
// Stdout, devices, FIFOs and descriptors (/dev/stdout, `>(cmd)`) have no temporary to spill
// into and cannot be taken back, so they stream instead: each document's bytes are written
// once the document is complete (end_document()), and a document that fails halfway has
// written nothing.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "atomic_file.hpp"

namespace docpipe::exporter {

class OutputSink {
public:
    /// Bytes for `target`; an empty target (stdout) is kept in memory.
    explicit OutputSink(std::filesystem::path target = {}) : target_(std::move(target)) {}

    /// The bytes not yet spilled: append to it.
    std::string& buffer() noexcept { return buffer_; }

    /// Checks now that the target can be written, so one that cannot fails before any
    /// document is processed: creates its temporary file when its directory exists, and
    /// otherwise checks that the first existing ancestor is a writable directory (creating
    /// nothing). Devices, FIFOs and descriptors are kept in memory and opened at commit, as
    /// ever. Throws OutputError naming the path and the reason.
    void open();

    /// A streaming sink (stdout, a device, a FIFO, a descriptor) writes the bytes of the
    /// document just completed; others keep them for commit. Throws OutputError when the
    /// write fails.
    void end_document();

    /// Moves the buffer into the temporary file once it is large enough to matter (a
    /// streaming sink waits for the document's end).
    void spill() {
        if (buffer_.size() >= spill_threshold) spill_now();
    }

    /// Remembers how much was written, so a document that fails halfway can be taken back.
    void checkpoint() noexcept { checkpoint_ = file_bytes_ + buffer_.size(); }
    /// Takes back everything written since checkpoint() (also bytes a failed spill left in
    /// the file). Returns false when the file could not be cut back.
    bool rollback() noexcept;

    /// Every byte, in the file to commit (created now if nothing was spilled). Only for a
    /// sink with a target.
    std::unique_ptr<PendingFile> close();
    /// Every byte not yet streamed, for a sink without a target (stdout).
    std::string take() { return std::move(buffer_); }

    const std::filesystem::path& target() const noexcept { return target_; }
    /// True once bytes were moved to the temporary file.
    bool spilled() const noexcept { return file_ != nullptr; }

    static constexpr std::size_t spill_threshold = std::size_t{1} << 20;

private:
    void spill_now();

    std::filesystem::path target_;
    std::string buffer_;
    std::unique_ptr<PendingFile> file_;
    std::size_t file_bytes_ = 0;  // bytes already in file_
    std::size_t checkpoint_ = 0;  // file_bytes_ + buffer_.size() at checkpoint()
    bool memory_only_ = false;    // stdout, a device, a FIFO or a descriptor
};

/// Checks, creating nothing, that a file could be written at `target`: its directory is a
/// writable directory, or the first of its ancestors that exists is one (the rest can be
/// made). Returns whether the directory exists; throws OutputError naming the path (`shown`
/// when given: a template rather than the file it gave) and the reason.
bool check_directory_for(const std::filesystem::path& target, std::string_view shown = {});

/// `text` with `indent` inserted after every '\n', appended to `out`.
void append_indented(std::string& out, std::string_view text, std::string_view indent);

}  // namespace docpipe::exporter
