#!/usr/bin/env bash
# The whole test suite: set up, build, and run every test (unit tests, the documentation's examples,
# the built binary end to end, every analysis under scripts/, and the pseudo-terminal shell tests).
set -euo pipefail
cd "$(dirname "$0")/.."
EVALSHELL_SETUP_TESTS=1 source tools/setup.sh
swift build --build-tests
# A tiny smoke run of the benchmark (the real one is tools/bench.py on a release build; docs/BENCHMARK.md).
python3 tools/bench.py --smoke --evalshell .build/debug/evalshell
swift test --skip-build --disable-xctest   # Swift Testing only: XCTest would print "Executed 0 tests" first
