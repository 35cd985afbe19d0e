#!/usr/bin/env bash
# Starts FTP servers in two network namespaces of their own, for FXP tests in which a
# PORT names an address other than the client's (the one case bounce protection acts
# on), and describes them in STATE_DIR/netns-servers.json.
#
#   .ci/servers/netns-start.sh STATE_DIR
#
# STATE_DIR is the folder .ci/servers/start.sh filled: its servers.json gives the test
# account's password (start.sh sets it; this script never changes it). Everything of
# this script lives in STATE_DIR/netns/. Needs root and iproute2.
#
# Layout (private addresses only, inside namespaces this script creates):
#   root namespace: client, forwarding between the two veth links
#   ferryns1: 10.201.0.2 (veth to 10.201.0.1)  proftpd :2121 (AllowForeignAddress on)
#                                               proftpd-strict :2122 (off)
#   ferryns2: 10.202.0.2 (veth to 10.202.0.1)  vsftpd :2121 (promiscuous)
#                                               vsftpd-strict :2122 (stock bounce checks)
# A server in ferryns1 sees the client as 10.201.0.1 and the other server as 10.202.0.2:
# foreign, as it would be on the Internet.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=netns-lib.sh
. "$HERE/netns-lib.sh"

[ $# -eq 1 ] || ferry_die "usage: $0 STATE_DIR"
ferry_become_root "$@"
command -v ip >/dev/null 2>&1 || ferry_die "ip (iproute2) not found: run .ci/servers/install.sh"
missing=$(ferry_missing)
[ -z "$missing" ] || ferry_die "servers not installed (run .ci/servers/install.sh): missing $(echo "$missing" | paste -sd',')"

TOP=$(cd "$1" && pwd -P) || ferry_die "$1 does not exist: run .ci/servers/start.sh $1 first"
[ -f "$TOP/servers.json" ] || ferry_die "$TOP/servers.json missing: run .ci/servers/start.sh $TOP first"
user=$FERRY_TEST_USER
password=$(jq -r --arg u "$user" '[.[] | select(.user == $u)][0].password' "$TOP/servers.json")
[ -n "$password" ] && [ "$password" != null ] || ferry_die "no password for $user in $TOP/servers.json"
IFS=: read -r _ _ uid gid _ _ _ < <(getent passwd "$user")

NS_ROOT=$TOP/netns
"$HERE/netns-stop.sh" --any "$TOP" # a dead run's namespaces, if any
rm -rf "$NS_ROOT"
mkdir -p "$NS_ROOT/run"
chmod 0755 "$NS_ROOT"
started_ok=no
on_exit() {
	[ "$started_ok" = yes ] && return 0
	"$HERE/netns-stop.sh" "$TOP" >/dev/null 2>&1 || true
}
trap on_exit EXIT
trap 'ferry_log "netns-start.sh failed at line $LINENO: $BASH_COMMAND"' ERR

# --- namespaces, veth pairs, forwarding --------------------------------------------
cat /proc/sys/net/ipv4/ip_forward >"$NS_ROOT/run/ip_forward.saved"
for k in 1 2; do
	ns=$(ferry_ns_name "$k")
	ip netns add "$ns" || ferry_die "cannot create network namespace $ns (ip netns add): FXP refusal tests need it"
	ip link add "$(ferry_veth_host "$k")" type veth peer name "$(ferry_veth_ns "$k")"
	ip link set "$(ferry_veth_ns "$k")" netns "$ns"
	ip addr add "$(ferry_ns_gateway "$k")/24" dev "$(ferry_veth_host "$k")"
	ip link set "$(ferry_veth_host "$k")" up
	ip -n "$ns" addr add "$(ferry_ns_addr "$k")/24" dev "$(ferry_veth_ns "$k")"
	ip -n "$ns" link set lo up
	ip -n "$ns" link set "$(ferry_veth_ns "$k")" up
	ip -n "$ns" route add default via "$(ferry_ns_gateway "$k")"
	# Forwarding only between our two links, not for the machine's other interfaces.
	sysctl -q -w "net.ipv4.conf.$(ferry_veth_host "$k").forwarding=1"
done
echo 1 >/proc/sys/net/ipv4/ip_forward

# --- TLS certificate for the namespace addresses -------------------------------------
tls=$NS_ROOT/tls
mkdir -p "$tls"
openssl req -x509 -new -newkey rsa:2048 -nodes -days 30 -sha256 -keyout "$tls/server.key" -out "$tls/server.pem" \
	-subj "/CN=Ferry netns test server" -addext "subjectAltName=IP:$(ferry_ns_addr 1),IP:$(ferry_ns_addr 2)" \
	2>"$tls/openssl.log" || ferry_die "openssl failed: $(cat "$tls/openssl.log")"
chmod 0600 "$tls/server.key"
chmod 0644 "$tls/server.pem"

# --- servers -----------------------------------------------------------------------
# shellcheck source=seed.sh
. "$HERE/seed.sh"
# shellcheck source=configs.sh
. "$HERE/configs.sh"

# instance K NAME PORT PMIN PMAX: writes the configuration with configs.sh into the
# namespace's own state folder, moves its addresses from 127.0.0.1 to the namespace's,
# and starts it inside the namespace.
instance() {
	local k=$1 name=$2 port=$3 pmin=$4 pmax=$5 ns addr bin pid
	ns=$(ferry_ns_name "$k")
	addr=$(ferry_ns_addr "$k")
	STATE=$NS_ROOT/$ns
	mkdir -p "$STATE/$name" "$STATE/empty" "$STATE/homes" "$STATE/anon"
	chmod 0755 "$STATE" "$STATE/homes" "$STATE/anon"
	cp -a "$NS_ROOT/seed" "$STATE/homes/$name"
	chown -R -h "$uid:$gid" "$STATE/homes/$name"
	case $name in
	vsftpd*)
		write_vsftpd_conf "$name" "$port" "$pmin" "$pmax"
		sed -i "s/^listen_address=127.0.0.1$/listen_address=$addr/; s/^pasv_address=127.0.0.1$/pasv_address=$addr/" "$STATE/$name/vsftpd.conf"
		bin=$VSFTPD_BIN
		set -- "$STATE/$name/vsftpd.conf"
		;;
	proftpd*)
		write_proftpd_conf "$name" "$port" "$pmin" "$pmax"
		sed -i "s/^DefaultAddress 127.0.0.1$/DefaultAddress $addr/" "$STATE/$name/proftpd.conf"
		# After SSCN ON ProFTPD is the TLS client of the other server and verifies
		# its certificate: it must know the issuer (here the self-signed one).
		echo "TLSCACertificateFile $tls/server.pem" >>"$STATE/$name/proftpd.conf"
		bin=$PROFTPD_BIN
		set -- -n -q -c "$STATE/$name/proftpd.conf"
		;;
	esac
	grep -q "$addr" "$STATE/$name/"*.conf || ferry_die "could not move $name to $addr"
	ip netns exec "$ns" setsid "$bin" "$@" </dev/null >"$STATE/$name/stdout.log" 2>&1 &
	pid=$!
	printf '%s %s %s %s\n' "$pid" "$(ferry_proc_start_time "$pid" || echo 0)" "$bin" "$ns" >"$NS_ROOT/run/$ns-$name.pid"
}

ferry_seed_tree "$NS_ROOT/seed"
instance 1 proftpd 2121 30000 30099
instance 1 proftpd-strict 2122 30100 30199
instance 2 vsftpd 2121 30000 30099
instance 2 vsftpd-strict 2122 30100 30199

for spec in 1:proftpd:2121 1:proftpd-strict:2122 2:vsftpd:2121 2:vsftpd-strict:2122; do
	IFS=: read -r k name port <<<"$spec"
	ferry_wait_banner "$(ferry_ns_addr "$k")" "$port" "$NS_ROOT/$(ferry_ns_name "$k")/$name" ||
		ferry_die "$name in $(ferry_ns_name "$k") did not greet on $(ferry_ns_addr "$k"):$port"
done
# The two namespaces must reach each other through the root namespace.
ip netns exec "$(ferry_ns_name 1)" bash -c "exec 3<>/dev/tcp/$(ferry_ns_addr 2)/2121" 2>/dev/null ||
	ferry_die "$(ferry_ns_name 1) cannot reach $(ferry_ns_addr 2): is forwarding blocked by a firewall?"

# --- netns-servers.json ------------------------------------------------------------
json_entry() {
	local k=$1 name=$2 port=$3 pmin=$4 pmax=$5 strict software log
	case $name in
	*-strict) strict=true ;;
	*) strict=false ;;
	esac
	case $name in
	vsftpd*) software=vsftpd log=$NS_ROOT/$(ferry_ns_name "$k")/$name/vsftpd.log ;;
	proftpd*) software=proftpd log=$NS_ROOT/$(ferry_ns_name "$k")/$name/commands.log ;;
	esac
	printf '  {"name": %s, "software": "%s", "netns": "%s", "strict": %s,\n' \
		"$(ferry_json_str "$(ferry_ns_name "$k")-$name")" "$software" "$(ferry_ns_name "$k")" "$strict"
	printf '   "host": "%s", "port": %d, "pasv_min": %d, "pasv_max": %d, "active": true,\n' \
		"$(ferry_ns_addr "$k")" "$port" "$pmin" "$pmax"
	printf '   "user": %s, "password": %s, "home": %s, "chroot": true, "anonymous": false,\n' \
		"$(ferry_json_str "$user")" "$(ferry_json_str "$password")" "$(ferry_json_str "$NS_ROOT/$(ferry_ns_name "$k")/homes/$name")"
	printf '   "tls": true, "ca": %s, "sscn": %s,\n' "$(ferry_json_str "$tls/server.pem")" \
		"$([ "$software" = proftpd ] && echo true || echo false)"
	printf '   "fxp": %s, "mlsd": %s, "log": %s}' \
		"$([ "$strict" = true ] && echo false || echo true)" "$([ "$software" = proftpd ] && echo true || echo false)" \
		"$(ferry_json_str "$log")"
}
{
	echo "["
	json_entry 1 proftpd 2121 30000 30099
	echo ","
	json_entry 1 proftpd-strict 2122 30100 30199
	echo ","
	json_entry 2 vsftpd 2121 30000 30099
	echo ","
	json_entry 2 vsftpd-strict 2122 30100 30199
	printf '\n]\n'
} >"$TOP/netns-servers.json.tmp"
chmod 0644 "$TOP/netns-servers.json.tmp"
mv "$TOP/netns-servers.json.tmp" "$TOP/netns-servers.json"
started_ok=yes
ferry_log "started 4 servers in $(ferry_ns_name 1) ($(ferry_ns_addr 1)) and $(ferry_ns_name 2) ($(ferry_ns_addr 2)); see $TOP/netns-servers.json"
