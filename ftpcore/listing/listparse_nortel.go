package listing

import "strings"

// parseWfFTP reads the listings of Nortel (Bay Networks) routers' wfFTP:
// "name  size  MM/DD/YY  Weekday.  HH:MM:SS". The name comes first, so it
// has no spaces.
func (p *listParser) parseWfFTP(line string, e *Entry) lineResult {
	fs := newFields(line, 0)
	if _, ok := fs.at(4); !ok || fs.start(0) != 0 {
		return notMine
	}
	if _, more := fs.at(5); more {
		return notMine
	}
	size, ok := decimalSize(mustField(&fs, 1))
	if !ok || !isWeekday(mustField(&fs, 3)) {
		return notMine
	}
	dt := mustField(&fs, 2)
	if len(dt) != 8 || dt[2] != '/' || dt[5] != '/' {
		return notMine
	}
	mo, ok1 := smallInt(dt[:2])
	day, ok2 := smallInt(dt[3:5])
	yy, ok3 := smallInt(dt[6:])
	c, shape, valid := parseClock(mustField(&fs, 4))
	if !ok1 || !ok2 || !ok3 || !shape {
		return notMine
	}
	if valid {
		if t, ok := p.at(p.fullYear(yy, mo, day), mo, day, c); ok {
			e.ModTime, e.Precision = t, c.prec
		}
	}
	e.Type, e.Size, e.Name = TypeFile, size, mustField(&fs, 0)
	return gotEntry
}

// isWeekday accepts an English weekday name or abbreviation ("Thur.").
func isWeekday(s string) bool {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return false
	}
	for _, d := range [...]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"} {
		if strings.HasPrefix(d, s) {
			return true
		}
	}
	return false
}

// parseVxWorks reads the listings of VxWorks' FTP server, found in Nortel
// routers among others: "size  Mon-DD-YYYY  HH:MM:SS  name", a directory
// marked by "<DIR>" after its name.
func (p *listParser) parseVxWorks(line string, e *Entry) lineResult {
	fs := newFields(line, 0)
	size, ok := decimalSize(mustField(&fs, 0))
	if !ok {
		return notMine
	}
	mon, rest, ok1 := strings.Cut(mustField(&fs, 1), "-")
	dd, yyyy, ok2 := strings.Cut(rest, "-")
	m := monthNumber(mon)
	day, ok3 := smallInt(dd)
	y, ok4 := smallInt(yyyy)
	if !ok1 || !ok2 || !ok3 || !ok4 || m == 0 || len(dd) > 2 || len(yyyy) != 4 {
		return notMine
	}
	c, shape, valid := parseClock(mustField(&fs, 2))
	name, ok := fs.restTrimmed(2)
	if !shape || !ok {
		return notMine
	}
	e.Type = TypeFile
	if n := strings.TrimSuffix(name, "<DIR>"); len(n) < len(name) {
		e.Type, name = TypeDir, strings.TrimRight(n, " \t")
		if name == "" {
			return notMine
		}
	}
	if valid {
		if t, ok := p.at(y, m, day, c); ok {
			e.ModTime, e.Precision = t, c.prec
		}
	}
	e.Size, e.Name = size, name
	return gotEntry
}
