package listing

import (
	"strings"
	"time"
)

// parseMLSD reads one RFC 3659 entry: "fact=value;...; name". The name
// starts after the first space (RFC 3659 section 7.2), so it may hold ";",
// "=" and spaces of its own. Leniency is spent on the facts only: a TAB in
// place of the space, a missing final ";", a space inside a value. Times
// are UTC; cdir and pdir are skipped.
func (p *listParser) parseMLSD(line string, e *Entry) lineResult {
	facts, name, ok := splitMLSD(line)
	if !ok {
		return notMine
	}
	e.Type = TypeFile
	e.Size = -1
	var owner, ownerName, uid, group, groupName, gid string
	var unixPerm string
	var created time.Time
	var createdPrec TimePrecision
	for facts != "" {
		var fact string
		fact, facts, _ = strings.Cut(facts, ";")
		key, val, found := strings.Cut(fact, "=")
		if !found {
			continue
		}
		var buf [16]byte
		if len(key) > len(buf) {
			continue
		}
		for i := 0; i < len(key); i++ {
			c := key[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		switch string(buf[:len(key)]) {
		case "type":
			if r := mlsdType(val, e); r != gotEntry {
				return r
			}
		case "size":
			if n, ok := decimalSize(val); ok {
				e.Size = n
			}
		case "modify":
			e.ModTime, e.Precision = mlsdTime(val)
		case "create":
			created, createdPrec = mlsdTime(val)
		case "unique":
			e.Unique = val
		case "perm":
			if unixPerm == "" {
				e.Perm = val
			}
		case "unix.mode":
			if p, ok := permFromOctal(val); ok {
				// Users read rwxr-xr-x more easily than MLSD's perm
				// letters; FileZilla shows the mode too.
				unixPerm, e.Perm = p, p
			}
		case "unix.owner":
			owner = val
		case "unix.ownername":
			ownerName = val
		case "unix.uid":
			uid = val
		case "unix.group":
			group = val
		case "unix.groupname":
			groupName = val
		case "unix.gid":
			gid = val
		}
	}
	if e.Precision == PrecisionNone && createdPrec != PrecisionNone {
		e.ModTime, e.Precision = created, createdPrec
	}
	e.Owner = firstNonEmpty(ownerName, owner, uid)
	e.Group = firstNonEmpty(groupName, group, gid)
	e.Name = name
	return gotEntry
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// splitMLSD finds where the facts end and the name begins. Normally that is
// the first space, right after a ";". When the character before the first
// space is not ";", either the final ";" was left out or a value holds a
// space; the latter is assumed only when what follows up to the next "; "
// reads as more facts.
func splitMLSD(s string) (facts, name string, ok bool) {
	if !startsWithFact(s) {
		return "", "", false
	}
	sp := strings.IndexAny(s, " \t")
	if sp < 0 {
		return "", "", false
	}
	if s[sp-1] != ';' {
		if k := strings.Index(s[sp:], "; "); k > 0 && readsAsFacts(s[sp+1:sp+k]) {
			sp += k + 1
		}
	}
	facts = s[:sp]
	if strings.IndexByte(facts, ';') < 0 && !strings.HasPrefix(strings.ToLower(facts), "type=") {
		return "", "", false
	}
	return facts, s[sp+1:], true
}

// startsWithFact reports whether s opens with a fact name and "=".
func startsWithFact(s string) bool {
	for i := 0; i < len(s) && i < 32; i++ {
		c := s[i]
		switch {
		case c == '=':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '.', c == '-', c == '_':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return false
}

// readsAsFacts reports whether s, the text after a space inside the facts,
// is the tail of a value followed by further "fact=value" pieces.
func readsAsFacts(s string) bool {
	_, rest, found := strings.Cut(s, ";")
	if !found {
		return false
	}
	for rest != "" {
		var piece string
		piece, rest, _ = strings.Cut(rest, ";")
		if !startsWithFact(piece) {
			return false
		}
	}
	return true
}

// mlsdType applies a type fact. cdir and pdir are the listed directory and
// its parent, not entries.
func mlsdType(v string, e *Entry) lineResult {
	switch {
	case strings.EqualFold(v, "file"):
		e.Type = TypeFile
	case strings.EqualFold(v, "dir"):
		e.Type = TypeDir
	case strings.EqualFold(v, "cdir"), strings.EqualFold(v, "pdir"):
		return skipLine
	case len(v) > 8 && strings.EqualFold(v[:8], "os.unix="):
		kind, target, hasTarget := strings.Cut(v[8:], ":")
		switch {
		case strings.EqualFold(kind, "slink"), strings.EqualFold(kind, "symlink"), strings.EqualFold(kind, "link"):
			e.Type = TypeLink
			if hasTarget {
				e.Target = target
			}
		default:
			e.Type = TypeSpecial
		}
	case len(v) > 3 && strings.EqualFold(v[:3], "os."):
		e.Type = TypeSpecial
	}
	return gotEntry
}

// mlsdTime reads YYYYMMDDHHMMSS[.fraction] in UTC (RFC 3659 section 2.3).
// Anything else makes the time unknown rather than the entry lost.
func mlsdTime(v string) (time.Time, TimePrecision) {
	if len(v) < 14 {
		return time.Time{}, PrecisionNone
	}
	y, ok1 := smallInt(v[:4])
	mo, ok2 := smallInt(v[4:6])
	d, ok3 := smallInt(v[6:8])
	h, ok4 := smallInt(v[8:10])
	mi, ok5 := smallInt(v[10:12])
	sec, ok6 := smallInt(v[12:14])
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 || h > 23 || mi > 59 || sec > 60 || !validDate(y, mo, d) {
		return time.Time{}, PrecisionNone
	}
	if y < 1900 {
		// Year 1 is Go's zero time, which means "unknown": no file was
		// written before 1900, and such a date must not count as known.
		return time.Time{}, PrecisionNone
	}
	prec, ns := PrecisionSecond, 0
	if frac := v[14:]; frac != "" {
		if frac[0] != '.' || len(frac) < 2 || !isDigits(frac[1:]) {
			return time.Time{}, PrecisionNone
		}
		prec = PrecisionSubSecond
		for k := 1; k <= 9; k++ {
			ns *= 10
			if k < len(frac) {
				ns += int(frac[k] - '0')
			}
		}
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, ns, time.UTC), prec
}

// parseEPLF reads Bernstein's Easily Parsed LIST Format: "+" then facts
// each ended by ",", a TAB, then the name. Facts: "r" a file, "/" a
// directory (it wins when both appear), "s" size, "m" mtime in Unix seconds
// (UTC), "up" octal permissions; others are ignored.
func (p *listParser) parseEPLF(line string, e *Entry) lineResult {
	if len(line) < 3 || line[0] != '+' {
		return notMine
	}
	tab := strings.IndexByte(line, '\t')
	if tab < 0 {
		return notMine
	}
	facts := line[1:tab]
	e.Type = TypeFile
	e.Size = -1
	for facts != "" {
		var f string
		f, facts, _ = strings.Cut(facts, ",")
		if f == "" {
			continue
		}
		switch f[0] {
		case '/':
			e.Type = TypeDir
		case 's':
			if n, ok := decimalSize(f[1:]); ok {
				e.Size = n
			}
		case 'm':
			if n, ok := decimalSize(f[1:]); ok && n < 1<<40 {
				e.ModTime, e.Precision = time.Unix(n, 0).UTC(), PrecisionSecond
			}
		case 'u':
			if strings.HasPrefix(f, "up") {
				e.Perm = f[2:]
			}
		}
	}
	e.Name = line[tab+1:]
	return gotEntry
}

// permFromOctal turns an octal mode such as "0755" or "4755" into the
// "rwsr-xr-x" form of ls.
func permFromOctal(v string) (string, bool) {
	if v == "" || len(v) > 6 {
		return "", false
	}
	var m uint32
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '7' {
			return "", false
		}
		m = m<<3 | uint32(v[i]-'0')
	}
	switch m { // the usual modes, without an allocation per entry
	case 0o644:
		return "rw-r--r--", true
	case 0o755:
		return "rwxr-xr-x", true
	case 0o600:
		return "rw-------", true
	case 0o700:
		return "rwx------", true
	case 0o664:
		return "rw-rw-r--", true
	case 0o775:
		return "rwxrwxr-x", true
	}
	b := []byte("rwxrwxrwx")
	for i := 0; i < 9; i++ {
		if m&(1<<(8-i)) == 0 {
			b[i] = '-'
		}
	}
	special := [3]struct {
		bit uint32
		pos int
		on  byte
	}{{0o4000, 2, 's'}, {0o2000, 5, 's'}, {0o1000, 8, 't'}}
	for _, sp := range special {
		if m&sp.bit != 0 {
			if b[sp.pos] == '-' {
				b[sp.pos] = sp.on - 'a' + 'A'
			} else {
				b[sp.pos] = sp.on
			}
		}
	}
	return string(b), true
}
