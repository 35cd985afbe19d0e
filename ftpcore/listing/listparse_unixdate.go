package listing

import "strings"

// rareLsDateAt tries, at field i, the date forms that findLsDate only
// looks for once the usual ones failed on the whole line:
//
//	3 29 03:26           month and day as numbers
//	09-26 2000           MM-DD and a year
//	2004.07.15           dotted ISO date
//	26. Juli, 20:10      day first, a comma after the month
//	2005년 1월 6일        year, month and day with a unit after each
//	8月 17 08:52         month with a unit, day, time or year
//
// The units may come in a legacy encoding (Shift-JIS, EUC-KR) when the
// session's charset is not set: any number followed by bytes that are not
// ASCII is read as a number with a unit, the unit told by its place. The
// usual forms are tried too, since a size glued to the group (see
// gluedSizeOK) only gets its chance in this pass.
func (p *listParser) rareLsDateAt(fs *fields, i int) (lsDate, bool) {
	if d, ok := p.lsDateAt(fs, i, false); ok {
		return d, true
	}
	tok, _ := fs.at(i)
	if tok == "" || tok[0] < '0' || tok[0] > '9' {
		return lsDate{}, false
	}
	d := lsDate{idx: i, last: i}
	if len(tok) <= 2 && isDigits(tok) {
		if next, ok := fs.at(i + 1); ok && isDigits(next) {
			if m, _ := smallInt(tok); m >= 1 && m <= 12 {
				return p.monthDay(fs, d, m, i+1)
			}
		}
	}
	switch {
	case len(tok) == 5 && tok[2] == '-':
		mo, ok1 := smallInt(tok[:2])
		day, ok2 := smallInt(tok[3:])
		next, _ := fs.at(i + 1)
		y, ok3 := yearToken(next)
		if !ok1 || !ok2 || !ok3 {
			return d, false
		}
		d.last, d.prec = i+1, PrecisionDay
		d.t, d.known = p.at(y, mo, day, clock{})
		return d, true
	case len(tok) == 10 && tok[4] == '.' && tok[7] == '.':
		y, ok1 := smallInt(tok[:4])
		mo, ok2 := smallInt(tok[5:7])
		day, ok3 := smallInt(tok[8:])
		if !ok1 || !ok2 || !ok3 {
			return d, false
		}
		d, ok := p.dateThenClock(fs, d, y, mo, day, false)
		// Without a time, the blanks where it would be are padding.
		d.padded = d.last == i
		return d, ok
	case strings.HasSuffix(tok, ".") && len(tok) <= 3:
		return p.dayCommaMonth(fs, d, tok)
	}
	return p.unitDate(fs, d, tok)
}

// dayCommaMonth reads "26. Juli, 20:10" and "30. Jan., 12:40".
func (p *listParser) dayCommaMonth(fs *fields, d lsDate, tok string) (lsDate, bool) {
	i := d.idx
	day, ok := smallInt(strings.TrimSuffix(tok, "."))
	mt, ok2 := fs.at(i + 1)
	if !ok || !ok2 || !strings.HasSuffix(mt, ",") {
		return d, false
	}
	m := monthNumber(strings.TrimSuffix(mt, ","))
	if m == 0 {
		return d, false
	}
	return p.yearOrClock(fs, d, i+2, m, day)
}

// unitDate reads dates whose numbers carry a unit of any script: "Y년 M월
// D일" (optionally a time after) and "M月 D日 Y年" or "M月 D HH:MM".
func (p *listParser) unitDate(fs *fields, d lsDate, tok string) (lsDate, bool) {
	i := d.idx
	a, aUnit, ok := unitNumber(tok)
	if !ok {
		return d, false
	}
	bTok, ok1 := fs.at(i + 1)
	cTok, ok2 := fs.at(i + 2)
	if !ok1 || !ok2 {
		return d, false
	}
	b, bUnit, okB := unitNumber(bTok)
	if !okB {
		return d, false
	}
	if y, ok := yearToken(tok[:digitPrefix(tok)]); ok && bUnit {
		// Year first: the month needs its unit, the day may lack one.
		day, _, ok := unitNumber(cTok)
		if !ok || b < 1 || b > 12 {
			return d, false
		}
		r, ok := p.dateThenClock(fs, lsDate{idx: i + 2, last: i + 2}, y, b, day, false)
		r.idx = i
		return r, ok
	}
	if !aUnit || a < 1 || a > 12 {
		return d, false
	}
	d.last = i + 2
	if y, _, ok := unitNumber(cTok); ok && y >= 1900 && y <= 2199 && digitPrefix(cTok) == 4 {
		d.t, d.known = p.at(y, a, b, clock{})
		d.prec = PrecisionDay
		return d, true
	}
	c, shape, valid := parseClock(cTok)
	if !shape {
		return d, false
	}
	if valid {
		d.t, d.known = p.yearless(a, b, c)
		d.prec = c.prec
	}
	return d, true
}

// unitNumber reads 1 to 4 digits, optionally followed by a unit of 1 to 4
// bytes that starts outside ASCII ("月", "일", or their legacy bytes).
func unitNumber(s string) (n int, unit, ok bool) {
	k := digitPrefix(s)
	if k == 0 || k > 4 {
		return 0, false, false
	}
	n, _ = smallInt(s[:k])
	rest := s[k:]
	if rest == "" {
		return n, false, true
	}
	if rest[0] < 0x80 || len(rest) > 4 {
		return 0, false, false
	}
	return n, true, true
}

func digitPrefix(s string) int {
	k := 0
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	return k
}

// gluedSizeOK accepts a group name that ran into the size for lack of
// room ("longgroup123456"): letters, then digits.
func gluedSizeOK(fs *fields, i int) bool {
	if i < 0 {
		return false
	}
	t, ok := fs.at(i)
	if !ok {
		return false
	}
	g, _ := splitGluedSize(t)
	return g != ""
}

// splitGluedSize cuts "longgroup123456" into "longgroup" and 123456; the
// group is "" when tok is not of that shape.
func splitGluedSize(tok string) (group string, size int64) {
	k := len(tok)
	for k > 0 && tok[k-1] >= '0' && tok[k-1] <= '9' {
		k--
	}
	if k == 0 || k == len(tok) {
		return "", -1
	}
	c := tok[k-1]
	if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
		return "", -1
	}
	n, ok := decimalSize(tok[k:])
	if !ok {
		return "", -1
	}
	return tok[:k], n
}
