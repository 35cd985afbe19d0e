#!/usr/bin/env bash
# Stops what netns-start.sh started for STATE_DIR: the servers, the two network
# namespaces and their veth pairs, and restores the forwarding setting it changed.
# Idempotent. The namespaces have fixed names: without --any, those of another
# state folder (a test run beside a `make bench` that started servers without
# them) are left alone; netns-start.sh passes --any to clear a dead run's.
#
#   .ci/servers/netns-stop.sh [--any] STATE_DIR
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=netns-lib.sh
. "$HERE/netns-lib.sh"

args=("$@")
any=no
if [ "${1:-}" = --any ]; then
	any=yes
	shift
fi
[ $# -eq 1 ] || ferry_die "usage: $0 [--any] STATE_DIR"
run=$1/netns/run
ours=no
[ -d "$run" ] && ours=yes
if [ "$any" = yes ]; then
	for k in 1 2; do
		ip netns list 2>/dev/null | grep -qw "$(ferry_ns_name "$k")" && ours=yes
	done
fi
[ "$ours" = yes ] || exit 0
ferry_become_root "${args[@]}"

# The leaders recorded at start, if they are still those processes.
for f in "$run"/*.pid; do
	[ -e "$f" ] || continue
	read -r pid start bin _ <"$f" || true
	if [ -n "${pid:-}" ] && [ "$(ferry_proc_start_time "$pid" 2>/dev/null)" = "$start" ] &&
		[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$bin" ]; then
		kill -TERM "$pid" 2>/dev/null || true
	fi
	rm -f "$f"
done
# Whatever still runs inside the namespaces is theirs (per-connection children).
for k in 1 2; do
	ns=$(ferry_ns_name "$k")
	ip netns list 2>/dev/null | grep -qw "$ns" || continue
	for signal in TERM KILL; do
		mapfile -t left < <(ip netns pids "$ns" 2>/dev/null)
		[ "${#left[@]}" -eq 0 ] && break
		kill "-$signal" "${left[@]}" 2>/dev/null || true
		for _ in $(seq 30); do
			[ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && break
			sleep 0.1
		done
	done
	[ -z "$(ip netns pids "$ns" 2>/dev/null)" ] || ferry_die "processes survive in $ns: $(ip netns pids "$ns" | paste -sd' ')"
	ip netns del "$ns"
done
for k in 1 2; do
	# Deleting a namespace removes its veth end and so the pair; this covers a start
	# that failed between creating the pair and moving it.
	ip link del "$(ferry_veth_host "$k")" 2>/dev/null || true
done
if [ -f "$run/ip_forward.saved" ]; then
	cat "$run/ip_forward.saved" >/proc/sys/net/ipv4/ip_forward
	rm -f "$run/ip_forward.saved"
fi
rm -f "$1/netns-servers.json"
