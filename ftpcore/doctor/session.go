package doctor

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"ferry/ftpcore"
)

// errUntrusted refuses a certificate on an extra connection.
var errUntrusted = errors.New("certificate not trusted")

// session is an extra logged-in control connection.
type session struct {
	w       *wire
	tlsConf *tls.Config // nil on a clear session
	host    string
}

// login opens a control connection to cfg, sets TLS up as cfg asks and
// logs in. The first 4xx or 5xx reply (a 421 at the greeting, a 530 at
// login) is returned as a *ftpcore.ReplyError. Its evidence stays in the
// wire for the caller to take.
func (r *runner) login(ctx context.Context, cfg ftpcore.Config, leaf []byte) (*session, error) {
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		host, port = strings.Trim(cfg.Addr, "[]"), strconv.Itoa(cfg.TLS.DefaultPort())
	}
	d := cfg.Dialer
	if d == nil {
		d = &net.Dialer{}
	}
	c, _, err := r.dial(ctx, d, net.JoinHostPort(host, port))
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	s := &session{w: newWire(c, r.silence()), host: host}
	ok := false
	defer func() {
		if !ok {
			s.w.nc.Close()
		}
	}()
	if cfg.TLS == ftpcore.TLSImplicit {
		if err := s.startTLS(ctx, r, cfg, leaf); err != nil {
			return s, err
		}
	}
	rep, err := s.w.read(ctx)
	for err == nil && rep.Code == 120 {
		rep, err = s.w.read(ctx)
	}
	if err != nil {
		return s, err
	}
	if rep.Code != 220 {
		return s, replyErr("greeting", rep)
	}
	if cfg.TLS == ftpcore.TLSExplicit || cfg.TLS == ftpcore.TLSExplicitIfAvailable {
		rep, err := s.w.cmd(ctx, "AUTH", "TLS")
		switch {
		case err != nil:
			return s, err
		case rep.Code == 234:
			if err := s.startTLS(ctx, r, cfg, leaf); err != nil {
				return s, err
			}
		case cfg.TLS == ftpcore.TLSExplicit:
			return s, replyErr("AUTH", rep)
		}
	}
	user, pass := cfg.User, cfg.Password
	if user == "" {
		user = "anonymous"
		if pass == "" {
			pass = ftpcore.DefaultAnonymousPass
		}
	}
	rep, err = s.w.cmd(ctx, "USER", user)
	if err == nil && rep.Code == 331 {
		rep, err = s.w.cmd(ctx, "PASS", pass)
	}
	if err == nil && rep.Code == 332 && cfg.Account != "" {
		rep, err = s.w.cmd(ctx, "ACCT", cfg.Account)
	}
	if err != nil {
		return s, err
	}
	if rep.Class() != 2 {
		return s, replyErr("login", rep)
	}
	if s.tlsConf != nil {
		if _, err := s.w.cmd(ctx, "PBSZ", "0"); err != nil {
			return s, err
		}
		if rep, err := s.w.cmd(ctx, "PROT", "P"); err != nil || rep.Class() != 2 {
			s.tlsConf = nil // data stays clear
		}
	}
	ok = true
	return s, nil
}

// startTLS protects an extra connection. Its certificate must be the one
// the main connection accepted (leaf), or verify against the roots, or be
// trusted through cfg.TrustCert.
func (s *session) startTLS(ctx context.Context, r *runner, cfg ftpcore.Config, leaf []byte) error {
	conf := r.tlsConfig(s.host, cfg.TLSConfig)
	tc, err := s.w.startTLS(ctx, conf)
	if err != nil {
		return err
	}
	cs := tc.ConnectionState()
	if len(cs.PeerCertificates) == 0 {
		return errUntrusted
	}
	got := cs.PeerCertificates[0]
	if leaf != nil && bytes.Equal(got.Raw, leaf) {
		s.tlsConf = conf
		return nil
	}
	opts := x509.VerifyOptions{Roots: conf.RootCAs, DNSName: conf.ServerName, Intermediates: x509.NewCertPool(), CurrentTime: r.opt.Now()}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	if _, verr := got.Verify(opts); verr != nil {
		if cfg.TrustCert == nil {
			return fmt.Errorf("%w: %v", errUntrusted, verr)
		}
		info := ftpcore.CertInfo{Host: s.host, SHA256: ftpcore.Fingerprint(got.Raw), Subject: got.Subject.String(),
			Issuer: got.Issuer.String(), NotBefore: got.NotBefore, NotAfter: got.NotAfter, DNSNames: got.DNSNames,
			VerifyError: verr.Error(), DER: got.Raw}
		if ok, err := cfg.TrustCert(ctx, info); err != nil || !ok {
			return fmt.Errorf("%w: %v", errUntrusted, verr)
		}
	}
	s.tlsConf = conf
	return nil
}

func (s *session) close() {
	if s != nil && s.w != nil {
		s.w.close()
	}
}

// reconnect replaces a lost main connection with a fresh logged-in one.
func (r *runner) reconnect(ctx context.Context) bool {
	s, err := r.login(ctx, r.cfg, r.leaf)
	if err != nil {
		if ctx.Err() == nil {
			ev := []string(nil)
			if s != nil {
				ev = s.w.take()
			}
			r.add(Line{Probe: "reconnect", Status: Red, Evidence: append(ev, "reconnect: "+errText(err)),
				Title:  msg("doctor.reconnect.title", "Reconnecting"),
				Detail: msg("doctor.reconnect.failed", "After a failed probe Ferry could not connect again: {{.Err}}.", "Err", errText(err)),
				Advice: msg("doctor.reconnect.failed.fix", "The server may block this computer after errors: wait, then run the diagnosis again."), Side: SideServer})
		}
		return false
	}
	s.w.take()
	r.main = s.w
	r.secure = s.tlsConf != nil
	if r.secure {
		r.tlsConf = s.tlsConf
	}
	return true
}
