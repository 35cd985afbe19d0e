package listing

import (
	"strings"
	"time"
)

// parseUnixNumeric reads listings that print everything as numbers:
// "0100644  500  101  12345  123456789  name", that is the octal st_mode,
// uid, gid, size and modification time in Unix seconds.
func (p *listParser) parseUnixNumeric(line string, e *Entry) lineResult {
	fs := newFields(line, 0)
	mode, _ := fs.at(0)
	if len(mode) < 6 || len(mode) > 7 || !isOctal(mode) {
		return notMine
	}
	for i := 1; i <= 4; i++ {
		if t, ok := fs.at(i); !ok || !isDigits(t) {
			return notMine
		}
	}
	var m int64
	for i := 0; i < len(mode); i++ {
		m = m*8 + int64(mode[i]-'0')
	}
	switch m >> 12 & 0o17 {
	case 0o10:
		e.Type = TypeFile
	case 0o04:
		e.Type = TypeDir
	case 0o12:
		e.Type = TypeLink
	case 0o01, 0o02, 0o06, 0o14:
		e.Type = TypeSpecial
	default:
		return notMine
	}
	size, ok1 := decimalSize(mustField(&fs, 3))
	secs, ok2 := decimalSize(mustField(&fs, 4))
	name, ok3 := fs.restTrimmed(4)
	if !ok1 || !ok2 || !ok3 || secs > 1<<40 {
		return notMine
	}
	e.Size = size
	if e.Type == TypeSpecial {
		e.Size = -1
	}
	e.Perm, e.Owner, e.Group = mode, mustField(&fs, 1), mustField(&fs, 2)
	// Seconds since the epoch name an instant: no time zone applies.
	e.ModTime, e.Precision = time.Unix(secs, 0).UTC(), PrecisionSecond
	e.Name = name
	return gotEntry
}

func isOctal(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '7' {
			return false
		}
	}
	return s != ""
}

// unixTypeOf reads the type letter and nine permission characters that
// open an ls line, with an optional ACL or attribute marker; k is the
// offset after them.
func unixTypeOf(line string) (t EntryType, k int, ok bool) {
	if len(line) < 12 {
		return 0, 0, false
	}
	switch line[0] {
	case '-':
		t = TypeFile
	case 'd':
		t = TypeDir
	case 'l':
		t = TypeLink
	case 'c', 'b', 'p', 's', 'D', 'n', 'P', '?':
		t = TypeSpecial
	default:
		return 0, 0, false
	}
	for i := 1; i < 10; i++ {
		if !isPermChar(line[i]) {
			return 0, 0, false
		}
	}
	k = 10
	if c := line[k]; c == '+' || c == '@' || c == '.' {
		k++
	}
	if line[k] != ' ' && line[k] != '\t' {
		return 0, 0, false
	}
	return t, k, true
}

// parseUnixDateless reads ls lines without any date, as some embedded
// servers print them: "drwxr-xr-x 3 owner group 512 name". A line whose
// date is only malformed or whose name is missing is not one of these.
func (p *listParser) parseUnixDateless(line string, e *Entry) lineResult {
	t, k, ok := unixTypeOf(line)
	if !ok || t == TypeSpecial {
		return notMine
	}
	fs := newFields(line, k)
	links, _ := fs.at(0)
	if !isDigits(links) || !sizeFieldOK(&fs, 3) {
		return notMine
	}
	if _, ok := fs.at(4); !ok {
		return notMine
	}
	for anyWord := range 2 {
		if _, isDate := p.lsDateAt(&fs, 4, anyWord == 1); isDate {
			return notMine
		}
	}
	if _, isDate := p.rareLsDateAt(&fs, 4); isDate {
		return notMine
	}
	name, _ := fs.restAfter(3)
	e.Type, e.Perm = t, line[1:10]
	e.Owner, e.Group = mustField(&fs, 1), mustField(&fs, 2)
	e.Size, e.SizeApprox = lsSize(mustField(&fs, 3))
	if t == TypeLink {
		if i := strings.Index(name, " -> "); i >= 0 {
			name, e.Target = name[:i], name[i+4:]
		}
	}
	e.Name = name
	return gotEntry
}

// parseConnectEnterprise reads Sterling Connect:Enterprise listings,
// ls-like with a 13-character flag field ending in the protocol
// ("-C--E-----FTP") and mailbox columns where owner and group go.
func (p *listParser) parseConnectEnterprise(line string, e *Entry) lineResult {
	if len(line) < 15 || line[0] != '-' && line[0] != 'd' || line[10:13] != "FTP" || line[13] != ' ' {
		return notMine
	}
	for i := 1; i < 10; i++ {
		if c := line[i]; c != '-' && (c < 'A' || c > 'Z') {
			return notMine
		}
	}
	fs := newFields(line, 13)
	d, ok := p.findLsDate(&fs, 1, false)
	if !ok {
		return notMine
	}
	e.Type = TypeFile
	if line[0] == 'd' {
		e.Type = TypeDir
	}
	e.Perm = line[:13]
	e.Size, e.SizeApprox = lsSize(mustField(&fs, d.idx-1))
	if d.idx >= 2 {
		e.Owner = fs.s[fs.start(0):fs.end(d.idx-2)]
	}
	if d.known {
		e.ModTime, e.Precision = d.t, d.prec
	}
	e.Name, _ = fs.restAfter(d.last)
	return gotEntry
}
