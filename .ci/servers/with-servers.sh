#!/usr/bin/env bash
# Runs a command while Ferry's real test FTP servers run, then stops them whatever
# happens (success, failure, Ctrl-C, SIGTERM), and exits with the command's status.
#
#   .ci/servers/with-servers.sh CMD [ARGS...]
#
# The command sees FERRY_INTEROP_SERVERS (the servers.json path), FERRY_INTEROP_NETNS
# (the servers in network namespaces, unless FERRY_NETNS=0) and FERRY_SERVERS_STATE
# (the state folder). The state folder is a fresh one under FERRY_SERVERS_TMPDIR (/tmp;
# the benchmarks use /dev/shm, so that the servers' files are in memory) unless
# FERRY_SERVERS_STATE names one; a fresh one is removed afterwards, unless the command
# failed or FERRY_SERVERS_KEEP=1 (its logs then help).
# Root is needed for install/start/stop (they use sudo otherwise); CMD runs as the caller.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ $# -ge 1 ] || ferry_die "usage: $0 CMD [ARGS...]"

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -- "$@"; fi
}

"$HERE/install.sh" || ferry_die "install.sh failed"

fresh=no
if [ -n "${FERRY_SERVERS_STATE:-}" ]; then
	state=$FERRY_SERVERS_STATE
else
	state=$(mktemp -d "${FERRY_SERVERS_TMPDIR:-/tmp}/ferry-servers.XXXXXX") || ferry_die "mktemp failed"
	fresh=yes
fi

child=
status=1
cleanup() {
	trap - EXIT INT TERM
	if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
		kill -TERM "$child" 2>/dev/null
		wait "$child" 2>/dev/null
	fi
	"$HERE/stop.sh" "$state" || ferry_log "stop.sh $state failed"
	if [ "$fresh" = yes ] && [ "$status" -eq 0 ] && [ "${FERRY_SERVERS_KEEP:-0}" != 1 ]; then
		as_root rm -rf "$state"
	else
		ferry_log "state folder kept: $state"
	fi
	exit "$status"
}
trap cleanup EXIT
# A signal goes on to the command as SIGTERM (a background command of a script ignores
# SIGINT), and a second one as SIGKILL; cleanup runs once the command is gone.
signals=0
forward() {
	signals=$((signals + 1))
	[ -n "$child" ] || exit "$1"
	if [ "$signals" -ge 2 ]; then kill -KILL "$child" 2>/dev/null; else kill -TERM "$child" 2>/dev/null; fi
}
trap 'forward 130' INT
trap 'forward 143' TERM

if ! "$HERE/start.sh" "$state"; then
	status=1
	ferry_die "start.sh failed (state folder: $state)"
fi
export FERRY_INTEROP_SERVERS=$state/servers.json
export FERRY_SERVERS_STATE=$state
# Two more servers, each in a network namespace of its own, for the FXP
# tests whose PORT address must differ from the client's (stop.sh stops them).
if [ "${FERRY_NETNS:-1}" = 1 ]; then
	if ! "$HERE/netns-start.sh" "$state"; then
		status=1
		ferry_die "netns-start.sh failed (state folder: $state)"
	fi
	export FERRY_INTEROP_NETNS=$state/netns-servers.json
fi

# In the background so that a signal reaches this script at once (bash defers traps
# while a foreground child runs); stdin stays the caller's.
"$@" 0<&0 &
child=$!
while :; do
	wait "$child"
	rc=$?
	kill -0 "$child" 2>/dev/null || break
done
status=$rc
child=
exit "$status"
