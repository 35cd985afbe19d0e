package listing

// parseOS9 reads Microware OS-9 listings ("dir -e"): "group.user
// YY/MM/DD HHMM attributes sector bytecount name". The attributes are
// "dsewrewr" with "-" for an unset flag; a leading "d" marks a directory.
func (p *listParser) parseOS9(line string, e *Entry) lineResult {
	fs := newFields(line, 0)
	owner, _ := fs.at(0)
	g, u, found := cut(owner, '.')
	if !found || !isDigits(g) || !isDigits(u) || len(owner) > 11 {
		return notMine
	}
	dt, hhmm, attrs := mustField(&fs, 1), mustField(&fs, 2), mustField(&fs, 3)
	if len(dt) != 8 || dt[2] != '/' || dt[5] != '/' || len(hhmm) != 4 || !isDigits(hhmm) || !isOS9Attrs(attrs) {
		return notMine
	}
	yy, ok1 := smallInt(dt[:2])
	mo, ok2 := smallInt(dt[3:5])
	day, ok3 := smallInt(dt[6:])
	size, ok4 := decimalSize(mustField(&fs, 5))
	name, ok5 := fs.restTrimmed(5)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !isHex(mustField(&fs, 4)) {
		return notMine
	}
	h, _ := smallInt(hhmm[:2])
	mi, _ := smallInt(hhmm[2:])
	if h < 24 && mi < 60 {
		if t, ok := p.at(p.fullYear(yy, mo, day), mo, day, clock{h: h, m: mi}); ok {
			e.ModTime, e.Precision = t, PrecisionMinute
		}
	}
	e.Type = TypeFile
	if attrs[0] == 'd' {
		e.Type = TypeDir
	}
	e.Perm, e.Owner, e.Size, e.Name = attrs, owner, size, name
	return gotEntry
}

func isOS9Attrs(s string) bool {
	const flags = "dsewrewr"
	if len(s) != len(flags) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '-' && s[i] != flags[i] {
			return false
		}
	}
	return true
}

// cut is strings.Cut on a byte.
func cut(s string, sep byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
