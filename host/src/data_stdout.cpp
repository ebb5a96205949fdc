#include "docpipe/host/data_stdout.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace docpipe::host {

DataStdout::DataStdout() {
    std::cout.flush();
    std::fflush(stdout);
    const int saved = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (saved < 0) return;  // stdout is closed: nothing to protect
    if (::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        ::close(saved);
        return;
    }
    fd_ = saved;
}

DataStdout::~DataStdout() {
    if (fd_ == STDOUT_FILENO) return;
    std::cout.flush();
    std::fflush(stdout);  // a plugin's buffered prints go to stderr, where they were meant to
    (void)::dup2(fd_, STDOUT_FILENO);
    ::close(fd_);
}

}  // namespace docpipe::host
