#!/usr/bin/env bash
# Runs bench-mirror.sh over a link with latency: wan/delay_proxy.py listens
# on 127.0.0.2 in front of the local vsftpd's control port and passive range
# and delays every byte by half of RTT_MS (50) each way. Passive mode only
# (EPSV: the data connections go to the control connection's address, the
# proxy's). 200 files of 4 KiB in two folders by default.
#
#   FERRY_CLI=bin/ferry-cli .ci/servers/with-servers.sh .ci/bench-wan.sh
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RTT_MS=${RTT_MS:-50}
SERVER=${BENCH_SERVER:-vsftpd}
PROXY_HOST=${PROXY_HOST:-127.0.0.2}

die() { echo "bench-wan: $*" >&2; exit 1; }
[ -n "${FERRY_INTEROP_SERVERS:-}" ] || die "FERRY_INTEROP_SERVERS is not set: run under .ci/servers/with-servers.sh"
command -v python3 >/dev/null || die "python3 is missing"

entry=$(jq -c --arg n "$SERVER" '[.[] | select(.name == $n)][0]' "$FERRY_INTEROP_SERVERS")
[ "$entry" != null ] || die "no server named $SERVER in $FERRY_INTEROP_SERVERS"
host=$(jq -r .host <<<"$entry")
port=$(jq -r .port <<<"$entry")
ports="$port,$(jq -r .pasv_min <<<"$entry")-$(jq -r .pasv_max <<<"$entry")"

log=$(mktemp /tmp/ferry-bench-wan.XXXXXX)
python3 "$HERE/wan/delay_proxy.py" --delay-ms $((RTT_MS / 2)) --listen "$PROXY_HOST" --to "$host" --ports "$ports" >"$log" 2>&1 &
proxy=$!
# The script's status is its own: under set -e, waiting for the killed proxy
# (status 143) ended the script with that status, and `make bench` stopped
# before the window's benchmark.
trap 'st=$?; kill "$proxy" 2>/dev/null; wait "$proxy" 2>/dev/null || true; rm -f "$log"; exit "$st"' EXIT
for _ in $(seq 1 100); do
	grep -q '^ready' "$log" && break
	kill -0 "$proxy" 2>/dev/null || { cat "$log" >&2; die "the delay proxy did not start"; }
	sleep 0.1
done
grep -q '^ready' "$log" || die "the delay proxy is not ready"

BENCH_HOST=$PROXY_HOST BENCH_LABEL="${RTT_MS} ms RTT" FILES=${FILES:-200} FOLDERS=${FOLDERS:-2} \
	"$HERE/bench-mirror.sh"
