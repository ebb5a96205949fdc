#!/usr/bin/env bash
# Renders the seed document's HTML report to docs/report-seed.png with headless Chromium.
#   tools/exporter/render-report-png.sh [BUILD_DIR]    (default: build/release)
# Runs configs/default.yaml on examples/spun_article.txt with the built docpipe, so the picture
# shows the real pipeline's output. Installs Chromium and a Palatino-like serif font (P052, from
# fonts-urw-base35) first; the page falls back to DejaVu Serif without it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build=${1:-build/release}

if ! command -v chromium >/dev/null || ! fc-list : family | grep -q P052; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends chromium fonts-urw-base35
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bin/docpipe" run configs/default.yaml examples/spun_article.txt -o "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$work/profile" --window-size=1280,1800 \
    --screenshot="$work/report.png" "file://$work/report.html" 2>/dev/null
mv "$work/report.png" docs/report-seed.png
echo "wrote docs/report-seed.png"
