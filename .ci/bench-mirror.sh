#!/usr/bin/env bash
# Times Ferry's transfer queue against lftp on many small files: a tree of
# FILES files of SIZE bytes (1,000 x 4 KiB by default) uploaded and then
# downloaded with PARALLEL connections (4), by
#   ferry-cli mirror --parallel 4 ...      and      lftp -c 'mirror -P 4 ...'
# against the local vsftpd, in the same run, so the figures compare.
#
#   FERRY_CLI=bin/ferry-cli .ci/servers/with-servers.sh .ci/bench-mirror.sh
#
# Needs FERRY_INTEROP_SERVERS (the servers.json that .ci/servers/start.sh
# writes; with-servers.sh sets it), jq and lftp. Each measurement is the best
# of RUNS (3) runs, into a fresh remote folder each time. Prints one line per
# measurement and exits non-zero if Ferry is slower than lftp in any of them,
# unless BENCH_MIRROR_LENIENT=1.
set -Eeuo pipefail

FILES=${FILES:-1000}
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
host=$(jq -r .host <<<"$entry")
port=$(jq -r .port <<<"$entry")
user=$(jq -r .user <<<"$entry")
pass=$(jq -r .password <<<"$entry")
home=$(jq -r .home <<<"$entry") # the user's chrooted home, as seen from here

work=$(mktemp -d /tmp/ferry-bench-mirror.XXXXXX)
trap 'rm -rf "$work"; rm -rf "$home"/bench-mirror-* 2>/dev/null || true' EXIT

# The tree: 10 folders of FILES/10 files, each with its own content.
src=$work/src
for d in $(seq 0 9); do
	mkdir -p "$src/d$d"
done
head -c $((FILES * SIZE)) /dev/urandom >"$work/blob"
for i in $(seq 0 $((FILES - 1))); do
	dd if="$work/blob" of="$src/d$((i % 10))/f$i.bin" bs="$SIZE" skip="$i" count=1 status=none
done
rm "$work/blob"

export FERRY_PASSWORD=$pass
url="ftp://$user@$host:$port"
lftp_open="set ftp:ssl-allow no; set net:max-retries 1; set cmd:fail-exit yes; open -u $user,$pass -p $port $host"

# now_ms prints a monotonic-enough clock in milliseconds.
now_ms() { date +%s%3N; }

# best_of CMD... runs CMD (with $run set to 1..RUNS) and prints the fastest
# wall time in milliseconds.
best_of() {
	local best='' t0 t1
	for run in $(seq 1 "$RUNS"); do
		export run
		t0=$(now_ms)
		"$@" >"$work/out.log" 2>&1 || { cat "$work/out.log" >&2; die "failed: $*"; }
		t1=$(now_ms)
		if [ -z "$best" ] || [ $((t1 - t0)) -lt "$best" ]; then best=$((t1 - t0)); fi
	done
	echo "$best"
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
report() { # NAME FERRY_MS LFTP_MS
	local bytes=$((FILES * SIZE))
	awk -v n="$1" -v f="$2" -v l="$3" -v b="$bytes" -v files="$FILES" -v p="$PARALLEL" 'BEGIN {
		printf "mirror %-8s %d files x %d B, -P %d: ferry %6d ms (%6.0f files/s)   lftp %6d ms (%6.0f files/s)   ferry/lftp %.2f\n",
			n, files, b / files, p, f, files * 1000 / f, l, files * 1000 / l, f / l }'
	[ "$2" -le "$3" ] || verdict=1
}

up_ferry=$(best_of ferry_up)
up_lftp=$(best_of lftp_up)
report upload "$up_ferry" "$up_lftp"

down_ferry=$(best_of ferry_down)
down_lftp=$(best_of lftp_down)
report download "$down_ferry" "$down_lftp"

# The copies must be exact, or the timing means nothing.
diff -r "$src" "$work/down-ferry" >/dev/null || die "ferry's downloaded tree differs from the source"
diff -r "$src" "$work/down-lftp" >/dev/null || die "lftp's downloaded tree differs from the source"

if [ "$verdict" -ne 0 ] && [ "${BENCH_MIRROR_LENIENT:-0}" != 1 ]; then
	die "Ferry was slower than lftp"
fi
