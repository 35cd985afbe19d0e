package ftptest

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

// Server is an FTP server on 127.0.0.1 for one test. Each control
// connection is served by its own goroutine; Close stops them all and
// waits for them. All methods are safe for concurrent use.
type Server struct {
	cfg      config
	features []string
	fs       *FS
	ln       net.Listener
	addr     *net.TCPAddr

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu         sync.Mutex
	closed     bool
	sessions   map[*session]struct{}
	faults     faultState
	transcript []Command

	nextConn      atomic.Int64
	dataConns     atomic.Int64
	bytesSent     atomic.Int64
	bytesReceived atomic.Int64
	logins        atomic.Int64
}

// Command is one command line a server received, as Server.Transcript
// reports it.
type Command struct {
	// Conn numbers control connections from 1 in the order they arrived.
	Conn int
	// Line is the command line without its CRLF and with Telnet IP/Synch
	// sequences removed; PASS arguments are kept as sent.
	Line string
}

// Stats counts what a server saw. Data bytes are counted on the wire
// (after TYPE A conversion, before TLS).
type Stats struct {
	ControlConns  int64 // control connections accepted, refused ones included
	OpenConns     int64 // control connections open now
	DataConns     int64 // data connections established
	BytesSent     int64 // data bytes sent to clients (RETR and listings)
	BytesReceived int64 // data bytes received (STOR, APPE, STOU)
	Logins        int64 // successful logins
}

// NewServer starts a server on 127.0.0.1:0 configured by opts and
// registers its Close with t.Cleanup. A server with no user options
// accepts anonymous logins only if WithAnonymous is given, so tests say
// which accounts exist.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.tlsConfig == nil && cfg.implicitTLS {
		t.Fatal("ftptest: WithImplicitTLS needs a tls.Config")
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("ftptest: listen: %v", err)
	}
	if cfg.implicitTLS {
		ln = tls.NewListener(ln, cfg.tlsConfig)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		cfg:      cfg,
		features: cfg.featureList(),
		fs:       newFS(cfg.now),
		ln:       ln,
		addr:     ln.Addr().(*net.TCPAddr),
		ctx:      ctx,
		cancel:   cancel,
		sessions: map[*session]struct{}{},
	}
	s.SetFault(cfg.fault)
	if err := s.fs.Mkdir(cfg.home); err != nil {
		ln.Close()
		cancel()
		t.Fatalf("ftptest: home %q: %v", cfg.home, err)
	}
	s.wg.Add(1)
	go s.acceptLoop()
	t.Cleanup(s.Close)
	return s
}

// featureList is the FEAT list the options describe, in FEAT order.
func (c *config) featureList() []string {
	list := c.features
	if list == nil {
		list = DefaultFeatures()
		if c.tlsConfig != nil {
			list = append(list, "AUTH TLS", "PBSZ", "PROT")
		}
	}
	var out []string
	for _, f := range list {
		if !containsFold(c.removedFeatures, featureName(f)) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// hasFeature reports whether the FEAT list switches name on.
func (s *Server) hasFeature(name string) bool {
	for _, f := range s.features {
		if featureName(f) == name {
			return true
		}
	}
	return false
}

// Addr returns the control address, "127.0.0.1:port".
func (s *Server) Addr() string { return s.addr.String() }

// Host returns "127.0.0.1".
func (s *Server) Host() string { return s.addr.IP.String() }

// Port returns the control port.
func (s *Server) Port() int { return s.addr.Port }

// FS returns the server's file system, for seeding and inspection.
func (s *Server) FS() *FS { return s.fs }

// Close stops accepting, closes every control, data and listening
// connection and waits until every goroutine of the server has returned.
// It is idempotent.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		s.wg.Wait()
		return
	}
	s.closed = true
	sessions := make([]*session, 0, len(s.sessions))
	for sess := range s.sessions {
		sessions = append(sessions, sess)
	}
	s.mu.Unlock()

	s.cancel()
	s.ln.Close()
	for _, sess := range sessions {
		sess.closeConn()
	}
	s.wg.Wait()
}

// TimeOutSessions ends every session open now as a server's idle timeout
// does: a 421 reply nobody asked for, then the control connection closed.
// The server goes on accepting new ones. It returns how many it ended.
func (s *Server) TimeOutSessions() int {
	return s.endSessions([]byte("421 Timeout.\r\n"))
}

// DropSessions closes the control connection of every session open now,
// without a word, as a server's idle timeout or a NAT box that forgot the
// connection does; the server goes on accepting new ones. It returns how
// many it closed.
func (s *Server) DropSessions() int {
	return s.endSessions(nil)
}

// endSessions writes last (if any) on the control connection of every
// session open now, closes it, and returns how many there were.
func (s *Server) endSessions(last []byte) int {
	s.mu.Lock()
	sessions := make([]*session, 0, len(s.sessions))
	for sess := range s.sessions {
		sessions = append(sessions, sess)
	}
	s.mu.Unlock()
	for _, sess := range sessions {
		if last != nil {
			sess.wmu.Lock()
			sess.currentConn().Write(last)
			sess.wmu.Unlock()
		}
		sess.closeConn()
	}
	return len(sessions)
}

func (s *Server) acceptLoop() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return
		}
		id := int(s.nextConn.Add(1))
		sess := newSession(s, conn, id)
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			conn.Close()
			return
		}
		tooMany := s.faults.fault.MaxConns > 0 && len(s.sessions) >= s.faults.fault.MaxConns
		s.sessions[sess] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			defer s.forget(sess)
			sess.serve(tooMany)
		}()
	}
}

func (s *Server) forget(sess *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, sess)
}

// record appends a received command line to the transcript.
func (s *Server) record(conn int, line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.transcript = append(s.transcript, Command{Conn: conn, Line: line})
}

// Transcript returns every command line received so far, from all
// connections, in arrival order.
func (s *Server) Transcript() []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.transcript)
}

// Commands returns the command lines received so far, from all
// connections, in arrival order (see Command.Line).
func (s *Server) Commands() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, len(s.transcript))
	for i, c := range s.transcript {
		out[i] = c.Line
	}
	return out
}

// ConnCommands returns the command lines received on control connection
// conn (numbered from 1).
func (s *Server) ConnCommands(conn int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, c := range s.transcript {
		if c.Conn == conn {
			out = append(out, c.Line)
		}
	}
	return out
}

// Stats returns the counters so far.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	open := int64(len(s.sessions))
	s.mu.Unlock()
	return Stats{
		ControlConns:  s.nextConn.Load(),
		OpenConns:     open,
		DataConns:     s.dataConns.Load(),
		BytesSent:     s.bytesSent.Load(),
		BytesReceived: s.bytesReceived.Load(),
		Logins:        s.logins.Load(),
	}
}
