#pragma once
// SIGINT, SIGTERM and SIGHUP end a run cleanly: the first asks it to stop after the document
// in flight (outputs are then discarded or committed whole, never left half-written, and no
// temporary file stays behind); a second, or 10 s without the document finishing, ends the
// process at once.

namespace docpipe::host {

/// Installs the handlers once for the process.
void install_interrupt_handler();

/// Tells the handler whether a document (or the run's final writes) is being processed: a
/// signal then waits for it; at any other time (reading input) it ends the process at once.
void set_in_flight(bool busy) noexcept;

/// The signal that asked the run to stop, or 0.
int interrupt_signal() noexcept;

/// "SIGINT", "SIGTERM" or "SIGHUP".
const char* interrupt_name(int sig) noexcept;

}  // namespace docpipe::host
