package listing

import (
	"strings"
	"time"
)

// EntryType says what kind of object a directory entry names.
type EntryType uint8

// The kinds of directory entries. Special covers devices, FIFOs, sockets and
// the like: they are listed but cannot be transferred.
const (
	TypeFile EntryType = iota
	TypeDir
	TypeLink
	TypeSpecial
)

// String returns "file", "dir", "link" or "special".
func (t EntryType) String() string {
	switch t {
	case TypeDir:
		return "dir"
	case TypeLink:
		return "link"
	case TypeSpecial:
		return "special"
	}
	return "file"
}

// TimePrecision records how precise an entry's modification time is, since
// LIST gives minutes at best and often only days.
type TimePrecision uint8

// The precisions a listing can give.
const (
	PrecisionNone TimePrecision = iota
	PrecisionDay
	PrecisionMinute
	PrecisionSecond
	PrecisionSubSecond
)

// Entry is one object in a directory listing, remote or local. Values are
// plain data and safe to share once built. The small fields come last,
// together: an entry takes 160 bytes instead of 176, which a folder of
// 100,000 entries feels.
type Entry struct {
	Name    string    // verbatim as the server sent it; see Unsafe
	Size    int64     // bytes; -1 when unknown
	ModTime time.Time // zero when unknown
	Perm    string    // permission text as listed ("rwxr-xr-x", "(RWED,...)", MLSD perm)
	Owner   string
	Group   string
	Target  string // symlink target when known
	// Raw is the listing line(s) the entry came from; empty when the
	// listing was parsed with Options.Compact.
	Raw string
	// Line is the 1-based listing line the entry starts on, so entries can
	// be merged back in order with Result.Unparsed; 0 when not from a listing.
	Line int
	// Unique is the MLSD "unique" fact when the server gives one: the same
	// for two names of one object, so a folder reached again through a
	// link can be recognised (RFC 3659 7.5.2).
	Unique string
	Type   EntryType // file, dir, link or special
	// Precision says how much of ModTime is meaningful.
	Precision TimePrecision
	// SizeApprox is set when Size is an estimate (VMS blocks, "2.5k").
	SizeApprox bool
	// Unsafe is set when Name cannot be used as a local path component:
	// it is empty, blank, ".", "..", or holds "/", "\", NUL, CR or LF.
	Unsafe bool
}

// IsDir reports whether the entry is a directory.
func (e Entry) IsDir() bool { return e.Type == TypeDir }

// UnsafeName reports whether name must not be used as a local file name
// component: empty or whitespace-only, "." or "..", or containing a path
// separator, NUL, CR or LF. A name like "..." or ".hidden" is safe.
func UnsafeName(name string) bool {
	if strings.TrimSpace(name) == "" || name == "." || name == ".." {
		return true
	}
	return strings.ContainsAny(name, "/\\\x00\r\n")
}
