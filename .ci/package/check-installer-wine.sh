#!/usr/bin/env bash
# Runs the Windows installer in dist/ under wine64, in a fresh Wine prefix, as
# far as Wine can stand for Windows: the installer's own logic (the Windows 10
# check, files, Start-menu entry, uninstall entry, ftp/ftps/ftpes handlers,
# reinstalling, uninstalling, and Wine's own ftp handler put back afterwards).
# Ferry.exe itself cannot run under Wine (Go 1.26 programs do not start there);
# the release workflow's windows-smoke job repeats this on real Windows.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
eval "$("$here/version.sh")"
dist=${DIST:-$root/dist}

fail() { echo "check-installer-wine: FAIL: $*" >&2; exit 1; }
ok() { echo "check-installer-wine: ok: $*"; }

wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
[ -x "$wine" ] || fail "wine64 is missing (apt install wine64)"
setup=$dist/Ferry-$VERSION-windows-amd64-setup.exe
[ -f "$setup" ] || fail "$setup is missing (make package-windows)"

work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
trap '"$wineserver" -k 2>/dev/null || true; rm -rf "$work"' EXIT

# run CMD...: a Windows program under Wine, bounded so that a hang fails.
run() { timeout 300 "$wine" "$@" </dev/null; }
# handler SCHEME: the command that opens SCHEME:// links, or nothing.
handler() {
	run reg query "HKLM\\Software\\Classes\\$1\\shell\\open\\command" /ve 2>/dev/null |
		tr -d '\r' | sed -n 's/^[[:space:]]*(Default)[[:space:]]*REG_SZ[[:space:]]*//p'
}
has_key() { run reg query "$1" >/dev/null 2>&1; }

run wineboot -i >/dev/null 2>&1 || fail "wineboot failed"
drive=$WINEPREFIX/drive_c
dir="$drive/Program Files/Ferry"
lnk="$drive/ProgramData/Microsoft/Windows/Start Menu/Programs/Ferry.lnk"

run winecfg -v win7
status=0
run "$setup" /S || status=$?
[ "$status" -eq 2 ] || fail "on Windows 7 the installer exited with $status, not 2 (aborted)"
[ ! -e "$dir" ] || fail "on Windows 7 the installer installed something"
ok "refuses Windows 7"

run winecfg -v win10
before=$(handler ftp)
[ -n "$before" ] || fail "Wine has no ftp:// handler to begin with, so giving it back would go untested"
run "$setup" /S || fail "the installer exited with $?"
for f in Ferry.exe ferry-cli.exe Uninstall.exe; do [ -f "$dir/$f" ] || fail "$f is not installed"; done
[ -f "$lnk" ] || fail "no Start-menu entry"
want='"C:\Program Files\Ferry\Ferry.exe" "%1"'
for scheme in ftp ftps ftpes; do
	got=$(handler "$scheme")
	[ "$got" = "$want" ] || fail "$scheme:// links open '$got', not '$want'"
done
uninstall_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Ferry'
shown=$(run reg query "$uninstall_key" /v DisplayVersion | tr -d '\r' | sed -n 's/.*REG_SZ[[:space:]]*//p')
[ "$shown" = "$VERSION" ] || fail "the uninstall entry shows version '$shown'"
ok "installs: files, Start menu, uninstall entry $shown, ftp/ftps/ftpes open Ferry.exe (ftp was '$before')"

run "$setup" /S || fail "installing again exited with $?"
run "$dir/Uninstall.exe" /S || fail "the uninstaller exited with $?"
# The uninstaller works from a copy of itself in a temporary folder and
# returns at once: wait, bounded, for the folder to go.
deadline=$((SECONDS + 120))
while [ -e "$dir" ]; do
	[ $SECONDS -lt $deadline ] || fail "$dir is still there 120 s after uninstalling"
	sleep 0.2
done
[ ! -e "$lnk" ] || fail "the Start-menu entry is still there"
[ "$(handler ftp)" = "$before" ] || fail "after uninstalling, ftp:// links open '$(handler ftp)', not '$before'"
for key in 'HKLM\Software\Classes\ftps' 'HKLM\Software\Classes\ftpes' 'HKLM\Software\Classes\Ferry.URL' \
	'HKLM\Software\Ferry' "$uninstall_key"; do
	if has_key "$key"; then fail "$key is still there after uninstalling"; fi
done
if run reg query 'HKLM\Software\RegisteredApplications' /v Ferry >/dev/null 2>&1; then
	fail "Ferry is still in RegisteredApplications"
fi
ok "installs again, then uninstalls: files, Start menu and keys gone, ftp:// back to '$before'"
