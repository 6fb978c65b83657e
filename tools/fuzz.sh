#!/usr/bin/env bash
# Builds a libFuzzer target with AddressSanitizer and runs it.
#   bash tools/fuzz.sh TARGET [SECONDS] [libFuzzer flags…]     e.g. bash tools/fuzz.sh fuzz-parse 600
# Targets: fuzz-parse (lexer and parser), fuzz-notebook (the notebook reader).
# The corpus grows in .build-fuzz/corpus/TARGET; seeds are the analyses in scripts/ and the notebooks
# under Tests/notebooks/. A finding is written as .build-fuzz/findings/TARGET/crash-… (or timeout-…):
# copy it to Fuzz/regressions/TARGET/ once fixed; the test suite replays every file there.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup.sh
target=${1:?usage: tools/fuzz.sh TARGET [SECONDS]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
EVALSHELL_FUZZ=1 swift build --scratch-path .build-fuzz --sanitize=fuzzer --sanitize=address --product "$target" 2>&1 \
  | grep -v -e "warning: " -e "^ *|" -e "^\s*$" || true
corpus=.build-fuzz/corpus/$target
seeds=.build-fuzz/seeds/$target
findings=.build-fuzz/findings/$target
mkdir -p "$corpus" "$seeds" "$findings"
find scripts Tests/notebooks Fuzz/regressions/"$target" -name '*.evl' -o -path "Fuzz/regressions/$target/*" -type f 2>/dev/null \
  | while read -r f; do cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"; done
# A second on one input is a hang: the shell must answer at once.
exec ./.build-fuzz/debug/"$target" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -max_len=4096 \
  -artifact_prefix="$findings/" -print_final_stats=1 "$@" "$corpus" "$seeds"
