#pragma once
// A plugin that crashes (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, a stack overflow) or calls
// exit() takes the process with it; the guard at least says which stage and document did it,
// and exits with EX_SOFTWARE (70). Outputs are written atomically, so no partial output file
// is left at its target path. Full containment needs process isolation.

#include <memory>

namespace docpipe::host {

/// Installs the fatal-signal handler (on an alternate stack, so a stack overflow is reported
/// too) once for the process.
void install_crash_guard();

/// Installs the exit() hook: while a stage runs, exit() or quick_exit() from anywhere reports
/// "stage X called exit() while processing document Y" and ends with 70 instead of the
/// plugin's code. Call after the plugins are loaded, so the hook runs before their static
/// destructors. Idempotent.
void install_exit_guard();

/// Marks the calling thread as one the host runs stages on; a crash on any other thread (a
/// plugin's own) is reported as such instead of being blamed on the current stage.
void mark_host_thread() noexcept;

/// A thread the host starts to run stages on, for its lifetime: marked (mark_host_thread)
/// and given its own alternate signal stack, so a stack overflow in a stage on it is
/// reported too.
class HostThread {
public:
    HostThread();
    ~HostThread();
    HostThread(const HostThread&) = delete;
    HostThread& operator=(const HostThread&) = delete;

private:
    std::unique_ptr<char[]> stack_;
};

}  // namespace docpipe::host
