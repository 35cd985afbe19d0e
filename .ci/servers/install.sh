#!/usr/bin/env bash
# Installs what Ferry's interop tests and benchmark need: ProFTPD (with mod_tls) through
# apt, vsftpd and Pure-FTPd unpacked into a private folder, their runtime libraries,
# openssl, curl, lftp and iproute2, and the system accounts the daemons use.
#
# Idempotent: when everything is already there it returns at once without touching apt;
# otherwise it does only the missing steps. Needs root (re-runs itself through sudo
# otherwise). Debian 12 or a recent Ubuntu.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

missing=$(ferry_missing)
if [ -z "$missing" ]; then
	exit 0
fi
ferry_become_root "$@"
trap 'ferry_log "install.sh failed at line $LINENO: $BASH_COMMAND"' ERR

ferry_log "installing; missing: $(echo "$missing" | paste -sd',' | sed 's/,/, /g')"
command -v apt-get >/dev/null 2>&1 || ferry_die "apt-get not found: only Debian and Ubuntu are supported"

# Two install.sh at once (parallel make) would fight over apt and the cache folder.
mkdir -p "$FERRY_SERVERS_CACHE"
exec 9>"$FERRY_SERVERS_CACHE/.install.lock"
flock 9

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-q -y -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
apt_has() { apt-cache show "$1" >/dev/null 2>&1; }
libs_broken() { [ -x "$1" ] && LC_ALL=C ldd "$1" 2>/dev/null | grep -q 'not found'; }

work=$(mktemp -d /tmp/ferry-servers-install.XXXXXX)
chmod 0755 "$work"
policy=/usr/sbin/policy-rc.d
policy_replaced=no
cleanup() {
	if [ "$policy_replaced" = yes ]; then
		if [ -e "$work/policy-rc.d.orig" ]; then
			cp -p "$work/policy-rc.d.orig" "$policy"
		else
			rm -f "$policy"
		fi
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- accounts ----------------------------------------------------------------------
getent group nogroup >/dev/null || groupadd --system nogroup
getent passwd nobody >/dev/null || useradd --system --no-create-home --home-dir /nonexistent \
	--shell /usr/sbin/nologin --gid nogroup nobody
# The anonymous account: created before ProFTPD's postinst would make one of its own,
# with a marker in its GECOS so start.sh knows it may point its home at a state folder
# (Pure-FTPd serves anonymous users from that home and has no option to change it).
if ! getent passwd ftp >/dev/null; then
	ferry_log "creating system user ftp"
	useradd --system --no-create-home --home-dir "$FERRY_ANON_ROOT" --shell /usr/sbin/nologin \
		--gid nogroup --comment "$FERRY_FTP_GECOS" ftp
fi

# --- what is missing ---------------------------------------------------------------
need_unpack=no
[ -x "$VSFTPD_BIN" ] && [ -x "$PUREFTPD_BIN" ] && [ -x "$PUREPW_BIN" ] && [ -f "$FERRY_SERVERS_CACHE/versions" ] || need_unpack=yes
need_libs=$need_unpack
libs_broken "$VSFTPD_BIN" && need_libs=yes
libs_broken "$PUREFTPD_BIN" && need_libs=yes
libs_broken "$PUREPW_BIN" && need_libs=yes
pkgs=()
for pair in openssl:openssl curl:curl lftp:lftp jq:jq ss:iproute2 setsid:util-linux flock:util-linux \
	useradd:passwd usermod:passwd chpasswd:passwd sha256sum:coreutils; do
	command -v "${pair%%:*}" >/dev/null 2>&1 || pkgs+=("${pair#*:}")
done
need_proftpd=no
if [ ! -x "$PROFTPD_BIN" ] || [ ! -f "$PROFTPD_MODULES/mod_tls.so" ] || libs_broken "$PROFTPD_BIN"; then
	need_proftpd=yes
fi

if [ "$need_libs" = yes ] || [ "$need_proftpd" = yes ] || [ "${#pkgs[@]}" -gt 0 ]; then
	# A machine whose package lists were never fetched (fresh containers) knows no package.
	if ! apt_has vsftpd || ! apt_has pure-ftpd; then
		ferry_log "package lists lack vsftpd/pure-ftpd: running apt-get update"
		apt-get -q -o DPkg::Lock::Timeout=600 update
	fi
	apt_has vsftpd || ferry_die "apt knows no vsftpd package (is the main/universe component enabled?)"
	apt_has pure-ftpd || ferry_die "apt knows no pure-ftpd package (is the main/universe component enabled?)"
fi

# --- vsftpd and pure-ftpd: fetch the .debs, take their library dependencies ----------
if [ "$need_libs" = yes ]; then
	(cd "$work" && apt-get -q -o APT::Sandbox::User=root download vsftpd pure-ftpd)
	vs_deb=$(ls "$work"/vsftpd_*.deb)
	pure_deb=$(ls "$work"/pure-ftpd_*.deb)
	# Only the lib* ones: the rest (debconf, adduser, pure-ftpd-common...) serve
	# maintainer scripts and configuration helpers that are not used here.
	mapfile -t -O "${#pkgs[@]}" pkgs < <(for d in "$vs_deb" "$pure_deb"; do dpkg-deb -f "$d" Depends; done |
		tr ',' '\n' | sed -e 's/|.*//' -e 's/(.*)//' -e 's/[[:space:]]//g' | grep '^lib' | sort -u)
fi

# --- apt ---------------------------------------------------------------------------
proftpd_was_installed=no
[ -x "$PROFTPD_BIN" ] && proftpd_was_installed=yes
if [ "$need_proftpd" = yes ]; then
	if apt_has proftpd-core; then
		pkgs+=(proftpd-core)
		# Since ProFTPD 1.3.8, mod_tls ships in proftpd-mod-crypto.
		apt_has proftpd-mod-crypto && pkgs+=(proftpd-mod-crypto)
	else
		pkgs+=(proftpd-basic)
	fi
fi
if [ "${#pkgs[@]}" -gt 0 ]; then
	# Maintainer scripts would start ProFTPD on port 21: a policy-rc.d answering 101
	# ("action forbidden") stops invoke-rc.d and deb-systemd-invoke from doing so.
	[ -e "$policy" ] && cp -p "$policy" "$work/policy-rc.d.orig"
	policy_replaced=yes
	printf '#!/bin/sh\n# Temporary: Ferry test-server install in progress.\nexit 101\n' >"$policy"
	chmod 0755 "$policy"
	ferry_log "apt-get install ${pkgs[*]}"
	apt-get "${APT_OPTS[@]}" install --no-install-recommends --no-upgrade "${pkgs[@]}"
fi
# A fresh ProFTPD package leaves its units enabled: keep port 21 free after a reboot too.
if [ "$proftpd_was_installed" = no ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
	systemctl disable --now proftpd.service proftpd.socket >/dev/null 2>&1 || true
fi

# --- unpack ------------------------------------------------------------------------
if [ "$need_unpack" = yes ]; then
	# Unpack into fresh folders, then swap them in: a half-unpacked tree is never used.
	for pair in "vsftpd:$vs_deb" "pure-ftpd:$pure_deb"; do
		name=${pair%%:*}
		deb=${pair#*:}
		rm -rf "$FERRY_SERVERS_CACHE/$name.new"
		dpkg -x "$deb" "$FERRY_SERVERS_CACHE/$name.new"
		rm -rf "${FERRY_SERVERS_CACHE:?}/$name"
		mv "$FERRY_SERVERS_CACHE/$name.new" "$FERRY_SERVERS_CACHE/$name"
	done
	for deb in "$vs_deb" "$pure_deb"; do
		dpkg-deb -f "$deb" Package Version | sed 's/^[A-Za-z]*: //' | paste -sd' '
	done >"$FERRY_SERVERS_CACHE/versions"
fi

# --- small files -------------------------------------------------------------------
# The unpacked vsftpd has no PAM service; this one is Debian's minus /etc/ftpusers and
# pam_shells (the test user's shell is nologin).
if [ ! -f "/etc/pam.d/$FERRY_PAM_SERVICE" ]; then
	cat >"/etc/pam.d/$FERRY_PAM_SERVICE" <<'EOF'
# PAM service for the vsftpd instances of Ferry's interop tests (.ci/servers).
@include common-auth
@include common-account
@include common-session-noninteractive
EOF
fi
still=$(ferry_missing)
[ -z "$still" ] || ferry_die "installation incomplete, still missing: $(echo "$still" | paste -sd',')"
ferry_log "installed: proftpd $("$PROFTPD_BIN" -v 2>&1 | awk '{print $NF}'), $(paste -sd',' "$FERRY_SERVERS_CACHE/versions")"
