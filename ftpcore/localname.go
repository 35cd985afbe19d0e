package ftpcore

import (
	"strings"
	"unicode/utf8"
)

// Names a server may use that Windows cannot store: the characters
// <>:"|?* and control characters, a trailing dot or space, and the device
// names CON, PRN, AUX, NUL, COM1-9 and LPT1-9 (with or without an
// extension). WindowsName maps each to a look-alike Windows accepts, one
// for one, so that ServerName can map the local name back on upload:
//
//	<>:"|?*       their full-width forms (U+FF1C, U+FF1E, U+FF1A, ...)
//	U+0001-U+001F the control pictures U+2401-U+241F
//	trailing "."  U+FF0E (full-width full stop)
//	trailing " "  U+3000 (ideographic space)
//	CON, COM1...  the last letter or digit of the device name in full width
//
// A name that already holds these look-alikes is taken for a mapped one
// on the way back: the price of a mapping Windows can store at all.

const fullWidthOffset = 0xFEE0 // '!' (U+0021) + offset = U+FF01

func windowsForbidden(r rune) bool { return strings.ContainsRune(`<>:"|?*`, r) }

// windowsDevice reports whether stem (a name up to its first dot) is a
// Windows device name.
func windowsDevice(stem string) bool {
	switch strings.ToUpper(stem) {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(stem) == 4 {
		p := strings.ToUpper(stem[:3])
		return (p == "COM" || p == "LPT") && stem[3] >= '1' && stem[3] <= '9'
	}
	return false
}

// WindowsName returns name as Windows can store it, and whether it had to
// change. Names with a path separator are not its concern (see
// listing.UnsafeName): "/" and "\" are left as they are.
func WindowsName(name string) (string, bool) {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r > 0 && r < 0x20:
			b.WriteRune(0x2400 + r)
		case windowsForbidden(r):
			b.WriteRune(r + fullWidthOffset)
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	// Trailing dots and spaces, which Windows strips silently.
	trail := len(out)
	for trail > 0 && (out[trail-1] == '.' || out[trail-1] == ' ') {
		trail--
	}
	if trail < len(out) && trail > 0 {
		var t strings.Builder
		t.WriteString(out[:trail])
		for _, c := range out[trail:] {
			if c == '.' {
				t.WriteRune(0xFF0E)
			} else {
				t.WriteRune(0x3000)
			}
		}
		out = t.String()
	}
	stem, _, _ := strings.Cut(out, ".")
	if windowsDevice(stem) {
		last := rune(stem[len(stem)-1])
		out = stem[:len(stem)-1] + string(last+fullWidthOffset) + strings.TrimPrefix(out, stem)
	}
	return out, out != name
}

// ServerName reverses WindowsName: the name a local file mapped on
// download had on the server.
func ServerName(local string) string {
	var b strings.Builder
	for i, r := range local {
		switch {
		case r >= 0x2401 && r <= 0x241F && r != 0x240A && r != 0x240D:
			b.WriteRune(r - 0x2400)
		case r >= 0xFF01 && r <= 0xFF5E && windowsForbidden(r-fullWidthOffset):
			b.WriteRune(r - fullWidthOffset)
		case (r == 0xFF0E || r == 0x3000) && trailingOnly(local[i:]):
			if r == 0xFF0E {
				b.WriteByte('.')
			} else {
				b.WriteByte(' ')
			}
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	stem, _, _ := strings.Cut(out, ".")
	if r, size := utf8.DecodeLastRuneInString(stem); size > 1 && r >= 0xFF10 && r <= 0xFF5A {
		plain := stem[:len(stem)-size] + string(r-fullWidthOffset)
		if windowsDevice(plain) {
			out = plain + strings.TrimPrefix(out, stem)
		}
	}
	return out
}

// trailingOnly reports whether s holds nothing but mapped trailing dots
// and spaces.
func trailingOnly(s string) bool {
	return strings.Trim(s, "\uFF0E\u3000") == ""
}
