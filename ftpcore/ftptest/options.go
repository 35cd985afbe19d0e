package ftptest

import (
	"crypto/tls"
	"net/netip"
	"strings"
	"time"
)

// Option configures a Server at creation.
type Option func(*config)

// config is everything an Option can set; fixed once the server runs.
type config struct {
	users           map[string]string
	anonymous       bool
	requireAccount  bool
	account         string
	features        []string
	removedFeatures []string
	greeting        []string
	loginBanner     []string
	home            string
	tlsConfig       *tls.Config
	implicitTLS     bool
	requireReuse    bool
	refuseSizeASCII bool
	abortStyle      AbortStyle
	fault           Fault
	now             func() time.Time
	dataTimeout     time.Duration
	owner, group    string
	pasvAddress     netip.Addr      // see WithPASVAddress
	listOffset      time.Duration   // see WithListingOffset
	dataFilter      func(bool) bool // see WithFilteredData
}

func defaultConfig() config {
	return config{
		users:       map[string]string{},
		greeting:    []string{"(ftptest)"},
		home:        "/",
		now:         time.Now,
		dataTimeout: 10 * time.Second,
		owner:       "ftp",
		group:       "ftp",
	}
}

// DefaultFeatures is the FEAT list of a server created without
// WithFeatures: vsftpd's list plus MLST and MFMT. "AUTH TLS", "PBSZ" and
// "PROT" are added when TLS is configured.
func DefaultFeatures() []string {
	return []string{
		"EPRT",
		"EPSV",
		"MDTM",
		"MFMT",
		"MLST modify*;perm*;size*;type*;unique*;UNIX.mode*;",
		"PASV",
		"REST STREAM",
		"SIZE",
		"TVFS",
		"UTF8",
	}
}

// WithUser adds an account. Several users may be added; all share the FS
// and start in the home directory.
func WithUser(name, password string) Option {
	return func(c *config) { c.users[name] = password }
}

// WithAnonymous accepts the users "anonymous" and "ftp" with any password.
func WithAnonymous() Option {
	return func(c *config) { c.anonymous = true }
}

// WithAccount makes logins need ACCT after PASS (PASS answers "332 Need
// account for login.", ACCT answers 230). An empty account accepts any;
// otherwise ACCT must match it or gets 530.
func WithAccount(account string) Option {
	return func(c *config) {
		c.requireAccount = true
		c.account = account
	}
}

// WithFeatures replaces the FEAT list (see DefaultFeatures). The list also
// switches commands on: without "MLST" the server answers MLSD and MLST
// with "500 Unknown command.", likewise "SIZE", "MDTM", "MFMT", "EPSV",
// "EPRT", "REST" (for "REST STREAM"), "UTF8" (OPTS UTF8), "PBSZ", "PROT"
// and "AUTH" (for "AUTH TLS", which also needs WithTLS). PASV and the rest of RFC 959 are
// always available. An empty list makes FEAT answer "211 no-features" on
// one line, as RFC 2389 allows.
func WithFeatures(features ...string) Option {
	return func(c *config) { c.features = append([]string{}, features...) }
}

// WithoutFeatures removes features whose first word matches one of names
// from the FEAT list (and so switches their commands off), e.g.
// WithoutFeatures("MLST", "EPSV") for a vsftpd-like server without machine
// listings that answers EPSV with 500.
func WithoutFeatures(names ...string) Option {
	return func(c *config) { c.removedFeatures = append(c.removedFeatures, names...) }
}

// WithGreeting sets the 220 greeting. One line gives "220 line". Several
// give a multi-line reply in RFC 959 form: "220-" before the first, the
// middle lines written as given (so they may or may not start with
// "220-"), and "220 " before the last.
func WithGreeting(lines ...string) Option {
	return func(c *config) {
		if len(lines) > 0 {
			c.greeting = append([]string{}, lines...)
		}
	}
}

// WithLoginBanner turns the 230 login reply into a multi-line one:
// "230-" before the first line, the other lines written as given (for
// example "  indented text" or "230-more"), then "230 Login successful.".
func WithLoginBanner(lines ...string) Option {
	return func(c *config) { c.loginBanner = append([]string{}, lines...) }
}

// WithHome sets the directory sessions start in (created if missing).
func WithHome(dir string) Option {
	return func(c *config) { c.home = cleanPath(dir) }
}

// WithTLS enables explicit FTPS (AUTH TLS, PBSZ, PROT) with conf, which
// should come from NewTLSConfig. The same *tls.Config serves control and
// data connections, so session tickets issued on the control connection
// resume on data connections.
func WithTLS(conf *tls.Config) Option {
	return func(c *config) { c.tlsConfig = conf }
}

// WithImplicitTLS makes the server speak TLS from the first byte (FTPS on
// port 990 style). Data connections stay clear until PROT P, as RFC 4217
// says, though most clients send it at once.
func WithImplicitTLS(conf *tls.Config) Option {
	return func(c *config) {
		c.tlsConfig = conf
		c.implicitTLS = true
	}
}

// WithRequireTLSReuse refuses a protected data connection whose handshake
// did not resume a TLS session, as vsftpd's require_ssl_reuse (its
// default): "522 SSL connection failed: session reuse required", then the
// control connection is closed. Like vsftpd, such a server also ends the
// session when a data handshake fails (the client closed the connection).
func WithRequireTLSReuse() Option {
	return func(c *config) { c.requireReuse = true }
}

// WithRefuseSizeInASCII answers SIZE in TYPE A with "550 SIZE not allowed
// in ASCII mode" as ProFTPD does; by default SIZE gives the stored size
// whatever the type, as vsftpd does.
func WithRefuseSizeInASCII() Option {
	return func(c *config) { c.refuseSizeASCII = true }
}

// WithAbortStyle chooses the replies to ABOR during a transfer.
func WithAbortStyle(style AbortStyle) Option {
	return func(c *config) { c.abortStyle = style }
}

// WithFault starts the server with f already set (see Server.SetFault).
func WithFault(f Fault) Option {
	return func(c *config) { c.fault = f }
}

// WithClock sets the server's clock, used for new files' times and for
// the recent-or-old date form in LIST.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithDataTimeout bounds how long a transfer waits for its passive data
// connection or for dialling an active one (10 s by default).
func WithDataTimeout(d time.Duration) Option {
	return func(c *config) { c.dataTimeout = d }
}

// WithOwner sets the owner and group shown in LIST (default "ftp" "ftp";
// vsftpd in a chroot shows numbers such as "1001").
func WithOwner(owner, group string) Option {
	return func(c *config) { c.owner, c.group = owner, group }
}

func featureName(feature string) string {
	name, _, _ := strings.Cut(strings.TrimSpace(feature), " ")
	return name
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
