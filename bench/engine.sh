#!/usr/bin/env bash
# The engine end to end: the default chain (repair, entities, summary, JSON Lines export) over
# SIZE_MB of JSON Lines (GUM news articles and the spun seed, in turn), side by side for each
# build and each --jobs, in interleaved rounds: wall time, CPU time, peak RSS, and the export
# stage's share of the stages' time (--stats). Outputs go to a file, as JSONL -> JSONL.
#   bench/engine.sh [SIZE_MB=100] [ROUNDS=2] [JOBS="1 2"] [BUILD_DIR=build/release ...]
# A build without --jobs (before it existed) runs as one job whatever JOBS says.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
size_mb=${1:-100}
rounds=${2:-2}
jobs_list=${3:-"1 2"}
shift 3 || true
builds=("$@")
[[ ${#builds[@]} -gt 0 ]] || builds=(build/release)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/jsonl_corpus.py "$work/in.jsonl" "$size_mb"

echo "machine: $(nproc) cores, $(awk -F': *' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "input: $(du -m "$work/in.jsonl" | cut -f1) MB, $(wc -l < "$work/in.jsonl") documents"
printf '%-28s %5s %9s %9s %10s %8s\n' build jobs "wall s" "cpu s" "peak MB" "export%"
for ((r = 1; r <= rounds; r++)); do
    for build in "${builds[@]}"; do
        for jobs in $jobs_list; do
            args=()
            "$build/bin/docpipe" run --help | grep -q -- --jobs && args=(--jobs "$jobs")
            /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$build/bin/docpipe" run \
                bench/engine.yaml "$work/in.jsonl" -o "$work/out.jsonl" --stats "${args[@]}" \
                2>"$work/stats"
            rm -f "$work/out.jsonl"
            read -r wall user sys peak <"$work/time"
            share=$(awk '$1 == "repair" || $1 == "entities" || $1 == "summary" || $1 == "export" \
                {total += $4; if ($1 == "export") e = $4} END {printf "%.1f", 100 * e / total}' \
                "$work/stats")
            printf '%-28s %5s %9.2f %9.2f %10.0f %8s\n' "$build" "${args[1]:-1}" "$wall" \
                "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" "$((peak / 1024))" "$share"
        done
    done
done
