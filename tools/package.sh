#!/usr/bin/env bash
# Builds the release `evalshell` with the Swift runtime linked into it (--static-swift-stdlib), so it
# runs on a machine without Swift, and a Debian package of it:
#   bash tools/package.sh      → dist/evalshell, dist/evalshell_VERSION_ARCH.deb (dist/ is not committed)
# The build has its own scratch folder (.build-static): its flags differ from the ordinary build's,
# which would otherwise be rebuilt from scratch each time one follows the other.
# Install without building: sudo apt install ./dist/evalshell_*.deb (README, "Installing").
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/setup.sh
command -v dpkg-deb >/dev/null || { echo "package.sh: dpkg-deb is needed (Debian or Ubuntu)" >&2; exit 2; }
scratch=.build-static
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product evalshell 2>&1 \
  | grep -v -e "^\[" -e "^Building" -e "^Compiling" -e "^Build of product" -e "use of .mktemp. is dangerous" || true
binary=$scratch/release/evalshell
[ -x "$binary" ] || { echo "package.sh: the build failed" >&2; exit 1; }
# The promise of the package: no Swift runtime and no Foundation to install beside it.
if ldd "$binary" | grep -E "libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime" >&2; then
  echo "package.sh: $binary still needs the libraries above" >&2
  exit 1
fi
version=$(sed -n 's/^let version = "\(.*\)"$/\1/p' Sources/EvalShell/main.swift)
arch=$(dpkg --print-architecture)
mkdir -p dist
rm -rf dist/deb
install -D -m 0755 "$binary" dist/evalshell
strip dist/evalshell
install -D -m 0755 dist/evalshell dist/deb/usr/bin/evalshell
docs=dist/deb/usr/share/doc/evalshell
install -D -m 0644 README.md "$docs/README.md"
for f in docs/*.md; do install -D -m 0644 "$f" "$docs/$(basename "$f")"; done
mkdir -p dist/deb/DEBIAN
# What the binary still loads (ldd): the C and C++ runtimes, libedit for the shell's line editing,
# zlib for .xlsx and .docx.
cat > dist/deb/DEBIAN/control <<CONTROL
Package: evalshell
Version: $version
Architecture: $arch
Maintainer: EvalShell maintainers <evalshell@localhost>
Depends: libc6, libstdc++6, libgcc-s1, libedit2, zlib1g
Section: utils
Priority: optional
Installed-Size: $(du -sk dist/deb/usr | cut -f1)
Description: performance analysis of public budgets, a notebook language and shell
 EvalShell loads project budgets and treasury payments (CSV, .xlsx), computes execution rates
 and scores, and writes reports. The documentation is in /usr/share/doc/evalshell.
CONTROL
deb=dist/evalshell_${version}_${arch}.deb
dpkg-deb --build --root-owner-group dist/deb "$deb" >/dev/null
rm -rf dist/deb
echo "package.sh: $deb ($(du -h "$deb" | cut -f1)), dist/evalshell"
