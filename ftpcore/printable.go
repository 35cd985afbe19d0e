package ftpcore

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Printable returns s with every character that could act on a terminal
// escaped, so that text from a server (reply text, file names, error
// messages) can be printed or logged without clearing the screen,
// retitling the window, moving the cursor or ringing the bell: C0 controls
// but the tab (ESC, BEL, CR, LF...), DEL and invalid UTF-8 bytes (a lone
// 0x9B is CSI to an 8-bit terminal) become \xNN, and C1 controls and the
// bidirectional overrides and isolates (which reorder what is shown)
// become \uNNNN. Everything else, backslashes included, is kept, so that
// Printable(Printable(s)) == Printable(s). Safe for concurrent use.
func Printable(s string) string {
	clean := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, n) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case !needsEscape(r, n):
			b.WriteString(s[i : i+n])
		case r == utf8.RuneError || r < 0x80:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		default:
			b.WriteString(`\u`)
			b.WriteString(strings.Repeat("0", 4-len(strconv.FormatInt(int64(r), 16))))
			b.WriteString(strconv.FormatInt(int64(r), 16))
		}
		i += n
	}
	return b.String()
}

// PrintableLines is Printable for a text of several lines, such as a
// multi-line reply or an error that joins several: each line is escaped
// and the line feeds between them are kept. Safe for concurrent use.
func PrintableLines(msg string) string {
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = Printable(l)
	}
	return strings.Join(lines, "\n")
}

// needsEscape tells whether the rune r, n bytes long in the input, must
// not reach a terminal as it is.
func needsEscape(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1: // an invalid byte
		return true
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&0xf]})
}
