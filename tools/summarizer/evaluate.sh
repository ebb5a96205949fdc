#!/usr/bin/env bash
# ROUGE-1/2/L of the summarizer beside Lead-k and OTS 0.5.0 on the GUM news summaries, all
# scored by the same evaluator in the same run (docs/QUALITY.md shows the output).
#
#   tools/summarizer/evaluate.sh [DATA_DIR] [K]
#
# DATA_DIR defaults to ../shared/data/summarization/gum_news; K (sentences) to 2.
# BUILD_DIR (default build-summarizer) is configured and built if needed. Installs the OTS
# packages with apt-get when missing (they are needed by this comparison only).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${1:-$root/../shared/data/summarization/gum_news}
k=${2:-2}
build=${BUILD_DIR:-$root/build-summarizer}

need=()
for p in ots libots-dev libglib2.0-dev pkg-config gcc; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
    echo "evaluate: installing ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${need[@]}" >&2
fi

if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DDOCPIPE_PLUGINS=summarizer >&2
fi
cmake --build "$build" -j2 --target summarizer_eval >&2
eval_bin=$build/bin/summarizer_eval

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -o "$work/ots_summarize" "$root/tools/summarizer/ots_summarize.c" \
    $(pkg-config --cflags --libs libots-1)
mkdir -p "$work"/in/{clean,page} "$work"/ots/{clean,page}
"$eval_bin" --data "$data" --write-inputs "$work/in" >&2
for input in clean page; do
    for f in "$work/in/$input"/*.txt; do
        "$work/ots_summarize" "$k" <"$f" >"$work/ots/$input/$(basename "$f")"
    done
done

echo "# summarizer evaluation, k=$k, $(date -u +%Y-%m-%d), OTS $(dpkg-query -W -f='${Version}' ots)"
echo
echo "## Test: human references"
"$eval_bin" --data "$data" --ots "$work/ots" --k "$k" --refs human
"$eval_bin" --data "$data" --ots "$work/ots" --k "$k" --refs human --multi best --input clean
echo
echo "## Development: LLM-written references (what the weights were chosen on)"
"$eval_bin" --data "$data" --ots "$work/ots" --k "$k" --refs llm
