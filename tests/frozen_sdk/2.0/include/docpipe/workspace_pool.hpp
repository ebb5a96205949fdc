#pragma once
// Scratch space that a stage reuses across documents without thread_local storage.
//
// A thread_local object with a destructor keeps its shared library mapped after dlclose()
// (glibc cannot run the destructor of a thread that is still alive once the code is gone), so
// a plugin using one can never be unloaded or reloaded. A pool per stage instance gives the
// same reuse: each call borrows a workspace, several threads each get their own, and it goes
// back when the call ends. A workspace that grew past `keep_bytes` (one huge document) is freed
// instead of kept, so its memory does not stay with the run.
//
//   struct Scratch { std::vector<Token> tokens;
//                    std::size_t footprint() const noexcept { return tokens.capacity() * 24; } };
//   docpipe::WorkspacePool<Scratch> pool_;
//   auto scratch = pool_.acquire();   // in process(); scratch->tokens ...

#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace docpipe {

template <class Workspace>
class WorkspacePool {
public:
    /// Workspaces larger than `keep_bytes` (Workspace::footprint()) are freed when returned.
    explicit WorkspacePool(std::size_t keep_bytes = std::size_t{16} << 20) : keep_(keep_bytes) {}
    // Copies and moves start empty: the workspaces are a cache, not state.
    WorkspacePool(const WorkspacePool& other) : keep_(other.keep_) {}
    WorkspacePool& operator=(const WorkspacePool& other) {
        if (this != &other) {
            std::lock_guard lock(mutex_);
            free_.clear();
            keep_ = other.keep_;
        }
        return *this;
    }

    /// A borrowed workspace; returned to the pool when it goes out of scope.
    class Lease {
    public:
        Lease(WorkspacePool& pool, std::unique_ptr<Workspace> item)
            : pool_(&pool), item_(std::move(item)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        ~Lease() {
            if (item_) pool_->give_back(std::move(item_));
        }
        Workspace& operator*() const noexcept { return *item_; }
        Workspace* operator->() const noexcept { return item_.get(); }

    private:
        WorkspacePool* pool_;
        std::unique_ptr<Workspace> item_;
    };

    /// A workspace of this pool, or a new one when every workspace is in use.
    Lease acquire() {
        {
            std::lock_guard lock(mutex_);
            if (!free_.empty()) {
                auto item = std::move(free_.back());
                free_.pop_back();
                return Lease(*this, std::move(item));
            }
        }
        return Lease(*this, std::make_unique<Workspace>());
    }

    /// Workspaces waiting to be borrowed (for tests).
    std::size_t idle() const {
        std::lock_guard lock(mutex_);
        return free_.size();
    }

private:
    void give_back(std::unique_ptr<Workspace> item) noexcept {
        if (item->footprint() > keep_) return;  // freed here, outside the lock
        try {
            std::lock_guard lock(mutex_);
            free_.push_back(std::move(item));
        } catch (...) {  // no memory to keep it: free it instead
        }
    }

    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Workspace>> free_;
    std::size_t keep_;
};

}  // namespace docpipe
