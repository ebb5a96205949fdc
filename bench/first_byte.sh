#!/usr/bin/env bash
# Time to the first output byte against the whole run: the default chain (JSON Lines export to
# stdout, a pipe) over SIZE_MB of JSON Lines, for each build side by side, ROUNDS interleaved
# rounds; also the peak RSS of the run, which holds the output in memory when it does not
# stream.
#   bench/first_byte.sh [SIZE_MB=10] [ROUNDS=3] [BUILD_DIR=build/release ...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
size_mb=${1:-10}
rounds=${2:-3}
shift 2 || true
builds=("$@")
[[ ${#builds[@]} -gt 0 ]] || builds=(build/release)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/jsonl_corpus.py "$work/in.jsonl" "$size_mb"
echo "machine: $(nproc) cores, $(awk -F': *' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "input: $(du -m "$work/in.jsonl" | cut -f1) MB"
printf '%-28s %14s %10s %10s\n' build "first byte s" "total s" "peak MB"
for ((r = 1; r <= rounds; r++)); do
    for build in "${builds[@]}"; do
        python3 - "$build/bin/docpipe" bench/engine.yaml "$work/in.jsonl" "$build" <<'PY'
import resource, subprocess, sys, time
docpipe, pipeline, data, build = sys.argv[1:5]
start = time.monotonic()
p = subprocess.Popen([docpipe, "run", pipeline, data], stdout=subprocess.PIPE,
                     stderr=subprocess.DEVNULL)
first = p.stdout.read(1)
first_at = time.monotonic() - start
while p.stdout.read(1 << 20):
    pass
p.wait()
total = time.monotonic() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("%-28s %14.2f %10.2f %10.0f" % (build, first_at, total, peak))
PY
    done
done
