#!/usr/bin/env bash
# Installs the dependencies, builds, and runs the default pipeline on the seed document.
#   scripts/run-default.sh [INPUT] [OUTPUT]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
input=${1:-examples/spun_article.txt}
output=${2:-out/spun_article.html}
bash scripts/build.sh release
mkdir -p "$(dirname "$output")"
build/release/bin/docpipe run configs/default.yaml "$input" -o "$output" --stats
echo "docpipe: wrote $output"
