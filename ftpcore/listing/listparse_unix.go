package listing

import "strings"

// parseUnix reads `ls -l` lines and their variants: device files, ACL and
// attribute markers after the permissions, missing or multi-word groups,
// numeric ids, NetPresenz folders and fork sizes, and every date form of
// findLsDate. The name is everything after the one space that follows the
// date, spacing kept; only an "l" entry is split at its first " -> ".
func (p *listParser) parseUnix(line string, e *Entry) lineResult {
	t, k, ok := unixTypeOf(line)
	if !ok {
		return notMine
	}
	typ := line[0]
	e.Type = t
	fs := newFields(line, k)
	device := typ == 'c' || typ == 'b'
	d, ok := p.findLsDate(&fs, 1, device)
	if !ok {
		return notMine
	}
	e.Perm = line[1:10]
	p.fillUnixSizeOwner(&fs, d.idx-1, device, e)
	if d.known {
		e.ModTime, e.Precision = d.t, d.prec
	}
	name, _ := fs.restAfter(d.last)
	if d.padded {
		name = strings.TrimLeft(name, " ")
	}
	if typ == 'l' {
		if i := strings.Index(name, " -> "); i >= 0 {
			name, e.Target = name[:i], name[i+4:]
		}
	}
	e.Name = name
	return gotEntry
}

// fillUnixSizeOwner reads the size field si and the owner and group
// between the link count and it.
func (p *listParser) fillUnixSizeOwner(fs *fields, si int, device bool, e *Entry) {
	sizeTok, _ := fs.at(si)
	e.Size = -1
	if device {
		if !strings.Contains(sizeTok, ",") && si > 0 {
			if prev, _ := fs.at(si - 1); strings.HasSuffix(prev, ",") {
				si--
			}
		}
	} else {
		e.Size, e.SizeApprox = lsSize(sizeTok)
	}
	gluedGroup := ""
	if e.Size < 0 && !device {
		gluedGroup, e.Size = splitGluedSize(sizeTok)
	}
	first := 0
	if t, _ := fs.at(0); isDigits(t) && si >= 1 {
		first = 1
	}
	if t, _ := fs.at(0); t == "folder" && e.Type == TypeDir && si == 1 {
		// NetPresenz prints "folder" where the owner goes and a count of
		// items where the size goes. A folder's Size is its listing's size
		// column, whatever that counts (4096 on most Unix servers): the
		// window shows no size for folders, so the number is kept as given.
		return
	}
	switch n := si - first; {
	case n == 1:
		e.Owner, _ = fs.at(first)
	case n >= 2:
		e.Owner, _ = fs.at(first)
		e.Group = fs.s[fs.start(first+1):fs.end(si-1)]
	}
	if gluedGroup != "" && e.Group == "" {
		e.Group = gluedGroup
	}
}

func isPermChar(c byte) bool {
	switch c {
	case '-', 'r', 'w', 'x', 's', 'S', 't', 'T', 'l', 'L', 'a', 'A', '?':
		return true
	}
	return false
}

// sizeFieldOK accepts a decimal size or an ls -h style approximate one.
func sizeFieldOK(fs *fields, i int) bool {
	if i < 0 {
		return false
	}
	t, ok := fs.at(i)
	if !ok {
		return false
	}
	if _, ok := decimalSize(t); ok {
		return true
	}
	_, approx := lsSize(t)
	return approx
}

// deviceFieldOK accepts "major, minor" as one or two fields, a bare number
// or a hex device number.
func deviceFieldOK(fs *fields, i int) bool {
	if i < 0 {
		return false
	}
	t, ok := fs.at(i)
	if !ok {
		return false
	}
	if a, b, found := strings.Cut(t, ","); found {
		return isDigits(a) && (b == "" || isDigits(b))
	}
	if strings.HasPrefix(t, "0x") && len(t) > 2 {
		return true
	}
	return isDigits(t)
}

// lsSize reads a size field: decimal bytes, or "2.5k", "3KB", "1.2M" (binary
// multiples, approximate). It returns -1 when the field is neither.
func lsSize(s string) (size int64, approx bool) {
	if n, ok := decimalSize(s); ok {
		return n, false
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 15 {
		return -1, false
	}
	whole, _ := decimalSize(s[:i])
	var frac, scale int64 = 0, 1
	if i < len(s) && (s[i] == '.' || s[i] == ',') {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-i <= 3 {
			frac = frac*10 + int64(s[j]-'0')
			scale *= 10
			j++
		}
		if j == i+1 {
			return -1, false
		}
		i = j
	}
	var mult int64
	switch strings.ToUpper(s[i:]) {
	case "K", "KB", "KIB":
		mult = 1 << 10
	case "M", "MB", "MIB":
		mult = 1 << 20
	case "G", "GB", "GIB":
		mult = 1 << 30
	case "T", "TB", "TIB":
		mult = 1 << 40
	case "B":
		mult = 1
	default:
		return -1, false
	}
	if whole > (1<<62)/mult {
		return -1, false
	}
	return whole*mult + frac*mult/scale, true
}

// parseNetWare reads "d [RWCEAFMS] owner size Mon DD HH:MM name": type and
// rights are two fields, there is no link count, and the owner may be
// missing.
func (p *listParser) parseNetWare(line string, e *Entry) lineResult {
	if len(line) < 6 || (line[0] != 'd' && line[0] != '-') || line[1] != ' ' {
		return notMine
	}
	fs := newFields(line, 1)
	rights, ok := fs.at(0)
	if !ok || len(rights) < 2 || rights[0] != '[' || rights[len(rights)-1] != ']' {
		return notMine
	}
	d, ok := p.findLsDate(&fs, 2, false)
	if !ok {
		return notMine
	}
	e.Type = TypeFile
	if line[0] == 'd' {
		e.Type = TypeDir
	}
	e.Perm = rights
	e.Size, e.SizeApprox = lsSize(mustField(&fs, d.idx-1))
	if d.idx-1 > 1 {
		e.Owner = fs.s[fs.start(1):fs.end(d.idx-2)]
	}
	if d.known {
		e.ModTime, e.Precision = d.t, d.prec
	}
	// NetWare pads the name column; its names have no leading spaces.
	name, _ := fs.restAfter(d.last)
	e.Name = strings.TrimLeft(name, " ")
	return gotEntry
}

func mustField(fs *fields, i int) string {
	t, _ := fs.at(i)
	return t
}
