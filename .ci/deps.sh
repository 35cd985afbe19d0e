#!/usr/bin/env bash
# Installs what Ferry's build needs and is missing, on Debian and Ubuntu:
#   deps.sh gui    the C toolchain and GL/X11 headers Fyne's cgo build needs
#   deps.sh package, package-windows, release-check
#                  what .ci/package/ needs to build and check the packages
#   deps.sh bench-window  what .ci/bench-window.sh needs besides the servers
# Go modules are fetched by the go command itself. Elsewhere it only says
# what to install (see README.md).
set -euo pipefail

gui_pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev)
package_pkgs=(imagemagick dpkg-dev xz-utils)
package_windows_pkgs=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis imagemagick zip)
bench_window_pkgs=(xvfb xdotool libxdamage-dev)
release_check_pkgs=(desktop-file-utils xdg-utils xvfb x11-utils imagemagick icoutils p7zip-full unzip openssl jq groff-base wine64)

need=()
case "${1:-gui}" in
gui) want=("${gui_pkgs[@]}") ;;
package) want=("${gui_pkgs[@]}" "${package_pkgs[@]}") ;;
package-windows) want=("${package_windows_pkgs[@]}") ;;
release-check) want=("${release_check_pkgs[@]}") ;;
bench-window) want=("${gui_pkgs[@]}" "${bench_window_pkgs[@]}") ;;
*) echo "usage: $0 gui|package|package-windows|release-check|bench-window" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps: not a Debian-based system; install the packages listed in README.md by hand" >&2
	exit 0
fi
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "deps: need root or sudo to install: ${need[*]}" >&2; exit 1; }
	sudo="sudo"
fi
echo "deps: installing ${need[*]}"
# The package lists may be missing on a fresh machine or container.
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
	$sudo apt-get update -q
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -o DPkg::Lock::Timeout=600 "${need[@]}" ||
	{ $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -o DPkg::Lock::Timeout=600 "${need[@]}"; }
