#!/usr/bin/env bash
# Installs the dependencies, builds, and runs the whole test suite of one preset.
#   scripts/test.sh [release|debug|asan|tsan] (tsan: the engine's tests)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
preset=${1:-release}
bash scripts/build.sh "$preset"
ctest --preset "$preset"
