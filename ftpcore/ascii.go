package ftpcore

import (
	"io"
	"path"
	"runtime"
	"strings"
)

// DefaultASCIIExtensions returns the extensions transferred in TYPE A by
// default: FileZilla's list, which its users expect. Each call returns a
// new slice that the caller may change.
func DefaultASCIIExtensions() []string {
	return []string{
		"ac", "am", "asp", "bat", "c", "cfm", "cgi", "conf", "cpp", "css", "dhtml", "diff", "diz",
		"h", "hpp", "htm", "html", "in", "inc", "java", "js", "jsp", "lua", "m4", "mak", "md5",
		"nfo", "nsh", "nsi", "pas", "patch", "pem", "php", "phtml", "pl", "po", "pot", "py",
		"qmail", "sh", "sha1", "sha256", "sha512", "shtml", "sql", "svg", "tcl", "tpl", "txt",
		"vbs", "xhtml", "xml", "xrc",
	}
}

// ASCIIRules decides, from a file name, whether TypeAuto means TYPE A.
// A value is read-only once built and safe for concurrent use.
type ASCIIRules struct {
	ext map[string]bool
	// NoExtension and Dotfiles make names without an extension ("Makefile")
	// and dotfiles (".htaccess") ASCII.
	NoExtension bool
	Dotfiles    bool
}

// NewASCIIRules builds rules from a list of extensions, with or without
// their leading dot, matched case-insensitively.
func NewASCIIRules(exts []string, noExtension, dotfiles bool) *ASCIIRules {
	r := &ASCIIRules{ext: make(map[string]bool, len(exts)), NoExtension: noExtension, Dotfiles: dotfiles}
	for _, e := range exts {
		e = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(e), "."))
		if e != "" {
			r.ext[e] = true
		}
	}
	return r
}

// DefaultASCIIRules returns FileZilla's defaults: the listed extensions,
// files without an extension and dotfiles.
func DefaultASCIIRules() *ASCIIRules {
	return NewASCIIRules(DefaultASCIIExtensions(), true, true)
}

// Extensions returns the configured extensions, without dots, in no order.
func (r *ASCIIRules) Extensions() []string {
	out := make([]string, 0, len(r.ext))
	for e := range r.ext {
		out = append(out, e)
	}
	return out
}

// IsASCII reports whether the file name calls for TYPE A.
func (r *ASCIIRules) IsASCII(name string) bool {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if r.Dotfiles && strings.HasPrefix(base, ".") {
		if !strings.Contains(base[1:], ".") {
			return true
		}
		base = base[1:] // ".config.php" goes by its extension
	}
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return r.NoExtension
	}
	return r.ext[strings.ToLower(base[i+1:])]
}

// Resolve turns a requested type into TYPE A or TYPE I for the named file.
// A nil receiver means DefaultASCIIRules.
func (r *ASCIIRules) Resolve(t TransferType, name string) TransferType {
	if t != TypeAuto {
		return t
	}
	if r == nil {
		r = DefaultASCIIRules()
	}
	if r.IsASCII(name) {
		return TypeASCII
	}
	return TypeBinary
}

// localNewline returns the line ending ASCII downloads write.
func (s *Session) localNewline() string {
	if s.cfg.LocalNewline != "" {
		return s.cfg.LocalNewline
	}
	if runtime.GOOS == "windows" {
		return "\r\n"
	}
	return "\n"
}

// newlineWriter converts a TYPE A stream to local line endings: CRLF, and a
// bare LF from servers that send the file as stored, become nl. A CR at
// the end of one write is held until the next shows what follows it.
type newlineWriter struct {
	w         io.Writer
	nl        []byte
	pendingCR bool
	buf       []byte
	written   int64
}

func newNewlineWriter(w io.Writer, nl string) *newlineWriter {
	return &newlineWriter{w: w, nl: []byte(nl)}
}

func (c *newlineWriter) Write(p []byte) (int, error) {
	out := c.buf[:0]
	for _, b := range p {
		if c.pendingCR {
			c.pendingCR = false
			if b == '\n' {
				out = append(out, c.nl...)
				continue
			}
			out = append(out, '\r')
		}
		switch b {
		case '\r':
			c.pendingCR = true
		case '\n':
			out = append(out, c.nl...)
		default:
			out = append(out, b)
		}
	}
	c.buf = out
	n, err := c.w.Write(out)
	c.written += int64(n)
	if err == nil && n != len(out) {
		err = io.ErrShortWrite
	}
	if err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a CR held back at the very end of the stream.
func (c *newlineWriter) Flush() error {
	if !c.pendingCR {
		return nil
	}
	c.pendingCR = false
	n, err := c.w.Write([]byte{'\r'})
	c.written += int64(n)
	return err
}

// crlfReader converts local text to the CRLF of TYPE A: a bare LF becomes
// CRLF, an existing CRLF is kept as it is.
type crlfReader struct {
	r      io.Reader
	lastCR bool
	in     []byte
	out    []byte
	off    int
	err    error
}

func newCRLFReader(r io.Reader) *crlfReader {
	return &crlfReader{r: r, in: make([]byte, 64<<10)}
}

func (c *crlfReader) Read(p []byte) (int, error) {
	for c.off >= len(c.out) {
		if c.err != nil {
			return 0, c.err
		}
		n, err := c.r.Read(c.in)
		c.err = err
		c.out, c.off = c.out[:0], 0
		for _, b := range c.in[:n] {
			if b == '\n' && !c.lastCR {
				c.out = append(c.out, '\r')
			}
			c.out = append(c.out, b)
			c.lastCR = b == '\r'
		}
	}
	n := copy(p, c.out[c.off:])
	c.off += n
	return n, nil
}
