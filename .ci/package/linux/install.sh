#!/bin/sh
# Installs Ferry from this unpacked archive; nothing is compiled.
#
#   sudo ./install.sh                 into /usr/local
#   ./install.sh --user               into ~/.local (no root needed)
#   ./install.sh --prefix DIR         into DIR
#   ./install.sh --uninstall [--user | --prefix DIR]
#
# DESTDIR=/some/root stages the files under that root (for packagers).
# The desktop entry names the installed ferry by its full path (quoted if
# it holds a space), so that it works when DIR/bin is not on PATH.
# Ferry becomes a handler of ftp://, ftps:// and ftpes:// links, the
# default one where there was none; to make it the default anyway:
#   xdg-mime default io.ferry.app.desktop x-scheme-handler/ftp
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=/usr/local
action=install
while [ $# -gt 0 ]; do
	case $1 in
	--user) prefix=$HOME/.local ;;
	--prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
		prefix=$2; shift ;;
	--prefix=*) prefix=${1#--prefix=} ;;
	--uninstall) action=uninstall ;;
	-h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
	*) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
	esac
	shift
done
case $prefix in
/*) ;;
*) echo "install.sh: the prefix must be an absolute path, not $prefix" >&2; exit 2 ;;
esac
# The prefix goes into the desktop entry's Exec line, quoted: characters
# that would need escaping there are refused.
case $prefix in
*[\"\`\$\|\&\\]* | *"
"*) echo "install.sh: the prefix must not contain \" \` \$ | & \\ or a newline" >&2; exit 2 ;;
esac
dest=${DESTDIR:-}$prefix

# The files this archive installs, relative to the prefix.
files() {
	(cd "$here" && find bin share -type f | LC_ALL=C sort)
}

refresh_caches() {
	[ -z "${DESTDIR:-}" ] || return 0
	if command -v update-desktop-database >/dev/null 2>&1; then
		update-desktop-database -q "$dest/share/applications" 2>/dev/null || true
	fi
	if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$dest/share/icons/hicolor/index.theme" ]; then
		gtk-update-icon-cache -q -t "$dest/share/icons/hicolor" 2>/dev/null || true
	fi
}

if [ "$action" = uninstall ]; then
	files | while IFS= read -r f; do rm -f "$dest/$f"; done
	refresh_caches
	echo "Ferry removed from $dest"
	exit 0
fi

files | while IFS= read -r f; do
	mode=0644
	case $f in bin/*) mode=0755 ;; esac
	mkdir -p "$dest/$(dirname "$f")"
	case $f in
	share/applications/*.desktop)
		exec_path=$prefix/bin/ferry
		case $exec_path in *" "*) exec_path="\"$exec_path\"" ;; esac
		sed -e "s|^TryExec=ferry\$|TryExec=$prefix/bin/ferry|" \
			-e "s|^Exec=ferry |Exec=$exec_path |" "$here/$f" >"$dest/$f.tmp"
		chmod "$mode" "$dest/$f.tmp"
		mv -f "$dest/$f.tmp" "$dest/$f"
		;;
	*)
		cp "$here/$f" "$dest/$f.tmp"
		chmod "$mode" "$dest/$f.tmp"
		mv -f "$dest/$f.tmp" "$dest/$f"
		;;
	esac
done
refresh_caches
echo "Ferry installed in $dest: run $prefix/bin/ferry, or Ferry from the applications menu"
case :$PATH: in
*:"$prefix/bin":*) ;;
*) echo "note: $prefix/bin is not on PATH; ferry-cli must be called by its full path" ;;
esac
