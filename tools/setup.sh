#!/usr/bin/env bash
# Installs what building evalshell needs on a fresh Debian machine with Swift: libedit's headers
# (the shell's line editing) and pkg-config. Safe to run again; does nothing when all is present.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi
command -v swift >/dev/null 2>&1 || { echo "setup: swift is not installed (Swift 6.x is needed)" >&2; exit 1; }

missing=()
[ -f /usr/include/histedit.h ] || missing+=(libedit-dev)
# The test suite also looks at a rendered report in a real browser, with Chinese fonts.
if [ "${EVALSHELL_SETUP_TESTS:-0}" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [ -d /usr/share/fonts/truetype/wqy ] || missing+=(fonts-wqy-microhei)
fi
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)   # the zip reader/writer (.xlsx, .docx) links zlib
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
