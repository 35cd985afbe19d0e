package doctor

import (
	"context"
	"crypto/tls"
	"net"
	"net/netip"
	"sort"
	"strings"
	"time"

	"ferry/ftpcore"
)

// Defaults applied by Run to zero Options fields.
const (
	DefaultProbeTimeout   = 10 * time.Second
	DefaultMaxConnections = 2
)

// Resolver looks host names up; *net.Resolver satisfies it.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Options describe one diagnosis. Run reads them and changes nothing in
// them.
type Options struct {
	// Config is the server as Ferry would connect to it: address, user,
	// password, TLS mode, TLS configuration and certificate trust hook,
	// data mode, active-mode address, dialer and listener. Its timeouts
	// are not used: ProbeTimeout bounds every wait.
	Config ftpcore.Config
	// Target names the server in the report ("ftpes://host"); empty means
	// Config.Addr.
	Target string
	// ProbeTimeout is the silence after which a probe gives up: no byte
	// and no reply for that long. Zero means DefaultProbeTimeout.
	ProbeTimeout time.Duration
	// MaxConnections bounds the connection-limit probe: it opens at most
	// this many connections at once (the site's or the settings' limit).
	// Zero means DefaultMaxConnections.
	MaxConnections int
	// Peer, when set, is a second server (the other pane's) against which
	// FXP readiness is checked. Without it the FXP probe is skipped.
	Peer *ftpcore.Config
	// WriteDir, when set, is a folder on the server where the write
	// test may upload a tiny file (read back, then deleted): the only
	// probe that changes anything, and the one that measures the
	// server's clock. Empty means no write test.
	WriteDir string
	// Resolver looks the host up; nil means net.DefaultResolver.
	Resolver Resolver
	// Now is the client's clock, for certificate expiry and clock skew;
	// nil means time.Now.
	Now func() time.Time
	// Clock arms the silence time-outs; nil means the wall clock.
	Clock Clock
	// OnLine, when set, is called with each line as it is found, from the
	// goroutine running Run. It must not block.
	OnLine func(Line)
}

// runner holds the state of one run.
type runner struct {
	opt     Options
	cfg     ftpcore.Config
	rep     *Report
	addr    string // host:port
	host    string
	peer    netip.Addr // the control connection's peer
	local   netip.Addr
	main    *wire // the logged-in control connection, nil when lost
	tlsConf *tls.Config
	secure  bool // control connection under TLS
	feats   map[string]string
	syst    string
	home    string
	dataOK  dataMethod // a data method that worked, for the listing probe
	leaf    []byte     // the certificate the main connection accepted
}

// Run diagnoses the server of opt.Config and returns the report. It
// returns early, with Report.Cancelled set, when ctx is cancelled; it
// never returns nil. Run may be called from any goroutine; each call has
// its own connections.
func Run(ctx context.Context, opt Options) *Report {
	if opt.ProbeTimeout <= 0 {
		opt.ProbeTimeout = DefaultProbeTimeout
	}
	if opt.MaxConnections <= 0 {
		opt.MaxConnections = DefaultMaxConnections
	}
	if opt.Resolver == nil {
		opt.Resolver = net.DefaultResolver
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Clock == nil {
		opt.Clock = realClock{}
	}
	cfg := opt.Config
	if cfg.Dialer == nil {
		cfg.Dialer = &net.Dialer{}
	}
	if cfg.Listener == nil {
		cfg.Listener = &net.ListenConfig{}
	}
	r := &runner{opt: opt, cfg: cfg, rep: &Report{Target: opt.Target}}
	if r.rep.Target == "" {
		r.rep.Target = cfg.Addr
	}
	r.rep.secrets = []string{cfg.Password}
	if opt.Peer != nil {
		r.rep.secrets = append(r.rep.secrets, opt.Peer.Password)
	}
	steps := []func(context.Context) bool{
		r.probeResolve, r.probeConnect, r.probeGreeting, r.probeTLS,
		r.probeLogin, r.probeData, r.probeTLSReuse,
		r.probeListing, r.probeWrite, r.probeLimit, r.probeFXP,
	}
	for _, step := range steps {
		if ctx.Err() != nil {
			break
		}
		if !step(ctx) {
			break
		}
	}
	if r.main != nil {
		r.main.close()
	}
	if ctx.Err() != nil {
		r.rep.Cancelled = true
	}
	r.rep.sortHosts()
	return r.rep
}

// add records a finished line and tells the caller.
func (r *runner) add(l Line) {
	l = cleanLine(l)
	r.rep.Lines = append(r.rep.Lines, l)
	if r.opt.OnLine != nil {
		r.opt.OnLine(l)
	}
}

// addHost remembers a name or address to mask, in the forms replies use.
func (r *runner) addHost(h string) {
	if h == "" {
		return
	}
	r.rep.hosts = append(r.rep.hosts, h)
	if a, err := netip.ParseAddr(h); err == nil && a.Is4() {
		r.rep.hosts = append(r.rep.hosts, strings.ReplaceAll(a.String(), ".", ","))
	}
}

// sortHosts puts longer names first, so that "ftp.example.org" is masked
// whole before "example.org".
func (rep *Report) sortHosts() {
	sort.SliceStable(rep.hosts, func(i, j int) bool { return len(rep.hosts[i]) > len(rep.hosts[j]) })
}

// dial opens a control connection to addr within the silence time-out.
func (r *runner) dial(ctx context.Context, d ftpcore.Dialer, addr string) (net.Conn, time.Duration, error) {
	dctx, fired, cancel := r.silence().context(ctx)
	defer cancel()
	start := time.Now()
	c, err := d.DialContext(dctx, "tcp", addr)
	took := time.Since(start)
	if err != nil {
		err = ioErr(ctx, fired, err)
	}
	return c, took, err
}

// silence returns the time-out of one wait.
func (r *runner) silence() silence {
	return silence{clock: r.opt.Clock, d: r.opt.ProbeTimeout}
}

// hostOnly returns the host of "host:port" (or the string itself).
func hostOnly(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return strings.Trim(addr, "[]")
}
