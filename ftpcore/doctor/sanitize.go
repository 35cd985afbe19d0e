package doctor

import "ferry/ftpcore"

// clean makes text from a server safe to print, as everywhere else in
// Ferry (ftpcore.Printable): control characters and bidirectional
// overrides are shown escaped, never passed on.
func clean(s string) string { return ftpcore.Printable(s) }

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
