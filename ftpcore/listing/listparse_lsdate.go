package listing

import (
	"strings"
	"sync"
	"time"
)

// lsDate is a date found among a line's fields by findLsDate.
type lsDate struct {
	idx   int // first field of the date
	last  int // last field of the date; the name follows it
	t     time.Time
	prec  TimePrecision
	known bool // false when the date has the right shape but impossible values
	// padded says the date is followed by a padded column, so that the
	// blanks before the name are not part of it.
	padded bool
}

// findLsDate looks for the leftmost date in the fields from index from on
// whose preceding field is a size, in every form ls and its
// imitators print. Anchoring on the date rather than on column counts
// copes with missing groups, owners with spaces and extra columns. A word
// that is not a known month but sits where one should ("Foo 14 12:00") is
// taken as a date of unknown value, so that it never leaks into the name.
// device says that the size field holds device numbers instead.
func (p *listParser) findLsDate(fs *fields, from int, device bool) (lsDate, bool) {
	for pass := 0; pass < 3; pass++ {
		for i := from; ; i++ {
			if _, ok := fs.at(i); !ok {
				break
			}
			var d lsDate
			var ok bool
			if pass < 2 {
				d, ok = p.lsDateAt(fs, i, pass == 1)
			} else {
				// Rare forms last, so that they never change a line the
				// usual forms read.
				d, ok = p.rareLsDateAt(fs, i)
			}
			if ok && (!device && (sizeFieldOK(fs, i-1) || pass == 2 && gluedSizeOK(fs, i-1)) || device && deviceFieldOK(fs, i-1)) {
				if _, more := fs.restAfter(d.last); more {
					return d, true
				}
			}
		}
	}
	return lsDate{}, false
}

// lsDateAt tries every date form at field i. anyWord accepts an unknown
// word as the month.
func (p *listParser) lsDateAt(fs *fields, i int, anyWord bool) (lsDate, bool) {
	tok, _ := fs.at(i)
	if tok == "" {
		return lsDate{}, false
	}
	d := lsDate{idx: i}
	if c := tok[0]; c >= '0' && c <= '9' {
		if m := cjkMonth(tok); m != 0 {
			return p.monthDay(fs, d, m, i+1)
		}
		if anyWord {
			return d, false
		}
		return p.numericLsDate(fs, d, tok)
	}
	m := monthNumber(tok)
	if m == 0 {
		if !anyWord || !isWord(tok) {
			return d, false
		}
		m = -1
	} else if anyWord {
		return d, false
	}
	return p.monthDay(fs, d, m, i+1)
}

// monthDay reads "Mon DD HH:MM", "Mon DD  YYYY" and "Mon DD, YYYY HH:MM"
// once the month (m, or -1 when unknown) is at the field before j.
func (p *listParser) monthDay(fs *fields, d lsDate, m, j int) (lsDate, bool) {
	dayTok, ok := fs.at(j)
	if !ok {
		return d, false
	}
	comma := strings.HasSuffix(dayTok, ",")
	dayTok = strings.TrimSuffix(dayTok, ",")
	dayTok = strings.TrimSuffix(strings.TrimSuffix(dayTok, "日"), "일")
	if len(dayTok) > 2 || !isDigits(dayTok) {
		return d, false
	}
	day, _ := smallInt(dayTok)
	third, ok := fs.at(j + 1)
	if !ok {
		return d, false
	}
	if y, ok := yearToken(third); ok {
		d.last = j + 1
		var c clock
		d.prec = PrecisionDay
		if comma {
			if tt, ok := fs.at(j + 2); ok {
				if cc, shape, valid := parseClock(tt); shape {
					d.last = j + 2
					if !valid {
						return d, true
					}
					c = cc
					d.prec = cc.prec
				}
			}
		}
		if m > 0 {
			d.t, d.known = p.at(y, m, day, c)
		}
		return d, true
	}
	if comma {
		return d, false
	}
	c, shape, valid := parseClock(third)
	if !shape {
		return d, false
	}
	d.last = j + 1
	if valid && m > 0 {
		d.t, d.known = p.yearless(m, day, c)
		d.prec = c.prec
	}
	return d, true
}

// numericLsDate reads the forms that start with a digit: ISO and full-ISO,
// YYYY/MM/DD, MM-DD HH:MM, DD-MM-YYYY, DD-mon-YY and day-first "3. Mär".
func (p *listParser) numericLsDate(fs *fields, d lsDate, tok string) (lsDate, bool) {
	i := d.idx
	d.last = i
	var y, mo, day int
	yearless := false
	switch {
	case len(tok) == 10 && (tok[4] == '-' || tok[4] == '/') && tok[7] == tok[4]:
		a, ok1 := smallInt(tok[:4])
		b, ok2 := smallInt(tok[5:7])
		c, ok3 := smallInt(tok[8:])
		if !ok1 || !ok2 || !ok3 {
			return d, false
		}
		y, mo, day = a, b, c
	case len(tok) == 10 && tok[2] == '-' && tok[5] == '-':
		a, ok1 := smallInt(tok[:2])
		b, ok2 := smallInt(tok[3:5])
		c, ok3 := smallInt(tok[6:])
		if !ok1 || !ok2 || !ok3 {
			return d, false
		}
		y, mo, day = c, b, a
		if b > 12 && a <= 12 {
			mo, day = a, b
		}
	case len(tok) == 5 && tok[2] == '-':
		a, ok1 := smallInt(tok[:2])
		b, ok2 := smallInt(tok[3:])
		if !ok1 || !ok2 {
			return d, false
		}
		mo, day, yearless = a, b, true
	case strings.Count(tok, "-") == 2:
		parts := strings.SplitN(tok, "-", 3)
		a, ok1 := smallInt(parts[0])
		m := monthNumber(parts[1])
		c, ok3 := smallInt(parts[2])
		if !ok1 || m == 0 || !ok3 || len(parts[0]) > 2 || (len(parts[2]) != 2 && len(parts[2]) != 4) {
			return d, false
		}
		mo, day, y = m, a, c
		if len(parts[2]) == 2 {
			y = p.fullYear(c, mo, day)
		}
	default:
		// Day first: "3. Mär 16:40", "12 janv. 2025".
		dayTok := strings.TrimSuffix(tok, ".")
		if len(dayTok) > 2 || !isDigits(dayTok) {
			return d, false
		}
		mt, ok := fs.at(i + 1)
		if !ok {
			return d, false
		}
		m := monthNumber(mt)
		if m == 0 {
			return d, false
		}
		day, _ = smallInt(dayTok)
		return p.yearOrClock(fs, d, i+2, m, day)
	}
	return p.dateThenClock(fs, d, y, mo, day, yearless)
}

// dateThenClock finishes a numeric date: an optional time of day (required
// for year-less dates) and, after a time with seconds, an optional numeric
// zone offset as ls --full-time prints it.
func (p *listParser) dateThenClock(fs *fields, d lsDate, y, mo, day int, yearless bool) (lsDate, bool) {
	i := d.idx
	var c clock
	d.prec = PrecisionDay
	valid := true
	if ct, ok := fs.at(i + 1); ok {
		if cc, shape, v := parseClock(ct); shape {
			c, valid, d.prec, d.last = cc, v, cc.prec, i+1
		}
	}
	if yearless && d.last == i {
		return d, false
	}
	loc := p.loc
	if d.last == i+1 && c.prec >= PrecisionSecond {
		if zt, ok := fs.at(i + 2); ok {
			if off, ok := zoneOffset(zt); ok {
				loc = fixedZone(off)
				d.last = i + 2
			}
		}
	}
	if !valid {
		return d, true
	}
	if yearless {
		d.t, d.known = p.yearless(mo, day, c)
		return d, true
	}
	if validDate(y, mo, day) {
		d.t, d.known = time.Date(y, time.Month(mo), day, c.h, c.m, c.s, c.ns, loc), true
	}
	return d, true
}

// zones holds one *time.Location for each offset met (seconds east of
// UTC → *time.Location): time.FixedZone shares only whole hours, and an
// offset such as India's +0530 would otherwise cost every entry of a
// listing a location of its own. zoneOffset bounds the offsets to 1,800.
var zones sync.Map

// fixedZone returns the shared location of the offset off.
func fixedZone(off int) *time.Location {
	if l, ok := zones.Load(off); ok {
		return l.(*time.Location)
	}
	l, _ := zones.LoadOrStore(off, time.FixedZone("", off))
	return l.(*time.Location)
}

// zoneOffset reads "+0100" or "-0500" into seconds east of UTC.
func zoneOffset(s string) (int, bool) {
	if len(s) != 5 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	h, ok1 := smallInt(s[1:3])
	m, ok2 := smallInt(s[3:])
	if !ok1 || !ok2 || h > 14 || m > 59 {
		return 0, false
	}
	off := h*3600 + m*60
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// yearToken reads a four-digit year as ls prints it (1900 to 2199), with
// the CJK "年" suffix allowed.
func yearToken(s string) (int, bool) {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "年"), "년")
	if len(s) != 4 || (s[:2] != "19" && s[:2] != "20" && s[:2] != "21") {
		return 0, false
	}
	return smallInt(s)
}

// isWord reports whether s is 2 to 12 letters (any script), the shape of a
// month name in a language the table does not know.
func isWord(s string) bool {
	if len(s) < 2 || len(s) > 24 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '.') {
			return false
		}
	}
	return true
}

// yearOrClock reads field j, after a day and a month: a year, or a time
// of day in the year the year rule gives.
func (p *listParser) yearOrClock(fs *fields, d lsDate, j, m, day int) (lsDate, bool) {
	third, ok := fs.at(j)
	if !ok {
		return d, false
	}
	d.last = j
	if y, ok := yearToken(third); ok {
		d.t, d.known = p.at(y, m, day, clock{})
		d.prec = PrecisionDay
		return d, true
	}
	c, shape, valid := parseClock(third)
	if !shape {
		return d, false
	}
	if valid {
		d.t, d.known = p.yearless(m, day, c)
		d.prec = c.prec
	}
	return d, true
}
