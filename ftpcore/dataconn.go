package ftpcore

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/netip"
	"os"
	"strconv"
	"sync/atomic"
	"time"
)

// dataOpener is a data connection being set up: connected already in
// passive mode, or a listener waiting for the server in active mode.
type dataOpener struct {
	conn   net.Conn     // passive
	ln     net.Listener // active
	peer   netip.Addr   // who may connect back in active mode
	upload bool         // set when a cancelled transfer leaves it to settle
	sent   bool         // an upload went ahead: conn is complete and idle-timed
}

func (d *dataOpener) close() {
	if d.conn != nil {
		d.conn.Close()
	}
	if d.ln != nil {
		d.ln.Close()
	}
}

// openData announces or requests a data address. In passive mode it also
// connects, before the transfer command is sent.
func (s *Session) openData(ctx context.Context) (*dataOpener, error) {
	if s.cfg.DataMode == Active {
		return s.openActive(ctx)
	}
	return s.openPassive(ctx)
}

// passiveAddr asks the server for a data address: EPSV first, PASV when
// EPSV is refused, and PASV only from then on (RFC 2428 §3).
func (s *Session) passiveAddr(ctx context.Context) (netip.AddrPort, error) {
	peer := addrOf(s.nc.RemoteAddr())
	if !s.noEPSV && !s.cfg.DisableEPSV {
		r, err := s.conn.cmd(ctx, "EPSV", "")
		if err != nil {
			return netip.AddrPort{}, err
		}
		if r.Code == 229 {
			port, err := ParseEPSV(r.Message())
			if err != nil {
				return netip.AddrPort{}, err
			}
			s.epsvOK = true
			return netip.AddrPortFrom(peer, port), nil
		}
		if r.Class() != 5 && r.Class() != 4 {
			return netip.AddrPort{}, r.err("EPSV")
		}
		s.noEPSV = true
		s.remark(DirInfo, MsgEPSVRefused)
	}
	if peer.Is6() {
		return netip.AddrPort{}, fmt.Errorf("ftp: server refused EPSV and PASV cannot reach IPv6 %s", peer)
	}
	r, err := s.conn.expect(ctx, 2, "PASV", "")
	if err != nil {
		return netip.AddrPort{}, err
	}
	announced, err := ParsePASV(r.Message())
	if err != nil {
		return netip.AddrPort{}, err
	}
	target, replaced := passiveTarget(announced, peer, s.cfg.UsePASVAddress)
	if replaced {
		s.remark(DirInfo, MsgPASVReplaced, "Announced", announced.String(), "Target", target.String())
	}
	return target, nil
}

func (s *Session) openPassive(ctx context.Context) (*dataOpener, error) {
	target, err := s.passiveAddr(ctx)
	if err != nil {
		return nil, err
	}
	dctx, cancel := context.WithTimeout(ctx, s.cfg.ConnectTimeout)
	defer cancel()
	c, err := s.cfg.Dialer.DialContext(dctx, "tcp", target.String())
	if err != nil {
		return nil, fmt.Errorf("data connection to %s: %w", target, err)
	}
	return &dataOpener{conn: c}, nil
}

func (s *Session) openActive(ctx context.Context) (*dataOpener, error) {
	local := addrOf(s.nc.LocalAddr())
	ln, err := s.listenActive(ctx, local)
	if err != nil {
		return nil, err
	}
	port := uint16(ln.Addr().(*net.TCPAddr).Port)
	announce := local
	if s.cfg.ActiveExternalIP != "" {
		a, err := netip.ParseAddr(s.cfg.ActiveExternalIP)
		if err != nil {
			ln.Close()
			return nil, fmt.Errorf("ftp: bad external address %q: %w", s.cfg.ActiveExternalIP, err)
		}
		announce = a.Unmap()
	}
	ap := netip.AddrPortFrom(announce, port)
	if announce.Is6() {
		_, err = s.conn.expect(ctx, 2, "EPRT", FormatEPRT(ap))
	} else {
		var arg string
		if arg, err = FormatPORT(ap); err == nil {
			_, err = s.conn.expect(ctx, 2, "PORT", arg)
		}
	}
	if err != nil {
		ln.Close()
		return nil, err
	}
	return &dataOpener{ln: ln, peer: addrOf(s.nc.RemoteAddr())}, nil
}

// listenActive listens on the control connection's local address, within
// the configured port range when there is one.
func (s *Session) listenActive(ctx context.Context, local netip.Addr) (net.Listener, error) {
	lo, hi := s.cfg.ActivePortMin, s.cfg.ActivePortMax
	if lo <= 0 || hi < lo || hi > 65535 {
		return s.cfg.Listener.Listen(ctx, "tcp", net.JoinHostPort(local.String(), "0"))
	}
	n := hi - lo + 1
	start := rand.IntN(n)
	var last error
	for i := 0; i < n; i++ {
		port := lo + (start+i)%n
		ln, err := s.cfg.Listener.Listen(ctx, "tcp", net.JoinHostPort(local.String(), strconv.Itoa(port)))
		if err == nil {
			return ln, nil
		}
		last = err
	}
	return nil, fmt.Errorf("ftp: no free port in %d-%d: %w", lo, hi, last)
}

// finishData completes the data connection once the transfer command was
// accepted: accept in active mode, then the TLS handshake when data is
// protected (the server starts its side only after the command). It
// returns the connection to read and write, and the idle-timed socket
// under it, which the TLS layer (if any) goes through.
func (s *Session) finishData(ctx context.Context, d *dataOpener) (net.Conn, *idleConn, error) {
	c := d.conn
	if d.sent {
		ic := c.(*idleConn)
		return ic, ic, nil
	}
	if d.ln != nil {
		var err error
		if c, err = acceptWithin(ctx, d.ln, s.cfg.ReplyTimeout); err != nil {
			return nil, nil, fmt.Errorf("waiting for the server's data connection: %w", err)
		}
		d.ln.Close()
		d.ln = nil
		d.conn = c
		if from := addrOf(c.RemoteAddr()); d.peer.IsValid() && from != d.peer {
			c.Close()
			d.conn = nil
			return nil, nil, fmt.Errorf("ftp: data connection from %s, not from the server %s", from, d.peer)
		}
	}
	if !s.protP {
		ic := newIdleConn(ctx, c, s.cfg.ReplyTimeout)
		d.conn = ic
		return ic, ic, nil
	}
	// The handshake is not cut short by a cancel: servers (vsftpd,
	// ProFTPD, Pure-FTPd) end the whole session, or refuse later data
	// connections, when a data handshake fails under them. A cancel
	// takes effect once it is done, at the first read or write, and the
	// transfer is then closed cleanly and aborted.
	ic := newIdleConn(context.WithoutCancel(ctx), c, s.cfg.ReplyTimeout)
	d.conn = ic
	hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.ReplyTimeout)
	defer cancel()
	tc, err := s.tls.handshakeData(hctx, ic)
	if err != nil {
		return nil, nil, err
	}
	d.conn = tc
	ic.watch(ctx)
	return tc, ic, nil
}

func acceptWithin(ctx context.Context, ln net.Listener, timeout time.Duration) (net.Conn, error) {
	type result struct {
		c   net.Conn
		err error
	}
	ch := make(chan result, 1)
	go func() {
		c, err := ln.Accept()
		ch <- result{c, err}
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.c, r.err
	case <-ctx.Done():
		ln.Close()
		if r := <-ch; r.c != nil {
			r.c.Close()
		}
		return nil, ctx.Err()
	case <-t.C:
		ln.Close()
		if r := <-ch; r.c != nil {
			r.c.Close()
		}
		return nil, errors.New("timed out")
	}
}

// idleConn is a data connection's socket, under any TLS layer, and gives
// the idle timeout its meaning: no byte moved for that long. A read
// returns at the first byte, so its deadline measures silence; a write
// that reaches its deadline having moved some bytes goes on with the rest.
// Cancelling the context makes every operation return at once.
type idleConn struct {
	net.Conn
	ctx       context.Context
	idle      time.Duration
	cancelled atomic.Bool
	stop      func() bool
	batch     recordBatch // TLS records written by one large Write
	// refresh is how often the deadlines are pushed forward (see
	// idledeadline.go); readArmed and writeArmed say when each was last,
	// zero when the next operation must set a fresh one; readSetBy and
	// writeSetBy, that the layer above set one of its own meanwhile.
	refresh    time.Duration
	readArmed  time.Time
	writeArmed time.Time
	readSetBy  atomic.Bool
	writeSetBy atomic.Bool
	clock      func() time.Time // time.Now; tests step it
}

func newIdleConn(ctx context.Context, c net.Conn, idle time.Duration) *idleConn {
	ic := &idleConn{Conn: c, idle: idle, refresh: idleRefresh(idle), clock: time.Now}
	ic.watch(ctx)
	return ic
}

// watch makes a cancel of ctx stop every operation from now on. It is
// called once the connection is set up, before any transfer goes on it.
func (c *idleConn) watch(ctx context.Context) {
	if c.stop != nil {
		c.stop()
	}
	c.ctx = ctx
	c.stop = context.AfterFunc(ctx, func() {
		// Flag first, deadline second: a Read that refreshed its deadline
		// before this point sees the flag after it, or the past deadline.
		c.cancelled.Store(true)
		_ = c.Conn.SetDeadline(time.Unix(1, 0))
	})
}

func (c *idleConn) Read(p []byte) (int, error) {
	if err := c.armRead(); err != nil {
		return 0, err
	}
	n, err := c.Conn.Read(p)
	if deadlineHit(err) {
		c.readArmed = time.Time{}
	}
	return n, c.idleErr(err)
}

// write sends p on the socket; see Write (recordbatch.go) for batching.
func (c *idleConn) write(p []byte) (int, error) {
	var n int
	var mark queueMark
	retake := true
	for {
		if err := c.armWrite(); err != nil {
			return n, err
		}
		if retake {
			mark, retake = c.markQueue(), false
		}
		m, err := c.Conn.Write(p[n:])
		n += m
		if deadlineHit(err) {
			c.writeArmed = time.Time{}
		}
		if c.movedInTime(int64(m), err) {
			retake = true
			continue
		}
		// A blocked writer is woken only once much of a full queue has
		// gone (tcp(7) autotunes it to megabytes), which at a slow
		// server's pace can take longer than the idle timeout while bytes
		// move all along.
		if deadlineHit(err) && c.drainedSince(&mark) {
			continue
		}
		return n, c.idleErr(err)
	}
}

// movedInTime reports whether an operation that returned at its deadline
// moved bytes meanwhile: the link is slow, not silent, and the operation
// goes on under a fresh deadline.
func (c *idleConn) movedInTime(moved int64, err error) bool {
	return moved > 0 && err != nil && errors.Is(err, os.ErrDeadlineExceeded) && !c.cancelled.Load()
}

// idleErr names a deadline that was not a cancel for what it is: silence
// on the data connection. A zero-copy move reports it as a failure of the
// local file ("write NAME.part: i/o timeout"), which it is not.
func (c *idleConn) idleErr(err error) error {
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) && !c.cancelled.Load() {
		return &DataIdleError{Idle: c.idle}
	}
	return err
}

func (c *idleConn) Close() error {
	c.stop()
	return c.Conn.Close()
}

// closeUpload ends an upload gracefully: TLS close_notify and a TCP FIN,
// then whatever the server still sends (TLS 1.3 session tickets, its own
// close_notify) is read until it closes. Closing a socket with unread
// bytes sends a reset instead, and vsftpd then reports "426 Failure
// reading network stream" for a complete upload. ended says the FIN went
// already (see sendAhead).
func closeUpload(c net.Conn, ic *idleConn, ended bool) error {
	defer c.Close()
	signalled := ended // the server has been told the data ended
	if tc, ok := c.(*tls.Conn); ok && !ended {
		if err := tc.CloseWrite(); err != nil {
			return err
		}
		signalled = true
	}
	if hc, ok := ic.Conn.(interface{ CloseWrite() error }); ok && !ended {
		if err := hc.CloseWrite(); err != nil {
			return err
		}
		signalled = true
	}
	if !signalled {
		// A connection from a custom Dialer that cannot half-close: the
		// server learns of the end only when the socket closes.
		return nil
	}
	// The server closes once it has read everything. Until then it sends
	// nothing, but the bytes still queued in the kernel keep moving to a
	// slow server: that is not silence. The server has no business
	// sending much here: bound what is read.
	mark := ic.markQueue()
	rest := io.LimitReader(c, 1<<20)
	for {
		_, err := io.Copy(io.Discard, rest)
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil // a server that closes without close_notify
		}
		var idle *DataIdleError
		if errors.As(err, &idle) && ic.drainedSince(&mark) {
			continue
		}
		return err
	}
}
