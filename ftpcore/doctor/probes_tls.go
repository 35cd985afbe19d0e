package doctor

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"strings"
	"time"

	"ferry/ftpcore"
)

// certWarnBefore is how close to its expiry a certificate turns amber,
// when that is also the last quarter of its life: a 90-day certificate is
// renewed 30 days before its end, and a short-lived one is always close.
const certWarnBefore = 14 * 24 * time.Hour

func expiringSoon(c *x509.Certificate, now time.Time) bool {
	left := c.NotAfter.Sub(now)
	return left < certWarnBefore && left < c.NotAfter.Sub(c.NotBefore)/4
}

// readFeatures sends FEAT and records the features. Before login a
// refusal is quietly retried after it.
func (r *runner) readFeatures(ctx context.Context, afterLogin bool) {
	rep, err := r.main.cmd(ctx, "FEAT", "")
	ev := r.main.take()
	if ctx.Err() != nil {
		return
	}
	if (err != nil || rep.Code != 211) && !afterLogin {
		return
	}
	l := Line{Probe: "feat", Title: msg("doctor.feat.title", "Features (FEAT)"), Evidence: ev}
	if err != nil || rep.Code != 211 {
		l.Status = Amber
		l.Detail = msg("doctor.feat.none", "The server lists no features: Ferry uses LIST and PASV, without resuming or exact times.")
		l.Advice, l.Side = msg("doctor.feat.none.fix", "Enable FEAT (RFC 2389) on the server, or update it."), SideServer
		r.add(l)
		r.feats = map[string]string{}
		return
	}
	r.feats = map[string]string{}
	var names []string
	for _, f := range rep.Lines[1 : len(rep.Lines)-1] {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		name, param, _ := strings.Cut(f, " ")
		name = strings.ToUpper(name)
		r.feats[name] = param
		if name == "AUTH" || name == "REST" {
			names = append(names, name+" "+param)
		} else {
			names = append(names, name)
		}
	}
	l.Detail = msg("doctor.feat.ok", "{{.List}}", "List", strings.Join(names, ", "))
	r.add(l)
}

func (r *runner) has(feature string) bool {
	_, ok := r.feats[strings.ToUpper(feature)]
	return ok
}

// probeTLS checks whether TLS is offered, and sets it up as the site asks.
func (r *runner) probeTLS(ctx context.Context) bool {
	switch r.cfg.TLS {
	case ftpcore.TLSImplicit:
		return true // done before the greeting
	case ftpcore.TLSNone:
		l := Line{Probe: "tls", Status: Amber, Title: msg("doctor.tls.title", "TLS")}
		if strings.Contains(strings.ToUpper(r.feats["AUTH"]), "TLS") {
			l.Detail = msg("doctor.tls.unused", "The server offers TLS ({{.Auth}}) but the site uses plain FTP: the password travels in clear.", "Auth", "AUTH "+r.feats["AUTH"])
			l.Advice, l.Side = msg("doctor.tls.unused.fix", "Use ftpes:// (explicit TLS) for this site."), SideClient
		} else {
			l.Detail = msg("doctor.tls.absent", "The server does not list TLS: the password travels in clear.")
			l.Advice, l.Side = msg("doctor.tls.absent.fix", "Enable FTPS (AUTH TLS) on the server."), SideServer
		}
		r.add(l)
		return true
	}
	rep, err := r.main.cmd(ctx, "AUTH", "TLS")
	if ctx.Err() != nil {
		return false
	}
	if err != nil || rep.Code != 234 {
		l := Line{Probe: "tls", Title: msg("doctor.tls.title", "TLS"), Evidence: r.main.take()}
		l.Detail = msg("doctor.tls.refused", "The server refused AUTH TLS: the password would travel in clear.")
		l.Advice, l.Side = msg("doctor.tls.absent.fix", "Enable FTPS (AUTH TLS) on the server."), SideServer
		if r.cfg.TLS == ftpcore.TLSExplicit || err != nil {
			l.Status = Red
			r.add(l)
			r.dropMain()
			return false
		}
		l.Status = Amber
		r.add(l)
		return true
	}
	return r.handshake(ctx, "AUTH TLS")
}

// tlsConfig builds the client configuration: verification is done after
// the handshake, so that the certificate can be described whatever it is.
func (r *runner) tlsConfig(host string, base *tls.Config) *tls.Config {
	var c *tls.Config
	if base != nil {
		c = base.Clone()
	} else {
		c = &tls.Config{}
	}
	if c.ServerName == "" {
		c.ServerName = host
	}
	c.ClientSessionCache = tls.NewLRUClientSessionCache(4)
	if c.MinVersion == 0 {
		c.MinVersion = tls.VersionTLS12
	}
	c.InsecureSkipVerify = true
	return c
}

// handshake upgrades the main connection and reports the session and the
// certificate. It returns false when the certificate is not trusted: the
// password is then never sent.
func (r *runner) handshake(ctx context.Context, how string) bool {
	r.tlsConf = r.tlsConfig(r.host, r.cfg.TLSConfig)
	tc, err := r.main.startTLS(ctx, r.tlsConf)
	l := Line{Probe: "tls", Title: msg("doctor.tls.title", "TLS"), Evidence: r.main.take()}
	if err != nil {
		if ctx.Err() != nil {
			return false
		}
		l.Status = Red
		l.Evidence = append(l.Evidence, how+": "+errText(err))
		l.Detail = msg("doctor.tls.failed", "The TLS handshake failed: {{.Err}}.", "Err", errText(err))
		l.Advice, l.Side = msg("doctor.tls.failed.fix", "The server's TLS set-up is broken or too old for TLS 1.2: update its TLS configuration."), SideServer
		r.add(l)
		r.dropMain()
		return false
	}
	cs := tc.ConnectionState()
	r.secure = true
	l.Evidence = append(l.Evidence, fmt.Sprintf("%s: %s, %s", how, tls.VersionName(cs.Version), tls.CipherSuiteName(cs.CipherSuite)))
	l.Detail = msg("doctor.tls.ok", "{{.Version}}, {{.Cipher}}.", "Version", tls.VersionName(cs.Version), "Cipher", tls.CipherSuiteName(cs.CipherSuite))
	r.add(l)
	return r.checkCert(ctx, cs)
}

// checkCert describes the certificate and decides whether to go on.
func (r *runner) checkCert(ctx context.Context, cs tls.ConnectionState) bool {
	l := Line{Probe: "tls.cert", Title: msg("doctor.cert.title", "Certificate")}
	if len(cs.PeerCertificates) == 0 {
		l.Status, l.Detail = Red, msg("doctor.cert.none", "The server sent no certificate.")
		l.Advice, l.Side = msg("doctor.cert.none.fix", "Install a certificate on the server."), SideServer
		r.add(l)
		r.dropMain()
		return false
	}
	leaf := cs.PeerCertificates[0]
	for i, c := range cs.PeerCertificates {
		l.Evidence = append(l.Evidence, fmt.Sprintf("chain %d: %s (issuer %s)", i, c.Subject, c.Issuer))
	}
	names := append([]string{}, leaf.DNSNames...)
	for _, ip := range leaf.IPAddresses {
		names = append(names, ip.String())
	}
	l.Evidence = append(l.Evidence,
		"names: "+strings.Join(names, ", "),
		fmt.Sprintf("valid: %s to %s", leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339)),
		"sha256: "+ftpcore.Fingerprint(leaf.Raw))
	opts := x509.VerifyOptions{Roots: r.tlsConf.RootCAs, DNSName: r.tlsConf.ServerName,
		Intermediates: x509.NewCertPool(), CurrentTime: r.opt.Now()}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	_, verr := leaf.Verify(opts)
	now := r.opt.Now()
	// CheckSignatureFrom would insist that the signer be a CA: most
	// self-signed server certificates are not.
	selfSigned := bytes.Equal(leaf.RawIssuer, leaf.RawSubject) &&
		leaf.CheckSignature(leaf.SignatureAlgorithm, leaf.RawTBSCertificate, leaf.Signature) == nil
	switch {
	case now.After(leaf.NotAfter):
		l.Status = Red
		l.Detail = msg("doctor.cert.expired", "The certificate expired on {{.Date}}.", "Date", leaf.NotAfter.UTC().Format("2006-01-02"))
		l.Advice, l.Side = msg("doctor.cert.expired.fix", "Renew the server's certificate."), SideServer
	case now.Before(leaf.NotBefore):
		l.Status = Red
		l.Detail = msg("doctor.cert.future", "The certificate is valid only from {{.Date}}: the server's or this computer's clock is wrong.", "Date", leaf.NotBefore.UTC().Format(time.RFC3339))
		l.Advice, l.Side = msg("doctor.cert.future.fix", "Set the clocks right (server and this computer)."), SideServer
	case verr == nil && expiringSoon(leaf, now):
		l.Status = Amber
		l.Detail = msg("doctor.cert.expiring", "Verified, but it expires on {{.Date}}.", "Date", leaf.NotAfter.UTC().Format("2006-01-02"))
		l.Advice, l.Side = msg("doctor.cert.expired.fix", "Renew the server's certificate."), SideServer
	case verr == nil:
		l.Detail = msg("doctor.cert.ok", "Verified for {{.Host}}, valid until {{.Date}}.", "Host", r.tlsConf.ServerName, "Date", leaf.NotAfter.UTC().Format("2006-01-02"))
	case selfSigned:
		l.Status = Amber
		l.Detail = msg("doctor.cert.self", "The certificate is self-signed: only its fingerprint can vouch for it.")
		l.Advice, l.Side = msg("doctor.cert.self.fix", "Compare the fingerprint with the one the server's administrator gives, then trust it; or install a certificate from a public authority on the server."), SideServer
	default:
		l.Status = Amber
		l.Detail = msg("doctor.cert.unverified", "The certificate could not be verified: {{.Err}}.", "Err", verr.Error())
		l.Advice, l.Side = msg("doctor.cert.unverified.fix", "Install a certificate for this host name from a public authority, with its intermediate certificates, on the server; or trust this one by its fingerprint."), SideServer
	}
	l.Evidence = append(l.Evidence, "verify: "+verifyText(verr))
	r.leaf = leaf.Raw
	if verr == nil {
		r.add(l)
		return true
	}
	trusted := false
	if r.cfg.TrustCert != nil {
		info := ftpcore.CertInfo{Host: r.host, SHA256: ftpcore.Fingerprint(leaf.Raw),
			Subject: leaf.Subject.String(), Issuer: leaf.Issuer.String(), NotBefore: leaf.NotBefore,
			NotAfter: leaf.NotAfter, DNSNames: leaf.DNSNames, TLSVersion: tls.VersionName(cs.Version),
			Cipher: tls.CipherSuiteName(cs.CipherSuite), VerifyError: verr.Error(), DER: leaf.Raw}
		for _, ip := range leaf.IPAddresses {
			info.IPs = append(info.IPs, ip.String())
		}
		_ = r.main.nc.SetDeadline(time.Time{})
		ok, err := r.cfg.TrustCert(ctx, info)
		trusted = err == nil && ok
	}
	if trusted {
		l.Evidence = append(l.Evidence, "trusted by fingerprint")
		r.add(l)
		return true
	}
	l.Status = Red
	l.Evidence = append(l.Evidence, "not trusted: the password was not sent")
	r.add(l)
	r.add(Line{Probe: "login", Status: Skipped, Title: msg("doctor.login.title", "Login"),
		Detail: msg("doctor.login.untrusted", "Not attempted: the certificate is not trusted, and the password must not reach an unknown server.")})
	r.dropMain()
	return false
}

func verifyText(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}
