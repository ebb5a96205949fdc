#!/usr/bin/env bash
# Wall time of `docpipe plugins list` and `docpipe validate` (targets: < 50 ms each), the mean
# of N runs after one warm-up, measured in one run side by side.
#   bench/cli_latency.sh [BUILD_DIR=build/release] [N=20]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/release}
n=${2:-20}
docpipe=$build/bin/docpipe
extra=(--plugin-path "$build/bench/plugins")
config=configs/default.yaml
[[ -f $config ]] || config=bench/noop.yaml

measure() {
    "$@" >/dev/null 2>&1 || { echo "command failed: $*" >&2; exit 1; }
    local start end
    start=$(date +%s%N)
    for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1; done
    end=$(date +%s%N)
    awk -v t=$((end - start)) -v n="$n" 'BEGIN { printf "%8.2f ms", t / n / 1e6 }'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "docpipe plugins list:           $(measure "$docpipe" "${extra[@]}" plugins list)"
echo "docpipe plugins list --format json: $(measure "$docpipe" "${extra[@]}" plugins list --format json)"
echo "docpipe validate $config: $(measure "$docpipe" "${extra[@]}" validate "$config")"
