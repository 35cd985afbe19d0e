#!/usr/bin/env bash
# Cross-builds Ferry for Windows amd64 on Linux with mingw-w64, into dist/:
#
#   Ferry-VERSION-windows-amd64-setup.exe   NSIS installer: Start-menu entry,
#                                           uninstaller, ftp/ftps/ftpes links
#   Ferry-VERSION-windows-amd64.zip         Ferry.exe and ferry-cli.exe, to run
#                                           without installing
#
# Both programs carry the icon (16 to 256 pixels), version information and a
# manifest (per-monitor DPI awareness, Windows 10 and 11), linked from a .syso
# that windres makes here and that is removed afterwards. VERSION and BUILD
# come from FyneApp.toml (version.sh). Needs Go, gcc-mingw-w64-x86-64
# (x86_64-w64-mingw32-gcc and -windres), nsis (makensis), ImageMagick, zip.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
eval "$("$here/version.sh")"
export SOURCE_DATE_EPOCH
dist=${DIST:-$root/dist}
go=${GO:-go}
cc=${MINGW_CC:-x86_64-w64-mingw32-gcc}
windres=${WINDRES:-x86_64-w64-mingw32-windres}

for tool in "$cc" "$windres" makensis convert zip; do
	command -v "$tool" >/dev/null || { echo "windows.sh: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d)
sysos=("$root/cmd/ferry/rsrc_windows_amd64.syso" "$root/cmd/ferry-cli/rsrc_windows_amd64.syso")
trap 'rm -rf "$work" "${sysos[@]}"' EXIT
out=$work/out
mkdir -p "$out" "$dist"

IFS=. read -r major minor patch <<<"$VERSION"
convert "$root/assets/icon.png" -depth 8 -define icon:auto-resize=256,128,64,48,40,32,24,20,16 "$out/ferry.ico"

# resources NAME FILENAME DESCRIPTION: the .syso of cmd/NAME.
resources() {
	local name=$1 file=$2 description=$3
	sed -e "s/@NAME@/Ferry.$name/" -e "s/@VERSION4@/$VERSION.$BUILD/" \
		-e "s/@DESCRIPTION@/$description/" "$here/windows/ferry.manifest.in" >"$work/$name.manifest"
	sed -e "s/@FILENAME@/$file/" -e "s/@INTERNAL@/$name/" -e "s/@MANIFEST@/$name.manifest/" \
		-e "s/@VERSIONC@/$major,$minor,$patch,$BUILD/" -e "s/@VERSION4@/$VERSION.$BUILD/" \
		-e "s/@VERSION@/$VERSION/" -e "s/@DESCRIPTION@/$description/" \
		"$here/windows/resources.rc.in" >"$work/$name.rc"
	cp "$out/ferry.ico" "$work/ferry.ico"
	(cd "$work" && "$windres" --input-format=rc --output-format=coff -i "$name.rc" \
		-o "$root/cmd/$name/rsrc_windows_amd64.syso")
}
resources ferry Ferry.exe "Ferry FTP client"
resources ferry-cli ferry-cli.exe "Ferry command-line FTP client"

version_flag="-X 'main.version=$VERSION (build $BUILD)'"
(cd "$root" &&
	CGO_ENABLED=1 CC="$cc" GOOS=windows GOARCH=amd64 "$go" build -buildvcs=false -trimpath -tags no_animations,no_emoji \
		-ldflags "-s -w -H windowsgui $version_flag" -o "$out/Ferry.exe" ./cmd/ferry &&
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 "$go" build -buildvcs=false -trimpath \
		-ldflags "-s -w $version_flag" -o "$out/ferry-cli.exe" ./cmd/ferry-cli)

name=Ferry-$VERSION-windows-amd64
touch -d "@$SOURCE_DATE_EPOCH" "$out/Ferry.exe" "$out/ferry-cli.exe"
rm -f "$dist/$name.zip"
(cd "$out" && zip -q -X -9 "$dist/$name.zip" Ferry.exe ferry-cli.exe)
makensis -V2 -NOCD -DVERSION="$VERSION" -DBUILD="$BUILD" -DSRCDIR="$out" \
	-DOUTFILE="$dist/$name-setup.exe" "$here/windows/installer.nsi"

ls -l "$dist/$name-setup.exe" "$dist/$name.zip"
