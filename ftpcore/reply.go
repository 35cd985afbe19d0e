package ftpcore

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
)

// Caps on what a reply may hold, so that a hostile or broken server cannot
// make the client allocate without bound.
const (
	MaxReplyLineLen = 8 << 10
	MaxReplyLines   = 20000
)

// Reply is one server reply: a three-digit code and its text lines, without
// the code prefixes of the first and last lines (RFC 959 §4.2).
type Reply struct {
	Code  int
	Lines []string
}

// Message returns the reply's text, lines joined with "\n".
func (r Reply) Message() string { return strings.Join(r.Lines, "\n") }

// Class returns the first digit of the code: 1 preliminary, 2 completion,
// 3 intermediate, 4 transient failure, 5 permanent failure.
func (r Reply) Class() int { return r.Code / 100 }

// err turns a reply into a *ReplyError for the named command.
func (r Reply) err(verb string) error {
	return &ReplyError{Cmd: verb, Code: r.Code, Msg: r.Message()}
}

// replyReader reads replies from a control connection. It is not safe for
// concurrent use. A read cut by a deadline (a cancelled call) keeps what
// it had read, and the next read goes on from there: the reply is still
// owed, and the dialogue can stay in step.
type replyReader struct {
	br      *bufio.Reader
	partial []byte // the start of a line cut by a deadline
	cur     *Reply // a multi-line reply cut by a deadline
}

func newReplyReader(r io.Reader) *replyReader {
	// The buffer is the line cap: ReadSlice fails with ErrBufferFull on a
	// longer line instead of growing.
	return &replyReader{br: bufio.NewReaderSize(r, MaxReplyLineLen)}
}

// readLine returns one line without its CRLF or LF.
func (rr *replyReader) readLine() (string, error) {
	b, err := rr.br.ReadSlice('\n')
	if len(rr.partial)+len(b) > MaxReplyLineLen || errors.Is(err, bufio.ErrBufferFull) {
		rr.partial = nil
		return "", ErrLineTooLong
	}
	if err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) {
			rr.partial = append(rr.partial, b...)
			return "", err
		}
		if err == io.EOF && len(b)+len(rr.partial) > 0 {
			err = io.ErrUnexpectedEOF
		}
		return "", err
	}
	if len(rr.partial) > 0 {
		b = append(rr.partial, b...)
		rr.partial = nil
	}
	b = b[:len(b)-1]
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return string(b), nil
}

// parseCode reads the three-digit code at the start of line and the
// character after it: ' ' (last line), '-' (first of several) or 0 (the
// line is the bare code).
func parseCode(line string) (code int, sep byte, ok bool) {
	if len(line) < 3 {
		return 0, 0, false
	}
	for i := 0; i < 3; i++ {
		c := line[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		code = code*10 + int(c-'0')
	}
	if line[0] < '1' || line[0] > '5' {
		return 0, 0, false
	}
	if len(line) == 3 {
		return code, 0, true
	}
	if line[3] != ' ' && line[3] != '-' {
		return 0, 0, false
	}
	return code, line[3], true
}

// ReadReply reads one complete reply. A multi-line reply ends at the first
// line that starts with the same code followed by a space (or is the bare
// code); lines in between may start with anything (RFC 959 §4.2).
func (rr *replyReader) ReadReply() (Reply, error) {
	if rr.cur == nil {
		line, err := rr.readLine()
		if err != nil {
			return Reply{}, err
		}
		code, sep, ok := parseCode(line)
		if !ok {
			return Reply{}, &ProtocolError{Msg: "malformed reply", Line: shorten(line)}
		}
		if sep != '-' {
			return Reply{Code: code, Lines: []string{textAfterCode(line)}}, nil
		}
		rr.cur = &Reply{Code: code, Lines: []string{line[4:]}}
	}
	r := rr.cur
	prefix := itoa3(r.Code)
	for {
		if len(r.Lines) >= MaxReplyLines {
			rr.cur = nil
			return Reply{}, ErrTooManyLines
		}
		line, err := rr.readLine()
		if err != nil {
			if !errors.Is(err, os.ErrDeadlineExceeded) {
				rr.cur = nil
			}
			return Reply{}, err
		}
		if strings.HasPrefix(line, prefix) && (len(line) == 3 || line[3] == ' ') {
			r.Lines = append(r.Lines, textAfterCode(line))
			rr.cur = nil
			return *r, nil
		}
		if strings.HasPrefix(line, prefix) && line[3] == '-' {
			line = line[4:]
		}
		r.Lines = append(r.Lines, line)
	}
}

func textAfterCode(line string) string {
	if len(line) <= 4 {
		return ""
	}
	return line[4:]
}

// shorten keeps error messages readable when a server sends a huge line.
func shorten(s string) string {
	const max = 120
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
