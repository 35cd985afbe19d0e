#!/usr/bin/env bash
# Throughput of ferry-cli beside curl and lftp: each downloads and uploads the same
# large file (1 GiB of random-looking data by default) over plain FTP from one of the
# local test servers; every run is repeated and the median kept, one result per tool
# and direction is checked with sha256, and a table of MB/s (10^6 bytes per second)
# with ferry's ratio to curl and to lftp is printed.
#
#   .ci/bench.sh
#
# Uses the running servers named by FERRY_INTEROP_SERVERS (a servers.json); without
# it, runs itself under .ci/servers/with-servers.sh. Settings (environment):
#   FERRY_CLI              ferry-cli binary                    (./bin/ferry-cli)
#   FERRY_BENCH_SERVER     server name in servers.json         (vsftpd)
#   FERRY_BENCH_MB         file size in MiB                    (1024)
#   FERRY_BENCH_RUNS       runs per tool and direction         (3)
#   FERRY_BENCH_TOOLS      tools to compare                    (ferry curl lftp)
#   FERRY_BENCH_FERRY_ARGS extra ferry-cli options after get/put (none; e.g. --type binary)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() {
	printf 'bench: ERROR: %s\n' "$*" >&2
	exit 1
}
log() { printf 'bench: %s\n' "$*" >&2; }

if [ -z "${FERRY_INTEROP_SERVERS:-}" ]; then
	log "FERRY_INTEROP_SERVERS not set: starting the test servers for this run"
	exec "$HERE/servers/with-servers.sh" "$0" "$@"
fi

json=$FERRY_INTEROP_SERVERS
server=${FERRY_BENCH_SERVER:-vsftpd}
mib=${FERRY_BENCH_MB:-1024}
runs=${FERRY_BENCH_RUNS:-3}
read -r -a tools <<<"${FERRY_BENCH_TOOLS:-ferry curl lftp}"
read -r -a ferry_args <<<"${FERRY_BENCH_FERRY_ARGS:-}"
ferry_cli=${FERRY_CLI:-./bin/ferry-cli}

[[ $mib =~ ^[1-9][0-9]*$ ]] || die "FERRY_BENCH_MB must be a positive integer (got '$mib')"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "FERRY_BENCH_RUNS must be a positive integer (got '$runs')"
for c in jq curl lftp sha256sum openssl; do
	command -v "$c" >/dev/null 2>&1 || die "$c not found (run .ci/servers/install.sh)"
done
[ -r "$json" ] || die "cannot read $json (FERRY_INTEROP_SERVERS)"
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
base=ftp://$host:$port
bytes=$((mib * 1024 * 1024))

scratch=$(mktemp -d /tmp/ferry-bench.XXXXXX) || die "mktemp failed"
lftp_open="set net:max-retries 1; set net:timeout 30; set ftp:ssl-allow no; open -u $user,$pass $base"
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
# transfer TOOL get|put: runs one transfer into/from the scratch folder and prints its
# duration in seconds; on failure prints the tool's output and exits.
transfer() {
	local tool=$1 dir=$2 start end rc
	local out=$scratch/$tool.out remote=upload/bench-$tool.bin
	rm -f "$scratch/dl.bin"
	# Not timed: every upload creates its file, instead of truncating a previous one.
	[ "$dir" = put ] && remote_rm "$remote"
	start=$EPOCHREALTIME
	case $tool:$dir in
	ferry:get) FERRY_PASSWORD=$pass "$ferry_cli" get "${ferry_args[@]}" "ftp://$user@$host:$port/bench-src.bin" "$scratch/dl.bin" ;;
	ferry:put) FERRY_PASSWORD=$pass "$ferry_cli" put "${ferry_args[@]}" "$scratch/src.bin" "ftp://$user@$host:$port/$remote" ;;
	curl:get) curl -sS --fail --user "$user:$pass" -o "$scratch/dl.bin" "$base/bench-src.bin" ;;
	curl:put) curl -sS --fail --user "$user:$pass" -T "$scratch/src.bin" "$base/$remote" ;;
	lftp:get) lftp -c "$lftp_open; get bench-src.bin -o $scratch/dl.bin" ;;
	lftp:put) lftp -c "$lftp_open; put $scratch/src.bin -o $remote" ;;
	esac >"$out" 2>&1
	rc=$?
	end=$EPOCHREALTIME
	if [ "$rc" -ne 0 ]; then
		printf 'bench: ERROR: %s %s failed (exit %d):\n' "$tool" "$dir" "$rc" >&2
		sed 's/^/    /' "$out" >&2
		exit 1
	fi
	awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f\n", e - s }'
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

declare -A secs=()
for dir in get put; do
	# Rounds go through every tool in turn so that a slow moment of the machine does
	# not land on a single tool.
	for ((r = 1; r <= runs; r++)); do
		for t in "${tools[@]}"; do
			s=$(transfer "$t" "$dir") || exit 1
			secs[$t:$dir]+="$s "
			log "$(printf '%-5s %s run %d: %.3f s' "$t" "$dir" "$r" "$s")"
			if [ "$r" -eq 1 ]; then check "$t" "$dir"; fi
		done
	done
	rm -f "$scratch/dl.bin"
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A rate=()
for t in "${tools[@]}"; do
	for dir in get put; do
		m=$(median <<<"${secs[$t:$dir]}")
		rate[$t:$dir]=$(awk -v b="$bytes" -v s="$m" 'BEGIN { printf "%.1f", b / 1e6 / s }')
	done
done

printf '\n%s MiB over plain FTP from %s (%s:%s), median of %d runs, MB/s:\n\n' "$mib" "$server" "$host" "$port" "$runs"
printf '  %-8s %12s %12s\n' tool download upload
for t in "${tools[@]}"; do
	printf '  %-8s %12s %12s\n' "$t" "${rate[$t:get]}" "${rate[$t:put]}"
done
if [ -n "${rate[ferry:get]:-}" ]; then
	echo
	for other in curl lftp; do
		[ -n "${rate[$other:get]:-}" ] || continue
		printf '  %-12s %8s %12s\n' "ferry/$other" \
			"$(awk -v a="${rate[ferry:get]}" -v b="${rate[$other:get]}" 'BEGIN { printf "%.2fx", a / b }')" \
			"$(awk -v a="${rate[ferry:put]}" -v b="${rate[$other:put]}" 'BEGIN { printf "%.2fx", a / b }')"
	done
fi
echo
