package listing

import (
	"strconv"
	"strings"
)

// parseMVS reads z/OS listings: dataset lists ("Volume Unit Referred Ext
// Used Recfm Lrecl BlkSz Dsorg Dsname"), PDS member lists with statistics
// ("Name VV.MM Created Changed Size Init Mod Id"), and, under the MVS hint
// only, load-library members (hex sizes), JES spool rows and members
// without statistics (a bare name, which elsewhere is junk).
//
// Datasets and members have no byte size: Size is -1 (a member's Size
// column counts records). A dataset's time is the day it was last
// referenced. Partitioned datasets (PO, PO-E) are directories.
func (p *listParser) parseMVS(line string, e *Entry) lineResult {
	hinted := p.hint == ServerMVS
	if isMVSHeader(line) {
		return skipLine
	}
	fs := newFields(line, 0)
	first, ok := fs.at(0)
	if !ok {
		return notMine
	}
	second, hasSecond := fs.at(1)
	if !hasSecond {
		if hinted && fs.start(0) == 0 && isMemberLike(first) {
			e.Type, e.Size, e.Name = TypeFile, -1, first
			return gotEntry
		}
		return notMine
	}
	if r := p.pdsMember(&fs, e); r != notMine {
		return r
	}
	*e = Entry{}
	if r := p.mvsDataset(&fs, hinted, e); r != notMine {
		return r
	}
	*e = Entry{}
	if !hinted || fs.start(0) != 0 || !isMemberLike(first) {
		return notMine
	}
	if third, ok := fs.at(2); ok && len(second) >= 6 && isHex(second) && isHex(third) {
		// Load library: Name Size TTR Alias-of AC Attributes Amode Rmode.
		n, err := strconv.ParseInt(second, 16, 64)
		if err != nil {
			return notMine
		}
		e.Type, e.Size, e.Name = TypeFile, n, first
		return gotEntry
	}
	if isJobID(second) {
		if owner, ok := fs.at(2); ok {
			e.Owner = owner
		}
		e.Type, e.Size, e.Name = TypeFile, -1, second
		return gotEntry
	}
	return notMine
}

func isMVSHeader(line string) bool {
	switch {
	case strings.HasPrefix(line, "Volume ") && strings.Contains(line, "Dsname"):
		return true
	case strings.HasPrefix(line, "Name ") && (strings.Contains(line, "VV.MM") || strings.Contains(line, "TTR")):
		return true
	case strings.HasPrefix(line, "JOBNAME ") && strings.Contains(line, "JOBID"):
		return true
	}
	return false
}

// pdsMember reads "NAME VV.MM YYYY/MM/DD YYYY/MM/DD HH:MM size init mod id".
func (p *listParser) pdsMember(fs *fields, e *Entry) lineResult {
	name, _ := fs.at(0)
	vvmm, _ := fs.at(1)
	if fs.start(0) != 0 || !isMemberLike(name) || len(vvmm) != 5 || vvmm[2] != '.' || !isDigits(vvmm[:2]) || !isDigits(vvmm[3:]) {
		return notMine
	}
	created, _ := fs.at(2)
	changed, _ := fs.at(3)
	if _, _, _, ok := slashDate(created); !ok {
		return notMine
	}
	y, mo, d, ok := slashDate(changed)
	if !ok {
		return notMine
	}
	e.Type, e.Size, e.Name = TypeFile, -1, name
	var c clock
	prec := PrecisionDay
	if t, ok := fs.at(4); ok {
		if cc, shape, valid := parseClock(t); shape && valid {
			c, prec = cc, cc.prec
		}
	}
	if t, ok := p.at(y, mo, d, c); ok {
		e.ModTime, e.Precision = t, prec
	}
	if id, ok := fs.at(8); ok {
		e.Owner = id
	}
	return gotEntry
}

// mvsDataset reads a dataset row. Without the hint it demands the full
// column set so that it accepts nothing of another format.
func (p *listParser) mvsDataset(fs *fields, hinted bool, e *Entry) lineResult {
	first, _ := fs.at(0)
	n := 1
	for ; n < maxFields; n++ {
		if _, ok := fs.at(n); !ok {
			break
		}
	}
	name, _ := fs.at(n - 1)
	if !isDatasetName(name) {
		return notMine
	}
	e.Type, e.Size, e.Name = TypeFile, -1, name
	second, _ := fs.at(1)
	switch {
	case n == 2 && first == "Migrated":
		return gotEntry
	case n == 3 && first == "Pseudo" && second == "Directory":
		e.Type = TypeDir
		return gotEntry
	case n == 2 && hinted && (first == "MIGRAT" || first == "ARCIVE"):
		return gotEntry
	case n == 3 && hinted && second == "Tape" && fs.start(0) == 0:
		return gotEntry
	case n == 4 && isDigits(second) && mustField(fs, 2) == "VSAM" && fs.start(0) == 0:
		// A VSAM cluster: no date, extents or record format.
		return gotEntry
	}
	if n < 3 || fs.start(0) != 0 {
		return notMine
	}
	referred, _ := fs.at(2)
	y, mo, d, isDate := slashDate(referred)
	dsorg, _ := fs.at(n - 2)
	knownOrg := isDsorg(dsorg)
	if !hinted && (n < 7 || !(isDate || referred == "**NONE**") || !knownOrg) {
		return notMine
	}
	// Nine columns when Ext and Used run together.
	if !hinted && (n != 10 && n != 9 && dsorg != "VS") || hinted && !isDate && referred != "**NONE**" && !knownOrg {
		return notMine
	}
	if knownOrg && strings.HasPrefix(dsorg, "PO") {
		e.Type = TypeDir
	}
	if isDate {
		if t, ok := p.at(y, mo, d, clock{}); ok {
			e.ModTime, e.Precision = t, PrecisionDay
		}
	}
	return gotEntry
}

func isDsorg(s string) bool {
	switch s {
	case "PS", "PO", "PO-E", "DA", "IS", "VS", "VSAM", "HFS", "ZFS":
		return true
	}
	return false
}

// slashDate reads YYYY/MM/DD.
func slashDate(s string) (y, mo, d int, ok bool) {
	if len(s) != 10 || s[4] != '/' || s[7] != '/' {
		return 0, 0, 0, false
	}
	y, ok1 := smallInt(s[:4])
	mo, ok2 := smallInt(s[5:7])
	d, ok3 := smallInt(s[8:])
	return y, mo, d, ok1 && ok2 && ok3
}

// isMemberName accepts 1 to 8 letters, digits and the national characters
// @ # $, not starting with a digit.
func isMemberName(s string) bool {
	if s == "" || len(s) > 8 || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '@' || c == '#' || c == '$') {
			return false
		}
	}
	return true
}

// isDatasetName accepts qualified dataset names: qualifiers of member-name
// characters (plus "-" and "{}" for generation groups) joined by dots.
func isDatasetName(s string) bool {
	if s == "" || len(s) > 44 || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("@#$.-{}", c) >= 0) {
			return false
		}
	}
	return true
}

func isHex(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// isJobID accepts JES job identifiers: JOB, STC or TSU then digits, or
// J, S or T then digits.
func isJobID(s string) bool {
	for _, pre := range [...]string{"JOB", "STC", "TSU", "J", "S", "T"} {
		if strings.HasPrefix(s, pre) && len(s) > len(pre) && isDigits(s[len(pre):]) {
			return true
		}
	}
	return false
}

// parseOS400 reads IBM i listings: "owner size date time *TYPE name", and
// "owner *MEM file/member" rows without size or date. A wide size can run
// into the date ("4915200002/24/26"). Directories (*DIR, *LIB, *FLR,
// *DDIR, *SDIR) lose their one trailing "/".
func (p *listParser) parseOS400(line string, e *Entry) lineResult {
	fs := newFields(line, 0)
	owner, ok := fs.at(0)
	if !ok || fs.start(0) != 0 || owner[0] == '*' {
		return notMine
	}
	second, ok := fs.at(1)
	if !ok {
		return notMine
	}
	e.Size = -1
	typeIdx := 1
	if !isObjectType(second) {
		sizeTok, dateTok := second, ""
		next := 2
		if i := len(second) - 8; i > 0 && !isDigits(second) && isDigits(second[:i]) {
			sizeTok, dateTok = second[:i], second[i:]
		} else {
			dateTok, _ = fs.at(2)
			next = 3
		}
		size, ok := decimalSize(sizeTok)
		if !ok {
			return notMine
		}
		y, mo, d, ok := p.os400Date(dateTok)
		if !ok {
			return notMine
		}
		clockTok, _ := fs.at(next)
		c, shape, valid := parseClock(clockTok)
		if !shape {
			return notMine
		}
		if valid {
			if t, ok := p.at(y, mo, d, c); ok {
				e.ModTime, e.Precision = t, c.prec
			}
		}
		e.Size = size
		typeIdx = next + 1
		if t, _ := fs.at(typeIdx); !isObjectType(t) {
			return notMine
		}
	}
	objType, _ := fs.at(typeIdx)
	name, ok := fs.restTrimmed(typeIdx)
	if !ok {
		return notMine
	}
	e.Owner = owner
	e.Type = TypeFile
	switch objType {
	case "*DIR", "*LIB", "*FLR", "*DDIR", "*SDIR":
		e.Type = TypeDir
		if len(name) > 1 {
			name = strings.TrimSuffix(name, "/")
		}
	case "*SYMLNK":
		e.Type = TypeLink
	}
	e.Perm = objType
	e.Name = name
	return gotEntry
}

func isObjectType(s string) bool {
	if len(s) < 3 || s[0] != '*' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// os400Date reads NN/NN/NN or NN.NN.NN (or with a four-digit year). The
// order depends on the job's settings: "." means day first; otherwise a
// field over 31 leads as the year, a field over 12 decides between month
// and day, and DayFirst settles the rest.
func (p *listParser) os400Date(s string) (y, mo, d int, ok bool) {
	if len(s) != 8 && len(s) != 10 {
		return 0, 0, 0, false
	}
	sep := s[2]
	if sep != '/' && sep != '.' && sep != '-' {
		sep = s[4]
		if len(s) != 10 || (sep != '/' && sep != '-') || s[7] != sep {
			return 0, 0, 0, false
		}
		y, _ = smallInt(s[:4])
		mo, ok1 := smallInt(s[5:7])
		d, ok2 := smallInt(s[8:])
		return y, mo, d, ok1 && ok2 && isDigits(s[:4])
	}
	if s[5] != sep {
		return 0, 0, 0, false
	}
	a, ok1 := smallInt(s[:2])
	b, ok2 := smallInt(s[3:5])
	c, ok3 := smallInt(s[6:])
	if !ok1 || !ok2 || !ok3 {
		return 0, 0, 0, false
	}
	if len(s) == 8 && a > 31 {
		return p.fullYear(a, b, c), b, c, true
	}
	mo, d = a, b
	if (p.dayFirst || sep == '.') && !(b > 12 && a <= 12) || a > 12 && b <= 12 {
		mo, d = b, a
	}
	y = c
	if len(s) == 8 {
		y = p.fullYear(c, mo, d)
	}
	return y, mo, d, true
}
