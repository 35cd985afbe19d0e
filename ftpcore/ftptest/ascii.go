package ftptest

// TYPE A conversion as a Unix server does it: files are stored with LF and
// travel with CRLF (RFC 959 3.1.1.1).

// lfToCRLF turns every LF not already preceded by CR into CRLF, so a file
// stored with CRLF is not doubled (as vsftpd 3 does).
func lfToCRLF(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/16)
	for i, ch := range b {
		if ch == '\n' && (i == 0 || b[i-1] != '\r') {
			out = append(out, '\r')
		}
		out = append(out, ch)
	}
	return out
}

// crlfToLF converts an upload stream, turning CRLF into LF even when the
// pair is split across reads; a lone CR is kept.
type crlfToLF struct {
	pendingCR bool
}

// convert returns the converted bytes of p; a final CR is held back until
// the next call shows what follows it.
func (c *crlfToLF) convert(p []byte) []byte {
	out := make([]byte, 0, len(p)+1)
	for _, ch := range p {
		if c.pendingCR {
			c.pendingCR = false
			if ch != '\n' {
				out = append(out, '\r')
			}
		}
		if ch == '\r' {
			c.pendingCR = true
			continue
		}
		out = append(out, ch)
	}
	return out
}

// flush returns a CR held back at the end of the stream.
func (c *crlfToLF) flush() []byte {
	if c.pendingCR {
		c.pendingCR = false
		return []byte{'\r'}
	}
	return nil
}
