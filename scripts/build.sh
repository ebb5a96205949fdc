#!/usr/bin/env bash
# Installs the dependencies and builds one preset (default: release).
#   scripts/build.sh [release|debug|asan|tsan]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
preset=${1:-release}
bash scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
