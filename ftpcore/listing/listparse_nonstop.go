package listing

import "strings"

// parseHPNonStop reads HP NonStop (Tandem) Guardian listings: "name code
// EOF D-Mon-YY HH:MM:SS group,user "security"". EOF is the size in bytes;
// the owner may carry a space after its comma ("255, 0").
func (p *listParser) parseHPNonStop(line string, e *Entry) lineResult {
	fs := newFields(line, 0)
	name, _ := fs.at(0)
	code, _ := fs.at(1)
	size, ok := decimalSize(mustField(&fs, 2))
	if name == "" || fs.start(0) != 0 || !isDigits(code) || !ok {
		return notMine
	}
	y, mo, day, ok := p.dayMonYear(mustField(&fs, 3))
	if !ok {
		return notMine
	}
	c, shape, valid := parseClock(mustField(&fs, 4))
	if !shape {
		return notMine
	}
	last := 5
	if strings.HasSuffix(mustField(&fs, 5), ",") {
		last = 6
	}
	if _, ok := fs.at(last); !ok {
		return notMine
	}
	g, u, _ := cut(line[fs.start(5):fs.end(last)], ',')
	sec, ok := fs.at(last + 1)
	if !isDigits(g) || !isDigits(strings.TrimLeft(u, " ")) || !ok || len(sec) < 2 || sec[0] != '"' || sec[len(sec)-1] != '"' {
		return notMine
	}
	if _, more := fs.at(last + 2); more {
		return notMine
	}
	if valid {
		if t, ok := p.at(y, mo, day, c); ok {
			e.ModTime, e.Precision = t, c.prec
		}
	}
	e.Type, e.Size, e.Name = TypeFile, size, name
	e.Owner, e.Perm = line[fs.start(5):fs.end(last)], sec
	return gotEntry
}

// dayMonYear reads "6-Apr-07" or "6-Apr-2007".
func (p *listParser) dayMonYear(s string) (y, mo, d int, ok bool) {
	a, rest, ok1 := strings.Cut(s, "-")
	m, yy, ok2 := strings.Cut(rest, "-")
	d, ok3 := smallInt(a)
	y, ok4 := smallInt(yy)
	mo = monthNumber(m)
	if !ok1 || !ok2 || !ok3 || !ok4 || mo == 0 || len(a) > 2 {
		return 0, 0, 0, false
	}
	switch len(yy) {
	case 2:
		y = p.fullYear(y, mo, d)
	case 4:
	default:
		return 0, 0, 0, false
	}
	return y, mo, d, true
}
