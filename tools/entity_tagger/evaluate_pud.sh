#!/usr/bin/env bash
# F1 of entity_tagger on UNER English-PUD (the test set) beside the peer compromise 14.17.0,
# measured the same way in the same run (docs/QUALITY.md).
#   tools/entity_tagger/evaluate_pud.sh [MODEL]
# Installs compromise with npm under build-entity_tagger/peer (not committed). Both systems tag
# the raw `# text =` of each sentence; spans are projected onto the gold tokens and scored with
# exact-span typed micro-F1 (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, other types dropped).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${DOCPIPE_DATA:-$repo/../shared/data}
build=${BUILD_DIR:-$repo/build-entity_tagger}
model=${1:-$repo/plugins/entity_tagger/data/entity_tagger.model}
gold=$data/ner/uner_en_pud/en_pud-ud-test.iob2
peer=$build/peer
if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S "$repo" -B "$build" -G Ninja -DDOCPIPE_PLUGINS=entity_tagger -DDOCPIPE_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j2 --target et_evaluate >/dev/null
# node and npm only serve the peer comparison: installed here, not in scripts/packages/.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt-get update -q >/dev/null && apt-get install -y -q nodejs npm >/dev/null
fi
if [[ ! -d $peer/node_modules/compromise ]]; then
    npm install --silent --no-audit --no-fund --prefix "$peer" compromise@14.17.0 >/dev/null
fi
node "$repo/tools/entity_tagger/compromise_pud.js" "$peer/node_modules" "$gold" >"$build/compromise_pud.tsv"
"$build/bin/et_evaluate" --model "$model" --gold "$gold" --peer "compromise 14.17.0=$build/compromise_pud.tsv"
