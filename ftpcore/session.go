package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Session is one logged-in control connection to a server.
//
// One goroutine at a time drives a Session: FTP runs one command and one
// data connection at a time on a control connection. The methods lock an
// internal mutex so that the keep-alive timer never interleaves a NOOP, but
// callers must not rely on it to share a Session between workers: the
// transfer queue gives each worker its own.
type Session struct {
	cfg  Config
	host string // host part of Addr, for TLS and messages
	nc   net.Conn

	mu        sync.Mutex // held for each whole operation
	conn      *ctrlConn
	tls       *tlsState // nil on a plain session
	plainWhy  string    // the refusal of AUTH TLS a TLSExplicitIfAvailable session went on after
	protP     bool      // data connections are protected (PROT P)
	features  map[string]string
	syst      string
	utf8      bool
	noEPSV    bool // EPSV failed once: use PASV from now on
	epsvOK    bool // EPSV was answered with 229 on this session
	pipelined bool // the server answers commands sent together in turn
	noListA   bool // "LIST -a" was refused once
	noMLSD    bool // MLSD was refused once despite FEAT
	curType   byte // 'A', 'I' or 0 when unknown
	cwd       string
	xferBuf   []byte      // reused by every transfer; see buffer
	orphan    *dataOpener // data connection of a transfer cancelled before its 1xx
	lastUse   time.Time
	closed    bool
	closeOnce sync.Once

	// trust is cfg.TrustCert with Dial's clock stopped while it runs;
	// set during Dial only.
	trust func(context.Context, CertInfo) (bool, error)

	stopKeepAlive context.CancelFunc
	keepAliveDone chan struct{}
}

// Dial connects to cfg.Addr, reads the greeting, sets up TLS as cfg.TLS
// asks, logs in and reads the server's features. The context bounds the
// whole sequence; cfg.ConnectTimeout bounds it too. A server that fails
// the pipelining test after login (see probePipelining) is dialled once
// more, to be sent one command at a time.
func Dial(ctx context.Context, cfg Config) (*Session, error) {
	s, err := dial(ctx, cfg)
	if errors.Is(err, errNoPipelining) {
		cfg.NoPipelining = true
		return dial(ctx, cfg)
	}
	return s, err
}

func dial(ctx context.Context, cfg Config) (*Session, error) {
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	if cfg.ReplyTimeout <= 0 {
		cfg.ReplyTimeout = DefaultReplyTimeout
	}
	if cfg.ASCII == nil {
		cfg.ASCII = DefaultASCIIRules()
	}
	if cfg.Dialer == nil {
		cfg.Dialer = &net.Dialer{}
	}
	if cfg.Listener == nil {
		cfg.Listener = &net.ListenConfig{}
	}
	if err := checkArg(cfg.User); err != nil {
		return nil, &OpError{Op: "login", Err: err}
	}
	if err := checkArg(cfg.Password); err != nil {
		return nil, &OpError{Op: "login", Err: err}
	}
	if cfg.Charset != nil && !ASCIICompatible(cfg.Charset) {
		return nil, &OpError{Op: "dial", Err: ErrCharsetNotASCII}
	}
	addr, host, err := normalizeAddr(cfg.Addr, cfg.TLS)
	if err != nil {
		return nil, &OpError{Op: "dial", Err: err}
	}
	cfg.Addr = addr
	s := &Session{cfg: cfg, host: host}

	// The clock stops while the user decides about the certificate.
	dctx := newConnectClock(ctx, cfg.ConnectTimeout)
	defer dctx.stop()
	s.trust = dctx.trustPaused(cfg.TrustCert)
	defer func() { s.trust = nil }()
	s.remark(DirInfo, MsgConnecting, "Addr", addr)
	nc, err := cfg.Dialer.DialContext(dctx, "tcp", addr)
	if err != nil {
		return nil, &OpError{Op: "dial", Path: addr, Err: err}
	}
	s.nc = nc
	s.conn = newCtrlConn(nc, cfg.ReplyTimeout, s.log)
	s.conn.charset = cfg.Charset
	s.conn.remark = s.remark
	if err := s.open(dctx); err != nil {
		s.conn.broken = err
		nc.Close()
		return nil, err
	}
	s.lastUse = time.Now()
	if cfg.KeepAlive > 0 {
		s.startKeepAlive()
	}
	return s, nil
}

// open runs the greeting, TLS and login sequence.
func (s *Session) open(ctx context.Context) error {
	if s.cfg.TLS == TLSImplicit {
		s.tls = newTLSState(s.cfg.TLSConfig, s.host)
		tc, err := s.tls.handshakeControl(ctx, s.nc, s.cfg.ConnectTimeout, s.trustCert(), s.remark)
		if err != nil {
			return &OpError{Op: "tls", Path: s.cfg.Addr, Err: err}
		}
		s.nc = tc
		s.conn.swap(tc)
	}
	if err := s.greeting(ctx); err != nil {
		return &OpError{Op: "greeting", Path: s.cfg.Addr, Err: err}
	}
	if s.cfg.TLS == TLSExplicit || s.cfg.TLS == TLSExplicitIfAvailable {
		if err := s.authTLS(ctx); err != nil {
			return &OpError{Op: "tls", Path: s.cfg.Addr, Err: err}
		}
	}
	if err := s.login(ctx); err != nil {
		return &OpError{Op: "login", Path: s.cfg.Addr, Err: err}
	}
	if s.tls != nil {
		// RFC 4217 §9: PBSZ 0 then PROT P protects the data connections.
		// Reading these replies also lets a TLS 1.3 session ticket arrive
		// before the first data connection wants to resume it.
		if _, err := s.conn.expect(ctx, 2, "PBSZ", "0"); err != nil {
			return &OpError{Op: "tls", Path: s.cfg.Addr, Err: err}
		}
		if _, err := s.conn.expect(ctx, 2, "PROT", "P"); err != nil {
			return &OpError{Op: "tls", Path: s.cfg.Addr, Err: err}
		}
		s.protP = true
	}
	s.readFeatures(ctx)
	if _, ok := s.features["UTF8"]; ok && s.cfg.Charset == nil {
		if r, err := s.conn.cmd(ctx, "OPTS", "UTF8 ON"); err == nil && r.Class() == 2 {
			s.utf8 = true
		}
	}
	if err := s.probePipelining(ctx); err != nil {
		return err
	}
	return s.conn.broken
}

func (s *Session) greeting(ctx context.Context) error {
	for {
		r, err := s.conn.read(ctx)
		if err != nil {
			return err
		}
		switch {
		case r.Code == 120: // "service ready in nnn minutes": wait for the 220
			continue
		case r.Class() == 2:
			return nil
		default:
			return r.err("")
		}
	}
}

// trustCert is the certificate question to use now.
func (s *Session) trustCert() func(context.Context, CertInfo) (bool, error) {
	if s.trust != nil {
		return s.trust
	}
	return s.cfg.TrustCert
}

func (s *Session) authTLS(ctx context.Context) error {
	r, err := s.conn.cmd(ctx, "AUTH", "TLS")
	if err != nil {
		return err
	}
	if r.Code != 234 {
		if s.cfg.TLS == TLSExplicitIfAvailable && (r.Class() == 5 || r.Class() == 4) {
			if s.cfg.RefuseDowngrade {
				return &DowngradeError{Reply: r.err("AUTH")}
			}
			s.plainWhy = fmt.Sprintf("%d %s", r.Code, PrintableLines(r.Message()))
			s.remark(DirError, MsgNotEncrypted, "Reply", s.plainWhy)
			return nil
		}
		return errors.Join(ErrTLSUnavailable, r.err("AUTH"))
	}
	s.tls = newTLSState(s.cfg.TLSConfig, s.host)
	tc, err := s.tls.handshakeControl(ctx, s.nc, s.cfg.ConnectTimeout, s.trustCert(), s.remark)
	if err != nil {
		return err
	}
	s.nc = tc
	s.conn.swap(tc)
	return nil
}

func (s *Session) login(ctx context.Context) error {
	user, pass := s.cfg.User, s.cfg.Password
	if user == "" {
		user = "anonymous"
		if pass == "" {
			pass = DefaultAnonymousPass
		}
	}
	r, err := s.conn.cmd(ctx, "USER", user)
	if err != nil {
		return err
	}
	if r.Code == 331 {
		if r, err = s.conn.cmd(ctx, "PASS", pass); err != nil {
			return err
		}
	}
	if r.Code == 332 {
		if s.cfg.Account == "" {
			return fmt.Errorf("server asks for an account (332) and none is configured: %w", r.err("PASS"))
		}
		if r, err = s.conn.cmd(ctx, "ACCT", s.cfg.Account); err != nil {
			return err
		}
	}
	if r.Class() != 2 {
		return r.err("login")
	}
	return nil
}

// readFeatures sends FEAT and records the features, upper-cased, with
// their parameters (RFC 2389 §3.2). A server without FEAT has none.
func (s *Session) readFeatures(ctx context.Context) {
	s.features = map[string]string{}
	r, err := s.conn.cmd(ctx, "FEAT", "")
	if err != nil || r.Code != 211 {
		return
	}
	// "211-Features:", one feature a line, "211 End"; a server with none
	// may answer on one line (RFC 2389 §3.2), which lists nothing.
	lines := r.Lines
	if len(lines) < 3 {
		return
	}
	for _, l := range lines[1 : len(lines)-1] {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		name, param, _ := strings.Cut(l, " ")
		s.features[strings.ToUpper(name)] = param
	}
}

// normalizeAddr adds the default port and returns the host alone too.
func normalizeAddr(addr string, mode TLSMode) (hostport, host string, err error) {
	if addr == "" {
		return "", "", errors.New("ftp: no server address")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		// No port: the whole string is the host, possibly a bare IPv6.
		host, port = strings.Trim(addr, "[]"), strconv.Itoa(mode.DefaultPort())
	}
	if host == "" {
		return "", "", fmt.Errorf("ftp: no host in %q", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", "", fmt.Errorf("ftp: bad port in %q", addr)
	}
	return net.JoinHostPort(host, port), host, nil
}

// log writes a command or a reply to the transcript, its control
// characters escaped: replies, names and errors come from the server, and
// the transcript ends up on terminals and in log files. The engine's own
// remarks go through remark, which gives them an identity.
func (s *Session) log(d Direction, text string) {
	if s.cfg.Transcript != nil {
		s.cfg.Transcript(TranscriptLine{Time: time.Now(), Session: s.cfg.Name, Dir: d, Text: Printable(text)})
	}
}

// lock takes the session for one operation and refuses a closed one. It
// first reads what a cancelled operation left owed.
func (s *Session) lock() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	s.settle()
	return nil
}

func (s *Session) unlock() {
	s.lastUse = time.Now()
	s.mu.Unlock()
}

// Features returns the server's FEAT reply as upper-case names mapped to
// their parameters. The map must not be modified.
func (s *Session) Features() map[string]string { return s.features }

// HasFeature reports whether FEAT listed name (case-insensitive).
func (s *Session) HasFeature(name string) bool {
	_, ok := s.features[strings.ToUpper(name)]
	return ok
}

// System returns the text of the server's SYST reply, or "".
func (s *Session) System() string { return s.syst }

// UTF8 reports whether the server accepted OPTS UTF8 ON.
func (s *Session) UTF8() bool { return s.utf8 }

// Secure reports whether the control connection is protected by TLS.
func (s *Session) Secure() bool { return s.tls != nil }

// PlainFallback returns, for a TLSExplicitIfAvailable session that went
// on in clear text because the server refused AUTH TLS, that refusal
// ("500 ...", its control characters escaped); "" otherwise. Callers show it: the user chose TLS when
// available and is not getting it, perhaps because someone in between
// answered for the server.
func (s *Session) PlainFallback() string { return s.plainWhy }

// Config returns the configuration the session was dialled with (with
// defaults filled in).
func (s *Session) Config() Config { return s.cfg }

// Name returns the session's name, as its transcript lines carry it.
func (s *Session) Name() string { return s.cfg.Name }

// RemoteAddr returns the control connection's peer.
func (s *Session) RemoteAddr() netip.Addr { return addrOf(s.nc.RemoteAddr()) }

// LocalAddr returns the control connection's local address.
func (s *Session) LocalAddr() netip.Addr { return addrOf(s.nc.LocalAddr()) }

// IdleFor reports how long the session has gone without a command: a
// server may have closed a connection idle for long, which Alive cannot
// know until the next command.
func (s *Session) IdleFor() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return time.Since(s.lastUse)
}

// Replies returns how many replies the session has read since it
// connected. Any goroutine.
func (s *Session) Replies() int64 { return s.conn.replies.Load() }

// RepliesDue returns what Replies will say once the server has answered
// every command sent so far (a command sent ahead of the next transfer,
// see sendEarly, may still be owed its reply). Not while a call runs.
func (s *Session) RepliesDue() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn.replies.Load() + int64(s.conn.owed)
}

// Alive reports whether the control connection is still usable.
func (s *Session) Alive() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.closed && s.conn.broken == nil
}

// Close says goodbye with QUIT and closes the connection. It is safe to
// call more than once and from any goroutine; a call in progress is
// interrupted.
func (s *Session) Close() error {
	var err error
	s.closeOnce.Do(func() {
		if s.stopKeepAlive != nil {
			s.stopKeepAlive()
			<-s.keepAliveDone
		}
		if !s.mu.TryLock() {
			// An operation is running: cut the connection under it.
			s.conn.closing.Store(true)
			s.nc.Close()
			s.mu.Lock()
		}
		defer s.mu.Unlock()
		s.closed = true
		if s.orphan != nil {
			s.orphan.close()
			s.orphan = nil
		}
		if s.conn.broken == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_, err = s.conn.cmd(ctx, "QUIT", "")
			cancel()
		}
		if cerr := s.nc.Close(); err == nil && cerr != nil && !errors.Is(cerr, net.ErrClosed) {
			err = cerr
		}
	})
	return err
}

// startKeepAlive sends NOOP whenever the session has been idle for
// cfg.KeepAlive, so that servers and NAT boxes keep the connection.
func (s *Session) startKeepAlive() {
	ctx, cancel := context.WithCancel(context.Background())
	s.stopKeepAlive = cancel
	s.keepAliveDone = make(chan struct{})
	every := s.cfg.KeepAlive
	go func() {
		defer close(s.keepAliveDone)
		t := time.NewTicker(every / 4)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			if !s.mu.TryLock() {
				continue // busy: not idle
			}
			if !s.closed && s.conn.broken == nil && time.Since(s.lastUse) >= every {
				s.settle()
				nctx, ncancel := context.WithTimeout(context.Background(), s.cfg.ReplyTimeout)
				_, _ = s.conn.cmd(nctx, "NOOP", "")
				ncancel()
				s.lastUse = time.Now()
			}
			s.mu.Unlock()
		}
	}()
}
