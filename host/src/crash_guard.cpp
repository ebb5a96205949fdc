#include "docpipe/host/crash_guard.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstring>

#include "docpipe/host/errors.hpp"
#include "docpipe/host/executor.hpp"

namespace docpipe::host {
namespace {

void write_str(const char* s) {
    if (s == nullptr) return;
    ssize_t r = ::write(STDERR_FILENO, s, std::strlen(s));
    (void)r;
}

// Only async-signal-safe calls here: write() and _exit().
void on_fatal_signal(int sig) {
    const char* name = sig == SIGSEGV  ? "SIGSEGV"
                       : sig == SIGBUS ? "SIGBUS"
                       : sig == SIGFPE ? "SIGFPE"
                       : sig == SIGILL ? "SIGILL"
                                       : "SIGABRT";
    write_str("docpipe: fatal: ");
    write_str(name);
    if (crash_context.stage != nullptr) {
        write_str(" in stage '");
        write_str(crash_context.stage);
        write_str("' while processing document '");
        write_str(crash_context.document);
        write_str("': the plugin crashed; report it to the plugin's author");
    } else {
        write_str(" in the docpipe host");
    }
    write_str(". No output was written for unfinished documents.\n");
    ::_exit(exit_software);
}

}  // namespace

void install_crash_guard() {
    struct sigaction sa {};
    sa.sa_handler = &on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
}

}  // namespace docpipe::host
