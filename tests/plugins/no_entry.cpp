// A library that carries a valid docpipe header section but exports no entry function.
#include <docpipe/plugin.hpp>

extern "C" {
__attribute__((section(DOCPIPE_HEADER_SECTION), used)) static constexpr auto docpipe_plugin_header =
    ::docpipe::detail::make_plugin_header("no_entry", "1.0.0");
__attribute__((visibility("default"))) int some_other_function() {
    return 42;
}
}
