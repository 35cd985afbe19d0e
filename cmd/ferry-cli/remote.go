package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// connFlags are the options every command that talks to a server takes.
type connFlags struct {
	active      bool
	passive     bool
	typ         string
	log         bool
	ca          string
	fingerprint string
	timeout     time.Duration
	// plainWarned holds the addresses already said to be in clear text,
	// so that a command says it once per server, however many sessions.
	plainWarned sync.Map
}

// warnPlain says, once per server, that a session went on in clear text
// (see ftpcore.Session.PlainFallback). Safe for concurrent use.
func (f *connFlags) warnPlain(s *ftpcore.Session, addr string, stderr io.Writer) {
	why := s.PlainFallback()
	if why == "" {
		return
	}
	if _, seen := f.plainWarned.LoadOrStore(addr, true); !seen {
		fmt.Fprintf(stderr, "ferry-cli: warning: %s refused TLS (%s); the password and files go in clear text\n", addr, why)
	}
}

func (f *connFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.active, "active", false, "active mode: the server connects back (EPRT/PORT)")
	fs.BoolVar(&f.passive, "passive", false, "passive mode: the client connects (EPSV/PASV); the default")
	fs.StringVar(&f.typ, "type", "auto", "transfer type: auto, ascii or binary")
	fs.BoolVar(&f.log, "log", false, "print the FTP dialogue on stderr (passwords masked)")
	fs.StringVar(&f.ca, "ca", "", "PEM file of an extra CA certificate to trust")
	fs.StringVar(&f.fingerprint, "fingerprint", "", "SHA-256 fingerprint of a server certificate to trust")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "connect and reply timeout")
}

func (f *connFlags) transferType() (ftpcore.TransferType, error) {
	switch strings.ToLower(f.typ) {
	case "auto", "":
		return ftpcore.TypeAuto, nil
	case "ascii", "a":
		return ftpcore.TypeASCII, nil
	case "binary", "i", "image":
		return ftpcore.TypeBinary, nil
	}
	return 0, fmt.Errorf("--type must be auto, ascii or binary, not %q", f.typ)
}

// remote is a parsed server location: the session's configuration and a
// path on the server.
type remote struct {
	cfg  ftpcore.Config
	path string
	// noteTLS, for a saved site, remembers that its server accepted TLS.
	noteTLS func() error
	// relayOnly: a saved site set to relay its copies with other servers
	// through this machine (Site Manager ▸ Advanced), never FXP.
	relayOnly bool
	// site names that saved site, for messages.
	site string
}

// isRemote reports whether arg names a server rather than a local file:
// a URL, or a saved site as SITE:/path.
func isRemote(arg string) bool {
	if _, _, ok := profile.SplitSiteRef(arg); ok {
		return true
	}
	return ftpcore.IsURL(arg)
}

// parseRemote turns a saved site's SITE:/path, or an ftp://, ftpes:// or
// ftps:// URL, into a remote. A URL's password comes from the URL,
// FERRY_PASSWORD or a terminal prompt.
func parseRemote(raw string, f *connFlags, env func(string) string, stderr io.Writer) (remote, error) {
	if r, ok, err := resolveSiteArg(raw, env, stderr); ok {
		if err != nil {
			return remote{}, err
		}
		if err := f.apply(&r.cfg); err != nil {
			return remote{}, err
		}
		return r, nil
	}
	u, err := ftpcore.ParseURL(raw, ftpcore.TLSNone)
	if err != nil {
		return remote{}, err
	}
	cfg := ftpcore.Config{Addr: u.Addr(), TLS: u.TLS, User: u.User, Password: u.Password}
	if cfg.User != "" && cfg.User != "anonymous" && cfg.Password == "" {
		if p := env("FERRY_PASSWORD"); p != "" {
			cfg.Password = p
		} else if cfg.Password, err = promptPassword(cfg.User, u.Addr(), stderr); err != nil {
			return remote{}, err
		}
	}
	if err := f.apply(&cfg); err != nil {
		return remote{}, err
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	return remote{cfg: cfg, path: p}, nil
}

// apply copies the command-line options into a session configuration.
func (f *connFlags) apply(cfg *ftpcore.Config) error {
	if f.active && f.passive {
		return errors.New("--active and --passive exclude each other")
	}
	if f.active {
		cfg.DataMode = ftpcore.Active
	}
	t, err := f.transferType()
	if err != nil {
		return err
	}
	if t != ftpcore.TypeAuto {
		cfg.TransferType = t // a saved site's own choice stands otherwise
	}
	cfg.ConnectTimeout, cfg.ReplyTimeout = f.timeout, f.timeout
	if f.ca != "" {
		pem, err := os.ReadFile(f.ca)
		if err != nil {
			return fmt.Errorf("--ca: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return fmt.Errorf("--ca: no certificate in %s", f.ca)
		}
		cfg.TLSConfig = &tls.Config{RootCAs: pool}
	}
	if fp := f.fingerprint; fp != "" {
		want, err := parseFingerprint(fp)
		if err != nil {
			return err
		}
		cfg.TrustCert = func(_ context.Context, info ftpcore.CertInfo) (bool, error) {
			got := strings.ReplaceAll(info.SHA256, ":", "")
			if got != want {
				return false, fmt.Errorf("%w: the server's certificate has SHA-256 fingerprint %s", errFingerprintMismatch, info.SHA256)
			}
			return true, nil
		}
	}
	return nil
}

// errFingerprintMismatch is why a certificate --fingerprint names was not
// trusted: the server showed another one.
var errFingerprintMismatch = errors.New("the certificate does not match --fingerprint")

// parseFingerprint checks a --fingerprint value: a SHA-256 in hex, 64
// digits, with or without colons between pairs (as Ferry and openssl print
// it); it returns the digits in upper case without colons.
func parseFingerprint(fp string) (string, error) {
	s := strings.ToUpper(strings.TrimSpace(fp))
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		for _, p := range parts {
			if len(p) != 2 {
				return "", fmt.Errorf("--fingerprint %q: want 64 hex digits, as AB:CD:... or ABCD...", fp)
			}
		}
		s = strings.Join(parts, "")
	}
	if len(s) != 64 || strings.Trim(s, "0123456789ABCDEF") != "" {
		return "", fmt.Errorf("--fingerprint %q: want a SHA-256 fingerprint, 64 hex digits (AB:CD:... or ABCD...)", fp)
	}
	return s, nil
}

func promptPassword(user, host string, stderr io.Writer) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", fmt.Errorf("no password for %s@%s: put it in FERRY_PASSWORD", user, host)
	}
	fmt.Fprintf(stderr, "Password for %s@%s: ", user, host)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(stderr)
	if err != nil {
		return "", fmt.Errorf("reading the password: %w", err)
	}
	return string(b), nil
}

// dial connects, with the dialogue on stderr when --log is set.
func dial(ctx context.Context, r remote, f *connFlags, tag string, stderr io.Writer) (*ftpcore.Session, error) {
	cfg := r.cfg
	if f.log {
		cfg.Name = tag
		cfg.Transcript = transcriptPrinter(stderr, tag != "")
	}
	return dialed(ctx, r, cfg, f, stderr)
}

// dialed dials cfg for r, as every browsing connection of ferry-cli does:
// a fall back to clear text is said on stderr, --log or not, and a saved
// site whose server accepted TLS remembers it.
func dialed(ctx context.Context, r remote, cfg ftpcore.Config, f *connFlags, stderr io.Writer) (*ftpcore.Session, error) {
	s, err := ftpcore.Dial(ctx, cfg)
	if err != nil {
		return nil, err
	}
	f.warnPlain(s, cfg.Addr, stderr)
	if s.Secure() && r.noteTLS != nil {
		if nerr := r.noteTLS(); nerr != nil {
			fmt.Fprintf(stderr, "ferry-cli: could not remember that %s offers TLS: %v\n", cfg.Addr, nerr)
		}
	}
	return s, nil
}

// transcriptPrinter writes dialogue lines as "> " commands and "< "
// replies, each tagged with its session when asked.
func transcriptPrinter(w io.Writer, tagged bool) func(ftpcore.TranscriptLine) {
	return func(l ftpcore.TranscriptLine) {
		mark := map[ftpcore.Direction]string{ftpcore.DirCommand: "> ", ftpcore.DirReply: "< ", ftpcore.DirInfo: "* ", ftpcore.DirError: "! "}[l.Dir]
		if tagged {
			fmt.Fprintf(w, "%s [%s] %s%s\n", l.Time.Format("15:04:05.000"), ftpcore.Printable(l.Session), mark, ftpcore.Printable(l.Text))
			return
		}
		fmt.Fprintf(w, "%s %s%s\n", l.Time.Format("15:04:05.000"), mark, ftpcore.Printable(l.Text))
	}
}
