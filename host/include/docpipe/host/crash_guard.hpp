#pragma once
// A plugin that crashes (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, a stack overflow) or calls
// exit() takes the process with it; the guard at least says which stage and document did it,
// and exits with EX_SOFTWARE (70). Outputs are written atomically, so no partial output file
// is left at its target path. Full containment needs process isolation.

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

}  // namespace docpipe::host
