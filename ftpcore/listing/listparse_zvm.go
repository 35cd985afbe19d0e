package listing

// parseZVM reads z/VM (CMS) listings: "FNAME FTYPE FM LRECL RECORDS BLOCKS
// YYYY-MM-DD HH:MM:SS [label]", FM being the record format, F (fixed) or V
// (variable). The name is "FNAME.FTYPE", as CMS commands take it. Size is
// LRECL × RECORDS: exact for fixed records, an upper bound (SizeApprox) for
// variable ones.
func (p *listParser) parseZVM(line string, e *Entry) lineResult {
	fs := newFields(line, 0)
	if _, ok := fs.at(7); !ok || fs.start(0) != 0 {
		return notMine
	}
	if _, more := fs.at(9); more {
		return notMine
	}
	fn, ft, recfm := mustField(&fs, 0), mustField(&fs, 1), mustField(&fs, 2)
	if recfm != "F" && recfm != "V" || !isZVMName(fn) || !isZVMName(ft) {
		return notMine
	}
	lrecl, ok1 := decimalSize(mustField(&fs, 3))
	records, ok2 := decimalSize(mustField(&fs, 4))
	if !ok1 || !ok2 || !isDigits(mustField(&fs, 5)) || lrecl > 1<<20 || records > 1<<40 {
		return notMine
	}
	dt := mustField(&fs, 6)
	if len(dt) != 10 || dt[4] != '-' || dt[7] != '-' {
		return notMine
	}
	y, okY := smallInt(dt[:4])
	mo, okM := smallInt(dt[5:7])
	day, okD := smallInt(dt[8:])
	c, shape, valid := parseClock(mustField(&fs, 7))
	if !okY || !okM || !okD || !shape {
		return notMine
	}
	if valid {
		if t, ok := p.at(y, mo, day, c); ok {
			e.ModTime, e.Precision = t, c.prec
		}
	}
	e.Type, e.Size, e.SizeApprox = TypeFile, lrecl*records, recfm == "V"
	e.Name = line[:fs.end(0)] + "." + ft
	e.Owner, _ = fs.at(8)
	return gotEntry
}

// isZVMName accepts a CMS file name or type: 1 to 8 characters (the
// tests of other clients show longer ones, so up to 20), no dot.
func isZVMName(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' || c == '/' || c >= 0x80 {
			return false
		}
	}
	return true
}
