#!/usr/bin/env bash
# Scores a whole docpipe pipeline that ends in the summarizer and a JSON exporter (for
# example with entity_tagger in front, to measure the entity boost) with the same ROUGE
# evaluator and inputs as evaluate.sh.
#
#   tools/summarizer/evaluate_pipeline.sh DOCPIPE PIPELINE.yaml NAME [DATA_DIR] [K]
#
# DOCPIPE is the docpipe binary; the pipeline's summarizer stage must have id `summary`.
# Needs jq (installed with apt-get when missing). REFS=llm scores against the development
# (LLM-written) references instead of the human ones.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
docpipe=$1
pipeline=$2
name=$3
data=${4:-$root/../shared/data/summarization/gum_news}
k=${5:-2}
build=${BUILD_DIR:-$root/build-summarizer}

if ! command -v jq >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends jq >&2
fi
if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DDOCPIPE_PLUGINS=summarizer >&2
fi
cmake --build "$build" -j2 --target summarizer_eval >&2
eval_bin=$build/bin/summarizer_eval

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/in/{clean,page} "$work"/json/{clean,page} "$work"/out/{clean,page}
"$eval_bin" --data "$data" --write-inputs "$work/in" >&2
for input in clean page; do
    "$docpipe" run "$pipeline" "$work/in/$input"/*.txt --set "summary.sentences=$k" \
        -o "$work/json/$input/{id}.json" >&2
    for f in "$work/json/$input"/*.json; do
        # jq slices strings by code points, hence begin_cp/end_cp.
        jq -r '.text as $t | .layers.summary[] | $t[.begin_cp:.end_cp] | gsub("\\s+"; " ")' \
            "$f" >"$work/out/$input/$(basename "$f" .json).txt"
    done
done
"$eval_bin" --data "$data" --k "$k" --refs "${REFS:-human}" --system "$name=$work/out"
