#!/usr/bin/env bash
# Builds Ferry.app for macOS 12 or later, universal (Apple silicon and Intel),
# with ferry-cli inside it (Contents/MacOS/ferry-cli), and puts it in
#
#   dist/Ferry-VERSION-macos-universal.dmg
#
# Runs on macOS only (cgo needs Apple's SDK): Xcode's command-line tools and Go.
# VERSION and BUILD come from FyneApp.toml (version.sh).
#
# Signing: with MACOS_SIGN_IDENTITY (a "Developer ID Application: ..." identity
# in the keychain) the app and the .dmg are signed with the hardened runtime;
# with APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD as well, the .dmg is
# notarised and the ticket stapled. Without an identity the app is signed ad
# hoc, and Gatekeeper asks the user to allow it on first launch (README).
#
# No URL scheme is declared in Info.plist: Fyne 2.7 does not receive macOS's
# open-URL event, so ftp:// links would start Ferry without the URL.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
eval "$("$here/version.sh")"
export SOURCE_DATE_EPOCH
dist=${DIST:-$root/dist}
go=${GO:-go}
minos=12.0

[ "$(uname -s)" = Darwin ] || { echo "macos.sh: builds on macOS only" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app=$work/dmg/Ferry.app
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources" "$dist"

export MACOSX_DEPLOYMENT_TARGET=$minos
export CGO_CFLAGS="-mmacosx-version-min=$minos" CGO_LDFLAGS="-mmacosx-version-min=$minos"
ldflags="-s -w -X 'main.version=$VERSION (build $BUILD)'"
for arch in arm64 amd64; do
	(cd "$root" &&
		CGO_ENABLED=1 GOOS=darwin GOARCH=$arch "$go" build -buildvcs=false -trimpath -tags no_animations,no_emoji -ldflags "$ldflags" \
			-o "$work/ferry-$arch" ./cmd/ferry &&
		CGO_ENABLED=0 GOOS=darwin GOARCH=$arch "$go" build -buildvcs=false -trimpath -ldflags "$ldflags" \
			-o "$work/ferry-cli-$arch" ./cmd/ferry-cli)
done
lipo -create -output "$app/Contents/MacOS/ferry" "$work/ferry-arm64" "$work/ferry-amd64"
lipo -create -output "$app/Contents/MacOS/ferry-cli" "$work/ferry-cli-arm64" "$work/ferry-cli-amd64"

# The icon: assets/icon.png is 256 pixels, so the set stops at 256.
iconset=$work/Ferry.iconset
mkdir -p "$iconset"
for entry in 16x16:16 16x16@2x:32 32x32:32 32x32@2x:64 128x128:128 128x128@2x:256 256x256:256; do
	sips -z "${entry#*:}" "${entry#*:}" "$root/assets/icon.png" --out "$iconset/icon_${entry%:*}.png" >/dev/null
done
iconutil -c icns -o "$app/Contents/Resources/Ferry.icns" "$iconset"

sed -e "s/@VERSION@/$VERSION/" -e "s/@BUILD@/$BUILD/" -e "s/@MINOS@/$minos/" \
	"$here/macos/Info.plist.in" >"$app/Contents/Info.plist"
plutil -lint "$app/Contents/Info.plist" >/dev/null
printf 'APPL????' >"$app/Contents/PkgInfo"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
	codesign --force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY" "$app/Contents/MacOS/ferry-cli"
	codesign --force --timestamp --options runtime --sign "$MACOS_SIGN_IDENTITY" "$app"
else
	codesign --force --sign - "$app/Contents/MacOS/ferry-cli"
	codesign --force --sign - "$app"
fi
codesign --verify --strict --verbose=2 "$app"

ln -s /Applications "$work/dmg/Applications"
dmg=$dist/Ferry-$VERSION-macos-universal.dmg
rm -f "$dmg"
hdiutil create -quiet -volname "Ferry $VERSION" -srcfolder "$work/dmg" -fs HFS+ -format UDZO "$dmg"
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
	codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
	if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
		xcrun notarytool submit "$dmg" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
			--password "$APPLE_APP_PASSWORD" --wait
		xcrun stapler staple "$dmg"
	fi
fi
ls -l "$dmg"
