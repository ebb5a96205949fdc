#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) and runs each for a fixed time.
#   scripts/fuzz.sh [SECONDS_PER_HARNESS]   (default 60)
# A finding fails the script; the reproducer is printed (hex) and kept under
# build/fuzz/artifacts/. Reproduce with: build/fuzz/bin/<harness> <file>.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-60}
bash scripts/install-deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

bin=build/fuzz/bin
work=build/fuzz/corpus   # grows from the committed seeds; the seeds themselves stay as they are
artifacts=build/fuzz/artifacts
mkdir -p "$artifacts"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
for harness in pipeline_config document_reader text manifest stages; do
    mkdir -p "$work/$harness"
    seeds=(fuzz/corpus/$harness)
    # The manifest reader also starts from real plugins, built just now.
    if [[ $harness == manifest ]]; then cp -f build/fuzz/lib/docpipe/plugins/*.so "$work/$harness/"; fi
    dict=()
    [[ -f fuzz/$harness.dict ]] && dict=(-dict=fuzz/$harness.dict)
    echo "fuzz: $harness for ${seconds}s"
    # A fixed seed: the same commit explores the same inputs, so CI is reproducible.
    if ! "$bin/fuzz_$harness" -seed=1 -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/$harness-" "${dict[@]}" \
        "$work/$harness" "${seeds[@]}" > "$artifacts/$harness.log" 2>&1; then
        tail -n 60 "$artifacts/$harness.log"
        for f in "$artifacts/$harness"-*; do
            [[ -f $f ]] || continue
            echo "fuzz: reproducer $f:"
            od -A x -t x1z -v "$f" | head -n 40
        done
        failed+=("$harness")
    else
        grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$artifacts/$harness.log" | tail -n 2
    fi
done
if ((${#failed[@]})); then
    echo "fuzz: findings in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz: no findings"
