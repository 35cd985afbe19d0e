package doctor

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"ferry/ftpcore"
)

// Caps on what a server may send on a control connection.
const (
	maxReplyLine  = 4096
	maxReplyLines = 500
)

// errSilence reports a wait that saw nothing for the probe's time-out.
var errSilence = errors.New("no answer")

// wire is one control connection driven by the probes: one command, one
// reply, with every line recorded as evidence. One goroutine drives it.
type wire struct {
	nc      net.Conn
	r       *bufio.Reader
	silence silence
	log     []string
}

func newWire(nc net.Conn, s silence) *wire {
	return &wire{nc: nc, r: bufio.NewReaderSize(nc, 4096), silence: s}
}

// take returns the evidence recorded since the last call.
func (w *wire) take() []string {
	l := w.log
	w.log = nil
	return l
}

func (w *wire) note(format string, args ...any) {
	w.log = append(w.log, fmt.Sprintf(format, args...))
}

// guard makes blocking I/O on c return when ctx is done.
func guard(ctx context.Context, c net.Conn) (stop func() bool) {
	return context.AfterFunc(ctx, func() { _ = c.SetDeadline(time.Unix(1, 0)) })
}

// ioErr turns a time-out into errSilence, or the context's error.
func ioErr(ctx context.Context, fired func() bool, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if fired() {
		return errSilence
	}
	return err
}

// readLine reads one line within the silence time-out.
func (w *wire) readLine(ctx context.Context) (string, error) {
	nc := w.nc
	_ = nc.SetReadDeadline(time.Time{}) // a time-out that ran out before
	fired, stop := w.silence.watch(func() { _ = nc.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	var b []byte
	for {
		chunk, isPrefix, err := w.r.ReadLine()
		if err != nil {
			return "", ioErr(ctx, fired, err)
		}
		b = append(b, chunk...)
		if len(b) > maxReplyLine {
			return "", ftpcore.ErrLineTooLong
		}
		if !isPrefix {
			return string(b), nil
		}
	}
}

// read reads one reply (RFC 959 §4.2), single or multi-line.
func (w *wire) read(ctx context.Context) (ftpcore.Reply, error) {
	stop := guard(ctx, w.nc)
	defer stop()
	first, err := w.readLine(ctx)
	if err != nil {
		return ftpcore.Reply{}, err
	}
	code, ok := replyCode(first)
	if !ok {
		w.note("< %s", first)
		return ftpcore.Reply{}, &ftpcore.ProtocolError{Msg: "malformed reply", Line: shorten(first)}
	}
	r := ftpcore.Reply{Code: code, Lines: []string{textOf(first)}}
	w.note("< %s", first)
	if len(first) > 3 && first[3] == '-' {
		end := first[:3] + " "
		for {
			l, err := w.readLine(ctx)
			if err != nil {
				return r, err
			}
			w.note("< %s", l)
			if strings.HasPrefix(l, end) {
				r.Lines = append(r.Lines, textOf(l))
				break
			}
			r.Lines = append(r.Lines, l)
			if len(r.Lines) > maxReplyLines {
				return r, ftpcore.ErrTooManyLines
			}
		}
	}
	return r, nil
}

// cmd sends one command and reads its reply, skipping none.
func (w *wire) cmd(ctx context.Context, verb, arg string) (ftpcore.Reply, error) {
	if err := w.send(ctx, verb, arg); err != nil {
		return ftpcore.Reply{}, err
	}
	return w.read(ctx)
}

// final reads replies until one is not preliminary (1xx).
func (w *wire) final(ctx context.Context, r ftpcore.Reply) (ftpcore.Reply, error) {
	var err error
	for r.Class() == 1 {
		if r, err = w.read(ctx); err != nil {
			return r, err
		}
	}
	return r, nil
}

func (w *wire) send(ctx context.Context, verb, arg string) error {
	line := verb
	if arg != "" {
		line += " " + arg
	}
	if strings.ContainsAny(line, "\r\n\x00") {
		return ftpcore.ErrUnsafeArgument
	}
	shown := line
	if verb == "PASS" {
		shown = "PASS ****"
	}
	w.note("> %s", shown)
	stop := guard(ctx, w.nc)
	defer stop()
	// A command line fits in the socket's buffer: its write never waits
	// on the server, so a plain deadline bounds it.
	_ = w.nc.SetWriteDeadline(time.Now().Add(w.silence.d))
	if _, err := io.WriteString(w.nc, line+"\r\n"); err != nil {
		return ioErr(ctx, func() bool { return true }, err)
	}
	return nil
}

// startTLS upgrades the connection with conf and returns the client side.
func (w *wire) startTLS(ctx context.Context, conf *tls.Config) (*tls.Conn, error) {
	tc := tls.Client(w.nc, conf)
	hctx, fired, cancel := w.silence.context(ctx)
	defer cancel()
	if err := tc.HandshakeContext(hctx); err != nil {
		return nil, fmt.Errorf("tls handshake: %w", ioErr(ctx, fired, err))
	}
	w.nc = tc
	w.r = bufio.NewReaderSize(tc, 4096)
	return tc, nil
}

// resync brings the connection back in step after a data probe gave up:
// ABOR ends the transfer the server may still be waiting on (RFC 959
// §4.1.3), and the reply to the NOOP sent behind it marks the end of
// whatever the server still had to say (426, 226, 225...).
func (w *wire) resync(ctx context.Context) bool {
	if w.send(ctx, "ABOR", "") != nil || w.send(ctx, "NOOP", "") != nil {
		return false
	}
	for range 8 {
		r, err := w.read(ctx)
		if err != nil {
			return false
		}
		if r.Code == 200 {
			return true
		}
	}
	return false
}

func (w *wire) close() {
	_ = w.nc.SetDeadline(time.Now().Add(time.Second))
	_, _ = io.WriteString(w.nc, "QUIT\r\n")
	w.nc.Close()
}

func replyCode(line string) (int, bool) {
	if len(line) < 4 || (line[3] != ' ' && line[3] != '-') {
		if len(line) == 3 {
			n, err := strconv.Atoi(line)
			return n, err == nil && n >= 100 && n < 600
		}
		return 0, false
	}
	n, err := strconv.Atoi(line[:3])
	return n, err == nil && n >= 100 && n < 600
}

func textOf(line string) string {
	if len(line) > 4 {
		return line[4:]
	}
	return ""
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
