#!/usr/bin/env bash
# The main job: set up, build evalshell (release) and run the 2020 analysis.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup.sh
swift build -c release --product evalshell
exec .build/release/evalshell run scripts/2020-organization-dept.evl
