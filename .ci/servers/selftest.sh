#!/usr/bin/env bash
# Checks, with curl and lftp, that every server described in a servers.json works the
# way the file says: login, listings, downloads and uploads compared with the files on
# disk, passive and active, plain and explicit TLS (verified against the test CA),
# anonymous read-only access, MLSD and ASCII conversion where announced.
#
#   .ci/servers/selftest.sh [SERVERS_JSON]    (default: $FERRY_INTEROP_SERVERS)
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"

json=${1:-${FERRY_INTEROP_SERVERS:-}}
[ -n "$json" ] && [ -f "$json" ] || ferry_die "usage: $0 SERVERS_JSON (or set FERRY_INTEROP_SERVERS)"
for c in curl lftp jq sha256sum; do
	command -v "$c" >/dev/null 2>&1 || ferry_die "$c is missing (run .ci/servers/install.sh)"
done

scratch=$(mktemp -d /tmp/ferry-selftest.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

# check NAME CMD...: runs CMD, reports ok or FAIL with CMD's output, returns CMD's success.
check() {
	local what=$1 out
	shift
	if out=$("$@" 2>&1); then
		printf '  ok    %s\n' "$what"
		return 0
	fi
	printf '  FAIL  %s\n' "$what"
	printf '%s\n' "$out" | tail -n 8 | sed 's/^/        /'
	return 1
}
same_file() { cmp -s "$1" "$2" || { echo "differs: $1 vs $2"; return 1; }; }
contains() { grep -qF -- "$2" "$1" || { echo "'$2' not in:"; head -n 20 "$1"; return 1; }; }

# get URL OUT [curl options...]: download; a listing when URL ends with /.
get() {
	local url=$1 out=$2
	shift 2
	curl -sS --fail --max-time 30 "${auth[@]}" "$@" -o "$out" "$url"
}
put() {
	local file=$1 url=$2
	shift 2
	curl -sS --fail --max-time 30 "${auth[@]}" "$@" -T "$file" "$url"
}

# raw_ascii_size PORT USER PASS FILE prints how many bytes the server sends for
# "TYPE A" + "RETR FILE" (passive), talking FTP over bash's /dev/tcp.
raw_ascii_size() {
	local port=$1 user=$2 pass=$3 file=$4 c d line size
	exec {c}<>"/dev/tcp/127.0.0.1/$port" || return 1
	reply() { # reads one reply, prints its last line; fails unless it starts with $1
		while IFS= read -r -t 10 line <&"$c"; do
			line=${line%$'\r'}
			[[ $line =~ ^[0-9]{3}\  ]] && break
		done
		[[ $line == "$1"* ]] || { echo "expected $1, got: $line" >&2; return 1; }
		printf '%s\n' "$line"
	}
	send() { printf '%s\r\n' "$1" >&"$c"; }
	reply 220 >/dev/null || return 1
	send "USER $user"; reply 331 >/dev/null || return 1
	send "PASS $pass"; reply 230 >/dev/null || return 1
	send "TYPE A"; reply 200 >/dev/null || return 1
	send PASV; line=$(reply 227) || return 1
	[[ $line =~ \(([0-9]+),([0-9]+),([0-9]+),([0-9]+),([0-9]+),([0-9]+)\) ]] || return 1
	exec {d}<"/dev/tcp/127.0.0.1/$((BASH_REMATCH[5] * 256 + BASH_REMATCH[6]))" || return 1
	send "RETR $file"; reply 150 >/dev/null || return 1
	size=$(wc -c <&"$d")
	exec {d}<&-
	reply 226 >/dev/null || return 1
	send QUIT
	exec {c}>&-
	echo "$size"
}
export -f raw_ascii_size

# test_server I runs every check on the I-th server of servers.json.
test_server() {
	local i=$1 name port user pass home ca base d want lftp_base
	local -a auth tls
	field() { jq -r ".[$i].$1" "$json"; }
	name=$(field name)
	port=$(field port)
	user=$(field user)
	pass=$(field password)
	home=$(field home)
	ca=$(field ca)
	base=ftp://127.0.0.1:$port
	auth=(--user "$user:$pass")
	tls=(--ssl-reqd --cacert "$ca")
	d=$scratch/$name
	mkdir -p "$d"
	printf '%s (%s %s, port %s)\n' "$name" "$(field software)" "$(field version)" "$port"

	check "banner 220" bash -c ". '$HERE/lib.sh'; [[ \"\$(ferry_ftp_banner $port)\" == '220 '* ]]"
	check "LIST / (passive)" get "$base/" "$d/list" && check "  lists readme.txt" contains "$d/list" readme.txt
	check "LIST 'dir with spaces/'" get "$base/dir%20with%20spaces/" "$d/list-spaces" &&
		check "  lists inner file.txt" contains "$d/list-spaces" "inner file.txt"
	check "RETR readme.txt (passive)" get "$base/readme.txt" "$d/readme.txt" &&
		check "  same bytes as on disk" same_file "$d/readme.txt" "$home/readme.txt"
	check "RETR big.bin (active, -P 127.0.0.1)" get "$base/big.bin" "$d/big.bin" -P 127.0.0.1 &&
		check "  same bytes as on disk" same_file "$d/big.bin" "$home/big.bin"
	check "RETR binary.bin (TLS, passive)" get "$base/binary.bin" "$d/binary.bin" "${tls[@]}" &&
		check "  same bytes as on disk" same_file "$d/binary.bin" "$home/binary.bin"
	# Not TLS + active with curl: curl 7.87-7.88 (Debian 12) breaks active FTPS on its
	# own (curl/curl#10666); lftp covers TLS + active below.
	check "RETR résumé 日本語.txt (TLS, passive)" get "$base/r%C3%A9sum%C3%A9%20%E6%97%A5%E6%9C%AC%E8%AA%9E.txt" "$d/utf8.txt" "${tls[@]}" &&
		check "  same bytes as on disk" same_file "$d/utf8.txt" "$home/résumé 日本語.txt"
	check "LIST / (TLS)" get "$base/" "$d/list-tls" "${tls[@]}"
	head -c 1000000 "$home/big.bin" >"$d/up.bin"
	check "STOR upload/ (passive)" put "$d/up.bin" "$base/upload/selftest-pasv.bin" &&
		check "  same bytes on disk" same_file "$d/up.bin" "$home/upload/selftest-pasv.bin"
	check "STOR upload/ (active)" put "$d/up.bin" "$base/upload/selftest-port.bin" -P 127.0.0.1 &&
		check "  same bytes on disk" same_file "$d/up.bin" "$home/upload/selftest-port.bin"
	# No TLS upload with curl: curl 7.88 sometimes closes the data connection without a
	# TLS close_notify, which vsftpd answers with "426 Failure reading network stream";
	# lftp covers TLS uploads below.
	check "  uploaded file readable by others (umask 022)" test "$(stat -c %a "$home/upload/selftest-pasv.bin")" = 644
	check "DELE the uploads" curl -sS --fail --max-time 30 "${auth[@]}" "$base/upload/" -o /dev/null \
		-Q "DELE upload/selftest-pasv.bin" -Q "DELE upload/selftest-port.bin"
	check "  gone from disk" test ! -e "$home/upload/selftest-pasv.bin"

	if [ "$(field mlsd)" = true ]; then
		check "MLSD /" get "$base/" "$d/mlsd" -X MLSD && check "  has facts" contains "$d/mlsd" "type=file;"
	else
		check "no MLSD (as announced)" bash -c "! curl -sS --fail --max-time 10 --user '$user:$pass' -X MLSD -o /dev/null '$base/'"
	fi
	# TYPE A download of an LF file: 1000 lines grow by 1000 bytes if the server converts.
	# Over a raw socket, because curl and lftp undo the conversion on their side.
	want=22000
	[ "$(field ascii_conversion)" = true ] && want=23000
	check "TYPE A RETR lf.txt sends $want bytes" bash -c "[ \"\$(raw_ascii_size $port '$user' '$pass' lf.txt)\" = $want ]"

	if [ "$(field anonymous)" = true ]; then
		auth=()
		check "anonymous LIST /pub/" get "$base/pub/" "$d/anon-list" && check "  lists readme.txt" contains "$d/anon-list" readme.txt
		check "anonymous RETR pub/readme.txt (TLS)" get "$base/pub/readme.txt" "$d/anon-readme" "${tls[@]}" &&
			check "  same bytes as on disk" same_file "$d/anon-readme" "$(field anon_root)/pub/readme.txt"
		check "anonymous STOR refused" bash -c "! curl -sS --fail --max-time 10 -T '$d/up.bin' '$base/pub/upload/anon.bin' 2>/dev/null"
		auth=(--user "$user:$pass")
	fi

	# lftp (GnuTLS) as a second client: it resumes TLS sessions as the reuse servers need.
	lftp_base="set net:max-retries 1; set net:timeout 15; set ssl:ca-file $ca;"
	check "lftp get/put (passive)" lftp -c "$lftp_base set ftp:ssl-allow no; open -u $user,$pass $base;
		get big.bin -o $d/lftp-big.bin; put $d/up.bin -o upload/selftest-lftp.bin; rm upload/selftest-lftp.bin"
	check "  same bytes as on disk" same_file "$d/lftp-big.bin" "$home/big.bin"
	check "lftp get/put (TLS forced, passive)" lftp -c "$lftp_base set ftp:ssl-force yes; set ftp:ssl-protect-data yes;
		open -u $user,$pass $base; get big.bin -o $d/lftp-tls-big.bin; put $d/up.bin -o upload/selftest-lftp-tls.bin"
	check "  same bytes as on disk (both ways)" bash -c "cmp '$d/lftp-tls-big.bin' '$home/big.bin' && cmp '$d/up.bin' '$home/upload/selftest-lftp-tls.bin'"
	check "  uploaded file readable by others (umask 022)" test "$(stat -c %a "$home/upload/selftest-lftp-tls.bin")" = 644
	check "lftp get/put (TLS forced, active)" lftp -c "$lftp_base set ftp:ssl-force yes; set ftp:ssl-protect-data yes;
		set ftp:passive-mode no; open -u $user,$pass $base; ls 'dir with spaces' >$d/lftp-ls; get binary.bin -o $d/lftp-bin;
		put $d/up.bin -o upload/selftest-lftp.bin; rm upload/selftest-lftp.bin upload/selftest-lftp-tls.bin"
	check "  same bytes as on disk" same_file "$d/lftp-bin" "$home/binary.bin"
	check "upload/ left empty" test -z "$(ls -A "$home/upload")"
}

# The servers are tested in parallel (logins and TLS handshakes are mostly waiting),
# each into its own report, printed in order.
n=$(jq length "$json")
for ((i = 0; i < n; i++)); do
	test_server "$i" >"$scratch/report-$i" 2>&1 &
done
wait
for ((i = 0; i < n; i++)); do
	cat "$scratch/report-$i"
done
checks=$(cat "$scratch"/report-* | grep -c '^  \(ok\|FAIL\)  ')
failures=$(cat "$scratch"/report-* | grep -c '^  FAIL  ')
echo "$checks checks, $failures failures"
[ "$failures" -eq 0 ]
