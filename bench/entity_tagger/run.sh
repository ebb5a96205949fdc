#!/usr/bin/env bash
# Words/s of entity_tagger beside the peer compromise 14.17.0 (npm), same corpus, same run.
#   bench/entity_tagger/run.sh
# Builds bench_entity_tagger in build-entity_tagger, installs compromise under
# build-entity_tagger/peer (not committed), generates the ~10 MB corpus there.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD_DIR:-$repo/build-entity_tagger}
peer=$build/peer
if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S "$repo" -B "$build" -G Ninja -DDOCPIPE_PLUGINS=entity_tagger -DDOCPIPE_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j2 --target bench_entity_tagger >/dev/null
# node and npm only serve the peer comparison: installed here, not in scripts/packages/.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt-get update -q >/dev/null && apt-get install -y -q nodejs npm >/dev/null
fi
if [[ ! -d $peer/node_modules/compromise ]]; then
    npm install --silent --no-audit --no-fund --prefix "$peer" compromise@14.17.0 >/dev/null
fi
corpus=$build/news_10mb.txt
[[ -f $corpus ]] || "$repo/bench/entity_tagger/make_corpus.sh" "$corpus" 10
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "node $(node --version), compromise $(node -p "require('$peer/node_modules/compromise/package.json').version")"
"$build/bin/bench_entity_tagger" "$repo/plugins/entity_tagger/data/entity_tagger.model" "$corpus" 3
node "$repo/bench/entity_tagger/compromise_bench.js" "$peer/node_modules" "$corpus" 1
