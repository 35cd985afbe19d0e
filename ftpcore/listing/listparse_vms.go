package listing

import (
	"strings"
)

// parseVMSLine reads one line of an OpenVMS (MultiNet, TCPware, UCX)
// listing: "NAME.EXT;V  used[/alloc]  D-MON-YYYY HH:MM:SS[.hh]  [OWNER]
// (S,O,G,W)", owner and protection optional. A name too long for its
// column stands alone on its line and the rest follows on the next: such a
// line is held (holdLine) and joined by the caller. "Directory ...",
// "Total of ..." and "Grand total of ..." are skipped.
//
// Names keep their ";version", since that is what the server accepts back
// and two versions of one file are two entries; "NAME.DIR;1" is the
// directory "NAME". Sizes are used blocks × 512 bytes, flagged approximate.
func (p *listParser) parseVMSLine(line string, e *Entry) lineResult {
	if strings.HasPrefix(line, "Directory ") && strings.ContainsAny(line, "[:") ||
		strings.HasPrefix(line, "Total of ") || strings.HasPrefix(line, "Grand total of ") {
		return skipLine
	}
	fs := newFields(line, 0)
	name, ok := fs.at(0)
	if !ok || fs.start(0) != 0 || !isVMSName(name) {
		return notMine
	}
	rest, more := fs.restTrimmed(0)
	if !more {
		return holdLine
	}
	return p.parseVMSAnyOrder(name, rest, e)
}

// isVMSName reports whether s looks like "NAME.EXT;VERSION".
func isVMSName(s string) bool {
	i := strings.LastIndexByte(s, ';')
	return i > 0 && isDigits(s[i+1:]) && strings.IndexByte(s[:i], ';') < 0
}

// parseVMS reads the attributes in rest for the file name.
func (p *listParser) parseVMS(name, rest string, e *Entry) lineResult {
	name = strings.TrimRight(name, " \t")
	if !isVMSName(name) {
		return notMine
	}
	fs := newFields(rest, 0)
	sizeTok, ok := fs.at(0)
	if !ok {
		return notMine
	}
	used, _, _ := strings.Cut(sizeTok, "/")
	if n, ok := decimalSize(used); ok && n < 1<<53 {
		e.Size = n * 512
	} else if n, approx := lsSize(used); approx {
		e.Size = n
	} else {
		return notMine
	}
	e.SizeApprox = true
	dateTok, ok := fs.at(1)
	if !ok {
		return notMine
	}
	y, mo, d, ok := vmsDate(dateTok)
	if !ok {
		return notMine
	}
	last := 1
	var c clock
	prec := PrecisionDay
	validClock := true
	if t, ok := fs.at(2); ok {
		if cc, shape, valid := parseClock(t); shape {
			c, prec, validClock, last = cc, cc.prec, valid, 2
		}
	}
	tail, _ := fs.restTrimmed(last)
	if strings.HasPrefix(tail, "[") {
		end := strings.IndexByte(tail, ']')
		if end < 0 {
			return notMine
		}
		e.Owner = tail[1:end]
		tail = strings.TrimLeft(tail[end+1:], " \t")
	}
	if strings.HasPrefix(tail, "(") {
		end := strings.IndexByte(tail, ')')
		if end < 0 {
			return notMine
		}
		e.Perm = tail[:end+1]
		tail = strings.TrimLeft(tail[end+1:], " \t")
	}
	if tail != "" {
		return notMine
	}
	if validClock {
		if t, ok := p.at(y, mo, d, c); ok {
			e.ModTime, e.Precision = t, prec
		}
	}
	e.Type = TypeFile
	e.Name = name
	base := name[:strings.LastIndexByte(name, ';')]
	if len(base) > 4 && strings.EqualFold(base[len(base)-4:], ".DIR") {
		e.Type = TypeDir
		e.Name = base[:len(base)-4]
	}
	return gotEntry
}

// vmsDate reads "4-FEB-2026" (any case).
func vmsDate(s string) (y, mo, d int, ok bool) {
	a, rest, ok1 := strings.Cut(s, "-")
	m, yy, ok2 := strings.Cut(rest, "-")
	if !ok1 || !ok2 || len(a) > 2 || len(yy) != 4 {
		return 0, 0, 0, false
	}
	d, ok1 = smallInt(a)
	y, ok2 = smallInt(yy)
	mo = vmsMonth(m)
	return y, mo, d, ok1 && ok2 && mo != 0
}
