#!/usr/bin/env bash
# Development-set check for feature and training changes (never the PUD test set): trains the
# permissive model with three shuffling seeds and prints, per seed, the F1 on the GUM dev+test
# documents (model only, gold tokens) and on UNER English-EWT dev and test (full tagger on the
# raw sentence text; EWT is not in the permissive training data), then the means.
#   tools/entity_tagger/dev_eval.sh [extra et_train options]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${DOCPIPE_DATA:-$repo/../shared/data}
build=${BUILD_DIR:-$repo/build-entity_tagger}
cmake --build "$build" -j2 --target et_train et_evaluate >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for seed in 1 2 3; do
    gum=$("$build/bin/et_train" --data "$data/ner" --gazetteers "$data/gazetteers" \
        --extra-orgs "$repo/tools/entity_tagger/extra_organisations.tsv" --epochs 12 --ensemble 3 \
        --wordnet /usr/share/wordnet --words /usr/share/dict/american-english --augment 2 \
        --seed $seed --out "$tmp/m$seed" "$@" 2>&1 | sed -n 's/^best epoch .*dev F1 \([0-9.]*\))/\1/p')
    ewt=()
    for split in dev test; do
        ewt+=("$("$build/bin/et_evaluate" --model "$tmp/m$seed" \
            --gold "$data/ner/uner_en_ewt/en_ewt-ud-$split.iob2" | awk '/overall/{print $NF; exit}')")
    done
    echo "seed $seed: gum_dev $gum ewt_dev ${ewt[0]} ewt_test ${ewt[1]}"
done | tee "$tmp/log"
awk '{g+=$4; d+=$6; t+=$8; n++} END{printf "mean: gum_dev %.2f ewt_dev %.2f ewt_test %.2f\n", g/n, d/n, t/n}' "$tmp/log"
