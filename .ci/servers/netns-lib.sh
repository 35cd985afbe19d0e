# Names and addresses of the network namespaces of netns-start.sh; sourced by
# netns-start.sh and netns-stop.sh after lib.sh. K is 1 or 2.
ferry_ns_name() { echo "ferryns$1"; }
ferry_ns_addr() { echo "10.20$1.0.2"; }
ferry_ns_gateway() { echo "10.20$1.0.1"; }
ferry_veth_host() { echo "fveth$1h"; }
ferry_veth_ns() { echo "fveth$1n"; }

# ferry_wait_banner HOST PORT LOGDIR waits up to 20 s for a "220 " greeting on
# HOST:PORT; on failure it prints the logs of LOGDIR and returns 1.
ferry_wait_banner() {
	local host=$1 port=$2 logs=$3 deadline=$((SECONDS + 20)) line fd f
	while [ "$SECONDS" -lt "$deadline" ]; do
		if exec {fd}<>"/dev/tcp/$host/$port" 2>/dev/null; then
			while IFS= read -r -t 5 line <&"$fd"; do
				line=${line%$'\r'}
				case $line in
				[0-9][0-9][0-9]-*) continue ;;
				"220 "*)
					exec {fd}>&-
					return 0
					;;
				*) break ;;
				esac
			done
			exec {fd}>&-
		fi
		sleep 0.1
	done
	for f in "$logs"/*.log; do
		[ -s "$f" ] || continue
		printf -- '----- %s -----\n' "$f" >&2
		tail -n 30 "$f" >&2
	done
	return 1
}
