// WorkspacePool: reuse across calls, one workspace per concurrent user, and no memory kept
// from a workspace that grew past the limit.
#include "docpipe/workspace_pool.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace {

struct Scratch {
    std::vector<char> bytes;
    std::size_t footprint() const noexcept { return bytes.capacity(); }
};

TEST(WorkspacePool, AReturnedWorkspaceIsReusedWithItsCapacity) {
    docpipe::WorkspacePool<Scratch> pool(1024);
    const Scratch* first = nullptr;
    {
        auto lease = pool.acquire();
        lease->bytes.reserve(100);
        first = &*lease;
    }
    EXPECT_EQ(pool.idle(), 1u);
    auto again = pool.acquire();
    EXPECT_EQ(&*again, first);
    EXPECT_GE(again->bytes.capacity(), 100u);
    EXPECT_EQ(pool.idle(), 0u);
}

TEST(WorkspacePool, ConcurrentUsersGetDistinctWorkspaces) {
    docpipe::WorkspacePool<Scratch> pool;
    auto a = pool.acquire();
    auto b = pool.acquire();
    EXPECT_NE(&*a, &*b);
}

TEST(WorkspacePool, AWorkspaceThatGrewPastTheLimitIsFreedNotKept) {
    docpipe::WorkspacePool<Scratch> pool(1024);
    {
        auto lease = pool.acquire();
        lease->bytes.resize(4096);  // one huge document
    }
    EXPECT_EQ(pool.idle(), 0u);
}

TEST(WorkspacePool, CopiesStartEmpty) {
    docpipe::WorkspacePool<Scratch> pool;
    { auto lease = pool.acquire(); }
    ASSERT_EQ(pool.idle(), 1u);
    const docpipe::WorkspacePool<Scratch> copy(pool);
    EXPECT_EQ(copy.idle(), 0u);
}

}  // namespace
