package ftpcore

import (
	"context"
	"errors"
	"io"
	"net"
)

// Sending a small upload ahead of the server's 1xx: in passive mode the
// data connection is ours as soon as it is dialled, and TCP keeps what is
// written to it until the server accepts the connection, which it does on
// reading STOR. Waiting for the 150 before writing costs a round trip a
// file, as much as the data of a small file takes to send. So, on a server
// that passed the pipelining test, a plain passive data connection gets
// the whole of a small upload and its end (a TCP half-close) right after
// STOR is sent (with its EPSV or after it), and the 150 and 226 are read
// afterwards. The replies keep their
// meaning: a server that refuses the STOR says so instead of 150 (the data
// it never read is dropped with its connection), and the upload is still
// checked with SIZE. Only what certainly fits in the sockets' buffers goes
// ahead, so the write never waits on a server that has not accepted yet;
// should it, the data connection's silence timeout ends it. Protected data
// connections are left out: their TLS handshake needs the server's side.

// aheadLimit is the most an upload sends before the server's 1xx: well
// within the kernel's socket buffers at both ends (a connection the server
// has not accepted yet still receives into its buffer).
const aheadLimit = 64 << 10

// upAhead is an upload that may go before the transfer command's 1xx, and
// what became of it.
type upAhead struct {
	src      io.Reader
	offset   int64 // bytes the remote file holds already (progress only)
	total    int64 // full size for progress, or -1
	progress ProgressFunc

	sent bool  // the data and its end went ahead of the 1xx
	n    int64 // bytes read from src
	err  error // a failure while sending, reported once the 1xx is read
}

// aheadFor reports whether an upload of size bytes still to send, of the
// type typ, may go before the 1xx: not with a size unknown or too large,
// a server that failed the pipelining test, or protected data. ASCII may
// double in size with CR LF added. In active mode there is no connection
// to write to before the server's.
func (s *Session) aheadFor(typ TransferType, size int64) bool {
	if size < 0 || !s.pipelined || s.protP || s.cfg.DataMode == Active {
		return false
	}
	if typ == TypeASCII {
		size *= 2
	}
	return size <= aheadLimit
}

// sendAhead writes an upload whose command went already on the plain data
// connection c, before the command's reply is read, and half-closes c so
// that the server reads the end too. A failure is kept in a, not returned:
// the command's reply comes first and tells more (a server that refused
// the command closes the connection under the data). The result is the
// opener for transferReply, its connection complete.
func (s *Session) sendAhead(ctx context.Context, c net.Conn, a *upAhead) *dataOpener {
	ic := newIdleConn(ctx, c, s.cfg.ReplyTimeout)
	a.sent = true
	a.n, a.err = s.copyUpload(ic, ic, a.src, a.offset, a.total, a.progress)
	if a.err == nil {
		if err := c.(interface{ CloseWrite() error }).CloseWrite(); err != nil {
			a.err = &writeError{err: err}
		}
	}
	return &dataOpener{conn: ic, sent: true}
}

// canHalfClose reports whether c can tell the server the data ended while
// still reading from it, which sending ahead needs.
func canHalfClose(c net.Conn) bool {
	_, ok := c.(interface{ CloseWrite() error })
	return ok
}

// failedAhead ends an upload sent ahead whose sending failed although the
// server answered the command with its 1xx. The data is all sent or lost
// already, so there is nothing to abort; the final reply is read to keep
// the dialogue in step. The connection is reset, not closed: when the
// failure was ours (the local file could not be read), the server must
// see a broken upload, not the end of a short file, and the error is
// ours. When the connection failed, the server most often cut it itself
// and its reply says why (426). The upload fails whatever the reply says:
// a 226 would only mean the server stored what reached it.
func (t *dataTransfer) failedAhead(ctx context.Context, sendErr error) error {
	if tc, ok := t.idle.Conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	t.conn.Close()
	r, err := t.s.conn.read(ctx)
	if err != nil {
		return errors.Join(sendErr, err)
	}
	var we *writeError
	var ne *net.OpError
	if r.Class() != 2 && (errors.As(sendErr, &we) || errors.As(sendErr, &ne)) {
		return r.err(t.verb)
	}
	return sendErr
}
