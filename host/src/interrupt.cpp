#include "docpipe/host/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <initializer_list>

namespace docpipe::host {
namespace {

std::atomic<int> requested{0};  // the signal that asked the run to stop
// Documents, or the final writes, being processed; lock-free, so the handler may read it.
std::atomic<int> in_flight{0};
static_assert(std::atomic<int>::is_always_lock_free);

// How long the document in flight may take after the first signal: a huge document must not
// make `kill` wait for minutes.
constexpr unsigned grace_seconds = 10;

void write_str(const char* s) {
    ssize_t r = ::write(STDERR_FILENO, s, std::strlen(s));
    (void)r;
}

// Only async-signal-safe calls here: write() and _exit().
void on_interrupt(int sig) {
    if (requested.exchange(sig) != 0) {
        write_str("docpipe: ");
        write_str(interrupt_name(sig));
        write_str(" again: stopping at once; outputs of unfinished documents were not written\n");
        ::_exit(128 + sig);
    }
    if (in_flight.load() == 0) {
        // Waiting for input (SA_RESTART resumes the read): nothing to finish, nothing on disk.
        write_str("docpipe: ");
        write_str(interrupt_name(sig));
        write_str(": stopping; no document was in flight\n");
        ::_exit(128 + sig);
    }
    write_str("docpipe: ");
    write_str(interrupt_name(sig));
    write_str(
        ": stopping after the document in flight (with --jobs, the documents), within 10 s "
        "(send it again to stop at once)\n");
    ::alarm(grace_seconds);
}

void on_grace_over(int) {
    write_str("docpipe: ");
    write_str(interrupt_name(requested.load()));
    write_str(
        ": the documents in flight did not finish within 10 s; stopping at once; outputs "
        "of unfinished documents were not written\n");
    ::_exit(128 + requested.load());
}

}  // namespace

void install_interrupt_handler() {
    struct sigaction sa {};
    sa.sa_handler = &on_interrupt;
    sigemptyset(&sa.sa_mask);
    // SA_RESTART: a read interrupted by the signal goes on, so no document is taken for
    // complete when it was cut short; the run checks the flag between documents.
    sa.sa_flags = SA_RESTART;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
    struct sigaction grace {};
    grace.sa_handler = &on_grace_over;
    sigemptyset(&grace.sa_mask);
    sigaction(SIGALRM, &grace, nullptr);
}

void add_in_flight(int delta) noexcept {
    in_flight.fetch_add(delta);
}

int in_flight_count() noexcept {
    return in_flight.load();
}

int interrupt_signal() noexcept {
    return requested.load();
}

const char* interrupt_name(int sig) noexcept {
    return sig == SIGINT    ? "SIGINT"
           : sig == SIGTERM ? "SIGTERM"
           : sig == SIGHUP  ? "SIGHUP"
                            : "signal";
}

}  // namespace docpipe::host
