#!/usr/bin/env bash
# Writes ~10 MB of English news text for the benchmarks: the 24 GUM Wikinews articles
# (shared/data/summarization/gum_news/docs, CC BY 2.5) and the seed article, repeated until
# the size is reached; documents are separated by form feeds.
#   bench/entity_tagger/make_corpus.sh OUT [MEGABYTES]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${DOCPIPE_DATA:-$repo/../shared/data}
out=$1
target=$(( ${2:-10} * 1000 * 1000 ))
docs=("$data"/summarization/gum_news/docs/*.txt "$repo/tests/data/entity_tagger/spun_article.txt")
: >"$out"
while (( $(stat -c %s "$out") < target )); do
    for d in "${docs[@]}"; do
        cat "$d" >>"$out"
        printf '\n\f\n' >>"$out"
    done
done
