package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
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
	// owed counts the final replies the server still owes: one per command
	// sent, paid by a reply other than 1xx. A cancelled call leaves it
	// above zero; Session.settle reads what is owed before the next
	// command, since replies come in order (RFC 959 §4.2).
	owed int
	// remark writes the engine's own remarks; nil writes none.
	remark func(Direction, MsgID, ...string)
	// early is set while the last command sent is an EPSV sent ahead of
	// the next transfer (see Session.sendEarly): the next command sent
	// reads its reply first, unless it is that transfer's own.
	early bool
	// replies counts the replies read since the connection opened.
	replies atomic.Int64
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

// ASCIICompatible reports whether enc writes the printable ASCII
// characters, space, CR and LF as the same single bytes, as the FTP control
// connection needs: UTF-16 and EBCDIC do not, and a name in them could put a
// CR or LF on the wire that no check of the Unicode name would see.
func ASCIICompatible(enc encoding.Encoding) bool {
	var probe strings.Builder
	for b := byte(' '); b < 0x7f; b++ {
		probe.WriteByte(b)
	}
	probe.WriteString("\r\n")
	got, err := enc.NewEncoder().String(probe.String())
	if err != nil || got != probe.String() {
		return false
	}
	back, err := enc.NewDecoder().String(probe.String())
	return err == nil && back == probe.String()
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
// sets the per-operation deadline. The returned stop must be called; once
// it returns, no cancel can touch the deadline any more: a canceller that
// had started is waited for, or it would cut the next operation short.
func watch(ctx context.Context, nc net.Conn, timeout time.Duration) (stop func()) {
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
	fired := make(chan struct{})
	stopCancel := context.AfterFunc(ctx, func() {
		_ = nc.SetDeadline(time.Unix(1, 0))
		close(fired)
	})
	return func() {
		if !stopCancel() {
			<-fired
		}
	}
}

// cancelled returns the context's error when it, and not the server,
// cut a read short (the socket deadline it set fired), and nil otherwise.
// A cancelled read leaves the connection usable: what was read of the
// reply is kept, and the reply stays owed.
func cancelled(ctx context.Context, err error) error {
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		return nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		// The socket deadline, set from the context's, fired a moment
		// before the context's own timer.
		return context.DeadlineExceeded
	}
	return nil
}

// ioErr marks the connection broken after a failure that was not a
// cancel: after a cut mid-reply the dialogue cannot be resynchronised. It
// returns the context's error when the context is done.
func (c *ctrlConn) ioErr(ctx context.Context, err error) error {
	c.fail(err)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	return err
}

// fail marks the connection broken, keeping the first cause.
func (c *ctrlConn) fail(err error) {
	if c.broken == nil {
		c.broken = err
	}
}

// send writes one command line. arg may be empty. A context done already
// sends nothing; once the write has begun, only the reply timeout bounds
// it, so that a cancel never leaves half a command on the wire.
func (c *ctrlConn) send(ctx context.Context, verb, arg string) error {
	return c.sendBatch(ctx, command{verb, arg})
}

// command is one command line to send: a verb and its argument, if any.
type command struct{ verb, arg string }

// sendBatch writes the command lines in one write, each owing its reply:
// the server may read them all before it answers the first (pipelining).
// Either all go out or none does.
func (c *ctrlConn) sendBatch(ctx context.Context, cmds ...command) error {
	if c.broken != nil {
		return errors.Join(ErrClosed, c.broken)
	}
	if err := c.dropEarly(ctx); err != nil {
		return err
	}
	var wire []byte
	for _, cm := range cmds {
		line, err := c.line(cm.verb, cm.arg)
		if err != nil {
			return err
		}
		wire = append(wire, line...)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, cm := range cmds {
		c.log(DirCommand, maskedLine(cm.verb, cm.arg))
	}
	stop := watch(context.WithoutCancel(ctx), c.nc, c.replyTimeout)
	defer stop()
	if _, err := c.nc.Write(wire); err != nil {
		c.fail(err)
		return err
	}
	c.owed += len(cmds)
	return nil
}

// line is a command as the wire carries it, CRLF included, its argument in
// the server's character set.
func (c *ctrlConn) line(verb, arg string) (string, error) {
	if err := checkArg(verb); err != nil {
		return "", err
	}
	if err := checkArg(arg); err != nil {
		return "", err
	}
	wire := arg
	if c.charset != nil && arg != "" && verb != "PASS" && verb != "ACCT" {
		var err error
		if wire, err = c.charset.NewEncoder().String(arg); err != nil {
			return "", fmt.Errorf("%q cannot be written in the server's character set: %w", arg, err)
		}
		// A character set can turn a harmless character into a CR or LF
		// byte: what is checked is what goes on the wire.
		if err := checkArg(wire); err != nil {
			return "", err
		}
	}
	if wire == "" {
		return verb + "\r\n", nil
	}
	return verb + " " + wire + "\r\n", nil
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
		if cerr := cancelled(ctx, err); cerr != nil {
			return Reply{}, cerr
		}
		var pe *ProtocolError
		if !errors.As(err, &pe) && !errors.Is(err, ErrLineTooLong) && !errors.Is(err, ErrTooManyLines) {
			// EOF, reset, timeout: the connection is gone.
			err = errors.Join(ErrClosed, err)
		}
		if c.closing.Load() {
			c.say(DirInfo, MsgDisconnected)
		} else {
			c.say(DirError, MsgConnectionFailed, "Err", err.Error())
		}
		return Reply{}, c.ioErr(ctx, err)
	}
	c.replies.Add(1)
	if r.Class() != 1 && c.owed > 0 {
		c.owed--
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
	if r.Code == 421 {
		// "Service not available, closing control connection" (RFC 959,
		// 4.2), whatever it answers: an idle timeout's parting words read
		// as the reply to the next command, which the server never ran.
		// Nothing more comes on this connection.
		c.fail(fmt.Errorf("%w: %w", ErrClosed, r.err("")))
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

// say writes one of the engine's own remarks, when someone listens.
func (c *ctrlConn) say(d Direction, id MsgID, kv ...string) {
	if c.remark != nil {
		c.remark(d, id, kv...)
	}
}

func itoa3(code int) string {
	return string([]byte{byte('0' + code/100%10), byte('0' + code/10%10), byte('0' + code%10)})
}
