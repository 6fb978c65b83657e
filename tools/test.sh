#!/usr/bin/env bash
# The whole test suite: set up, build, and run every test (unit tests, the documentation's examples,
# the built binary end to end, every analysis under scripts/, and the pseudo-terminal shell tests).
set -euo pipefail
cd "$(dirname "$0")/.."
EVALSHELL_SETUP_TESTS=1 source tools/setup.sh
swift build --build-tests
swift test --skip-build
