#!/usr/bin/env bash
# Starts real vsftpd, ProFTPD and Pure-FTPd instances on 127.0.0.1 for Ferry's interop
# tests and describes them in STATE_DIR/servers.json (the only source of truth for
# ports, credentials and folders).
#
#   .ci/servers/start.sh STATE_DIR
#
# STATE_DIR must be empty, missing, or a folder an earlier start.sh made (its servers
# are then stopped and everything in it is recreated). Needs install.sh to have run.
# Several state folders may run at once (each takes free ports); they share the test
# user, its password and the read-only anonymous tree.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ $# -eq 1 ] || ferry_die "usage: $0 STATE_DIR"
ferry_become_root "$@"

missing=$(ferry_missing)
[ -z "$missing" ] || ferry_die "servers not installed (run .ci/servers/install.sh): missing $(echo "$missing" | paste -sd',')"

mkdir -p "$1"
STATE=$(cd "$1" && pwd -P)
if [ -n "$(ls -A "$STATE")" ] && [ ! -f "$STATE/$FERRY_STATE_MARKER" ]; then
	ferry_die "$STATE is not empty and was not made by start.sh: refusing to use it"
fi
# Daemons reach their folders after dropping privileges, and tests read the homes:
# every ancestor of the state folder must be searchable by everyone.
d=$STATE
while [ "$d" != / ]; do
	d=$(dirname "$d")
	[ "$(($(stat -c '%#a' "$d") & 1))" -eq 1 ] ||
		ferry_die "$d is not searchable by other users (mode $(stat -c %a "$d")): put STATE_DIR elsewhere, e.g. under /tmp"
done

exec 8>"$FERRY_SERVERS_CACHE/.start.lock"
flock 8

if [ -f "$STATE/$FERRY_STATE_MARKER" ]; then
	"$HERE/stop.sh" "$STATE"
	# Only what start.sh makes: companions (netns-start.sh) keep their own folders.
	rm -rf "$STATE/run" "$STATE/tls" "$STATE/homes" "$STATE/empty" "$STATE/ca.pem" \
		"$STATE/servers.json" "$STATE/servers.json.tmp" "$STATE/seed"
	for name in "${FERRY_INSTANCES[@]}"; do rm -rf "${STATE:?}/$name"; done
fi
chmod 0755 "$STATE"
echo "Ferry interop test servers state folder (see .ci/servers/start.sh)" >"$STATE/$FERRY_STATE_MARKER"
mkdir -p "$STATE/run" "$STATE/tls" "$STATE/homes" "$STATE/empty"
started_ok=no
on_exit() {
	[ "$started_ok" = yes ] && return 0
	"$HERE/stop.sh" "$STATE" >/dev/null 2>&1 || true
}
trap on_exit EXIT
trap 'ferry_log "start.sh failed at line $LINENO: $BASH_COMMAND"' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

# --- ports: the first free slot wins; FERRY_SERVERS_SLOT forces one --------------------
# Slot k: control ports 2121+10k .. +5, passive ranges 20000+600k+100i .. +99 for
# instance i (below the kernel's ephemeral range, which starts at 32768).
port_busy() { [ -n "$(ss -Hltn "sport >= :$1 and sport <= :$2" 2>/dev/null)" ]; }
slot_free() {
	local k=$1 i
	local cbase=$((2121 + 10 * k)) pbase=$((20000 + 600 * k))
	port_busy "$cbase" "$((cbase + ${#FERRY_INSTANCES[@]} - 1))" && return 1
	port_busy "$pbase" "$((pbase + 100 * ${#FERRY_INSTANCES[@]} - 1))" && return 1
	return 0
}
slot=
if [ -n "${FERRY_SERVERS_SLOT:-}" ]; then
	slot=$FERRY_SERVERS_SLOT
	slot_free "$slot" || ferry_die "ports of slot $slot are in use"
else
	for k in 0 1 2 3 4 5 6 7 8 9; do
		if slot_free "$k"; then
			slot=$k
			break
		fi
	done
	[ -n "$slot" ] || ferry_die "no free port slot (ports 2121-2216 / 20000-25999 all busy)"
fi
control_port() { echo $((2121 + 10 * slot + $1)); }
pasv_min() { echo $((20000 + 600 * slot + 100 * $1)); }
pasv_max() { echo $((20000 + 600 * slot + 100 * $1 + 99)); }

# --- TLS: a private CA and a certificate for 127.0.0.1 and localhost ------------------
tls=$STATE/tls
# The CA key is EC (quick to make); the server's is RSA, as on most real servers.
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 -sha256 \
	-keyout "$tls/ca.key" -out "$tls/ca.pem" -subj "/CN=Ferry interop test CA" \
	-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
	2>"$tls/openssl.log" || ferry_die "openssl (CA) failed: $(cat "$tls/openssl.log")"
openssl req -new -newkey rsa:2048 -nodes -keyout "$tls/server.key" -out "$tls/server.csr" \
	-subj "/CN=127.0.0.1" 2>>"$tls/openssl.log" || ferry_die "openssl (CSR) failed: $(cat "$tls/openssl.log")"
cat >"$tls/server.ext" <<'EOF'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EOF
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
	-days 365 -sha256 -extfile "$tls/server.ext" -out "$tls/server.pem" 2>>"$tls/openssl.log" ||
	ferry_die "openssl (certificate) failed: $(cat "$tls/openssl.log")"
chmod 0600 "$tls/ca.key" "$tls/server.key"
cp "$tls/ca.pem" "$STATE/ca.pem"
chmod 0644 "$STATE/ca.pem" "$tls/ca.pem" "$tls/server.pem"

# --- accounts ----------------------------------------------------------------------
# The test user and its password are the same for every state folder on the machine,
# so that several state folders (a developer's and `make test`'s) can run side by side.
user=$FERRY_TEST_USER
if [ ! -s "$FERRY_PASSWORD_FILE" ]; then
	(umask 077 && openssl rand -hex 12 >"$FERRY_PASSWORD_FILE")
fi
password=$(cat "$FERRY_PASSWORD_FILE")
mkdir -p "$FERRY_NOHOME"
chmod 0755 "$FERRY_NOHOME"
if ! getent passwd "$user" >/dev/null; then
	ferry_log "creating test user $user"
	useradd --no-create-home --home-dir "$FERRY_NOHOME" --shell /usr/sbin/nologin \
		--user-group --key UID_MIN=1000 --comment "$FERRY_TEST_GECOS" "$user"
fi
IFS=: read -r _ _ uid gid gecos home shell < <(getent passwd "$user")
[ "$gecos" = "$FERRY_TEST_GECOS" ] || ferry_die "user $user exists but was not made by this harness (GECOS '$gecos')"
[ "$home" = "$FERRY_NOHOME" ] || usermod --home "$FERRY_NOHOME" "$user"
[ "$shell" = /usr/sbin/nologin ] || usermod --shell /usr/sbin/nologin "$user"
[ "$uid" -ge 1000 ] || ferry_die "user $user has uid $uid; Pure-FTPd (-u 1000) needs 1000 or more"
# SHA-512 crypt (5000 rounds) rather than the system default (yescrypt): a login then
# costs milliseconds, not a fifth of a second, and the suites log in thousands of times.
current=$(getent shadow "$user" | cut -d: -f2)
salt=$(printf '%s' "$current" | cut -d'$' -f3)
if [[ $current != \$6\$* ]] || [ "$(openssl passwd -6 -salt "$salt" "$password")" != "$current" ]; then
	printf '%s:%s\n' "$user" "$(openssl passwd -6 "$password")" | chpasswd -e
fi

# Pure-FTPd takes the anonymous root from the home of "ftp": only an account that
# install.sh created is used; otherwise Pure-FTPd runs without anonymous access.
pure_anonymous=false
if [ "$(getent passwd ftp | cut -d: -f5)" = "$FERRY_FTP_GECOS" ]; then
	[ "$(getent passwd ftp | cut -d: -f6)" = "$FERRY_ANON_ROOT" ] || usermod --home "$FERRY_ANON_ROOT" ftp
	pure_anonymous=true
else
	ferry_log "the ftp account was not made by install.sh: pure-ftpd runs without anonymous access"
fi

# --- file trees --------------------------------------------------------------------
# shellcheck source=seed.sh
. "$HERE/seed.sh"
ferry_seed_tree "$STATE/seed"
for name in "${FERRY_INSTANCES[@]}"; do
	cp -a "$STATE/seed" "$STATE/homes/$name"
	chown -R -h "$uid:$gid" "$STATE/homes/$name"
done
chmod 0755 "$STATE/homes"
# The anonymous root is shared by all state folders (Pure-FTPd's is the ftp account's
# home): root-owned, read-only (vsftpd refuses a writable one), rebuilt only when
# seed.sh changes, and swapped in whole.
seed_id=$(sha256sum "$HERE/seed.sh" | cut -c1-16)
if [ "$(cat "$FERRY_ANON_ROOT/.seed-id" 2>/dev/null)" != "$seed_id" ]; then
	rm -rf "$FERRY_ANON_ROOT.new" "$FERRY_ANON_ROOT.old"
	mkdir -p "$FERRY_ANON_ROOT.new"
	cp -a "$STATE/seed" "$FERRY_ANON_ROOT.new/pub"
	echo "$seed_id" >"$FERRY_ANON_ROOT.new/.seed-id"
	chown -R -h root:root "$FERRY_ANON_ROOT.new"
	chmod 0755 "$FERRY_ANON_ROOT.new"
	[ -d "$FERRY_ANON_ROOT" ] && mv "$FERRY_ANON_ROOT" "$FERRY_ANON_ROOT.old"
	mv "$FERRY_ANON_ROOT.new" "$FERRY_ANON_ROOT"
	rm -rf "$FERRY_ANON_ROOT.old"
fi
rm -rf "$STATE/seed"

# Pure-FTPd's user database, private to this state folder (its -l unix would serve the
# system account's single home directory to every state folder).
mkdir -p "$STATE/pure-ftpd"
printf '%s:%s:%s:%s::%s/./::::::::::::\n' "$user" "$(openssl passwd -6 "$password")" "$uid" "$gid" \
	"$STATE/homes/pure-ftpd" >"$STATE/pure-ftpd/pureftpd.passwd"
"$PUREPW_BIN" mkdb "$STATE/pure-ftpd/pureftpd.pdb" -f "$STATE/pure-ftpd/pureftpd.passwd" ||
	ferry_die "pure-pw mkdb failed"
chmod 0600 "$STATE/pure-ftpd/pureftpd.passwd" "$STATE/pure-ftpd/pureftpd.pdb"

# --- configurations ----------------------------------------------------------------
# shellcheck source=configs.sh
. "$HERE/configs.sh"

# --- start and wait for each banner --------------------------------------------------
show_logs() {
	local f
	for f in "$STATE/$1"/*.log; do
		[ -s "$f" ] || continue
		printf -- '----- %s (last 40 lines) -----\n' "$f" >&2
		tail -n 40 "$f" >&2
	done
}

# launch NAME BINARY ARGS...: starts the daemon in a session of its own (so stop.sh
# can end it and every per-connection child) and records "PID START_TIME BINARY".
launch() {
	local name=$1 bin=$2 pid
	shift 2
	# fd 8 holds the start lock: the daemons must not inherit it.
	setsid "$bin" "$@" </dev/null >"$STATE/$name/stdout.log" 2>&1 8>&- &
	pid=$!
	printf '%s %s %s\n' "$pid" "$(ferry_proc_start_time "$pid" || echo 0)" "$bin" >"$STATE/run/$name.pid"
}

wait_banner() {
	local name=$1 port=$2 pid banner deadline=$((SECONDS + 20))
	read -r pid _ <"$STATE/run/$name.pid"
	while :; do
		if ! kill -0 "$pid" 2>/dev/null; then
			show_logs "$name"
			ferry_die "$name exited during start-up (port $port)"
		fi
		banner=$( (ferry_ftp_banner "$port") 2>/dev/null || true)
		case $banner in
		"220 "*) return 0 ;;
		"") ;;
		*)
			show_logs "$name"
			ferry_die "$name on port $port greets with '$banner' instead of 220"
			;;
		esac
		if [ "$SECONDS" -ge "$deadline" ]; then
			show_logs "$name"
			ferry_die "$name did not greet on port $port within 20 s"
		fi
		sleep 0.1
	done
}

i=0
for name in "${FERRY_INSTANCES[@]}"; do
	mkdir -p "$STATE/$name"
	port=$(control_port "$i")
	case $name in
	vsftpd*)
		write_vsftpd_conf "$name" "$port" "$(pasv_min "$i")" "$(pasv_max "$i")"
		launch "$name" "$VSFTPD_BIN" "$STATE/$name/vsftpd.conf"
		;;
	proftpd*)
		write_proftpd_conf "$name" "$port" "$(pasv_min "$i")" "$(pasv_max "$i")"
		launch "$name" "$PROFTPD_BIN" -n -q -c "$STATE/$name/proftpd.conf"
		;;
	pure-ftpd)
		args=(-S "127.0.0.1,$port" -p "$(pasv_min "$i"):$(pasv_max "$i")" -l "puredb:$STATE/$name/pureftpd.pdb" -A -H -4 -u 1000
			-i -w -W -Y 1 -2 "$tls/server.pem,$tls/server.key" -f none -c 200 -C 200
			-U 133:022 -g "$STATE/$name/pure-ftpd.pid" -O "clf:$STATE/$name/xfer.log")
		[ "$pure_anonymous" = true ] || args+=(-E)
		launch "$name" "$PUREFTPD_BIN" "${args[@]}"
		;;
	esac
	i=$((i + 1))
done
i=0
for name in "${FERRY_INSTANCES[@]}"; do
	wait_banner "$name" "$(control_port "$i")"
	i=$((i + 1))
done

# --- servers.json ------------------------------------------------------------------
version_of() {
	case $1 in
	vsftpd*) awk '$1 == "vsftpd" {print $2}' "$FERRY_SERVERS_CACHE/versions" ;;
	pure-ftpd) awk '$1 == "pure-ftpd" {print $2}' "$FERRY_SERVERS_CACHE/versions" ;;
	proftpd*) "$PROFTPD_BIN" -v 2>&1 | awk '{print $NF}' ;;
	esac
}
json_entry() {
	local name=$1 i=$2 software anonymous=true reuse fxp mlsd ascii log
	case $name in
	vsftpd*) software=vsftpd mlsd=false ascii=false log=$STATE/$name/vsftpd.log ;;
	proftpd*) software=proftpd mlsd=true ascii=true log=$STATE/$name/commands.log ;;
	pure-ftpd) software=pure-ftpd mlsd=true ascii=true log=$STATE/$name/xfer.log anonymous=$pure_anonymous ;;
	esac
	case $name in
	vsftpd | vsftpd-strict | pure-ftpd) reuse=false ;;
	*) reuse=true ;;
	esac
	case $name in
	vsftpd | proftpd | pure-ftpd) fxp=true ;;
	*) fxp=false ;;
	esac
	[ "$name" = vsftpd ] && ascii=true
	printf '  {"name": %s, "software": %s, "version": %s,\n' \
		"$(ferry_json_str "$name")" "$(ferry_json_str "$software")" "$(ferry_json_str "$(version_of "$name")")"
	printf '   "host": "127.0.0.1", "port": %d, "pasv_min": %d, "pasv_max": %d, "active": true,\n' \
		"$(control_port "$i")" "$(pasv_min "$i")" "$(pasv_max "$i")"
	printf '   "user": %s, "password": %s, "home": %s, "chroot": true,\n' \
		"$(ferry_json_str "$user")" "$(ferry_json_str "$password")" "$(ferry_json_str "$STATE/homes/$name")"
	printf '   "anonymous": %s, "anon_root": %s,\n' "$anonymous" "$(ferry_json_str "$FERRY_ANON_ROOT")"
	printf '   "tls": true, "tls_required": false, "tls_reuse_required": %s, "ca": %s,\n' \
		"$reuse" "$(ferry_json_str "$STATE/ca.pem")"
	printf '   "fxp": %s, "mlsd": %s, "ascii_conversion": %s, "log": %s}' \
		"$fxp" "$mlsd" "$ascii" "$(ferry_json_str "$log")"
}
{
	echo "["
	i=0
	for name in "${FERRY_INSTANCES[@]}"; do
		[ "$i" -gt 0 ] && echo ","
		json_entry "$name" "$i"
		i=$((i + 1))
	done
	printf '\n]\n'
} >"$STATE/servers.json.tmp"
chmod 0644 "$STATE/servers.json.tmp"
mv "$STATE/servers.json.tmp" "$STATE/servers.json"

started_ok=yes
ferry_log "started ${#FERRY_INSTANCES[@]} servers (slot $slot, control ports $(control_port 0)-$(control_port $((${#FERRY_INSTANCES[@]} - 1)))); see $STATE/servers.json"
