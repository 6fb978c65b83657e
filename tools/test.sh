#!/usr/bin/env bash
# The whole test suite: set up, build, and run every test (unit tests, the documentation's examples,
# the built binary end to end, every analysis under scripts/, and the pseudo-terminal shell tests).
set -euo pipefail
cd "$(dirname "$0")/.."
EVALSHELL_SETUP_TESTS=1 source tools/setup.sh
swift build --build-tests
# Real PostgreSQL servers for the database tests (EVALSHELL_TEST_PG…), stopped however this ends.
source tools/pg-servers.sh
trap pg_servers_stop EXIT
pg_servers_start
# A tiny smoke run of the benchmark (the real one is tools/bench.py on a release build; docs/BENCHMARK.md).
python3 tools/bench.py --smoke --evalshell .build/debug/evalshell
swift test --skip-build --disable-xctest   # Swift Testing only: XCTest would print "Executed 0 tests" first
# Every fuzz target briefly (the ten-minute runs are tools/fuzz.sh TARGET 600): a finding stops CI.
# A fixed seed and a number of runs, not a time, so CI explores the same inputs on every run and a
# green run stays green. Built with libFuzzer and AddressSanitizer in .build-fuzz, apart from .build:
# about 45 s to build from clean.
mkdir -p .build-fuzz
for target in fuzz-parse fuzz-eval fuzz-notebook fuzz-csv fuzz-xlsx; do
  if ! bash tools/fuzz.sh "$target" 60 -seed=1 -runs=300 > ".build-fuzz/$target.log" 2>&1; then
    tail -n 60 ".build-fuzz/$target.log"
    echo "fuzz: $target found a bug (the input is in .build-fuzz/findings/$target/)" >&2
    exit 1
  fi
  echo "fuzz: $target: $(grep -aE '^Done [0-9]+ runs' ".build-fuzz/$target.log" | tail -n 1)"
done
