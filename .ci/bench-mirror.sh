#!/usr/bin/env bash
# Times Ferry's transfer queue against lftp on many small files: a tree of
# FILES files of SIZE bytes (1,000 x 4 KiB by default) in FOLDERS folders
# (10) uploaded and then downloaded with PARALLEL connections (4), by
#   ferry-cli mirror --parallel 4 ...      and      lftp -c 'mirror -P 4 ...'
# against the local vsftpd, in the same run, so the figures compare.
#
#   FERRY_CLI=bin/ferry-cli .ci/servers/with-servers.sh .ci/bench-mirror.sh
#
# Needs FERRY_INTEROP_SERVERS (the servers.json that .ci/servers/start.sh
# writes; with-servers.sh sets it), jq and lftp. Each measurement runs RUNS
# (3) times, Ferry and lftp alternated (who goes first alternates too), into
# a fresh remote folder each time; it prints the median of each and the
# spread (lowest-highest), and exits non-zero if Ferry's median is slower than
# lftp's in any of them, unless BENCH_MIRROR_LENIENT=1. BENCH_HOST connects
# to another address than the server's (a delay proxy in front of it, see
# bench-wan.sh) and BENCH_LABEL names the link in the output. Both tools use
# EPSV, so that data connections go where the control connection goes.
set -Eeuo pipefail

FILES=${FILES:-1000}
FOLDERS=${FOLDERS:-10}
LABEL=${BENCH_LABEL:-loopback}
SIZE=${SIZE:-4096}
PARALLEL=${PARALLEL:-4}
RUNS=${RUNS:-3}
SERVER=${BENCH_SERVER:-vsftpd}
FERRY_CLI=${FERRY_CLI:-bin/ferry-cli}

die() { echo "bench-mirror: $*" >&2; exit 1; }
[ -n "${FERRY_INTEROP_SERVERS:-}" ] || die "FERRY_INTEROP_SERVERS is not set: run under .ci/servers/with-servers.sh"
command -v jq >/dev/null || die "jq is missing"
command -v lftp >/dev/null || die "lftp is missing"
[ -x "$FERRY_CLI" ] || die "$FERRY_CLI is not built (make build)"

entry=$(jq -c --arg n "$SERVER" '[.[] | select(.name == $n)][0]' "$FERRY_INTEROP_SERVERS")
[ "$entry" != null ] || die "no server named $SERVER in $FERRY_INTEROP_SERVERS"
host=${BENCH_HOST:-$(jq -r .host <<<"$entry")}
port=$(jq -r .port <<<"$entry")
user=$(jq -r .user <<<"$entry")
pass=$(jq -r .password <<<"$entry")
home=$(jq -r .home <<<"$entry") # the user's chrooted home, as seen from here

work=$(mktemp -d /tmp/ferry-bench-mirror.XXXXXX)
trap 'rm -rf "$work"; rm -rf "$home"/bench-mirror-* 2>/dev/null || true' EXIT

# The tree: FOLDERS folders of FILES/FOLDERS files, each with its own content.
src=$work/src
for d in $(seq 0 $((FOLDERS - 1))); do
	mkdir -p "$src/d$d"
done
head -c $((FILES * SIZE)) /dev/urandom >"$work/blob"
for i in $(seq 0 $((FILES - 1))); do
	dd if="$work/blob" of="$src/d$((i % FOLDERS))/f$i.bin" bs="$SIZE" skip="$i" count=1 status=none
done
rm "$work/blob"

export FERRY_PASSWORD=$pass
url="ftp://$user@$host:$port"
lftp_open="set ftp:ssl-allow no; set ftp:prefer-epsv yes; set net:max-retries 1; set cmd:fail-exit yes; open -u $user,$pass -p $port $host"

# now_ms prints a monotonic-enough clock in milliseconds.
now_ms() { date +%s%3N; }

# time_ms CMD... runs CMD once and prints its wall time in milliseconds.
time_ms() {
	local t0 t1
	t0=$(now_ms)
	"$@" >"$work/out.log" 2>&1 || { cat "$work/out.log" >&2; die "failed: $*"; }
	t1=$(now_ms)
	echo $((t1 - t0))
}

# pair FERRY_CMD LFTP_CMD runs both RUNS times, alternated (with $run set to
# 1..RUNS), and prints "ferry_median ferry_min ferry_max lftp_median lftp_min lftp_max".
pair() {
	local f=() l=()
	for run in $(seq 1 "$RUNS"); do
		export run
		if [ $((run % 2)) = 1 ]; then
			f+=("$(time_ms "$1")")
			l+=("$(time_ms "$2")")
		else
			l+=("$(time_ms "$2")")
			f+=("$(time_ms "$1")")
		fi
	done
	echo "$(stats "${f[@]}") $(stats "${l[@]}")"
}

# stats N... prints the median, lowest and highest of the numbers.
stats() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
		m = (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)
		print m, v[1], v[NR] }'
}

ferry_up() { "$FERRY_CLI" mirror --parallel "$PARALLEL" "$src" "$url/bench-mirror-ferry-$run"; }
lftp_up() { lftp -c "$lftp_open; mirror -R -P $PARALLEL $src bench-mirror-lftp-$run"; }
ferry_down() {
	rm -rf "$work/down-ferry"
	"$FERRY_CLI" mirror --parallel "$PARALLEL" "$url/bench-mirror-ferry-1" "$work/down-ferry"
}
lftp_down() {
	rm -rf "$work/down-lftp"
	lftp -c "$lftp_open; mirror -P $PARALLEL bench-mirror-lftp-1 $work/down-lftp"
}

verdict=0
report() { # NAME FERRY_MEDIAN FERRY_MIN FERRY_MAX LFTP_MEDIAN LFTP_MIN LFTP_MAX
	awk -v n="$1" -v link="$LABEL" -v f="$2" -v f0="$3" -v f1="$4" -v l="$5" -v l0="$6" -v l1="$7" \
		-v size="$SIZE" -v files="$FILES" -v p="$PARALLEL" -v runs="$RUNS" 'BEGIN {
		printf "mirror %-8s %-14s %d files x %d B, -P %d, median of %d: ferry %6d ms (%d-%d)   lftp %6d ms (%d-%d)   lftp/ferry %.2f\n",
			n, link, files, size, p, runs, f, f0, f1, l, l0, l1, l / f }'
	[ "$2" -le "$5" ] || verdict=1
}

# shellcheck disable=SC2046 # pair prints six numbers
report upload $(pair ferry_up lftp_up)
# shellcheck disable=SC2046
report download $(pair ferry_down lftp_down)

# The copies must be exact, or the timing means nothing.
diff -r "$src" "$work/down-ferry" >/dev/null || die "ferry's downloaded tree differs from the source"
diff -r "$src" "$work/down-lftp" >/dev/null || die "lftp's downloaded tree differs from the source"

if [ "$verdict" -ne 0 ] && [ "${BENCH_MIRROR_LENIENT:-0}" != 1 ]; then
	die "Ferry was slower than lftp"
fi
