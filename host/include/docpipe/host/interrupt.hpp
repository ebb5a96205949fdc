#pragma once
// SIGINT, SIGTERM and SIGHUP end a run cleanly: the first asks it to stop after the document
// in flight (outputs are then discarded or committed whole, never left half-written, and no
// temporary file stays behind); a second, or 10 s without the document finishing, ends the
// process at once.

namespace docpipe::host {

/// Installs the handlers once for the process.
void install_interrupt_handler();

/// Counts what is being processed (documents, the run's final writes): a signal then waits
/// for it; with nothing (reading input) it ends the process at once.
void add_in_flight(int delta) noexcept;
/// How many add_in_flight() counts now.
int in_flight_count() noexcept;
/// One unit in flight for the object's lifetime.
class InFlight {
public:
    InFlight() noexcept { add_in_flight(1); }
    ~InFlight() { add_in_flight(-1); }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;
};

/// The signal that asked the run to stop, or 0.
int interrupt_signal() noexcept;

/// "SIGINT", "SIGTERM" or "SIGHUP".
const char* interrupt_name(int sig) noexcept;

}  // namespace docpipe::host
