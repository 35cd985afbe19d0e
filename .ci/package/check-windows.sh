#!/usr/bin/env bash
# Checks what windows.sh left in dist/, as far as Linux can: both programs are
# PE files for amd64 of the right subsystem, with the icon at every size, the
# version from FyneApp.toml and the manifest (read back with wrestool); the
# installer carries the same programs as the zip, and its own version; then
# check-installer-wine.sh runs the installer under wine64. Ferry.exe itself
# starting, and links opening it, need Windows (the release workflow's
# windows-smoke job).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
eval "$("$here/version.sh")"
dist=${DIST:-$root/dist}
objdump=${MINGW_OBJDUMP:-x86_64-w64-mingw32-objdump}

fail() { echo "check-windows: FAIL: $*" >&2; exit 1; }
ok() { echo "check-windows: ok: $*"; }

name=Ferry-$VERSION-windows-amd64
setup=$dist/$name-setup.exe
zipfile=$dist/$name.zip
[ -f "$setup" ] || fail "$setup is missing (make package-windows)"
[ -f "$zipfile" ] || fail "$zipfile is missing (make package-windows)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q "$zipfile" -d "$work/zip"

# The strings of a VERSIONINFO resource, UTF-16 decoded.
version_strings() { wrestool -x --raw -t16 "$1" | iconv -f UTF-16LE -t UTF-8 | tr '\0' '\n'; }

check_exe() {
	local exe=$1 subsystem=$2
	# Whole outputs in variables: grep -q closing a pipe early would fail
	# the pipeline under pipefail.
	local header
	header=$("$objdump" -p "$exe")
	grep -q 'file format pei-x86-64' <<<"$header" || fail "$exe is not a PE for amd64"
	grep -Eq "^Subsystem[[:space:]]+0000000$subsystem" <<<"$header" || fail "$exe is not of subsystem $subsystem"
	wrestool -x -t14 "$exe" >"$work/icon.ico" || fail "$exe has no icon"
	sizes=$(icotool -l "$work/icon.ico" | sed -n 's/.*--width=\([0-9]*\).*/\1/p' | sort -n | tr '\n' ' ' | sed 's/ $//')
	[ "$sizes" = "16 20 24 32 40 48 64 128 256" ] || fail "$exe's icon sizes are $sizes"
	wrestool -x --raw -t24 "$exe" >"$work/manifest.xml" || fail "$exe has no manifest"
	grep -q '<dpiAwareness[^>]*>PerMonitorV2' "$work/manifest.xml" || fail "$exe's manifest is not per-monitor DPI aware"
	grep -q "version=\"$VERSION.$BUILD\"" "$work/manifest.xml" || fail "$exe's manifest has another version"
	version_strings "$exe" >"$work/version.txt"
	grep -qx "$VERSION.$BUILD" "$work/version.txt" || fail "$exe's FileVersion is not $VERSION.$BUILD"
	grep -qx "$(basename "$exe")" "$work/version.txt" || fail "$exe's OriginalFilename is wrong"
	ok "$(basename "$exe"): PE amd64, subsystem $subsystem, icon $sizes px, version $VERSION.$BUILD, DPI-aware manifest"
}
check_exe "$work/zip/Ferry.exe" 2
check_exe "$work/zip/ferry-cli.exe" 3

7z x -y -bd -o"$work/setup" "$setup" >/dev/null || fail "7z cannot read the installer"
for f in Ferry.exe ferry-cli.exe; do
	cmp -s "$work/setup/$f" "$work/zip/$f" || fail "the installer's $f differs from the zip's"
done
version_strings "$setup" >"$work/setup-version.txt"
grep -qx "$VERSION.$BUILD" "$work/setup-version.txt" || fail "the installer's FileVersion is not $VERSION.$BUILD"
ok "installer: same Ferry.exe and ferry-cli.exe as the zip, version $VERSION.$BUILD"

"$here/check-installer-wine.sh"
