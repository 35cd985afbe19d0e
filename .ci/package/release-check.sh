#!/usr/bin/env bash
# Checks the Linux packages in dist/ the way a user meets them, against a real
# FTP server. Run through .ci/servers/with-servers.sh (make release-check), after
# linux.sh and windows.sh:
#
#  1. the .deb: its control fields, apt resolving its dependencies (simulated),
#     then unpacked with dpkg -x into a temporary root:
#     the programs, icons at their sizes, man pages, and the desktop entry
#     (desktop-file-validate, Exec=ferry %u, the ftp/ftps/ftpes MimeType);
#  2. the .tar.xz: the same files, installed and uninstalled by its install.sh;
#  3. the unpacked ferry, started under Xvfb by xdg-open with the link
#     ftp://USER:PASS@HOST:PORT/nested of the local vsftpd, through the desktop
#     entry: its window must appear, and the server's log must
#     show the login, the change to /nested and the listing sent. Polled, with
#     an overall bound of RELEASE_CHECK_WAIT seconds (120 by default);
#  4. the Windows files (check-windows.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
eval "$("$here/version.sh")"
dist=${DIST:-$root/dist}
[ -d "$dist" ] || { echo "release-check: no $dist (make package package-windows)" >&2; exit 1; }
dist=$(cd "$dist" && pwd)
wait_s=${RELEASE_CHECK_WAIT:-120}
servers=${FERRY_INTEROP_SERVERS:?run through .ci/servers/with-servers.sh}

fail() { echo "release-check: FAIL: $*" >&2; exit 1; }
ok() { echo "release-check: ok: $*"; }

work=$(mktemp -d)
pids=()
cleanup() {
	# A negative id is the process group of a session started here.
	for p in "${pids[@]}"; do kill -- "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "${p#-}" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

deb=$dist/ferry_${VERSION}-${BUILD}_amd64.deb
tarball=$dist/ferry-$VERSION-linux-amd64.tar.xz
[ -f "$deb" ] || fail "$deb is missing (make package)"
[ -f "$tarball" ] || fail "$tarball is missing (make package)"

# --- 1. the .deb ------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = ferry ] || fail "Package is $(field Package)"
[ "$(field Version)" = "$VERSION-$BUILD" ] || fail "Version is $(field Version), FyneApp.toml says $VERSION-$BUILD"
[ "$(field Architecture)" = amd64 ] || fail "Architecture is $(field Architecture)"
depends=$(field Depends)
[[ $depends == *"libc6 (>= "* && $depends == *libgl1* ]] || fail "Depends lacks libc6 or libgl1: $depends"
# apt resolves its dependencies on this system (a simulation: nothing installed).
apt-get install -s "$deb" >"$work/apt.log" 2>&1 || fail "apt cannot install the .deb: $(tail -5 "$work/apt.log")"
grep -q '^Inst ferry ' "$work/apt.log" || fail "apt would not install ferry: $(tail -5 "$work/apt.log")"
ok "control: ferry $(field Version) amd64, Depends: $depends; apt can install it"

inst=$work/root
dpkg -x "$deb" "$inst"
icons=(16 22 24 32 48 64 128 256)
expected=(usr/bin/ferry usr/bin/ferry-cli usr/share/applications/io.ferry.app.desktop
	usr/share/man/man1/ferry.1.gz usr/share/man/man1/ferry-cli.1.gz)
for s in "${icons[@]}"; do expected+=("usr/share/icons/hicolor/${s}x$s/apps/io.ferry.app.png"); done
for f in "${expected[@]}"; do [ -f "$inst/$f" ] || fail "the .deb lacks /$f"; done
unexpected=$(cd "$inst" && find . -type f | sed 's|^\./||' | sort | comm -23 - <(printf '%s\n' "${expected[@]}" | sort))
[ -z "$unexpected" ] || fail "the .deb holds files nothing checks: $unexpected"
for s in "${icons[@]}"; do
	got=$(identify -format '%wx%h' "$inst/usr/share/icons/hicolor/${s}x$s/apps/io.ferry.app.png")
	[ "$got" = "${s}x$s" ] || fail "the ${s}x$s icon is $got"
done
ok "files: ${#expected[@]} in place, icons at ${icons[*]} pixels"

desktop=$inst/usr/share/applications/io.ferry.app.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the desktop entry"
grep -qx 'Exec=ferry %u' "$desktop" || fail "the desktop entry has no 'Exec=ferry %u'"
grep -qx 'MimeType=x-scheme-handler/ftp;x-scheme-handler/ftps;x-scheme-handler/ftpes;' "$desktop" ||
	fail "the desktop entry does not claim ftp, ftps and ftpes links"
grep -qx 'Icon=io.ferry.app' "$desktop" || fail "the desktop entry's Icon is not io.ferry.app"
ok "desktop entry valid, Exec=ferry %u, MimeType ftp;ftps;ftpes"

for page in ferry ferry-cli; do
	warnings=$(gzip -dc "$inst/usr/share/man/man1/$page.1.gz" | LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z 2>&1)
	[ -z "$warnings" ] || fail "man page $page.1: $warnings"
done
ok "man pages ferry.1 and ferry-cli.1 format without warnings"

want="ferry-cli $VERSION (build $BUILD)"
[ "$("$inst/usr/bin/ferry-cli" --version)" = "$want" ] || fail "ferry-cli --version is not '$want'"
[ "$("$inst/usr/bin/ferry" --version 2>/dev/null)" = "ferry $VERSION (build $BUILD)" ] || fail "ferry --version is wrong"
glibc=$(objdump -T "$inst/usr/bin/ferry" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
deb_glibc=$(sed -n 's/.*libc6 (>= \([0-9.]*\)).*/\1/p' <<<"$depends")
[ "GLIBC_$deb_glibc" = "$glibc" ] || fail "ferry needs $glibc but Depends says libc6 (>= $deb_glibc)"
if grep -q NEEDED <<<"$(objdump -p "$inst/usr/bin/ferry-cli")"; then fail "ferry-cli is not static"; fi
ok "versions '$VERSION (build $BUILD)'; ferry needs $glibc, ferry-cli is static"

# --- 2. the .tar.xz ---------------------------------------------------------------
tar -xJf "$tarball" -C "$work"
tree=$work/ferry-$VERSION-linux-amd64
[ -x "$tree/install.sh" ] || fail "the archive has no install.sh"
(cd "$tree" && find bin share -type f | sort) >"$work/tar.list"
(cd "$inst/usr" && find bin share -type f | sort) >"$work/deb.list"
diff -u "$work/deb.list" "$work/tar.list" >&2 || fail "the archive and the .deb hold different files"
while IFS= read -r f; do cmp -s "$tree/$f" "$inst/usr/$f" || fail "$f differs between the archive and the .deb"; done <"$work/deb.list"
for prefix in "$work/prefix" "$work/prefix with space"; do
	"$tree/install.sh" --prefix "$prefix" >/dev/null
	while IFS= read -r f; do [ -f "$prefix/$f" ] || fail "install.sh did not install $f"; done <"$work/deb.list"
	[ -x "$prefix/bin/ferry" ] || fail "install.sh left ferry not executable"
	entry=$prefix/share/applications/io.ferry.app.desktop
	desktop-file-validate "$entry" || fail "the desktop entry installed in $prefix is invalid"
	exec_line="Exec=$prefix/bin/ferry %u"
	[[ $prefix != *" "* ]] || exec_line="Exec=\"$prefix/bin/ferry\" %u"
	grep -qxF "$exec_line" "$entry" || fail "install.sh did not write $exec_line"
	"$tree/install.sh" --uninstall --prefix "$prefix" >/dev/null
	# What remains are the caches the desktop tools rebuild for the whole
	# folder (mimeinfo.cache, icon-theme.cache); they must no longer name Ferry.
	left=$(find "$prefix" -type f ! -name mimeinfo.cache ! -name icon-theme.cache)
	[ -z "$left" ] || fail "install.sh --uninstall left $left"
	if grep -rqs io.ferry.app "$prefix"; then fail "a cache in $prefix still names io.ferry.app"; fi
done
ok "archive: same files as the .deb; install.sh installs (valid desktop entry) and uninstalls"

# --- 3. the installed app against a real server -----------------------------------
srv() { jq -r --arg k "$1" '[.[] | select(.name == "vsftpd")][0][$k]' "$servers"; }
host=$(srv host) port=$(srv port) user=$(srv user) log=$(srv log)
password=$(jq -rn --arg p "$(srv password)" '$p | @uri')
[ -f "$log" ] || fail "no vsftpd log at $log"
# The server's certificate, trusted as a user does with "Always trust", so that
# the app goes straight on to log in (the dialog itself is tested in ui/).
config=$work/config
mkdir -p "$config" "$work/home"
openssl s_client -starttls ftp -connect "$host:$port" -servername "$host" </dev/null 2>/dev/null |
	openssl x509 -outform DER >"$work/leaf.der" || fail "cannot read vsftpd's certificate"
fingerprint=$(openssl x509 -inform DER -in "$work/leaf.der" -noout -fingerprint -sha256 | sed 's/^.*=//')
jq -n --arg addr "$host:$port" --arg fp "$fingerprint" --arg der "$(base64 -w0 "$work/leaf.der")" \
	'{version: 1, certs: [{addr: $addr, sha256: $fp, der: $der, added: "2000-01-01T00:00:00Z"}]}' \
	>"$config/trusted-certs.json"

exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
exec 3>&-
deadline=$((SECONDS + wait_s))
until [ -s "$work/display" ]; do
	[ $SECONDS -lt $deadline ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
	kill -0 "${pids[0]}" 2>/dev/null || fail "Xvfb exited: $(cat "$work/xvfb.log")"
	sleep 0.1
done
display=:$(head -1 "$work/display")

# A link opened as the desktop opens it: xdg-open (generic mode, in a clean
# environment) finds the scheme's handler from the unpacked root's desktop
# entries, as the .deb's trigger leaves them, and runs its Exec line.
update-desktop-database "$inst/usr/share/applications"
mkdir -p "$work/home/.config" "$work/home/.local/share"
desktop_env=(env -i PATH="$inst/usr/bin:/usr/bin:/bin" HOME="$work/home" LANG=C.UTF-8
	DISPLAY="$display" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
	XDG_DATA_DIRS="$inst/usr/share" FERRY_CONFIG_DIR="$config")
for scheme in ftp ftps ftpes; do
	handler=$("${desktop_env[@]}" xdg-mime query default "x-scheme-handler/$scheme")
	[ "$handler" = io.ferry.app.desktop ] || fail "$scheme:// links go to '$handler', not io.ferry.app.desktop"
done
ok "xdg-mime: ftp, ftps and ftpes links go to io.ferry.app.desktop"

offset=$(stat -c %s "$log")
url="ftp://$user:$password@$host:$port/nested"
# In a session of its own, so that cleanup ends xdg-open and the ferry it ran.
setsid "${desktop_env[@]}" xdg-open "$url" >"$work/ferry.log" 2>&1 &
ferry=$!
pids+=("-$ferry")

# The server's dialogue with this client, in order: login, CWD to the URL's
# folder accepted, listing sent.
opened() {
	tail -c +"$((offset + 1))" "$log" | awk '
		/OK LOGIN: Client/ { login = 1 }
		login && /FTP command: .*"CWD \/nested"/ { cwd = 1; next }
		cwd && /FTP response: .*"250 / { cwd_ok = 1 }
		cwd_ok && /FTP response: .*"226 Directory send OK/ { listed = 1 }
		END { exit !listed }'
}
window() { grep -q '"Ferry"' <<<"$(DISPLAY=$display xwininfo -root -tree 2>/dev/null)"; }
until opened && window; do
	kill -0 "$ferry" 2>/dev/null || fail "xdg-open or ferry exited: $(cat "$work/ferry.log")"
	if [ $SECONDS -ge $deadline ]; then
		tail -c +"$((offset + 1))" "$log" | tail -20 >&2
		fail "within ${wait_s}s: window $(window && echo shown || echo missing), server dialogue $(opened && echo complete || echo incomplete)"
	fi
	sleep 0.2
done
ok "xdg-open ftp://$user:***@$host:$port/nested: window \"Ferry\" shown on $display; vsftpd logged the login, CWD /nested and the listing"
if [ -n "${RELEASE_CHECK_SCREENSHOT:-}" ]; then
	DISPLAY=$display import -window root "$RELEASE_CHECK_SCREENSHOT"
	ok "screenshot in $RELEASE_CHECK_SCREENSHOT"
fi

# --- 4. the Windows files --------------------------------------------------------
"$here/check-windows.sh"
