#!/usr/bin/env bash
# Runs one fuzz target for a number of seconds, niced, one job, and prints the executions and crashes at the end.
#   generator/fuzz/run.sh <pipeline|parse_page> <seconds> [extra libFuzzer flags...]
# Works on a stable toolchain (RUSTC_BOOTSTRAP=1); SANITIZER=none skips AddressSanitizer (faster, fewer checks).
# New corpus entries go to corpus/<target> (ignored by git), the committed seeds are read from seeds/<target>,
# crashes land in artifacts/<target>. KEEP_GOING=1 fuzzes on past crashes (libFuzzer fork mode, one worker) to
# collect every kind of crash in one run; the default stops at the first crash, as a "0 crashes" run should.
set -euo pipefail
target=${1:?usage: run.sh <target> <seconds> [libFuzzer flags...]}
seconds=${2:?usage: run.sh <target> <seconds> [libFuzzer flags...]}
shift 2
cd "$(dirname "$0")"
mkdir -p "corpus/$target" "seeds/$target" "artifacts/$target"
log="artifacts/$target/run-$(date +%Y%m%d-%H%M%S).log"
before=$(find "artifacts/$target" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
# One process: `-jobs=1` would also be one job, but libFuzzer then sends its output to fuzz-0.log instead.
mode=()
if [ "${KEEP_GOING:-0}" = 1 ]; then
    mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
status=0
RUSTC_BOOTSTRAP=1 nice -n 15 cargo fuzz run --sanitizer "${SANITIZER:-address}" "$target" \
    "corpus/$target" "seeds/$target" -- \
    -dict=pipeline.dict ${mode[@]+"${mode[@]}"} -rss_limit_mb=4096 -timeout=10 -max_total_time="$seconds" \
    -print_final_stats=1 "$@" >"$log" 2>&1 || status=$?
after=$(find "artifacts/$target" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
echo "target:      $target (${seconds}s, sanitizer ${SANITIZER:-address}, log $log)"
grep -E '^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added' "$log" || true
# Fork mode reports progress lines `#<runs>: cov: ... oom/timeout/crash: a/b/c time: ...`: the last one counts.
grep -E '^#[0-9]+: cov:' "$log" | tail -1 || true
echo "crashes:     $((after - before)) new in artifacts/$target (exit status $status)"
grep -E '^==[0-9]+== ERROR|^thread .* panicked|panicked at|SUMMARY|Test unit written' "$log" | head -20 || true
exit "$status"
