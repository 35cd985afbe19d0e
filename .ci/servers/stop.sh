#!/usr/bin/env bash
# Stops every server start.sh started in STATE_DIR, with their per-connection children.
# Idempotent: succeeds when nothing runs or STATE_DIR does not exist.
#
#   .ci/servers/stop.sh STATE_DIR
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

[ $# -eq 1 ] || ferry_die "usage: $0 STATE_DIR"
run=$1/run

# Companion scripts (netns-stop.sh...) stop what their start scripts added to STATE_DIR,
# so that stopping a state folder stops everything in it.
for companion in "$HERE"/*-stop.sh; do
	[ -x "$companion" ] || continue
	"$companion" "$1" || ferry_log "$(basename "$companion") failed"
done

compgen -G "$run/*.pid" >/dev/null || exit 0
ferry_become_root "$@"

# exe_of prints a process's executable; a binary replaced by a later install.sh (the
# running process then shows "PATH (deleted)") still counts as that path.
exe_of() {
	local exe
	exe=$(readlink "/proc/$1/exe" 2>/dev/null) || return 0
	printf '%s\n' "${exe% (deleted)}"
}

# survivors prints the PIDs whose session id is a key of "sessions" and whose executable
# is that session's binary. Each server was started as a session leader, so its children
# share its session id; checking the executable too keeps a recycled PID from ever being
# signalled. One pass over /proc, with builtins only, keeps it quick.
survivors() {
	local p stat sid
	local -a f
	for p in /proc/[0-9]*; do
		read -r stat 2>/dev/null <"$p/stat" || continue
		stat=${stat##*) }
		read -r -a f <<<"$stat"
		sid=${f[3]}
		[ -n "${sessions[$sid]:-}" ] || continue
		[ "$(exe_of "${p#/proc/}")" = "${sessions[$sid]}" ] || continue
		echo "${p#/proc/}"
	done
}

declare -A sessions=()
for f in "$run"/*.pid; do
	read -r pid start bin <"$f" || true
	if [ -n "${pid:-}" ] && [ -n "${bin:-}" ]; then
		sessions[$pid]=$bin
		# The leader must still be the process start.sh launched, or it is not ours.
		if [ "$(ferry_proc_start_time "$pid" 2>/dev/null)" = "$start" ] &&
			[ "$(exe_of "$pid")" = "$bin" ]; then
			kill -TERM "$pid" 2>/dev/null || true
		fi
	fi
done

# Children usually leave with their leader; whatever remains gets TERM, then KILL.
deadline=$((SECONDS + 5))
signal=TERM
while :; do
	mapfile -t left < <(survivors)
	[ "${#left[@]}" -eq 0 ] && break
	if [ "$SECONDS" -ge "$deadline" ]; then
		[ "$signal" = KILL ] && ferry_die "processes survive SIGKILL: ${left[*]}"
		signal=KILL
		deadline=$((SECONDS + 3))
	fi
	kill "-$signal" "${left[@]}" 2>/dev/null || true
	sleep 0.1
done
rm -f "$run"/*.pid
