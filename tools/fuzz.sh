#!/usr/bin/env bash
# Builds a libFuzzer target with AddressSanitizer and runs it.
#   bash tools/fuzz.sh TARGET [SECONDS] [libFuzzer flags…]     e.g. bash tools/fuzz.sh fuzz-eval 600
# Targets (Fuzz/TARGET/, each a few lines around Fuzz/Harness/FuzzHarness.swift):
#   fuzz-parse     the lexer and the parser
#   fuzz-eval      whole scripts evaluated after Tests/notebooks/prelude.evl, files in memory
#   fuzz-notebook  the notebook reader, runner and updater
#   fuzz-csv       the CSV loader: projects, payments, adjustments, UTF-8 and GB18030
#   fuzz-xlsx      the .xlsx loader
# The corpus grows in .build-fuzz/corpus/TARGET; the seeds are the analyses in scripts/ and the
# notebooks of Tests/notebooks/ for the script targets, the CSV files or the workbooks of the test
# fixtures and scripts/data/ for the loaders, and the target's past findings. A finding is written
# as .build-fuzz/findings/TARGET/crash-… (or timeout-…): copy it to Fuzz/regressions/TARGET/ once
# fixed; the test suite replays every file there (FuzzRegressionTests).
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup.sh
target=${1:?usage: tools/fuzz.sh TARGET [SECONDS]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
# A second on one input is a hang: the shell must answer at once. Evaluation and loads stop
# themselves after a second (FuzzHarness.evaluationBudget), so their targets get two: a hang there
# is code that ignored the interrupt.
timeout=1
max_len=4096
case "$target" in
  fuzz-parse) seed_files=(scripts Tests/notebooks -name '*.evl') ;;
  fuzz-eval|fuzz-notebook) seed_files=(scripts Tests/notebooks -name '*.evl'); timeout=2 ;;
  fuzz-csv) seed_files=(Tests/EvalDSLTests/Fixtures scripts/data Tests/notebooks -name '*.csv'); timeout=2 ;;
  fuzz-xlsx) seed_files=(Tests/EvalDSLTests/Fixtures scripts/data -name '*.xlsx'); max_len=16384; timeout=2 ;;
  *) echo "fuzz.sh: no target $target (fuzz-parse, fuzz-eval, fuzz-notebook, fuzz-csv, fuzz-xlsx)" >&2; exit 2 ;;
esac
# `-sanitize=fuzzer,address` once more for Swift: given as two flags (as --sanitize passes them) the
# later one replaces the earlier for swiftc, and the code is built without libFuzzer's coverage.
EVALSHELL_FUZZ=1 swift build --scratch-path .build-fuzz --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
  --product "$target" 2>&1 \
  | grep -v -e "warning: " -e "^ *|" -e "^\s*$" || true
corpus=.build-fuzz/corpus/$target
seeds=.build-fuzz/seeds/$target
findings=.build-fuzz/findings/$target
mkdir -p "$corpus" "$seeds" "$findings"
{ find "${seed_files[@]}" -type f; find "Fuzz/regressions/$target" -type f 2>/dev/null || true; } \
  | while read -r f; do cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"; done
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
exec ./.build-fuzz/debug/"$target" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -max_len="$max_len" \
  -artifact_prefix="$findings/" -print_final_stats=1 "$@" "$corpus" "$seeds"
