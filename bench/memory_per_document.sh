#!/usr/bin/env bash
# Peak memory per document: one document of SIZE_MB through each shipped pipeline, as peak RSS
# and as the factor (peak - peak on a tiny document) / document size. Two texts: the seed
# repeated (a repair every 37 bytes: the worst case) and the GUM news articles repeated
# (ordinary news). Several builds side by side compare before and after in one run.
#   [TIMEOUT=600] bench/memory_per_document.sh [SIZE_MB=20] [BUILD_DIR=build/release ...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
size_mb=${1:-20}
shift || true
builds=("$@")
[[ ${#builds[@]} -gt 0 ]] || builds=(build/release)
news_dir=../shared/data/summarization/gum_news/docs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A text of about SIZE_MB made of FILE repeated, paragraphs apart.
repeat_to_size() {
    python3 - "$1" "$2" "$size_mb" <<'EOF'
import sys
source, target, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(source, encoding="utf-8").read().strip() + "\n\n"
open(target, "w", encoding="utf-8").write(text * max(1, (mb << 20) // len(text.encode())))
EOF
}
cat "$news_dir"/*.txt > "$work/news_once.txt"
repeat_to_size ../shared/seed/spun_article.txt "$work/seed.txt"
repeat_to_size "$work/news_once.txt" "$work/news.txt"
cp ../shared/seed/spun_article.txt "$work/tiny.txt"

peak_kb() {  # peak RSS in KiB of one run, or "fail" (also after TIMEOUT seconds, default 600)
    local log=$work/time.log
    if /usr/bin/time -f "%M" -o "$log" timeout "${TIMEOUT:-600}" "$@" >/dev/null 2>"$work/err.log"; then
        tail -1 "$log"
    else
        echo fail
    fi
}

echo "machine: $(nproc) cores, $(awk -F': *' '/model name/ {print $2; exit}' /proc/cpuinfo)"
printf "%-22s %-10s %-6s %10s %10s %8s\n" build pipeline text "peak MB" "tiny MB" factor
for build in "${builds[@]}"; do
    for config in default repair entities summarize; do
        out=$work/out
        for text in seed news; do
            rm -rf "$out"
            mkdir -p "$out"
            # A number, not "1G": builds before 64M became the default took only numbers.
            run=("$build/bin/docpipe" run "configs/$config.yaml" -o "$out/doc.out"
                --max-doc-bytes 1073741824)
            tiny=$(peak_kb "${run[@]}" "$work/tiny.txt")
            peak=$(peak_kb "${run[@]}" "$work/$text.txt")
            bytes=$(stat -c %s "$work/$text.txt")
            awk -v b="$build" -v c="$config" -v t="$text" -v p="$peak" -v z="$tiny" -v n="$bytes" \
                'BEGIN { if (p == "fail" || z == "fail") { printf "%-22s %-10s %-6s %10s\n", b, c, t, "failed"; exit }
                         printf "%-22s %-10s %-6s %10.0f %10.0f %7.1fx\n", b, c, t, p / 1024, z / 1024, (p - z) * 1024 / n }'
        done
    done
done
