#!/usr/bin/env bash
# Prints Ferry's version and build number as shell assignments, read from the
# one place they are kept: [Details] Version and Build in FyneApp.toml.
#
#   eval "$(.ci/package/version.sh)"   # sets VERSION, BUILD and SOURCE_DATE_EPOCH
#
# Nothing here writes FyneApp.toml: a release bumps it by hand, in a commit.
# SOURCE_DATE_EPOCH (the last commit's time, unless already set) dates the files
# inside the packages, so that two builds of one commit give the same archives.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
toml=$root/FyneApp.toml

# The value of KEY inside the [Details] table, quotes removed.
details() {
	awk -v key="$1" '
		/^[[:space:]]*\[/ { in_details = ($0 ~ /^[[:space:]]*\[Details\][[:space:]]*$/); next }
		in_details {
			line = $0
			sub(/^[[:space:]]+/, "", line)
			if (index(line, key) != 1) next
			rest = substr(line, length(key) + 1)
			if (rest !~ /^[[:space:]]*=/) next
			sub(/^[[:space:]]*=[[:space:]]*/, "", rest)
			sub(/[[:space:]]*(#.*)?$/, "", rest)
			gsub(/^"|"$/, "", rest)
			print rest
			exit
		}' "$toml"
}

version=$(details Version)
build=$(details Build)
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
	echo "version.sh: [Details] Version in $toml is \"$version\", not MAJOR.MINOR.PATCH" >&2
	exit 1
fi
if ! [[ $build =~ ^[0-9]+$ ]]; then
	echo "version.sh: [Details] Build in $toml is \"$build\", not a number" >&2
	exit 1
fi
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || true)}
[ -n "$epoch" ] || epoch=$(date +%s)
printf 'VERSION=%s\nBUILD=%s\nSOURCE_DATE_EPOCH=%s\n' "$version" "$build" "$epoch"
