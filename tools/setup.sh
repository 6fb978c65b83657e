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
  # The database tests run real PostgreSQL servers (tools/pg-servers.sh); evalshell opens libpq with
  # dlopen, so only the tests need it: a user without libpq5 just cannot load from a database.
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  ls /usr/lib/*/libpq.so.5 >/dev/null 2>&1 || missing+=(libpq5)
  # The .docx round trip (RenderDocxTests): LibreOffice's Writer converts it to PDF, poppler's
  # pdftoppm draws its pages, a Ming (宋体-like) font fills in for 仿宋 and 宋体.
  command -v soffice >/dev/null 2>&1 && [ -e /usr/lib/libreoffice/program/libswlo.so ] || missing+=(libreoffice-writer-nogui)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  [ -d /usr/share/fonts/truetype/arphic ] || missing+=(fonts-arphic-uming)
fi
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)   # the zip reader/writer (.xlsx, .docx) links zlib
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# python-docx (PyPI) reads the .docx back in RenderDocxTests, as an independent reader would.
if [ "${EVALSHELL_SETUP_TESTS:-0}" = 1 ] && ! python3 -c 'import docx' >/dev/null 2>&1; then
  echo "setup: installing python-docx" >&2
  python3 -m pip install -q python-docx 2>/dev/null || python3 -m pip install -q --break-system-packages python-docx
fi
