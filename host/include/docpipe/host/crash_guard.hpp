#pragma once
// A plugin that crashes (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) takes the process with it;
// the guard at least says which stage and document did it, and exits with EX_SOFTWARE.
// Outputs are written atomically, so no partial output file is left at its target path.

namespace docpipe::host {

/// Installs the fatal-signal handler once for the process.
void install_crash_guard();

}  // namespace docpipe::host
