package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/text/encoding"
)

// ctrlConn is the control connection: it writes one command line and reads
// its reply. It is driven by one goroutine at a time (the Session's).
type ctrlConn struct {
	nc           net.Conn
	rr           *replyReader
	replyTimeout time.Duration
	log          func(Direction, string)
	broken       error             // set once the connection can no longer be trusted
	charset      encoding.Encoding // the server's file-name encoding; nil for UTF-8
	// closing is set by Session.Close before it cuts the connection under
	// a running command: the failure that follows was asked for.
	closing atomic.Bool
}

func newCtrlConn(nc net.Conn, replyTimeout time.Duration, log func(Direction, string)) *ctrlConn {
	return &ctrlConn{nc: nc, rr: newReplyReader(nc), replyTimeout: replyTimeout, log: log}
}

// swap replaces the underlying connection, after a TLS upgrade. No reply may
// be buffered at that point: the server waits for the handshake.
func (c *ctrlConn) swap(nc net.Conn) {
	c.nc = nc
	c.rr = newReplyReader(nc)
}

// checkArg refuses arguments that would smuggle a second command onto the
// wire (CR or LF) or that no server can take (NUL).
func checkArg(s string) error {
	if strings.ContainsAny(s, "\r\n\x00") {
		return ErrUnsafeArgument
	}
	return nil
}

// maskedLine returns the command as the transcript shows it: the password
// of PASS and the account of ACCT are never shown.
func maskedLine(verb, arg string) string {
	switch verb {
	case "PASS", "ACCT":
		return verb + " ****"
	}
	if arg == "" {
		return verb
	}
	return verb + " " + arg
}

// watch arranges for blocking I/O on nc to return once ctx is done, and
// sets the per-operation deadline. The returned stop must be called.
func watch(ctx context.Context, nc net.Conn, timeout time.Duration) (stop func() bool) {
	if timeout > 0 {
		dl := time.Now().Add(timeout)
		if d, ok := ctx.Deadline(); ok && d.Before(dl) {
			dl = d
		}
		_ = nc.SetDeadline(dl)
	} else if d, ok := ctx.Deadline(); ok {
		_ = nc.SetDeadline(d)
	} else {
		_ = nc.SetDeadline(time.Time{})
	}
	return context.AfterFunc(ctx, func() { _ = nc.SetDeadline(time.Unix(1, 0)) })
}

// ioErr turns an I/O error into the caller's context error when the
// context was the cause, and marks the connection broken: after a cut
// mid-reply the dialogue cannot be resynchronised.
func (c *ctrlConn) ioErr(ctx context.Context, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		err = ctxErr
	} else if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		// The socket deadline, set from the context's, fired a moment
		// before the context's own timer.
		err = context.DeadlineExceeded
	}
	if c.broken == nil {
		c.broken = err
	}
	return err
}

// send writes one command line. arg may be empty.
func (c *ctrlConn) send(ctx context.Context, verb, arg string) error {
	if c.broken != nil {
		return errors.Join(ErrClosed, c.broken)
	}
	if err := checkArg(verb); err != nil {
		return err
	}
	if err := checkArg(arg); err != nil {
		return err
	}
	wire := arg
	if c.charset != nil && arg != "" && verb != "PASS" && verb != "ACCT" {
		var err error
		if wire, err = c.charset.NewEncoder().String(arg); err != nil {
			return fmt.Errorf("%q cannot be written in the server's character set: %w", arg, err)
		}
	}
	line := verb
	if wire != "" {
		line += " " + wire
	}
	c.log(DirCommand, maskedLine(verb, arg))
	stop := watch(ctx, c.nc, c.replyTimeout)
	defer stop()
	if _, err := c.nc.Write([]byte(line + "\r\n")); err != nil {
		return c.ioErr(ctx, err)
	}
	return nil
}

// read reads one reply and logs it.
func (c *ctrlConn) read(ctx context.Context) (Reply, error) {
	if c.broken != nil {
		return Reply{}, errors.Join(ErrClosed, c.broken)
	}
	stop := watch(ctx, c.nc, c.replyTimeout)
	defer stop()
	r, err := c.rr.ReadReply()
	if err == nil && c.charset != nil {
		dec := c.charset.NewDecoder()
		for i, l := range r.Lines {
			if d, derr := dec.String(l); derr == nil {
				r.Lines[i] = d
			}
		}
	}
	if err != nil {
		var pe *ProtocolError
		if !errors.As(err, &pe) && !errors.Is(err, ErrLineTooLong) && !errors.Is(err, ErrTooManyLines) {
			// EOF, reset, timeout: the connection is gone.
			err = errors.Join(ErrClosed, err)
		}
		if c.closing.Load() {
			c.log(DirInfo, "disconnected")
		} else {
			c.log(DirError, err.Error())
		}
		return Reply{}, c.ioErr(ctx, err)
	}
	for i, l := range r.Lines {
		if i == 0 || i == len(r.Lines)-1 {
			sep := "-"
			if i == len(r.Lines)-1 {
				sep = " "
			}
			c.log(DirReply, itoa3(r.Code)+sep+l)
		} else {
			c.log(DirReply, l)
		}
	}
	return r, nil
}

// cmd sends a command and reads its reply. Replies of class 1 are
// preliminary: cmd returns them and the caller reads the final reply.
func (c *ctrlConn) cmd(ctx context.Context, verb, arg string) (Reply, error) {
	if err := c.send(ctx, verb, arg); err != nil {
		return Reply{}, err
	}
	return c.read(ctx)
}

// expect sends a command and requires a reply of the given class.
func (c *ctrlConn) expect(ctx context.Context, class int, verb, arg string) (Reply, error) {
	r, err := c.cmd(ctx, verb, arg)
	if err != nil {
		return r, err
	}
	if r.Class() != class {
		return r, r.err(verb)
	}
	return r, nil
}

func itoa3(code int) string {
	return string([]byte{byte('0' + code/100%10), byte('0' + code/10%10), byte('0' + code%10)})
}
