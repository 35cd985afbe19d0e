package doctor

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strconv"
	"time"

	"ferry/ftpcore"
)

// maxProbeListing caps what a probe reads of a listing.
const maxProbeListing = 4 << 20

// dataMethod is one way of opening a data connection.
type dataMethod uint8

const (
	noMethod dataMethod = iota
	viaEPSV
	viaPASV
	viaEPRT
	viaPORT
)

func (m dataMethod) String() string {
	return [...]string{"", "EPSV", "PASV", "EPRT", "PORT"}[m]
}

func (m dataMethod) passive() bool { return m == viaEPSV || m == viaPASV }

// addrKind says what a PASV reply's address is, seen from the client.
type addrKind uint8

const (
	addrOwn     addrKind = iota // the control connection's peer
	addrPrivate                 // private, loopback or link-local: a server behind NAT
	addrForeign                 // public, but another host
)

// classify compares an announced address with the control connection's
// peer.
func classify(announced, peer netip.Addr) addrKind {
	a := announced.Unmap()
	switch {
	case a == peer.Unmap():
		return addrOwn
	case a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsUnspecified():
		return addrPrivate
	}
	return addrForeign
}

// dataResult is what one data connection did, for the report.
type dataResult struct {
	method    dataMethod
	announced netip.AddrPort // PASV's address as named
	target    netip.AddrPort // where Ferry connected (passive)
	replaced  bool           // target differs from announced
	data      []byte
	tlsState  *tls.ConnectionState
	stage     string // where it failed: "command", "connect", "transfer", "reply"
	started   bool   // the server accepted the verb (1xx or 2xx)
	reply     ftpcore.Reply
	err       error
}

// dataOpts say how to run one data connection.
type dataOpts struct {
	method   dataMethod
	verb     string // LIST, MLSD, NLST
	arg      string
	protect  *tls.Config // nil: clear data
	trustPAS bool        // connect to PASV's address as named
	listener ftpcore.Listener
	dialer   ftpcore.Dialer
	announce netip.Addr // active mode: the address to announce
	upload   []byte     // when set, sent over the data connection (STOR) instead of reading
}

// transfer opens a data connection with o.method, runs o.verb over it and
// reads what comes back, every wait bounded by the silence time-out.
func (r *runner) transfer(ctx context.Context, w *wire, peer netip.Addr, o dataOpts) (res dataResult) {
	res.method = o.method
	var conn net.Conn
	var ln net.Listener
	defer func() {
		if conn != nil {
			conn.Close()
		}
		if ln != nil {
			ln.Close()
		}
	}()
	fail := func(stage string, err error) dataResult {
		res.stage, res.err = stage, err
		return res
	}
	switch o.method {
	case viaEPSV, viaPASV:
		rep, err := w.cmd(ctx, o.method.String(), "")
		res.reply = rep
		if err != nil {
			return fail("command", err)
		}
		if o.method == viaEPSV {
			if rep.Code != 229 {
				return fail("command", replyErr(o.method.String(), rep))
			}
			port, err := ftpcore.ParseEPSV(rep.Message())
			if err != nil {
				return fail("command", err)
			}
			res.announced = netip.AddrPortFrom(peer, port)
			res.target = res.announced
		} else {
			if rep.Code != 227 {
				return fail("command", replyErr("PASV", rep))
			}
			ap, err := ftpcore.ParsePASV(rep.Message())
			if err != nil {
				return fail("command", err)
			}
			res.announced, res.target = ap, ap
			if !o.trustPAS && ap.Addr().Unmap() != peer.Unmap() {
				res.target, res.replaced = netip.AddrPortFrom(peer.Unmap(), ap.Port()), true
				w.note("data: %s named %s; connecting to %s instead", o.method, ap, res.target)
			}
		}
		c, took, err := r.dial(ctx, o.dialer, res.target.String())
		if err != nil {
			w.note("data: connect %s: %s", res.target, errText(err))
			return fail("connect", err)
		}
		conn = c
		w.note("data: connected to %s in %s", res.target, round(took))
	case viaEPRT, viaPORT:
		l, err := r.listenActive(ctx, o.listener, r.localFor(w))
		if err != nil {
			return fail("command", fmt.Errorf("listen: %w", err))
		}
		ln = l
		ap := netip.AddrPortFrom(o.announce, uint16(ln.Addr().(*net.TCPAddr).Port))
		arg := ftpcore.FormatEPRT(ap)
		if o.method == viaPORT {
			if arg, err = ftpcore.FormatPORT(ap); err != nil {
				return fail("command", err)
			}
		}
		res.announced = ap
		rep, err := w.cmd(ctx, o.method.String(), arg)
		res.reply = rep
		if err != nil {
			return fail("command", err)
		}
		if rep.Class() != 2 {
			return fail("command", replyErr(o.method.String(), rep))
		}
	}
	rep, err := w.cmd(ctx, o.verb, o.arg)
	res.reply = rep
	if err != nil {
		if errors.Is(err, errSilence) {
			w.note("(no reply to %s for %s)", o.verb, r.opt.ProbeTimeout)
		}
		return fail("reply", err)
	}
	if rep.Class() != 1 && rep.Class() != 2 {
		return fail("reply", replyErr(o.verb, rep))
	}
	res.started = true
	if ln != nil {
		c, err := acceptOne(ctx, ln, r.silence())
		if err != nil {
			w.note("data: waiting for the server to connect to %s: %s", res.announced, errText(err))
			return fail("connect", err)
		}
		conn = c
		w.note("data: the server connected from %s", c.RemoteAddr())
		if from := addrOfConn(c.RemoteAddr()); from != peer.Unmap() {
			return fail("connect", fmt.Errorf("data connection from %s, not from the server", from))
		}
	}
	if o.protect != nil {
		tc := tls.Client(conn, o.protect)
		hctx, fired, cancel := r.silence().context(ctx)
		err := tc.HandshakeContext(hctx)
		cancel()
		if err != nil {
			err = ioErr(ctx, fired, err)
			w.note("data: tls handshake: %v", err)
			res.stage, res.err = "tls", fmt.Errorf("data connection tls: %w", err)
			// The server explains itself on the control connection.
			if rep.Class() == 1 {
				if fr, ferr := w.final(ctx, ftpcore.Reply{Code: 100}); ferr == nil {
					res.reply = fr
				}
			}
			return res
		}
		cs := tc.ConnectionState()
		res.tlsState = &cs
		w.note("data: %s, %s, resumed: %v", tls.VersionName(cs.Version), tls.CipherSuiteName(cs.CipherSuite), cs.DidResume)
		conn = tc
	}
	if o.upload != nil {
		if err := writeIdle(ctx, conn, o.upload, r.silence()); err != nil {
			w.note("data: sending %d bytes: %s", len(o.upload), errText(err))
			return fail("transfer", err)
		}
		w.note("data: %d bytes sent", len(o.upload))
	} else {
		data, err := readIdle(ctx, conn, r.silence())
		res.data = data
		if err != nil {
			w.note("data: %d bytes, then %s", len(data), errText(err))
			return fail("transfer", err)
		}
		w.note("data: %d bytes", len(data))
	}
	conn.Close() // on TLS, the close_notify that ends an upload
	conn = nil
	if rep.Class() == 1 {
		fr, err := w.final(ctx, ftpcore.Reply{Code: 100})
		res.reply = fr
		if err != nil {
			return fail("reply", err)
		}
		if fr.Class() != 2 {
			return fail("reply", replyErr(o.verb, fr))
		}
	}
	return res
}

// listenActive listens for an active-mode data connection within the
// site's port range, when it has one: the range a firewall in front of
// this computer may open.
func (r *runner) listenActive(ctx context.Context, l ftpcore.Listener, local netip.Addr) (net.Listener, error) {
	lo, hi := r.cfg.ActivePortMin, r.cfg.ActivePortMax
	if lo <= 0 || hi < lo || hi > 65535 {
		return l.Listen(ctx, "tcp", net.JoinHostPort(local.String(), "0"))
	}
	var last error
	for p := lo; p <= hi; p++ {
		ln, err := l.Listen(ctx, "tcp", net.JoinHostPort(local.String(), strconv.Itoa(p)))
		if err == nil {
			return ln, nil
		}
		last = err
	}
	return nil, fmt.Errorf("no free port in %d-%d: %w", lo, hi, last)
}

// localFor returns the local address of w's control connection.
func (r *runner) localFor(w *wire) netip.Addr {
	return addrOfConn(w.nc.LocalAddr())
}

// readIdle reads everything, giving up after silence without a byte.
func readIdle(ctx context.Context, c net.Conn, s silence) ([]byte, error) {
	stop := guard(ctx, c)
	defer stop()
	var buf []byte
	p := make([]byte, 32<<10)
	for len(buf) <= maxProbeListing {
		_ = c.SetReadDeadline(time.Time{})
		fired, disarm := s.watch(func() { _ = c.SetReadDeadline(time.Unix(1, 0)) })
		n, err := c.Read(p)
		disarm()
		buf = append(buf, p[:n]...)
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, ioErr(ctx, fired, err)
		}
	}
	return buf, fmt.Errorf("listing larger than %d bytes", maxProbeListing)
}

// writeIdle writes data, giving up after silence without progress. The
// probes send a few bytes, so one write is one wait.
func writeIdle(ctx context.Context, c net.Conn, data []byte, s silence) error {
	stop := guard(ctx, c)
	defer stop()
	_ = c.SetWriteDeadline(time.Time{})
	fired, disarm := s.watch(func() { _ = c.SetWriteDeadline(time.Unix(1, 0)) })
	_, err := c.Write(data)
	disarm()
	if err != nil {
		return ioErr(ctx, fired, err)
	}
	return nil
}

// acceptOne waits for one connection, for at most silence.
func acceptOne(ctx context.Context, ln net.Listener, s silence) (net.Conn, error) {
	actx, fired, cancel := s.context(ctx)
	defer cancel()
	stop := context.AfterFunc(actx, func() { ln.Close() })
	defer stop()
	c, err := ln.Accept()
	if err != nil {
		return nil, ioErr(ctx, fired, err)
	}
	return c, nil
}

// replyErr wraps an unexpected reply as ftpcore does.
func replyErr(verb string, rep ftpcore.Reply) error {
	return &ftpcore.ReplyError{Cmd: verb, Code: rep.Code, Msg: rep.Message()}
}
