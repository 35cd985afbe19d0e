#!/usr/bin/env bash
# Throughput of ferry-cli beside curl and lftp: each downloads and uploads the same
# large file (1 GiB of random-looking data by default) from one of the local test
# servers, over plain FTP and then over explicit TLS with the data channel protected
# (PROT P; ferry-cli against lftp with ftp:ssl-force and ftp:ssl-protect-data, the
# test CA trusted by both). Every run is repeated, the tools taking turns within each
# round (the first of a round changes from round to round) so that a slow moment of a
# shared machine does not land on one tool; one result per tool, mode and direction is
# checked with sha256. A table of median MB/s (10^6 bytes per second) is printed, with
# ferry's speed over each other tool's: the ratio of the medians, and the lowest and
# highest ratio of one round (the spread). Then the CPU time (user + system, from
# /usr/bin/time) each client spent per GiB, median of the runs: on a shared machine it
# varies far less than the time on the clock, and it is the figure to compare when others
# load the machine. The load average is printed before and after.
#
# The server's CPU time per GiB is printed too, when the script may move the server's
# processes into a cgroup of their own that only counts: cgroup v1 cpuacct mounted
# without the cpu controller, or v2 without it (that controller would change how the
# kernel shares the CPUs). What one client costs the server is as much a part of the
# speed on one machine as its own CPU time. The count is read once the transfer's server
# processes have exited; without such a cgroup (not root, or the cpu controller on) it
# is left out.
#
# The server and the clients run as on two machines, each on CPUs of its own: the
# server's listener (and the processes it forks for each session) on CPU 0, the client
# on the others (taskset). Left to the scheduler on a 2-core machine, a server that
# splits a protected transfer between two processes (vsftpd: one for TLS, one for the
# file) has them on both cores whenever the client leaves one idle, and they pay for
# waking each other across cores: receiving 512 MiB, vsftpd spent 2.9 s of CPU serving
# ferry-cli (which spends 0.7 s of its own per GiB) against 2.5 s serving lftp (1.6 s),
# and the same 512 MiB download took 0.86 to 1.6 s. Pinned, vsftpd spent the same for
# both clients (2.28 s and 2.24 s receiving, 0.80 s and 0.79 s sending), and five
# downloads took 0.85 to 0.91 s (2026-12-04). FERRY_BENCH_PIN=0 leaves the placement to the scheduler; it is
# off on one CPU, without taskset or when the server's listener is not found.
#
# The files are in memory by default: the scratch folder (the source and each download)
# and, when this script starts the servers, the servers' folders are on /dev/shm, so that
# the figures measure the network and TLS path rather than the disk's writeback (a 1 GiB
# upload to a disk-backed server folder made the time of a run vary threefold).
# FERRY_BENCH_TMPFS=0 keeps them on /tmp's file system. Memory needed: about four times
# the file size.
#
#   .ci/bench.sh
#
# Uses the running servers named by FERRY_INTEROP_SERVERS (a servers.json); without
# it, runs itself under .ci/servers/with-servers.sh. Settings (environment):
#   FERRY_CLI              ferry-cli binary                    (./bin/ferry-cli)
#   FERRY_BENCH_SERVER     server name in servers.json         (vsftpd)
#   FERRY_BENCH_MB         file size in MiB                    (1024)
#   FERRY_BENCH_RUNS       runs per tool and direction         (3)
#   FERRY_BENCH_MODES      plain and/or tls                    (plain tls)
#   FERRY_BENCH_TOOLS      tools compared over plain FTP       (ferry curl lftp)
#   FERRY_BENCH_TLS_TOOLS  tools compared over TLS             (ferry lftp)
#   FERRY_BENCH_DIRS       get and/or put                      (get put)
#   FERRY_BENCH_FERRY_ARGS extra ferry-cli options after get/put (none; e.g. --type binary)
#   FERRY_BENCH_TMPFS      1: files in memory on /dev/shm; 0: on /tmp (1 when /dev/shm is a tmpfs)
#   FERRY_BENCH_PIN        1: server on CPU 0, clients on the others; 0: the scheduler's choice (1)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() {
	printf 'bench: ERROR: %s\n' "$*" >&2
	exit 1
}
log() { printf 'bench: %s\n' "$*" >&2; }

# tmpfs: whether the files go to /dev/shm (FERRY_BENCH_TMPFS, or by default when it is
# a tmpfs).
tmpfs=${FERRY_BENCH_TMPFS:-}
if [ -z "$tmpfs" ]; then
	tmpfs=0
	[ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && tmpfs=1
fi
case $tmpfs in
0 | 1) ;;
*) die "FERRY_BENCH_TMPFS must be 0 or 1 (got '$tmpfs')" ;;
esac

pin=${FERRY_BENCH_PIN:-1}
case $pin in
0 | 1) ;;
*) die "FERRY_BENCH_PIN must be 0 or 1 (got '$pin')" ;;
esac

read -r -a dirs <<<"${FERRY_BENCH_DIRS:-get put}"
for d in "${dirs[@]}"; do
	case $d in
	get | put) ;;
	*) die "FERRY_BENCH_DIRS takes get and/or put (got '$d')" ;;
	esac
done

if [ -z "${FERRY_INTEROP_SERVERS:-}" ]; then
	log "FERRY_INTEROP_SERVERS not set: starting the test servers for this run"
	if [ "$tmpfs" = 1 ]; then export FERRY_SERVERS_TMPDIR=/dev/shm; fi
	# The servers in network namespaces are not measured here (and starting
	# them would stop those of a test run going on beside).
	FERRY_NETNS=0 exec "$HERE/servers/with-servers.sh" "$0" "$@"
fi

json=$FERRY_INTEROP_SERVERS
server=${FERRY_BENCH_SERVER:-vsftpd}
mib=${FERRY_BENCH_MB:-1024}
runs=${FERRY_BENCH_RUNS:-3}
read -r -a modes <<<"${FERRY_BENCH_MODES:-plain tls}"
read -r -a plain_tools <<<"${FERRY_BENCH_TOOLS:-ferry curl lftp}"
read -r -a tls_tools <<<"${FERRY_BENCH_TLS_TOOLS:-ferry lftp}"
read -r -a ferry_args <<<"${FERRY_BENCH_FERRY_ARGS:-}"
ferry_cli=${FERRY_CLI:-./bin/ferry-cli}

[[ $mib =~ ^[1-9][0-9]*$ ]] || die "FERRY_BENCH_MB must be a positive integer (got '$mib')"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "FERRY_BENCH_RUNS must be a positive integer (got '$runs')"
for c in jq curl lftp sha256sum openssl; do
	command -v "$c" >/dev/null 2>&1 || die "$c not found (run .ci/servers/install.sh)"
done
[ -r "$json" ] || die "cannot read $json (FERRY_INTEROP_SERVERS)"
for m in "${modes[@]}"; do
	case $m in
	plain | tls) ;;
	*) die "unknown mode '$m' in FERRY_BENCH_MODES (known: plain tls)" ;;
	esac
done
# tools_of MODE: the tools compared in that mode.
tools_of() { if [ "$1" = tls ]; then echo "${tls_tools[@]}"; else echo "${plain_tools[@]}"; fi; }
read -r -a tools <<<"$(for m in "${modes[@]}"; do tools_of "$m"; done | tr ' ' '\n' | awk 'NF && !seen[$0]++' | tr '\n' ' ')"
for t in "${tools[@]}"; do
	case $t in
	ferry)
		[ -x "$ferry_cli" ] || die "ferry-cli not found at '$ferry_cli': build it (e.g. make build) or set FERRY_CLI; to compare only the others: FERRY_BENCH_TOOLS='curl lftp'"
		ferry_cli=$(cd "$(dirname "$ferry_cli")" && pwd)/$(basename "$ferry_cli")
		;;
	curl | lftp) ;;
	*) die "unknown tool '$t' in FERRY_BENCH_TOOLS (known: ferry curl lftp)" ;;
	esac
done

entry=$(jq -c --arg n "$server" '.[] | select(.name == $n)' "$json")
[ -n "$entry" ] || die "no server named '$server' in $json (names: $(jq -r '[.[].name] | join(", ")' "$json"))"
host=$(jq -r .host <<<"$entry")
port=$(jq -r .port <<<"$entry")
user=$(jq -r .user <<<"$entry")
pass=$(jq -r .password <<<"$entry")
home=$(jq -r .home <<<"$entry")
ca=
if [[ " ${modes[*]} " == *" tls "* ]]; then
	[ "$(jq -r .tls <<<"$entry")" = true ] || die "server '$server' has no TLS: set FERRY_BENCH_MODES=plain"
	ca=$(jq -r .ca <<<"$entry")
	[ -r "$ca" ] || die "cannot read the test CA $ca named in $json"
fi
base=ftp://$host:$port
bytes=$((mib * 1024 * 1024))

scratch_base=/tmp
[ "$tmpfs" = 0 ] || scratch_base=/dev/shm
scratch=$(mktemp -d "$scratch_base/ferry-bench.XXXXXX") || die "mktemp failed"
lftp_open="set net:max-retries 1; set net:timeout 30; set ftp:ssl-allow no; open -u $user,$pass $base"
# Over TLS: AUTH TLS required, the data channel protected, the test CA trusted.
lftp_open_tls="set net:max-retries 1; set net:timeout 30; set ssl:ca-file $ca; set ftp:ssl-force yes; set ftp:ssl-protect-data yes; open -u $user,$pass $base"
# remote_rm FILE...: deletes files on the server, quietly (they may not exist).
remote_rm() {
	local f cmds=
	for f in "$@"; do cmds+="; rm -f $f"; done
	lftp -c "$lftp_open$cmds" >/dev/null 2>&1 || true
}
cleanup() {
	local t files=(bench-src.bin)
	for t in "${tools[@]}"; do files+=("upload/bench-$t.bin"); done
	remote_rm "${files[@]}"
	srv_cpu_done
	unpin_server
	rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Space: the scratch folder holds the source and one download; the server's home the
# source and one upload (each is deleted before the next upload).
need_kib=$((bytes * 2 / 1024 + 65536))
if [ "$(stat -c %d "$scratch")" = "$(stat -c %d "$home" 2>/dev/null)" ]; then
	need_kib=$((need_kib * 2))
fi
for d in "$scratch" "$home"; do
	[ -d "$d" ] || continue
	free=$(df -Pk "$d" | awk 'NR == 2 {print $4}')
	[ "$free" -ge "$need_kib" ] || die "not enough space on $(df -P "$d" | awk 'NR == 2 {print $6}') for $d: $((free / 1024)) MiB free, $((need_kib / 1024)) MiB needed"
done
# A tmpfs takes its pages from memory: the source, a download, and on the server the
# source and an upload.
in_memory=0
for d in "$scratch" "$home"; do
	[ "$(stat -f -c %T "$d" 2>/dev/null)" = tmpfs ] && in_memory=$((in_memory + bytes * 2 / 1024))
done
if [ "$in_memory" -gt 0 ]; then
	avail=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
	[ "$avail" -ge $((in_memory + 524288)) ] ||
		die "not enough memory for the files on tmpfs: $((avail / 1024)) MiB available, $((in_memory / 1024 + 512)) MiB needed (FERRY_BENCH_TMPFS=0 puts them on /tmp)"
fi
where() { if [ "$(stat -f -c %T "$1" 2>/dev/null)" = tmpfs ]; then echo "in memory"; else echo "on disk"; fi; }
log "client files $(where "$scratch") ($scratch), server files $(where "$home") ($home)"
timer=
if /usr/bin/time -f %U true >/dev/null 2>&1; then
	timer=/usr/bin/time
else
	log "GNU time not found at /usr/bin/time: no CPU times"
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the server's CPU time: a counting cgroup for its listener and what it forks --
srv_pid='' srv_cg='' srv_home_cg='' srv_usage=''
# srv_cpu_setup: moves the listener on the server's port into a new cgroup that only
# counts CPU time; leaves srv_cg empty when that is not possible.
srv_cpu_setup() {
	local root
	srv_pid=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
	[ -n "$srv_pid" ] || return 0
	# cpuacct mounted with the cpu controller (cpu,cpuacct) would give the group a CPU
	# share of its own, as the cpu controller of v2 would.
	if [ -w /sys/fs/cgroup/cpuacct ] && [ -r /sys/fs/cgroup/cpuacct/cpuacct.usage ] &&
		[ ! -e /sys/fs/cgroup/cpuacct/cpu.shares ]; then
		root=/sys/fs/cgroup/cpuacct srv_usage=v1
		srv_home_cg=$root$(awk -F: '$2 ~ /(^|,)cpuacct(,|$)/ { print $3 }' "/proc/$srv_pid/cgroup")
	else
		root=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
		[ -n "$root" ] && [ -w "$root" ] || return 0
		! grep -qw cpu "$root/cgroup.subtree_control" 2>/dev/null || return 0
		srv_usage=v2
		srv_home_cg=$root$(awk -F: '$1 == 0 { print $3 }' "/proc/$srv_pid/cgroup")
	fi
	[ -d "$srv_home_cg" ] || return 0
	srv_cg=$root/ferry-bench-$$
	if ! mkdir "$srv_cg" 2>/dev/null || ! echo "$srv_pid" >"$srv_cg/cgroup.procs" 2>/dev/null; then
		rmdir "$srv_cg" 2>/dev/null
		srv_cg=
	fi
}
# srv_cpu_done: puts the server's processes back where they were.
srv_cpu_done() {
	[ -n "$srv_cg" ] || return 0
	local p
	while read -r p; do echo "$p" >"$srv_home_cg/cgroup.procs"; done <"$srv_cg/cgroup.procs" 2>/dev/null
	rmdir "$srv_cg" 2>/dev/null
	srv_cg=
}
# srv_cpu_now: the server's CPU time so far, in nanoseconds.
srv_cpu_now() {
	if [ "$srv_usage" = v1 ]; then
		cat "$srv_cg/cpuacct.usage"
	else
		awk '$1 == "usage_usec" { print $2 * 1000 }' "$srv_cg/cpu.stat"
	fi
}
# srv_cpu_settle: waits (5 s at most) until only the listener is left in the cgroup:
# the last session's processes have exited and their time is counted.
srv_cpu_settle() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(wc -l <"$srv_cg/cgroup.procs")" -le 1 ] && return 0
		sleep 0.05
	done
	log "the server's session processes did not exit within 5 s: its CPU time includes less"
}
srv_cpu_setup
if [ -n "$srv_cg" ]; then
	log "server CPU time counted in $srv_cg (listener PID $srv_pid)"
else
	log "server CPU time not counted (needs root, and cgroup v1 cpuacct or v2, without the cpu controller)"
fi

# --- where the server and the clients run ------------------------------------------
# The listener's affinity is inherited by the processes it forks from then on.
srv_affinity='' client_pin=() placement="left to the scheduler"
unpin_server() {
	[ -n "$srv_affinity" ] || return 0
	taskset -a -p -c "$srv_affinity" "$srv_pid" >/dev/null 2>&1 || true
	srv_affinity=
}
ncpu=$(nproc 2>/dev/null || echo 1)
if [ "$pin" = 1 ] && [ "$ncpu" -ge 2 ] && [ -n "$srv_pid" ] && command -v taskset >/dev/null 2>&1; then
	old=$(taskset -p -c "$srv_pid" 2>/dev/null | sed 's/^.*: *//')
	if [ -n "$old" ] && taskset -a -p -c 0 "$srv_pid" >/dev/null 2>&1; then
		srv_affinity=$old
		client_pin=(taskset -c "1-$((ncpu - 1))")
		placement="server on CPU 0, clients on CPU 1-$((ncpu - 1))"
	fi
fi
log "placement: $placement"

# --- the source file: real data (not sparse, not zeros), made once -----------------
log "writing $mib MiB of pseudo-random data"
{ openssl enc -aes-128-ctr -nosalt -K "$(openssl rand -hex 16)" -iv "$(openssl rand -hex 16)" \
	-in /dev/zero 2>/dev/null || true; } | head -c "$bytes" >"$scratch/src.bin"
[ "$(stat -c %s "$scratch/src.bin")" -eq "$bytes" ] || die "could not write $bytes bytes to $scratch/src.bin"
want=$(sha256sum "$scratch/src.bin" | cut -d' ' -f1)
# Into the server's home through FTP itself: no root needed, and the file then belongs
# to the test user as any upload would.
curl -sS --fail --max-time 600 --user "$user:$pass" -T "$scratch/src.bin" "$base/bench-src.bin" ||
	die "could not upload the source file to $base/bench-src.bin"
if [ -r "$home/bench-src.bin" ]; then
	[ "$(sha256sum "$home/bench-src.bin" | cut -d' ' -f1)" = "$want" ] || die "the source file on the server differs from the local one"
fi

# --- one transfer ------------------------------------------------------------------
# transfer MODE TOOL get|put: runs one transfer into/from the scratch folder, over
# plain FTP or TLS, and prints its duration in seconds, the client's CPU time ("-"
# without GNU time) and the server's (when counted); on failure prints the tool's
# output and exits.
transfer() {
	local mode=$1 tool=$2 dir=$3 start end rc scheme=ftp lopen=$lftp_open
	local tls_args=()
	if [ "$mode" = tls ]; then
		scheme=ftpes lopen=$lftp_open_tls tls_args=(--ca "$ca")
	fi
	local out=$scratch/$tool.out remote=upload/bench-$tool.bin
	rm -f "$scratch/dl.bin"
	# Not timed: every upload creates its file, instead of truncating a previous one.
	[ "$dir" = put ] && remote_rm "$remote"
	local cpu=$scratch/$tool.cpu timed=()
	[ -z "$timer" ] || timed=("$timer" -f '%U %S' -o "$cpu")
	local srv0=
	if [ -n "$srv_cg" ]; then
		srv_cpu_settle
		srv0=$(srv_cpu_now)
	fi
	timed=("${client_pin[@]}" "${timed[@]}")
	start=$EPOCHREALTIME
	case $tool:$dir in
	ferry:get) FERRY_PASSWORD=$pass "${timed[@]}" "$ferry_cli" get "${tls_args[@]}" "${ferry_args[@]}" "$scheme://$user@$host:$port/bench-src.bin" "$scratch/dl.bin" ;;
	ferry:put) FERRY_PASSWORD=$pass "${timed[@]}" "$ferry_cli" put "${tls_args[@]}" "${ferry_args[@]}" "$scratch/src.bin" "$scheme://$user@$host:$port/$remote" ;;
	curl:get) "${timed[@]}" curl -sS --fail --user "$user:$pass" -o "$scratch/dl.bin" "$base/bench-src.bin" ;;
	curl:put) "${timed[@]}" curl -sS --fail --user "$user:$pass" -T "$scratch/src.bin" "$base/$remote" ;;
	lftp:get) "${timed[@]}" lftp -c "$lopen; get bench-src.bin -o $scratch/dl.bin" ;;
	lftp:put) "${timed[@]}" lftp -c "$lopen; put $scratch/src.bin -o $remote" ;;
	esac >"$out" 2>&1
	rc=$?
	end=$EPOCHREALTIME
	if [ "$rc" -ne 0 ]; then
		printf 'bench: ERROR: %s %s over %s failed (exit %d):\n' "$tool" "$dir" "$mode" "$rc" >&2
		sed 's/^/    /' "$out" >&2
		exit 1
	fi
	awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }'
	if [ -n "$timer" ]; then awk 'END { printf " %.3f", $1 + $2 }' "$cpu"; else printf ' -'; fi
	if [ -n "$srv_cg" ]; then
		srv_cpu_settle
		awk -v a="$srv0" -v b="$(srv_cpu_now)" 'BEGIN { printf " %.3f", (b - a) / 1e9 }'
	fi
	echo
}

# check TOOL DIR: the file the last transfer of TOOL in direction DIR produced must have
# the source's sha256.
check() {
	local tool=$1 dir=$2 file got
	if [ "$dir" = get ]; then file=$scratch/dl.bin; else file=$home/upload/bench-$tool.bin; fi
	if [ ! -r "$file" ]; then
		log "cannot read $file: $tool $dir not checked"
		return 0
	fi
	got=$(sha256sum "$file" | cut -d' ' -f1)
	[ "$got" = "$want" ] || die "$tool $dir: sha256 of $file is $got, want $want"
}

declare -A secs=() cpus=() srvcpus=()
for mode in "${modes[@]}"; do
	read -r -a mtools <<<"$(tools_of "$mode")"
	for dir in "${dirs[@]}"; do
		for ((r = 1; r <= runs; r++)); do
			# Each round runs every tool once, starting with a different one.
			for ((i = 0; i < ${#mtools[@]}; i++)); do
				t=${mtools[$(((i + r - 1) % ${#mtools[@]}))]}
				out=$(transfer "$mode" "$t" "$dir") || exit 1
				read -r s c sc <<<"$out"
				[ "$c" != - ] || c=
				secs[$mode:$t:$dir]+="$s "
				cpus[$mode:$t:$dir]+="${c:-} "
				srvcpus[$mode:$t:$dir]+="${sc:-} "
				log "$(printf '%-5s %-5s %s run %d: %.3f s' "$mode" "$t" "$dir" "$r" "$s")${c:+$(printf ', CPU %.3f s' "$c")}${sc:+$(printf ', server CPU %.3f s' "$sc")}"
				if [ "$r" -eq 1 ]; then check "$t" "$dir"; fi
			done
		done
		rm -f "$scratch/dl.bin"
	done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# spread A B: the lowest and highest of B[i]/A[i] over the rounds (run times of ferry
# in A and of the other tool in B: ferry's speed over the other's, round by round).
spread() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		n = split(a, x, " "); split(b, y, " ")
		for (i = 1; i <= n; i++) { r = y[i] / x[i]; if (i == 1 || r < lo) lo = r; if (i == 1 || r > hi) hi = r }
		printf "%.2f-%.2f", lo, hi }'
}
# per_gib TABLE TITLE: a table of the medians per GiB of TABLE (cpus or srvcpus) for
# the tools of $mode.
per_gib() {
	local -n tab=$1
	local t dir cells
	printf '\n  %s per GiB, median, s:\n' "$2"
	for t in "${mtools[@]}"; do
		cells=()
		for dir in get put; do
			[ -n "${tab[$mode:$t:$dir]:-}" ] || { cells+=(-); continue; }
			cells+=("$(median <<<"${tab[$mode:$t:$dir]}" | awk -v b="$bytes" '{ printf "%.3f", $1 * 1073741824 / b }')")
		done
		printf '  %-12s %20s %20s\n' "$t" "${cells[0]}" "${cells[1]}"
	done
}
declare -A rate=()
for mode in "${modes[@]}"; do
	read -r -a mtools <<<"$(tools_of "$mode")"
	for t in "${mtools[@]}"; do
		for dir in get put; do
			rate[$mode:$t:$dir]=-
			[ -n "${secs[$mode:$t:$dir]:-}" ] || continue
			m=$(median <<<"${secs[$mode:$t:$dir]}")
			rate[$mode:$t:$dir]=$(awk -v b="$bytes" -v s="$m" 'BEGIN { printf "%.1f", b / 1e6 / s }')
		done
	done
	case $mode in
	plain) title="plain FTP" ;;
	tls) title="explicit TLS, data protected (PROT P)" ;;
	esac
	printf '\n%s MiB over %s from %s (%s:%s), median of %d runs, MB/s:\n\n' "$mib" "$title" "$server" "$host" "$port" "$runs"
	printf '  %-12s %20s %20s\n' tool download upload
	for t in "${mtools[@]}"; do
		printf '  %-12s %20s %20s\n' "$t" "${rate[$mode:$t:get]}" "${rate[$mode:$t:put]}"
	done
	[ -n "${rate[$mode:ferry:get]:-}" ] || continue
	echo
	printf '  ferry speed over the other: ratio of the medians (lowest-highest of one round)\n'
	for other in "${mtools[@]}"; do
		[ "$other" != ferry ] || continue
		cells=()
		for dir in get put; do
			[ "${rate[$mode:ferry:$dir]:--}" != - ] || { cells+=(-); continue; }
			cells+=("$(awk -v a="${rate[$mode:ferry:$dir]}" -v b="${rate[$mode:$other:$dir]}" 'BEGIN { printf "%.2fx", a / b }') ($(spread "${secs[$mode:ferry:$dir]}" "${secs[$mode:$other:$dir]}"))")
		done
		printf '  %-12s %20s %20s\n' "ferry/$other" "${cells[0]}" "${cells[1]}"
	done
	[ -z "$timer" ] || per_gib cpus "client CPU time (user + system)"
	[ -z "$srv_cg" ] || per_gib srvcpus "$server's CPU time serving each client"
done
printf '\nload average (1, 5, 15 min): %s before, %s after; client files %s, server files %s; %s\n\n' \
	"$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(where "$scratch")" "$(where "$home")" "$placement"
