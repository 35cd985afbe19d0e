# The file tree every test home and the anonymous pub/ folder start with; sourced by
# start.sh. It matches the tree described in /work/shared/listings/real-servers/README.md
# (the listing corpus was captured from it), so parsers and interop tests meet the same
# names: spaces, UTF-8, dotfiles, modes, an old date, a symlink, nesting.
# Contents are deterministic, so two runs serve identical bytes.

# ferry_seed_tree DIR creates DIR and the tree in it (DIR must not exist yet).
ferry_seed_tree() {
	local dir=$1 n
	mkdir -p "$dir/nested/a/b/c" "$dir/nested/a/b/empty-dir" "$dir/dir with spaces" "$dir/upload"

	printf 'Ferry interop test tree: served by all six.\n' >"$dir/readme.txt"
	# 1000 lines of 22 bytes with LF endings, and 256 lines of 16 bytes with CRLF endings:
	# what TYPE A conversions act on.
	for ((n = 1; n <= 1000; n++)); do printf 'lf.txt line %04d abcd\n' "$n"; done >"$dir/lf.txt"
	for ((n = 1; n <= 256; n++)); do printf 'crlf line %04d\r\n' "$n"; done >"$dir/crlf.txt"
	# Every byte value 256 times, then bare CR and LF: damaged by any text-mode transfer.
	local octal all=
	for ((n = 0; n < 256; n++)); do
		printf -v octal '\\%03o' "$n"
		all+=$octal
	done
	# shellcheck disable=SC2059
	printf "$all" >"$dir/binary.bin"
	# Doubling 8 times gives 256 copies.
	for ((n = 0; n < 8; n++)); do
		cat "$dir/binary.bin" "$dir/binary.bin" >"$dir/.binary.tmp"
		mv "$dir/.binary.tmp" "$dir/binary.bin"
	done
	printf '\r\n\r\r\n\n' >>"$dir/binary.bin"
	# 3 MiB + 123 bytes of a fixed pseudo-random stream (AES-CTR of zeros with a fixed key).
	# openssl dies of SIGPIPE once head has enough: that is the expected end.
	{ openssl enc -aes-128-ctr -nosalt -K 000102030405060708090a0b0c0d0e0f \
		-iv 00000000000000000000000000000000 -in /dev/zero 2>/dev/null || true; } |
		head -c $((3 * 1024 * 1024 + 123)) >"$dir/big.bin"
	[ "$(stat -c %s "$dir/big.bin")" -eq $((3 * 1024 * 1024 + 123)) ] || ferry_die "could not write $dir/big.bin"
	: >"$dir/empty.txt"
	printf 'spaces in name\n' >"$dir/file with spaces.txt"
	printf 'double spaces in name\n' >"$dir/two  spaces  inside.txt"
	printf 'UTF-8 file name.\n' >"$dir/résumé 日本語.txt"
	printf 'dotfile, hidden from plain LIST\n' >"$dir/.hidden"
	printf '#!/bin/sh\necho hi\n' >"$dir/script.sh"
	chmod 0755 "$dir/script.sh"
	printf 'private!\n' >"$dir/private.txt"
	chmod 0600 "$dir/private.txt"
	printf 'from Feb 3 2001.\n' >"$dir/old.txt"
	touch -d '2001-02-03 04:05:06 UTC' "$dir/old.txt"
	ln -s readme.txt "$dir/link-to-readme"
	printf 'next to b\n' >"$dir/nested/a/sibling.txt"
	printf 'three levels down\n' >"$dir/nested/a/b/c/deep.txt"
	printf 'inside a folder with spaces\n' >"$dir/dir with spaces/inner file.txt"
}
