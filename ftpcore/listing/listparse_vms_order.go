package listing

import "strings"

// parseVMSAnyOrder reads the attributes of a VMS entry in the usual order
// (parseVMS) or, failing that, in any order: some servers put the owner or
// the date before the size, print the owner without brackets, or leave out
// the time. Size and date are required; any token that is none of size,
// date, time, owner or protection makes the line not VMS.
func (p *listParser) parseVMSAnyOrder(name, rest string, e *Entry) lineResult {
	if r := p.parseVMS(name, rest, e); r != notMine {
		return r
	}
	*e = Entry{}
	name = strings.TrimRight(name, " \t")
	if !isVMSName(name) {
		return notMine
	}
	fs := newFields(rest, 0)
	var (
		haveSize, haveDate, haveClock, validClock bool
		y, mo, d                                  int
		c                                         clock
	)
	for i := 0; ; i++ {
		tok, ok := fs.at(i)
		if !ok {
			if i == maxFields {
				return notMine
			}
			break
		}
		switch {
		case e.Perm == "" && tok[0] == '(' && tok[len(tok)-1] == ')':
			e.Perm = tok
			if _, more := fs.at(i + 1); more {
				return notMine // the protection ends the line
			}
		case e.Owner == "" && len(tok) > 2 && tok[0] == '[' && tok[len(tok)-1] == ']':
			e.Owner = tok[1 : len(tok)-1]
		case !haveSize && vmsSize(tok, e):
			haveSize = true
		case !haveDate && isVMSDateShape(tok):
			var ok bool
			if y, mo, d, ok = vmsDate(tok); !ok {
				return notMine
			}
			haveDate = true
			if next, ok := fs.at(i + 1); ok {
				if cc, shape, valid := parseClock(next); shape {
					c, haveClock, validClock = cc, true, valid
					i++
				}
			}
		case e.Owner == "" && haveSize && haveDate && isVMSOwnerWord(tok):
			e.Owner = tok
		default:
			return notMine
		}
	}
	if !haveSize || !haveDate {
		return notMine
	}
	prec := PrecisionDay
	if haveClock {
		prec = c.prec
	}
	if !haveClock || validClock {
		if t, ok := p.at(y, mo, d, c); ok {
			e.ModTime, e.Precision = t, prec
		}
	}
	e.SizeApprox = true
	e.Type, e.Name = TypeFile, name
	base := name[:strings.LastIndexByte(name, ';')]
	if len(base) > 4 && strings.EqualFold(base[len(base)-4:], ".DIR") {
		e.Type, e.Name = TypeDir, base[:len(base)-4]
	}
	return gotEntry
}

// vmsSize reads "used", "used/allocated" (blocks of 512 bytes) or "2KB"
// into e.Size.
func vmsSize(tok string, e *Entry) bool {
	used, alloc, slash := strings.Cut(tok, "/")
	if slash && !isDigits(alloc) {
		return false
	}
	if n, ok := decimalSize(used); ok && n < 1<<53 {
		e.Size = n * 512
		return true
	}
	if slash {
		return false
	}
	if n, approx := lsSize(used); approx {
		e.Size = n
		return true
	}
	return false
}

// isVMSDateShape reports whether tok is "D-MON-YYYY" in shape, whatever
// the month.
func isVMSDateShape(tok string) bool {
	a, rest, ok1 := strings.Cut(tok, "-")
	m, y, ok2 := strings.Cut(rest, "-")
	return ok1 && ok2 && isDigits(a) && len(a) <= 2 && len(y) == 4 && isDigits(y) && isWord(m)
}

// isVMSOwnerWord accepts an owner printed without brackets: a user name
// of letters, digits, "_" and "$".
func isVMSOwnerWord(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$') {
			return false
		}
	}
	return true
}

// vmsMonth is monthNumber plus the French abbreviations of VMS systems set
// to French that the general table cannot hold: "JUI" (juillet, whereas
// juin is "JUN") and "AOU" (août).
func vmsMonth(m string) int {
	if n := monthNumber(m); n != 0 {
		return n
	}
	switch strings.ToUpper(m) {
	case "JUI":
		return 7
	case "AOU":
		return 8
	}
	return 0
}
