package listing

import (
	"fmt"
	"io"
	"strings"
)

// readListing reads the whole listing, at most max bytes of it. The text
// becomes one string that every entry's strings slice into: one copy for the
// listing instead of an allocation per line, and nothing kept but the text
// and the entries. A listing is held whole by its user anyway.
func readListing(r io.Reader, max int64) (string, error) {
	// A strings.Builder hands its bytes over as the string: one copy of
	// the listing, where a bytes.Buffer's String would make a second.
	var b strings.Builder
	if sized, ok := r.(interface{ Len() int }); ok {
		// In-memory readers say their size: read into one buffer, no regrowth.
		b.Grow(int(min(int64(sized.Len()), max)) + 1)
	}
	n, err := io.Copy(&b, io.LimitReader(r, max+1))
	if err != nil {
		return b.String(), fmt.Errorf("parse listing: read: %w", err)
	}
	if n > max {
		return b.String()[:max], fmt.Errorf("parse listing: over %d bytes: %w", max, ErrTooLarge)
	}
	return b.String(), nil
}

// nextLine returns the line that starts at pos, without its end (CRLF, LF
// or a bare CR), and the position after that end. bufio.Scanner would know
// no bare CR and would abort the whole listing on one over-long line.
func nextLine(s string, pos int) (line string, next int) {
	rest := s[pos:]
	lf := strings.IndexByte(rest, '\n')
	limit := rest
	if lf >= 0 {
		limit = rest[:lf]
	}
	if cr := strings.IndexByte(limit, '\r'); cr >= 0 {
		if cr+1 < len(rest) && rest[cr+1] == '\n' {
			return rest[:cr], pos + cr + 2
		}
		return rest[:cr], pos + cr + 1
	}
	if lf >= 0 {
		return rest[:lf], pos + lf + 1
	}
	return rest, len(s)
}

// countLines estimates the number of lines, to size the entry slice once.
func countLines(s string) int {
	return max(strings.Count(s, "\n"), strings.Count(s, "\r")) + 1
}
