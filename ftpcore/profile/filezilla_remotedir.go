package profile

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// FileZilla's server types, the first number of an encoded remote folder.
const (
	fzServerDefault = 0
	fzServerUnix    = 1
)

// decodeFZRemoteDir turns FileZilla's encoded remote folder ("1 0 4 home
// 5 alice": server type, prefix length, then length-prefixed segments)
// into a path ("/home/alice"). FileZilla counts lengths in wchar_t, which
// is UTF-16 on Windows and UTF-32 elsewhere, so each unit is tried in turn;
// bytes come last, for files written by other tools.
func decodeFZRemoteDir(enc string) (path string, serverType int, err error) {
	if strings.TrimSpace(enc) == "" {
		return "", 0, nil
	}
	// Pretty-printed XML pads the value; a last segment may itself end in
	// a space, so for each unit the tightly trimmed form is tried first,
	// then the other. The units come first: trying every unit on the
	// trimmed form before the other would take "000ĕ00 " (7 characters,
	// the last a space) for "000ĕ00" counted in bytes, and lose the space.
	forms := []string{
		strings.TrimSpace(enc),
		strings.TrimRight(strings.TrimLeft(enc, " \t\r\n"), "\t\r\n"),
	}
	// Each unit says how many length units one character (of size bytes)
	// counts for.
	units := []func(r rune, size int) int{
		func(rune, int) int { return 1 },
		func(r rune, _ int) int { return max(utf16.RuneLen(r), 1) },
		func(_ rune, size int) int { return size },
	}
	var firstErr error
	for _, unit := range units {
		for _, form := range forms {
			typ, prefix, segs, err := splitFZRemoteDir(form, unit)
			if err == nil {
				return joinFZRemoteDir(typ, prefix, segs), typ, nil
			}
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	return "", 0, fmt.Errorf("remote folder %q: %w", strings.TrimSpace(enc), firstErr)
}

// splitFZRemoteDir parses the encoded form, measuring lengths with unit.
func splitFZRemoteDir(enc string, unit func(r rune, size int) int) (serverType int, prefix string, segs []string, err error) {
	rest := enc
	number := func() (int, error) {
		i := strings.IndexByte(rest, ' ')
		if i < 0 {
			i = len(rest)
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n < 0 {
			return 0, fmt.Errorf("expected a number at %q", rest)
		}
		rest = strings.TrimPrefix(rest[i:], " ")
		return n, nil
	}
	// take cuts n units of text; the text must then end or go on with a space.
	take := func(n int) (string, error) {
		if n == 0 {
			return "", nil
		}
		end, count := 0, 0
		for end < len(rest) && count < n {
			r, size := utf8.DecodeRuneInString(rest[end:])
			count += unit(r, size)
			end += size
		}
		if count != n {
			return "", errors.New("segment longer than the rest")
		}
		if end < len(rest) && rest[end] != ' ' {
			return "", fmt.Errorf("segment %q not followed by a space", rest[:end])
		}
		s := rest[:end]
		if strings.IndexFunc(s, unicode.IsControl) >= 0 {
			// A line break or a NUL in a folder's name cannot be sent
			// to a server (and would be a command of its own).
			return "", fmt.Errorf("segment %q holds a control character", s)
		}
		rest = strings.TrimPrefix(rest[end:], " ")
		return s, nil
	}
	if serverType, err = number(); err != nil {
		return 0, "", nil, err
	}
	if rest == "" {
		return serverType, "", nil, nil
	}
	n, err := number()
	if err != nil {
		return 0, "", nil, err
	}
	if prefix, err = take(n); err != nil {
		return 0, "", nil, err
	}
	for rest != "" {
		if n, err = number(); err != nil {
			return 0, "", nil, err
		}
		seg, err := take(n)
		if err != nil {
			return 0, "", nil, err
		}
		segs = append(segs, seg)
	}
	return serverType, prefix, segs, nil
}

// joinFZRemoteDir renders segments as the path Ferry sends to the server:
// Unix style, except that a DOS-like first segment ("C:") is not rooted.
func joinFZRemoteDir(serverType int, prefix string, segs []string) string {
	p := strings.Join(segs, "/")
	if len(segs) > 0 && strings.HasSuffix(segs[0], ":") && serverType != fzServerUnix && serverType != fzServerDefault {
		return prefix + p
	}
	return prefix + "/" + p
}

// encodeFZRemoteDir writes an absolute Unix path in FileZilla's encoded
// form, counting lengths in code points as FileZilla does outside Windows.
func encodeFZRemoteDir(path string) string {
	if path == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("1 0")
	for _, seg := range strings.Split(path, "/") {
		if seg == "" {
			continue
		}
		fmt.Fprintf(&b, " %d %s", utf8.RuneCountInString(seg), seg)
	}
	return b.String()
}
