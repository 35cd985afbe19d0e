# Shared definitions for Ferry's real-FTP-server test harness.
# Sourced by the other scripts of this folder; not run directly.
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file

# Where the unpacked vsftpd and pure-ftpd live (they are never installed with dpkg,
# because vsftpd, proftpd-core and pure-ftpd all conflict on "ftp-server").
FERRY_SERVERS_CACHE=${FERRY_SERVERS_CACHE:-/var/cache/ferry-test-servers}
VSFTPD_BIN=$FERRY_SERVERS_CACHE/vsftpd/usr/sbin/vsftpd
PUREFTPD_BIN=$FERRY_SERVERS_CACHE/pure-ftpd/usr/sbin/pure-ftpd
PROFTPD_BIN=/usr/sbin/proftpd
PROFTPD_MODULES=/usr/lib/proftpd
# vsftpd unpacked from its .deb has no PAM service; install.sh writes this one.
FERRY_PAM_SERVICE=ferry-vsftpd
# Accounts: the test user the suites log in as, and the anonymous account.
FERRY_TEST_USER=${FERRY_TEST_USER:-ferrytest}
FERRY_TEST_GECOS="Ferry interop test user"
FERRY_FTP_GECOS="Ferry test anonymous FTP"
PUREPW_BIN=$FERRY_SERVERS_CACHE/pure-ftpd/usr/bin/pure-pw
# Shared by every state folder: the test user's password (made once), the anonymous
# root (the ftp account's home), and the test user's passwd home, an empty folder
# (each server is pointed at a per-instance home of its own instead).
FERRY_PASSWORD_FILE=$FERRY_SERVERS_CACHE/test-password
FERRY_ANON_ROOT=$FERRY_SERVERS_CACHE/anon
FERRY_NOHOME=$FERRY_SERVERS_CACHE/nohome
# Marker file that identifies a state folder created by start.sh.
FERRY_STATE_MARKER=.ferry-test-servers

# The instances, in a fixed order: the index decides the ports (see start.sh).
FERRY_INSTANCES=(vsftpd vsftpd-reuse vsftpd-strict proftpd proftpd-strict pure-ftpd)

ferry_log() { printf '[ferry-servers] %s\n' "$*" >&2; }
ferry_die() {
	printf '[ferry-servers] ERROR: %s\n' "$*" >&2
	exit 1
}

# ferry_become_root re-executes the calling script as root (through sudo) unless it
# already runs as root: the servers must start as root to serve system users.
ferry_become_root() {
	[ "$(id -u)" -eq 0 ] && return 0
	command -v sudo >/dev/null 2>&1 || ferry_die "must run as root (sudo is not available)"
	ferry_log "not root: re-running through sudo"
	exec sudo --preserve-env=FERRY_SERVERS_CACHE,FERRY_SERVERS_SLOT,FERRY_TEST_USER -- "$0" "$@"
}

# ferry_missing prints one line per missing piece of the installation (nothing when all
# is present); install.sh uses it as its fast path and start.sh before starting.
ferry_missing() {
	local c
	[ -x "$PROFTPD_BIN" ] || echo "proftpd ($PROFTPD_BIN)"
	[ -f "$PROFTPD_MODULES/mod_tls.so" ] || echo "proftpd mod_tls ($PROFTPD_MODULES/mod_tls.so)"
	[ -x "$VSFTPD_BIN" ] || echo "vsftpd ($VSFTPD_BIN)"
	[ -x "$PUREFTPD_BIN" ] || echo "pure-ftpd ($PUREFTPD_BIN)"
	[ -x "$PUREPW_BIN" ] || echo "pure-pw ($PUREPW_BIN)"
	for c in "$PROFTPD_BIN" "$VSFTPD_BIN" "$PUREFTPD_BIN"; do
		[ -x "$c" ] || continue
		if LC_ALL=C ldd "$c" 2>/dev/null | grep -q 'not found'; then
			echo "shared libraries of $c"
		fi
	done
	for c in openssl curl lftp jq ss setsid flock useradd usermod chpasswd getent sha256sum; do
		command -v "$c" >/dev/null 2>&1 || echo "command $c"
	done
	getent passwd ftp >/dev/null || echo "user ftp"
	getent passwd nobody >/dev/null || echo "user nobody"
	getent group nogroup >/dev/null || echo "group nogroup"
	[ -f "/etc/pam.d/$FERRY_PAM_SERVICE" ] || echo "PAM service /etc/pam.d/$FERRY_PAM_SERVICE"
}

# ferry_json_str prints its argument as a JSON string literal.
ferry_json_str() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\"/\\\"}
	s=${s//$'\t'/\\t}
	s=${s//$'\n'/\\n}
	s=${s//$'\r'/\\r}
	printf '"%s"' "$s"
}

# ferry_proc_start_time prints a process's start time (field 22 of /proc/PID/stat),
# used with the PID so that a recycled PID is never mistaken for one of ours.
ferry_proc_start_time() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	# The command name (field 2) may contain spaces; cut after its closing parenthesis.
	stat=${stat##*) }
	# shellcheck disable=SC2086
	set -- $stat
	# After the cut, field 3 (state) is $1, so field 22 is $20.
	printf '%s\n' "${20}"
}

# ferry_proc_session prints a process's session id (field 6 of /proc/PID/stat).
ferry_proc_session() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	# shellcheck disable=SC2086
	set -- $stat
	printf '%s\n' "$4"
}

# ferry_ftp_banner connects to 127.0.0.1:PORT and prints the last line of the greeting
# (e.g. "220 (vsFTPd 3.0.3)" or "500 OOPS: ..."); prints nothing if nobody answers.
ferry_ftp_banner() {
	local port=$1 line fd
	exec {fd}<>"/dev/tcp/127.0.0.1/$port" || return 0
	while IFS= read -r -t 5 line <&"$fd"; do
		line=${line%$'\r'}
		case $line in
		[0-9][0-9][0-9]-*) continue ;;
		*)
			printf '%s\n' "$line"
			break
			;;
		esac
	done
	{ printf 'QUIT\r\n' >&"$fd"; } 2>/dev/null || true
	exec {fd}>&-
}
