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
    if (saved < 0) {
        // stdout is closed: hold fd 1 with /dev/null so that no output file opened during the
        // run becomes fd 1 and receives stray prints; data for stdout is then an error.
        if (::open("/dev/null", O_WRONLY) == STDOUT_FILENO) {
            fd_ = -1;
            holds_closed_ = true;
        }
        return;
    }
    if (::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        ::close(saved);
        return;
    }
    fd_ = saved;
}

DataStdout::~DataStdout() {
    if (holds_closed_) {
        std::cout.flush();
        std::fflush(stdout);  // stray prints of the run end in /dev/null
        ::close(STDOUT_FILENO);
        return;
    }
    if (fd_ == STDOUT_FILENO) return;
    std::cout.flush();
    std::fflush(stdout);  // a plugin's buffered prints go to stderr, where they were meant to
    (void)::dup2(fd_, STDOUT_FILENO);
    ::close(fd_);
}

}  // namespace docpipe::host
