#!/usr/bin/env bash
# Reproduces the shipped entity_tagger model from the permissive training sets, the
# gazetteers, WordNet 3.0's nouns (Debian package wordnet-base) and SCOWL's american-english
# word list (package wamerican); see plugins/entity_tagger/data/LICENSE.md. One core, ~8 s.
#   tools/entity_tagger/train.sh [--sets permissive|all] [--out FILE]
# DOCPIPE_DATA overrides the shared data folder (default: ../shared/data next to the repo).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${DOCPIPE_DATA:-$repo/../shared/data}
build=${BUILD_DIR:-$repo/build-entity_tagger}
out=$repo/plugins/entity_tagger/data/entity_tagger.model
sets=permissive
while (($#)); do
    case $1 in
        --sets) sets=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "usage: $0 [--sets permissive|all] [--out FILE]" >&2; exit 64 ;;
    esac
done
if [[ ! -f $build/CMakeCache.txt ]]; then
    cmake -S "$repo" -B "$build" -G Ninja -DDOCPIPE_PLUGINS=entity_tagger -DDOCPIPE_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" -j2 --target et_train >/dev/null
# WordNet's proper nouns and an English word list feed gazetteer features; training reads
# them from these Debian packages (the model embeds what it needs, so running does not).
wordnet=/usr/share/wordnet
words=/usr/share/dict/american-english
if [[ ! -f $wordnet/data.noun || ! -f $words ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "train.sh: needs $wordnet/data.noun and $words: install the Debian packages" \
            "wordnet-base and wamerican (as root: apt-get install wordnet-base wamerican)" >&2
        exit 69
    fi
    echo "train.sh: installing wordnet-base and wamerican" >&2
    apt-get update -q >/dev/null && apt-get install -y -q wordnet-base wamerican >/dev/null
fi
"$build/bin/et_train" --data "$data/ner" --gazetteers "$data/gazetteers" --sets "$sets" \
    --extra-orgs "$repo/tools/entity_tagger/extra_organisations.tsv" \
    --wordnet "$wordnet" --words "$words" --augment 2 --epochs 12 --ensemble 3 --out "$out"
