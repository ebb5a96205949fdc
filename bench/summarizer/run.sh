#!/usr/bin/env bash
# Words per second of the summarizer stage beside OTS 0.5.0, in the same run, on the same
# documents (docs/BENCHMARKS.md shows the output).
#
#   bench/summarizer/run.sh [DATA_DIR] [REPEATS]
#
# DATA_DIR defaults to ../shared/data/summarization/gum_news (its docs/*.txt are the corpus,
# plus ../shared/seed/spun_article.txt when present); REPEATS to 20. BUILD_DIR (default
# build-summarizer) is configured with benchmarks on and built if needed. Installs the OTS
# packages with apt-get when missing (needed by this comparison only).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${1:-$root/../shared/data/summarization/gum_news}
repeats=${2:-20}
build=${BUILD_DIR:-$root/build-summarizer}

need=()
for p in ots libots-dev libglib2.0-dev pkg-config gcc; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
    echo "bench: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${need[@]}" >&2
fi
if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DDOCPIPE_PLUGINS=summarizer -DDOCPIPE_BUILD_BENCH=ON >&2
else
    cmake -S "$root" -B "$build" -DDOCPIPE_BUILD_BENCH=ON >&2  # an existing build may have it off
fi
cmake --build "$build" -j2 --target summarizer_bench >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -o "$work/ots_summarize" "$root/tools/summarizer/ots_summarize.c" \
    $(pkg-config --cflags --libs libots-1)
docs=("$data"/docs/*.txt)
seed=$root/../shared/seed/spun_article.txt
[[ -f $seed ]] && docs+=("$seed")
# A "Sources" list ends a page's body, so pages that have one go last: otherwise the
# summarizer would rightly skip every page after it, and do less work than OTS.
with_sources=$(grep -lx 'Sources' "${docs[@]}" || true)
for f in "${docs[@]}"; do grep -qx 'Sources' "$f" || cat "$f"; done >"$work/long.txt"
[[ -n $with_sources ]] && cat $with_sources >>"$work/long.txt"

# The machine is shared, so each measurement runs 3 times and the fastest run counts (the
# one least disturbed by other jobs); all runs are printed too.
best_of_3() {
    local runs
    runs=$(for _ in 1 2 3; do "$@"; done)
    echo "$runs" | sed 's/^/    run: /' >&2
    echo "$runs" | sort -t, -k3 | awk '{ for (i = 1; i <= NF; ++i) if ($i == "words/s") print $(i-1), $0 }' |
        sort -n | tail -1 | cut -d' ' -f2-
}

echo "# summarizer benchmark, $(date -u +%Y-%m-%d)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "OTS $(dpkg-query -W -f='${Version}' ots); 3 sentences per document; $repeats passes; best of 3 runs"
echo
echo "## ${#docs[@]} news articles, one document each"
for m in combined lexrank textrank lead; do
    best_of_3 "$build/bin/summarizer_bench" --repeats "$repeats" --method "$m" "${docs[@]}"
done
best_of_3 "$work/ots_summarize" --bench "$repeats" "${docs[@]}"
echo
echo "## the same articles as one long document"
best_of_3 "$build/bin/summarizer_bench" --repeats "$repeats" "$work/long.txt"
best_of_3 "$work/ots_summarize" --bench "$repeats" "$work/long.txt"
