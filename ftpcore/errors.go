package ftpcore

import (
	"errors"
	"fmt"
	"syscall"
	"time"
)

// Sentinel errors, to be tested with errors.Is.
var (
	// ErrClosed is returned by calls on a session that was closed or whose
	// control connection broke.
	ErrClosed = errors.New("ftp: session closed")
	// ErrUnsafeArgument is returned when an argument holds CR, LF or NUL.
	ErrUnsafeArgument = errors.New("ftp: argument contains CR, LF or NUL")

	// ErrCharsetNotASCII is returned when the configured character set does
	// not write ASCII as ASCII (UTF-16, EBCDIC): FTP commands are ASCII.
	ErrCharsetNotASCII = errors.New("ftp: character set does not keep ASCII as it is (UTF-16, EBCDIC)")
	// ErrLineTooLong and ErrTooManyLines report a reply over the caps.
	ErrLineTooLong  = errors.New("ftp: reply line too long")
	ErrTooManyLines = errors.New("ftp: reply has too many lines")
	// ErrTLSUnavailable is returned when TLS is required and the server
	// refuses AUTH TLS.
	ErrTLSUnavailable = errors.New("ftp: server does not offer TLS")
	// ErrCertificateRejected is returned when a certificate could not be
	// verified and was not trusted.
	ErrCertificateRejected = errors.New("ftp: server certificate not trusted")
	// ErrSizeMismatch is returned when a transfer's byte count disagrees
	// with the size the server reports.
	ErrSizeMismatch = errors.New("ftp: transferred size differs from the server's")
	// ErrASCIIResume is returned when a resume offset is asked in TYPE A.
	ErrASCIIResume = errors.New("ftp: cannot resume an ASCII transfer")
	// ErrNoData is returned when a server answers a download as complete
	// without opening it (a 2xx with no 1xx before it) for a file that is
	// not known to be empty: the data never came, and nothing is written.
	ErrNoData = errors.New("ftp: the server reported the download complete without sending the file")
	// ErrNotPrefix is returned when a resume the user asked for cannot
	// continue the destination: it is larger than the source, or differs
	// from it. Nothing was changed.
	ErrNotPrefix = errors.New("ftp: the destination is not the start of the source, so it cannot be resumed")
)

// ErrTLSDowngrade is matched by a *DowngradeError.
var ErrTLSDowngrade = errors.New("ftp: the server refused TLS although it offered it before")

// DowngradeError is the refusal of AUTH TLS by a server that offered TLS
// before (Config.RefuseDowngrade): someone between may be answering for
// it to read the password in clear text.
type DowngradeError struct {
	Reply error // the server's refusal
}

func (e *DowngradeError) Error() string {
	return fmt.Sprintf("%v (%v): not sending the password in clear text; if the server really dropped TLS, "+
		"set the site to plain FTP (ftp://) to allow it", ErrTLSDowngrade, e.Reply)
}

// Unwrap makes errors.Is(err, ErrTLSDowngrade) and errors.As for the
// reply work.
func (e *DowngradeError) Unwrap() []error { return []error{ErrTLSDowngrade, e.Reply} }

// ReplyError is a reply the server gave where another was expected. Its
// message is the server's own words.
type ReplyError struct {
	Cmd  string // the command verb that drew the reply ("STOR"), never its password
	Code int
	Msg  string // the reply's text, lines joined with "\n"
}

// Error returns the server's words with their control characters escaped
// (see Printable), its lines still one per line.
func (e *ReplyError) Error() string {
	if e.Cmd == "" {
		return fmt.Sprintf("ftp: %d %s", e.Code, PrintableLines(e.Msg))
	}
	return fmt.Sprintf("ftp: %s: %d %s", e.Cmd, e.Code, PrintableLines(e.Msg))
}

// Temporary reports whether the reply is a transient failure (4xx) worth
// retrying.
func (e *ReplyError) Temporary() bool { return e.Code >= 400 && e.Code < 500 }

// ProtocolError reports a reply that breaks the protocol: malformed lines,
// an unexpected code family, an address that cannot be parsed.
type ProtocolError struct {
	Msg  string
	Line string // the offending text, shortened
}

func (e *ProtocolError) Error() string {
	if e.Line == "" {
		return "ftp: protocol error: " + e.Msg
	}
	return fmt.Sprintf("ftp: protocol error: %s: %q", e.Msg, e.Line)
}

// DataIdleError reports a data connection on which no byte moved, in
// either direction, for Idle (the configured reply timeout). It is a
// timeout: IsTemporary reports true.
type DataIdleError struct {
	Idle time.Duration
}

func (e *DataIdleError) Error() string {
	return fmt.Sprintf("ftp: no data moved for %v", e.Idle)
}

// Timeout reports true: the error is the expiry of the idle timeout.
func (e *DataIdleError) Timeout() bool { return true }

// Temporary reports true, as for any timeout: a read that found the
// connection idle may be tried again (crypto/tls relies on it to keep a
// connection usable after a read deadline).
func (e *DataIdleError) Temporary() bool { return true }

// OpError wraps an error with the operation and the remote path it
// concerned, as url.Error does.
type OpError struct {
	Op   string // "retr", "stor", "list", "mkd", ...
	Path string
	Err  error
}

func (e *OpError) Error() string {
	if e.Path == "" {
		return e.Op + ": " + e.Err.Error()
	}
	return fmt.Sprintf("%s %q: %s", e.Op, e.Path, e.Err)
}

func (e *OpError) Unwrap() error { return e.Err }

// IsTemporary reports whether err is worth retrying: a 4xx reply, a
// timeout or a dropped connection.
func IsTemporary(err error) bool {
	var re *ReplyError
	if errors.As(err, &re) {
		return re.Temporary()
	}
	var te interface{ Timeout() bool }
	if errors.As(err, &te) && te.Timeout() {
		return true
	}
	return errors.Is(err, ErrClosed)
}

// NeverRan reports whether err says that the server closed the control
// connection before the command that failed could run: a 421 in reply
// ("closing control connection", as an idle timeout's parting words read
// as the reply to the next command), or a broken pipe writing the
// command. Such a command may be sent again on a new connection.
func NeverRan(err error) bool {
	return ReplyCode(err) == 421 || errors.Is(err, syscall.EPIPE)
}

// ReplyCode returns the code of the ReplyError inside err, or 0.
func ReplyCode(err error) int {
	var re *ReplyError
	if errors.As(err, &re) {
		return re.Code
	}
	return 0
}
