#!/usr/bin/env bash
# The bundled plugins built with clang++ (Debian's clang, libstdc++) load into the g++-built host
# and give byte-identical outputs to the g++-built plugins on the seed, in every export format:
# only C crosses the plugin boundary, so the compiler does not have to match.
#   clang_plugins_test.sh SOURCE_DIR BUILD_DIR DOCPIPE_BINARY GCC_PLUGIN_DIR SEED
set -euo pipefail
src=$1 build=$2 docpipe=$3 gcc_plugins=$4 seed=$5
work=$build/clang-plugins
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The sanitizer flags of a sanitized host build stay out of it; the build tree is kept, so a
# second run only rebuilds what changed.
env -u CXXFLAGS -u LDFLAGS cmake -S "$src" -B "$work" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=Release -DDOCPIPE_BUILD_TESTS=OFF -DDOCPIPE_BUILD_BENCH=OFF \
    >"$out/configure.log" || { cat "$out/configure.log"; exit 1; }
cmake --build "$work" --target synonym_repair entity_tagger summarizer exporter \
    >"$out/build.log" || { cat "$out/build.log"; exit 1; }
clang_plugins=$work/lib/docpipe/plugins

for p in synonym_repair entity_tagger summarizer exporter; do
    info=$("$docpipe" --plugin-path "$clang_plugins" plugins info "$p")
    grep -q "built with clang" <<<"$info" || { echo "$p is not the clang build: $info" >&2; exit 1; }
    grep -q "path: $clang_plugins/$p.so" <<<"$info" || { echo "$info" >&2; exit 1; }
done

for format in text json jsonl markdown html conll brat; do
    for side in gcc clang; do
        dir=$gcc_plugins
        [[ $side == clang ]] && dir=$clang_plugins
        mkdir -p "$out/$side"
        cat >"$out/$side-$format.yaml" <<YAML
version: 1
stages:
  - {id: repair, plugin: synonym_repair, params: {mode: apply}}
  - {id: entities, plugin: entity_tagger}
  - {id: summary, plugin: summarizer, params: {sentences: 3}}
  - {id: export, plugin: exporter, params: {format: $format, path: "$out/$side/{id}.{ext}"}}
YAML
        "$docpipe" --plugin-path "$dir" run "$out/$side-$format.yaml" "$seed"
    done
done
diff -r "$out/gcc" "$out/clang"
echo "clang++-built plugins ran in the g++ host; $(ls "$out/clang" | wc -l) outputs identical"
