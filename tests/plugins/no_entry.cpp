// A library that carries a valid docpipe header section but exports no entry function.
#include <docpipe/version.hpp>

extern "C" {
__attribute__((section(".docpipe_plugin"), used)) static const char docpipe_plugin_header[] =
    "docpipe-plugin\napi_version=" DOCPIPE_STRINGIFY(DOCPIPE_API_VERSION_MAJOR) ".0\n"
    "name=no_entry\nversion=1.0.0\ntoolchain=" DOCPIPE_TOOLCHAIN_TAG "\n";
__attribute__((visibility("default"))) int some_other_function() {
    return 42;
}
}
