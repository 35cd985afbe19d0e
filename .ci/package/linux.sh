#!/usr/bin/env bash
# Builds Ferry's Linux amd64 packages from this checkout, into dist/:
#
#   ferry_VERSION-BUILD_amd64.deb       for Debian, Ubuntu and their relatives
#   ferry-VERSION-linux-amd64.tar.xz    the same files under bin/ and share/,
#                                       with install.sh (no compiler needed)
#
# VERSION and BUILD come from FyneApp.toml (version.sh), which nothing here
# writes. Needs Go, gcc with Fyne's GL/X11 headers, ImageMagick (convert),
# dpkg-deb and dpkg-shlibdeps (dpkg-dev), xz. DIST overrides the output folder.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
eval "$("$here/version.sh")"
export SOURCE_DATE_EPOCH
dist=${DIST:-$root/dist}
go=${GO:-go}

[ "$(uname -s)/$(uname -m)" = Linux/x86_64 ] ||
	{ echo "linux.sh: builds on Linux x86_64 only (cgo), not $(uname -s)/$(uname -m)" >&2; exit 1; }
for tool in convert dpkg-deb dpkg-shlibdeps xz gzip; do
	command -v "$tool" >/dev/null || { echo "linux.sh: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/stage/usr
mkdir -p "$stage/bin" "$dist"

ldflags="-s -w -X 'main.version=$VERSION (build $BUILD)'"
(cd "$root" &&
	CGO_ENABLED=1 GOOS=linux GOARCH=amd64 "$go" build -buildvcs=false -trimpath -tags no_animations,no_emoji -ldflags "$ldflags" \
		-o "$stage/bin/ferry" ./cmd/ferry &&
	CGO_ENABLED=0 GOOS=linux GOARCH=amd64 "$go" build -buildvcs=false -trimpath -ldflags "$ldflags" \
		-o "$stage/bin/ferry-cli" ./cmd/ferry-cli)

# The icon at the sizes menus, docks and launchers ask for; the PNG in assets
# is the one the window uses, so every size looks alike.
for size in 16 22 24 32 48 64 128 256; do
	dir=$stage/share/icons/hicolor/${size}x${size}/apps
	mkdir -p "$dir"
	convert "$root/assets/icon.png" -filter Lanczos -resize "${size}x${size}" -depth 8 -strip \
		-define png:exclude-chunks=date,time "$dir/io.ferry.app.png"
done
install -D -m 0644 "$here/linux/io.ferry.app.desktop" "$stage/share/applications/io.ferry.app.desktop"
mkdir -p "$stage/share/man/man1"
for page in ferry.1 ferry-cli.1; do
	gzip -9n <"$here/linux/$page" >"$stage/share/man/man1/$page.gz"
done

find "$work/stage" -type d -exec chmod 0755 {} +
find "$work/stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/bin/ferry" "$stage/bin/ferry-cli"

# --- .deb -------------------------------------------------------------------
deb=$work/deb
cp -a "$work/stage" "$deb"
mkdir -p "$deb/DEBIAN" "$work/shlibs/debian"
printf 'Source: ferry\n\nPackage: ferry\nArchitecture: amd64\n' >"$work/shlibs/debian/control"
# Linked libraries only; GLFW opens the other X11 libraries (cursors, screens,
# input) at run time, and does without them: those are recommended below.
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O -e"$deb/usr/bin/ferry" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "linux.sh: dpkg-shlibdeps found no dependencies for ferry" >&2; exit 1; }
cat >"$deb/DEBIAN/control" <<CONTROL
Package: ferry
Version: $VERSION-$BUILD
Architecture: amd64
Maintainer: ${DEB_MAINTAINER:-Ferry developers <ferry@example.org>}
Installed-Size: $(du -sk --apparent-size "$deb/usr" | cut -f1)
Depends: $depends
Recommends: libxcursor1, libxi6, libxinerama1, libxrandr2, libxrender1, libxxf86vm1, xdg-utils
Section: net
Priority: optional
Description: dual-pane FTP and FTPS client
 Ferry is a desktop FTP client with two panes, either of which can show
 the local disk or a server. It speaks FTP and FTPS (explicit and implicit
 TLS), parses the listings of every common server family and copies between
 two servers directly (FXP). ferry-cli runs the same engine without a window.
CONTROL
find "$deb" -depth -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
debfile=$dist/ferry_${VERSION}-${BUILD}_amd64.deb
dpkg-deb --root-owner-group -Zxz --build "$deb" "$debfile" >/dev/null

# --- .tar.xz ------------------------------------------------------------------
name=ferry-$VERSION-linux-amd64
tree=$work/$name
mkdir -p "$tree"
cp -a "$stage/." "$tree/"
install -m 0755 "$here/linux/install.sh" "$tree/install.sh"
find "$tree" -depth -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
tarfile=$dist/$name.tar.xz
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
	-C "$work" -cf - "$name" | xz -9 >"$tarfile"

ls -l "$debfile" "$tarfile"
