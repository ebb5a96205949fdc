#!/usr/bin/env bash
# Installs the SDK to a temporary prefix, builds examples/custom_plugin out of tree against it
# with find_package(docpipe), and runs the new stage through the already-built host: a stage
# swapped in without recompiling the host.
#   sdk_install_test.sh SOURCE_DIR BUILD_DIR DOCPIPE_BINARY
set -euo pipefail
src=$1 build=$2 docpipe=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >"$work/install.log"
test -f "$work/prefix/include/docpipe/docpipe.hpp"
test -f "$work/prefix/lib/cmake/docpipe/docpipeConfig.cmake"

# Build the plugin without the sanitizer flags a sanitized host build may have in its env.
env -u CXXFLAGS -u LDFLAGS cmake -S "$src/examples/custom_plugin" -B "$work/build" -G Ninja \
    -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >"$work/configure.log"
cmake --build "$work/build" >"$work/build.log" || { cat "$work/build.log"; exit 1; }
test -f "$work/build/redact.so"

# The host lists it (from its embedded manifest) and runs it.
"$docpipe" --plugin-path "$work/build" plugins info redact | grep -q "stage redact 1.0.0"
out=$("$docpipe" --plugin-path "$work/build" run "$src/examples/custom_plugin/pipeline.yaml" \
    "$src/examples/custom_plugin/input.txt")
expected="Write to [removed] or call [removed] before Friday."
if [[ "$out" != "$expected" ]]; then
    echo "unexpected output: '$out' (expected '$expected')" >&2
    exit 1
fi
echo "custom plugin built against the installed SDK and ran: $out"
