package listing

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ServerType names a family of directory-listing formats. It is a hint to
// Parse, usually taken from the SYST reply or a site setting.
type ServerType uint8

// The listing families. ServerAuto detects the format line by line.
const (
	ServerAuto ServerType = iota
	ServerUnix
	ServerDOS
	ServerVMS
	ServerMVS
	ServerOS400
	ServerNetWare
	ServerOS2
	ServerEPLF
	ServerMLSD
	ServerZVM
	ServerHPNonStop
)

// lastServerType is the highest ServerType value.
const lastServerType = ServerHPNonStop

// ErrUnknownServerType is returned by ParseServerType for a name it does
// not know.
var ErrUnknownServerType = errors.New("ftp: unknown server type")

// ErrTooLarge is returned by Parse when a listing is over
// Options.MaxBytes; what fits is parsed.
var ErrTooLarge = errors.New("ftp: listing too large")

// ErrTooManyEntries is returned by Parse when a listing holds more
// entries and unparsed lines than Options.MaxEntries.
var ErrTooManyEntries = errors.New("ftp: listing has too many entries")

// String returns the name ParseServerType accepts ("auto", "unix", ...).
func (t ServerType) String() string {
	switch t {
	case ServerAuto:
		return "auto"
	case ServerUnix:
		return "unix"
	case ServerDOS:
		return "dos"
	case ServerVMS:
		return "vms"
	case ServerMVS:
		return "mvs"
	case ServerOS400:
		return "os400"
	case ServerNetWare:
		return "netware"
	case ServerOS2:
		return "os2"
	case ServerEPLF:
		return "eplf"
	case ServerMLSD:
		return "mlsd"
	case ServerZVM:
		return "zvm"
	case ServerHPNonStop:
		return "hpnonstop"
	}
	return fmt.Sprintf("ServerType(%d)", uint8(t))
}

// ParseServerType maps a name as given to ferry-cli's --server-type flag
// ("auto", "unix", "dos", "vms", "mvs", "os400", "netware", "os2", "eplf",
// "mlsd", "zvm", "hpnonstop"; case-insensitive) to its ServerType.
func ParseServerType(s string) (ServerType, error) {
	for t := ServerAuto; t <= lastServerType; t++ {
		if strings.EqualFold(s, t.String()) {
			return t, nil
		}
	}
	return ServerAuto, fmt.Errorf("server type %q: %w", s, ErrUnknownServerType)
}

// ServerTypeFromSYST guesses the listing family from the text of a SYST
// reply (with or without its "215 " code). Windows servers map to
// ServerDOS, which still accepts their optional Unix-style listings;
// anything not recognised is ServerAuto.
func ServerTypeFromSYST(syst string) ServerType {
	s := strings.ToUpper(strings.TrimSpace(syst))
	if len(s) >= 4 && s[0] >= '0' && s[0] <= '9' && (s[3] == ' ' || s[3] == '-') {
		s = strings.TrimSpace(s[4:])
	}
	switch {
	case strings.Contains(s, "Z/VM"):
		return ServerZVM
	case strings.Contains(s, "NONSTOP") || strings.Contains(s, "GUARDIAN") || strings.Contains(s, "TANDEM"):
		return ServerHPNonStop
	case strings.Contains(s, "MVS") || strings.Contains(s, "Z/OS"):
		return ServerMVS
	case strings.Contains(s, "OS/400") || strings.Contains(s, "OS400") || strings.Contains(s, "IBM I"):
		return ServerOS400
	case strings.HasPrefix(s, "VMS") || strings.Contains(s, "OPENVMS") || strings.Contains(s, " VMS"):
		return ServerVMS
	case strings.Contains(s, "NETWARE"):
		return ServerNetWare
	case strings.Contains(s, "OS/2"):
		return ServerOS2
	case strings.HasPrefix(s, "WINDOWS") || strings.HasPrefix(s, "WIN32") || strings.HasPrefix(s, "MS-DOS"):
		return ServerDOS
	case strings.HasPrefix(s, "UNIX") || strings.Contains(s, "LINUX") || strings.Contains(s, "BSD"):
		return ServerUnix
	}
	return ServerAuto
}

// The default caps of Options.
const (
	DefaultMaxLine    = 8 << 10
	DefaultMaxEntries = 1_000_000
	DefaultMaxBytes   = 512 << 20
)

// Options tunes Parse. The zero value detects formats per line,
// reads "now" from the clock once and takes LIST dates as UTC.
type Options struct {
	// Now is the server's "now" for the year of year-less dates (a date more
	// than a day after Now belongs to the previous year) and for two-digit
	// years. Zero means time.Now(), read once per Parse call.
	Now time.Time
	// Location is the server's time zone, applied to LIST dates (Unix, DOS,
	// VMS, OS/400, ...). MLSD and EPLF times are UTC by definition and
	// ignore it. Nil means UTC.
	Location *time.Location
	// ServerType is a hint: its parser is tried first on every line and its
	// ambiguous forms (MVS members without statistics) are enabled. Other
	// formats are still recognised, because servers mix them (z/OS and IBM i
	// list Unix-style for their POSIX file systems).
	ServerType ServerType
	// DayFirst reads ambiguous DOS, OS/2 and OS/400 dates as DD-MM instead
	// of MM-DD. A field over 12 decides on its own either way.
	DayFirst bool
	// MaxLineLen caps a line in bytes; longer lines are reported unparsed.
	// Zero means DefaultMaxLine.
	MaxLineLen int
	// MaxEntries caps entries plus unparsed lines; zero means
	// DefaultMaxEntries.
	MaxEntries int
	// MaxBytes caps the listing's size; zero means DefaultMaxBytes.
	MaxBytes int64
	// Compact leaves Entry.Raw empty and copies every string of the result
	// out of the listing's text, so that the text is freed once parsed:
	// for a listing kept as long as it is shown. A folder of 100,000 MLSD
	// entries holds 18 MiB instead of 28.
	Compact bool
}

// UnparsedLine is a listing line that no format accepted. Text is the line
// as received (cut at the line cap), Line its 1-based number.
type UnparsedLine struct {
	Line   int
	Text   string
	Reason string
}

// Result is what Parse returns. Entries and Unparsed are each in
// input order; merge them on their Line fields (see Each) to recover the
// original interleaving.
type Result struct {
	Entries  []Entry
	Unparsed []UnparsedLine
	// Skipped counts lines that are deliberately not entries: totals,
	// headers and trailers, blank lines, "." and "..", MLSD cdir and pdir.
	Skipped int
}

// Each calls entry or unparsed for every result in input-line order. Either
// callback may be nil.
func (l *Result) Each(entry func(*Entry), unparsed func(*UnparsedLine)) {
	i, j := 0, 0
	for i < len(l.Entries) || j < len(l.Unparsed) {
		if j >= len(l.Unparsed) || (i < len(l.Entries) && l.Entries[i].Line < l.Unparsed[j].Line) {
			if entry != nil {
				entry(&l.Entries[i])
			}
			i++
			continue
		}
		if unparsed != nil {
			unparsed(&l.Unparsed[j])
		}
		j++
	}
}

const utf8BOM = "\xEF\xBB\xBF"

// The reasons given in UnparsedLine.Reason.
const (
	reasonUnknown = "no listing format matches"
	reasonTooLong = "line too long"
	reasonVMSName = "VMS file name without the line of attributes that should follow it"
)

// Parse reads a raw LIST, MLSD or STAT listing and parses each line.
// Lines end with CRLF, LF or a bare CR; a UTF-8 byte-order mark at the start
// is dropped and no line is trimmed. Lines that match no format are
// returned in Unparsed, never dropped. The error is only for a failing
// reader, a listing over MaxEntries (ErrTooManyEntries) or over MaxBytes
// (ErrTooLarge), and comes with what was parsed before it. Entries'
// strings are slices of one copy of the listing text, and each entry's
// Unsafe flag is set from UnsafeName.
//
// Format conventions, per family:
//   - Unix: devices, FIFOs and sockets are TypeSpecial with Size -1;
//     suffixed sizes ("2.5k") are binary multiples and SizeApprox; a folder's
//     Size is its size column as given (a NetPresenz item count included).
//   - VMS: a file keeps its ";version" in Name ("INDEX.HTML;3"), exactly
//     what the server accepts in commands; "NAME.DIR;N" is the directory
//     "NAME". Size is used blocks × 512 with SizeApprox set.
//   - MVS: datasets and members have no byte size (Size -1), except load
//     library members whose hex size is in bytes. PO datasets are
//     directories. A dataset's time is its last-referenced day.
//   - OS/400: "*DIR", "*LIB", "*FLR" are directories with their one
//     trailing "/" removed; "*MEM" names keep their "/" and so are Unsafe.
//   - z/VM: Name is "FNAME.FTYPE"; Size is record length × records,
//     SizeApprox for variable-length records.
//   - Rare servers (VShell, Nortel, OS-9, HP NonStop, numeric or dateless
//     ls) are only tried once every common format refused a line.
//
// Parse is safe for concurrent use; it keeps no state between calls.
func Parse(r io.Reader, opt Options) (*Result, error) {
	p := newListParser(opt)
	text, rerr := readListing(r, p.maxBytes)
	out, err := p.parse(text)
	if err == nil {
		err = rerr
	}
	return out, err
}

// parse parses the listing's whole text.
func (p *listParser) parse(text string) (*Result, error) {
	if len(text) >= 3 && text[:3] == utf8BOM {
		text = text[3:]
	}
	out := &Result{Entries: make([]Entry, 0, min(countLines(text), p.maxEntries+1))}
	p.out = out
	for pos := 0; pos < len(text); {
		var line string
		line, pos = nextLine(text, pos)
		p.lineNo++
		if len(line) > p.maxLine {
			p.flushHeld()
			p.unparsed(line[:p.maxLine], reasonTooLong)
		} else {
			p.feed(line)
		}
		if len(out.Entries)+len(out.Unparsed) > p.maxEntries {
			p.finish()
			return out, fmt.Errorf("parse listing at line %d: %w", p.lineNo, ErrTooManyEntries)
		}
	}
	p.flushHeld()
	p.finish()
	return out, nil
}

// finish gives back the entry slice's unused room when the listing was
// mostly junk, or compacts the result (Options.Compact).
func (p *listParser) finish() {
	switch {
	case p.compact:
		compact(p.out)
	case len(p.out.Entries) < cap(p.out.Entries)/2:
		p.out.Entries = append([]Entry(nil), p.out.Entries...)
	}
}

// lineResult says what a format parser made of a line.
type lineResult uint8

const (
	notMine  lineResult = iota // not this format
	gotEntry                   // the Entry was filled in
	skipLine                   // a header, total or similar of this format
	holdLine                   // the first half of a two-line entry (VMS)
)

// listParser carries the per-call settings and the little state that
// multi-line formats need.
type listParser struct {
	out        *Result
	loc        *time.Location
	now        time.Time // in loc
	hint       ServerType
	dayFirst   bool
	maxLine    int
	maxEntries int
	maxBytes   int64
	lineNo     int
	compact    bool

	held     string // a VMS name waiting for its attribute line
	heldLine int
}

func newListParser(opt Options) *listParser {
	p := &listParser{loc: opt.Location, hint: opt.ServerType, dayFirst: opt.DayFirst,
		maxLine: opt.MaxLineLen, maxEntries: opt.MaxEntries, compact: opt.Compact}
	if p.loc == nil {
		p.loc = time.UTC
	}
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	p.now = now.In(p.loc)
	if p.maxLine <= 0 {
		p.maxLine = DefaultMaxLine
	}
	if p.maxEntries <= 0 {
		p.maxEntries = DefaultMaxEntries
	}
	if p.maxBytes = opt.MaxBytes; p.maxBytes <= 0 {
		p.maxBytes = DefaultMaxBytes
	}
	return p
}

func (p *listParser) unparsed(text, reason string) {
	p.out.Unparsed = append(p.out.Unparsed, UnparsedLine{Line: p.lineNo, Text: text, Reason: reason})
}

// flushHeld reports a held VMS name that no attribute line completed.
func (p *listParser) flushHeld() {
	if p.heldLine == 0 {
		return
	}
	p.out.Unparsed = append(p.out.Unparsed, UnparsedLine{Line: p.heldLine, Text: p.held, Reason: reasonVMSName})
	p.held, p.heldLine = "", 0
}

func (p *listParser) feed(line string) {
	if p.heldLine != 0 {
		if line != "" && (line[0] == ' ' || line[0] == '\t' || line[0] >= '0' && line[0] <= '9') {
			var e Entry
			if p.parseVMSAnyOrder(p.held, line, &e) == gotEntry {
				e.Line, e.Raw = p.heldLine, p.held+"\n"+line
				p.held, p.heldLine = "", 0
				p.addEntry(&e)
				return
			}
		}
		p.flushHeld()
	}
	if isBlank(line) {
		p.out.Skipped++
		return
	}
	var e Entry
	switch p.parseLine(line, &e) {
	case gotEntry:
		e.Line, e.Raw = p.lineNo, line
		p.addEntry(&e)
	case skipLine:
		p.out.Skipped++
	case holdLine:
		p.held, p.heldLine = line, p.lineNo
	default:
		p.unparsed(line, reasonUnknown)
	}
}

func (p *listParser) addEntry(e *Entry) {
	if e.Name == "." || e.Name == ".." {
		p.out.Skipped++
		return
	}
	e.Unsafe = UnsafeName(e.Name)
	// A time that reads as Go's zero time (midnight of 1 January of
	// year 1, UTC) cannot be told from no time at all: it is none.
	if e.ModTime.IsZero() {
		e.Precision = PrecisionNone
	}
	p.out.Entries = append(p.out.Entries, *e)
}

func isBlank(b string) bool {
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// parseLine runs the hinted parser, then the detector chain. The cheap,
// distinctive formats come first; the chain is ordered so that no earlier
// parser can accept a line meant for a later one.
func (p *listParser) parseLine(line string, e *Entry) lineResult {
	if p.hint != ServerAuto {
		if r := p.parseAs(p.hint, line, e); r != notMine {
			return r
		}
		*e = Entry{}
	}
	if r := p.chain(line, e); r != notMine {
		return r
	}
	// MLST and STAT replies indent their lines by one space.
	if len(line) > 1 && line[0] == ' ' && line[1] != ' ' {
		*e = Entry{}
		if r := p.chain(line[1:], e); r != notMine {
			return r
		}
	}
	if isTotalLine(line) {
		return skipLine
	}
	*e = Entry{}
	return p.parseRare(line, e)
}

func (p *listParser) chain(line string, e *Entry) lineResult {
	chain := [...]ServerType{ServerUnix, ServerMLSD, ServerEPLF, ServerDOS, ServerNetWare, ServerVMS, ServerOS2, ServerOS400, ServerMVS}
	for _, t := range chain {
		if t == p.hint {
			continue
		}
		if r := p.parseAs(t, line, e); r != notMine {
			return r
		}
		*e = Entry{}
	}
	return notMine
}

func (p *listParser) parseAs(t ServerType, line string, e *Entry) lineResult {
	switch t {
	case ServerUnix:
		return p.parseUnix(line, e)
	case ServerMLSD:
		return p.parseMLSD(line, e)
	case ServerEPLF:
		return p.parseEPLF(line, e)
	case ServerDOS:
		return p.parseDOS(line, e)
	case ServerNetWare:
		return p.parseNetWare(line, e)
	case ServerVMS:
		return p.parseVMSLine(line, e)
	case ServerOS2:
		return p.parseOS2(line, e)
	case ServerOS400:
		return p.parseOS400(line, e)
	case ServerMVS:
		return p.parseMVS(line, e)
	case ServerZVM:
		return p.parseZVM(line, e)
	case ServerHPNonStop:
		return p.parseHPNonStop(line, e)
	}
	return notMine
}

// isTotalLine recognises "total 3068" and its translations ("insgesamt 56",
// "合計 40", "итого 8"): one word without digits, then one number.
func isTotalLine(s string) bool {
	i := 0
	for i < len(s) && s[i] != ' ' {
		c := s[i]
		if (c >= '0' && c <= '9') || c == '.' || c == '/' || c == '\t' || c == '-' || c == ':' {
			return false
		}
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i {
		return false
	}
	// "total 1.5M" from ls -h.
	if j < len(s) && s[j] == '.' {
		j++
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	if j < len(s) && strings.IndexByte("KMGTkmgt", s[j]) >= 0 {
		j++
	}
	return j == len(s)
}
