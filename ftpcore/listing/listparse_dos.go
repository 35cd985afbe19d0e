package listing

import (
	"strings"
	"time"
)

// parseDOS reads IIS and other Windows listings: "MM-DD-YY  HH:MMAM
// <DIR>|size name". Years have 2 or 4 digits or lead (ISO); the clock has
// 12 or 24 hours; sizes may carry thousands separators. "<JUNCTION>" and
// "<SYMLINKD>" entries are links with their "[target]".
func (p *listParser) parseDOS(line string, e *Entry) lineResult {
	if len(line) < 10 || line[0] < '0' || line[0] > '9' {
		return notMine
	}
	fs := newFields(line, 0)
	dateTok, _ := fs.at(0)
	y, mo, d, ok := p.dosDate(dateTok, false)
	if !ok {
		return notMine
	}
	clockTok, ok := fs.at(1)
	if !ok {
		return notMine
	}
	si := 2
	if next, ok := fs.at(2); ok && (strings.EqualFold(next, "AM") || strings.EqualFold(next, "PM")) {
		clockTok = line[fs.start(1):fs.end(2)]
		si = 3
	}
	c, valid, ok := clock12(clockTok)
	if !ok {
		return notMine
	}
	sizeTok, ok := fs.at(si)
	if !ok {
		return notMine
	}
	e.Size = -1
	switch strings.ToUpper(sizeTok) {
	case "<DIR>":
		e.Type = TypeDir
		name, ok := dirColumnName(&fs, si)
		if !ok {
			return notMine
		}
		e.Name = name
	case "<JUNCTION>", "<SYMLINKD>", "<SYMLINK>":
		e.Type = TypeLink
		rest, ok := fs.restTrimmed(si)
		if !ok {
			return notMine
		}
		if i := strings.LastIndex(rest, " ["); i >= 0 && strings.HasSuffix(rest, "]") {
			rest, e.Target = rest[:i], rest[i+2:len(rest)-1]
		}
		e.Name = rest
	default:
		n, ok := groupedSize(sizeTok)
		if !ok {
			return notMine
		}
		e.Type, e.Size = TypeFile, n
		if e.Name, ok = fs.restAfter(si); !ok {
			return notMine
		}
	}
	if valid {
		e.ModTime, e.Precision = p.dosTime(y, mo, d, c)
	}
	return gotEntry
}

func (p *listParser) dosTime(y, mo, d int, c clock) (time.Time, TimePrecision) {
	t, ok := p.at(y, mo, d, c)
	if !ok {
		return time.Time{}, PrecisionNone
	}
	return t, c.prec
}

// dirColumnName cuts the name after "<DIR>". IIS pads "<DIR>" to a
// 14-character column and adds one space, so a run of ten or more spaces
// hides the name's own leading spaces beyond the tenth; other servers pad
// less and their names are taken trimmed.
func dirColumnName(fs *fields, i int) (string, bool) {
	e := fs.end(i)
	n := 0
	for e+n < len(fs.s) && fs.s[e+n] == ' ' {
		n++
	}
	if e+n >= len(fs.s) && n < 10 {
		return "", false
	}
	if n >= 10 {
		return fs.s[e+10:], true
	}
	return fs.s[e+n:], true
}

// dosDate reads "MM-DD-YY", "MM/DD/YYYY", "DD.MM.YY", "YYYY-MM-DD" and,
// for OS/2, three-digit years counted from 1900. Two-digit years are 20yy
// unless that is more than a day in the future. The day comes first with
// DayFirst or a "." separator, unless the fields say otherwise.
func (p *listParser) dosDate(tok string, os2 bool) (y, mo, d int, ok bool) {
	if len(tok) < 6 || len(tok) > 10 {
		return 0, 0, 0, false
	}
	var sep byte
	var parts [3]string
	n, start := 0, 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c >= '0' && c <= '9' {
			continue
		}
		if c != '-' && c != '/' && c != '.' || (sep != 0 && c != sep) || n == 2 {
			return 0, 0, 0, false
		}
		sep = c
		parts[n] = tok[start:i]
		n++
		start = i + 1
	}
	if n != 2 {
		return 0, 0, 0, false
	}
	parts[2] = tok[start:]
	a, ok1 := smallInt(parts[0])
	b, ok2 := smallInt(parts[1])
	c, ok3 := smallInt(parts[2])
	if !ok1 || !ok2 || !ok3 || len(parts[1]) > 2 {
		return 0, 0, 0, false
	}
	if len(parts[0]) == 4 {
		if len(parts[2]) > 2 {
			return 0, 0, 0, false
		}
		return a, b, c, true
	}
	if len(parts[0]) > 2 {
		return 0, 0, 0, false
	}
	mo, d = a, b
	if (p.dayFirst || sep == '.') && !(b > 12 && a <= 12) || a > 12 && b <= 12 {
		mo, d = b, a
	}
	switch len(parts[2]) {
	case 2:
		y = p.fullYear(c, mo, d)
	case 3:
		if !os2 {
			return 0, 0, 0, false
		}
		y = 1900 + c
	case 4:
		y = c
	default:
		return 0, 0, 0, false
	}
	return y, mo, d, true
}

// clock12 reads a 24-hour time or a 12-hour one with "AM"/"PM" (attached or
// after a space): 12:47AM is 00:47, 12:05PM is 12:05.
func clock12(s string) (c clock, valid, ok bool) {
	pm, ampm := false, false
	if n := len(s); n > 2 {
		switch strings.ToUpper(s[n-2:]) {
		case "AM":
			ampm = true
		case "PM":
			ampm, pm = true, true
		}
		if ampm {
			s = strings.TrimRight(s[:n-2], " ")
		}
	}
	c, shape, valid := parseClock(s)
	if !shape {
		return c, false, false
	}
	if ampm {
		if c.h < 1 || c.h > 12 {
			return c, false, true
		}
		if c.h == 12 {
			c.h = 0
		}
		if pm {
			c.h += 12
		}
	}
	return c, valid, true
}

// groupedSize reads a size with optional thousands separators ("," or "."),
// removed only when every group after the first has three digits.
func groupedSize(s string) (int64, bool) {
	if n, ok := decimalSize(s); ok {
		return n, true
	}
	var sep byte
	var buf [24]byte
	n, group, groups := 0, 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			if n == len(buf) {
				return 0, false
			}
			buf[n] = c
			n++
			group++
			continue
		}
		if (c != ',' && c != '.') || (sep != 0 && c != sep) {
			return 0, false
		}
		if group == 0 || group > 3 || (groups > 0 && group != 3) {
			return 0, false
		}
		sep = c
		groups++
		group = 0
	}
	if group != 3 {
		return 0, false
	}
	return decimalSize(string(buf[:n]))
}

// parseOS2 reads "size [attributes] [DIR] MM-DD-YY HH:MM name", columns of
// varying width.
func (p *listParser) parseOS2(line string, e *Entry) lineResult {
	fs := newFields(line, 0)
	sizeTok, ok := fs.at(0)
	if !ok {
		return notMine
	}
	size, ok := decimalSize(sizeTok)
	if !ok {
		return notMine
	}
	e.Type, e.Size = TypeFile, size
	i := 1
	for ; i < 4; i++ {
		t, ok := fs.at(i)
		if !ok {
			return notMine
		}
		if t == "DIR" {
			e.Type = TypeDir
			continue
		}
		if !isAttrLetters(t) {
			break
		}
		e.Perm = t
	}
	dateTok, _ := fs.at(i)
	y, mo, d, ok := p.dosDate(dateTok, true)
	if !ok {
		return notMine
	}
	clockTok, ok := fs.at(i + 1)
	if !ok {
		return notMine
	}
	c, shape, valid := parseClock(clockTok)
	if !shape {
		return notMine
	}
	name, ok := fs.restTrimmed(i + 1)
	if !ok {
		return notMine
	}
	if valid {
		e.ModTime, e.Precision = p.dosTime(y, mo, d, c)
	}
	e.Name = name
	return gotEntry
}

func isAttrLetters(s string) bool {
	if s == "" || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'A', 'R', 'S', 'H':
		default:
			return false
		}
	}
	return true
}
