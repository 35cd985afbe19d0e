package listing

// maxFields bounds how many fields of a line the parsers look at; the date
// of any format sits well before it.
const maxFields = 24

// fields splits a line on runs of spaces and tabs lazily, keeping byte
// offsets so that a name can be cut from the original line with its own
// spacing intact. It lives on the stack: no allocation per line.
type fields struct {
	s   string
	pos int
	n   int
	f   [maxFields][2]int
}

func newFields(s string, from int) fields {
	return fields{s: s, pos: from}
}

// at returns field i, tokenising up to it on demand.
func (fs *fields) at(i int) (string, bool) {
	if i < 0 {
		return "", false
	}
	for fs.n <= i {
		if fs.n == maxFields {
			return "", false
		}
		j := fs.pos
		for j < len(fs.s) && (fs.s[j] == ' ' || fs.s[j] == '\t') {
			j++
		}
		if j == len(fs.s) {
			fs.pos = j
			return "", false
		}
		k := j
		for k < len(fs.s) && fs.s[k] != ' ' && fs.s[k] != '\t' {
			k++
		}
		fs.f[fs.n] = [2]int{j, k}
		fs.n++
		fs.pos = k
	}
	return fs.s[fs.f[i][0]:fs.f[i][1]], true
}

// start and end give the byte offsets of a field already read with at.
func (fs *fields) start(i int) int { return fs.f[i][0] }
func (fs *fields) end(i int) int   { return fs.f[i][1] }

// restAfter returns the text after field i and the one separator byte that
// follows it, spacing kept; ok is false when the line ends with field i.
func (fs *fields) restAfter(i int) (string, bool) {
	e := fs.f[i][1]
	if e >= len(fs.s) {
		return "", false
	}
	return fs.s[e+1:], true
}

// restTrimmed returns the text after field i with the separating blanks
// skipped, for formats whose columns are padded to a width.
func (fs *fields) restTrimmed(i int) (string, bool) {
	e := fs.f[i][1]
	for e < len(fs.s) && (fs.s[e] == ' ' || fs.s[e] == '\t') {
		e++
	}
	if e >= len(fs.s) {
		return "", false
	}
	return fs.s[e:], true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
