#pragma once
// Versions of the docpipe SDK and of the binary interface between host and plugins.
//
// The host refuses a plugin whose API major version or toolchain tag differs from its own,
// before running any of the plugin's code. Minor versions only ever add things.

#define DOCPIPE_VERSION_STRING "0.1.0"

// Test plugins override these on the command line to simulate a plugin built elsewhere.
#ifndef DOCPIPE_API_VERSION_MAJOR
#define DOCPIPE_API_VERSION_MAJOR 1
#endif
#define DOCPIPE_API_VERSION_MINOR 0

#define DOCPIPE_STRINGIFY_IMPL(x) #x
#define DOCPIPE_STRINGIFY(x) DOCPIPE_STRINGIFY_IMPL(x)

// Toolchain tag: C++ objects (std::string, virtual tables) cross the plugin boundary, so host
// and plugin must agree on the compiler family, the standard library and its dual ABI.
#if defined(__clang__)
#define DOCPIPE_COMPILER_FAMILY "clang"
#elif defined(__GNUC__)
#define DOCPIPE_COMPILER_FAMILY "gcc"
#else
#define DOCPIPE_COMPILER_FAMILY "unknown"
#endif

#if defined(_LIBCPP_VERSION)
#define DOCPIPE_STDLIB "libc++"
#define DOCPIPE_STDLIB_ABI "0"
#else
#include <cstddef>  // defines __GLIBCXX__ and _GLIBCXX_USE_CXX11_ABI
#define DOCPIPE_STDLIB "libstdc++"
#define DOCPIPE_STDLIB_ABI DOCPIPE_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#endif

#ifndef DOCPIPE_TOOLCHAIN_TAG
#define DOCPIPE_TOOLCHAIN_TAG \
    DOCPIPE_COMPILER_FAMILY "/" DOCPIPE_STDLIB "/cxx11abi=" DOCPIPE_STDLIB_ABI
#endif

namespace docpipe {

/// Major version of the plugin binary interface; a mismatch means "cannot load".
inline constexpr unsigned api_version_major = DOCPIPE_API_VERSION_MAJOR;
/// Minor version: grows when the interface gains fields or functions.
inline constexpr unsigned api_version_minor = DOCPIPE_API_VERSION_MINOR;
/// Release version of the SDK and host.
inline constexpr const char* version_string = DOCPIPE_VERSION_STRING;
/// Compiler family, standard library and dual-ABI flag this translation unit was built with.
inline constexpr const char* toolchain_tag = DOCPIPE_TOOLCHAIN_TAG;

}  // namespace docpipe
