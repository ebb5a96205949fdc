#pragma once
// Versions of the docpipe SDK and of the binary interface between host and plugins (abi.h).
//
// The host refuses a plugin whose API major version differs from its own, or that needs a
// newer minor version than the host has, before running any of the plugin's code. Minor
// versions only ever add things. The compiler and standard library do not have to match: only
// C types cross the boundary.

#include "docpipe/abi.h"

#define DOCPIPE_VERSION_STRING "0.2.0"

#define DOCPIPE_STRINGIFY_IMPL(x) #x
#define DOCPIPE_STRINGIFY(x) DOCPIPE_STRINGIFY_IMPL(x)

// What built this translation unit, for messages (`plugins info`, `version`) only.
#if defined(__clang__)
#define DOCPIPE_COMPILER_FAMILY "clang"
#elif defined(__GNUC__)
#define DOCPIPE_COMPILER_FAMILY "gcc"
#else
#define DOCPIPE_COMPILER_FAMILY "unknown"
#endif

#if defined(_LIBCPP_VERSION)
#define DOCPIPE_STDLIB "libc++"
#else
#include <cstddef>  // defines __GLIBCXX__
#define DOCPIPE_STDLIB "libstdc++"
#endif

#ifndef DOCPIPE_TOOLCHAIN_TAG
#define DOCPIPE_TOOLCHAIN_TAG DOCPIPE_COMPILER_FAMILY " " __VERSION__ " / " DOCPIPE_STDLIB
#endif

namespace docpipe {

/// Major version of the plugin binary interface; a mismatch means "cannot load".
inline constexpr unsigned api_version_major = DOCPIPE_ABI_VERSION_MAJOR;
/// Minor version: grows when the interface gains fields or functions.
inline constexpr unsigned api_version_minor = DOCPIPE_ABI_VERSION_MINOR;
/// Release version of the SDK and host.
inline constexpr const char* version_string = DOCPIPE_VERSION_STRING;
/// Compiler and standard library this translation unit was built with (informational).
inline constexpr const char* toolchain_tag = DOCPIPE_TOOLCHAIN_TAG;

}  // namespace docpipe
