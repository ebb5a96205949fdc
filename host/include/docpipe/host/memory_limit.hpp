#pragma once
// `--max-memory`: a cap on the process's address space (RLIMIT_AS), so a document that needs
// more memory than the machine has ends with a clear error naming document and stage (an
// allocation fails and the stage reports it) instead of the kernel's OOM killer.

#include <cstddef>
#include <optional>
#include <string_view>

namespace docpipe::host {

/// "1048576", "512K", "512M", "4G" (powers of 1024; an optional trailing "B", "iB"); nullopt
/// for anything else, zero included.
std::optional<std::size_t> parse_byte_size(std::string_view text);

/// Sets the address-space limit of this process; throws Error(exit_usage) when the system
/// refuses it (above the hard limit).
void apply_memory_limit(std::size_t bytes);

}  // namespace docpipe::host
