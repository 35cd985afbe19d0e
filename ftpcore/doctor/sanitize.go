package doctor

import (
	"fmt"
	"strings"
	"unicode"
)

// clean makes text from a server safe to print: control characters
// (escape sequences a terminal would obey, CR that would overwrite a
// line) are shown as \xNN or \u{NNNN}, never passed on.
func clean(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteRune(r)
		case r < 0x100 && isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case isControl(r):
			fmt.Fprintf(&b, `\u{%04x}`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	// Cf holds the invisible format characters, bidirectional overrides
	// among them, which make a text read otherwise than it is.
	return r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r))
}

// cleanLine cleans every text a line carries before anyone sees it.
func cleanLine(l Line) Line {
	for i, e := range l.Evidence {
		l.Evidence[i] = clean(e)
	}
	l.Title, l.Detail, l.Advice = cleanMessage(l.Title), cleanMessage(l.Detail), cleanMessage(l.Advice)
	return l
}

func cleanMessage(m Message) Message {
	for k, v := range m.Args {
		switch v := v.(type) {
		case string:
			m.Args[k] = clean(v)
		case Message:
			m.Args[k] = cleanMessage(v)
		}
	}
	return m
}
