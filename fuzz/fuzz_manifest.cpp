// The ELF manifest reader: any file given as a plugin is described or refused with an
// exception naming it; it is never loaded, and never crashes the host. Also the manifest's
// JSON stage list on its own.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "docpipe/host/plugin_manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // A file only in memory: the reader opens a path, and /proc/self/fd/N is one.
    static const int fd = ::memfd_create("fuzz-plugin.so", 0);
    if (fd < 0) __builtin_trap();
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size)) {
        __builtin_trap();
    }
    try {
        (void)docpipe::host::read_plugin_manifest("/proc/self/fd/" + std::to_string(fd));
    } catch (const std::runtime_error&) {
    }
    try {
        (void)docpipe::host::parse_stage_list(
            std::string(reinterpret_cast<const char*>(data), size));
    } catch (const std::exception&) {  // its contract: a std::exception for bad JSON
    }
    return 0;
}
