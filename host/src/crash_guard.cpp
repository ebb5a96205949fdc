#include "docpipe/host/crash_guard.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <initializer_list>

#include "docpipe/host/errors.hpp"
#include "docpipe/host/executor.hpp"
#include "docpipe/host/printable.hpp"

namespace docpipe::host {
namespace {

thread_local bool host_thread = false;

void write_str(const char* s) {
    if (s == nullptr) return;
    ssize_t r = ::write(STDERR_FILENO, s, std::strlen(s));
    (void)r;
}

// Ids and stage names come from documents and configs: escaped like every diagnostic.
void write_escaped(const char* s) {
    char buffer[512];
    printable_into(s, buffer, sizeof buffer);
    write_str(buffer);
}

const char* signal_name(int sig) {
    return sig == SIGSEGV  ? "SIGSEGV"
           : sig == SIGBUS ? "SIGBUS"
           : sig == SIGFPE ? "SIGFPE"
           : sig == SIGILL ? "SIGILL"
                           : "SIGABRT";
}

// Only async-signal-safe calls here: write() and _exit().
void on_fatal_signal(int sig) {
    write_str("docpipe: fatal: ");
    write_str(signal_name(sig));
    const char* stage = crash_context().stage;
    if (!host_thread) {
        // Which stage runs is known per host thread only: none is blamed.
        write_str(
            " on a thread the docpipe host did not start (a plugin's own thread); any loaded "
            "plugin may be the cause");
    } else if (stage != nullptr) {
        write_str(" in stage '");
        write_escaped(stage);
        write_str("' while processing document '");
        write_escaped(crash_context().document_name());
        write_str("': the plugin crashed; report it to the plugin's author");
    } else {
        write_str(" in the docpipe host");
    }
    write_str(". No output was written for unfinished documents.\n");
    ::_exit(exit_software);
}

void on_exit_while_stage_runs() {
    const char* stage = crash_context().stage;
    if (stage == nullptr) return;  // the host's own exit
    write_str("docpipe: fatal: stage '");
    write_escaped(stage);
    write_str("' called exit() while processing document '");
    write_escaped(crash_context().document_name());
    write_str(
        "'; a stage must throw to report failure. No output was written for unfinished "
        "documents.\n");
    ::_exit(exit_software);
}

// The alternate signal stack of the main thread: a stack overflow leaves no stack to run the
// handler on otherwise. Static, so it is never freed.
alignas(16) char alternate_stack[1 << 16];

}  // namespace

void install_crash_guard() {
    mark_host_thread();
    stack_t ss{};
    ss.ss_sp = alternate_stack;
    ss.ss_size = sizeof alternate_stack;
    (void)sigaltstack(&ss, nullptr);
    struct sigaction sa {};
    sa.sa_handler = &on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_ONSTACK;
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
}

void install_exit_guard() {
    static std::atomic<bool> installed{false};
    if (installed.exchange(true)) return;
    std::atexit(&on_exit_while_stage_runs);
    std::at_quick_exit(&on_exit_while_stage_runs);
}

void mark_host_thread() noexcept {
    host_thread = true;
}

HostThread::HostThread() : stack_(new char[sizeof alternate_stack]) {
    mark_host_thread();
    stack_t ss{};
    ss.ss_sp = stack_.get();
    ss.ss_size = sizeof alternate_stack;
    sigaltstack(&ss, nullptr);
}

HostThread::~HostThread() {
    stack_t off{};
    off.ss_flags = SS_DISABLE;  // before the stack is freed
    sigaltstack(&off, nullptr);
    host_thread = false;
}

}  // namespace docpipe::host
