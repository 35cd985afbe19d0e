package listing

import "strings"

// parseVShell reads the listings of older VShell servers: "size  Mon DD,
// YYYY HH:MM name", a folder marked by a trailing "/" that is not part of
// its name.
func (p *listParser) parseVShell(line string, e *Entry) lineResult {
	fs := newFields(line, 0)
	sizeTok, _ := fs.at(0)
	size, ok := decimalSize(sizeTok)
	if !ok || fs.start(0) != 0 {
		return notMine
	}
	m := monthNumber(mustField(&fs, 1))
	if day, _ := fs.at(2); m == 0 || !strings.HasSuffix(day, ",") {
		return notMine
	}
	d, ok := p.monthDay(&fs, lsDate{idx: 1}, m, 2)
	if !ok || d.last != 4 {
		return notMine
	}
	name, ok := fs.restAfter(d.last)
	if !ok || name == "" {
		return notMine
	}
	e.Type, e.Size = TypeFile, size
	if len(name) > 1 && strings.HasSuffix(name, "/") {
		e.Type, name = TypeDir, name[:len(name)-1]
	}
	if d.known {
		e.ModTime, e.Precision = d.t, d.prec
	}
	e.Name = name
	return gotEntry
}
