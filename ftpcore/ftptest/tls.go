package ftptest

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"
)

// NewTLSConfig generates, at test time, a throw-away CA and a server
// certificate it signed for 127.0.0.1, ::1 and localhost. It returns the
// server configuration for WithTLS or WithImplicitTLS and a pool holding
// the CA, for the clients' tls.Config.RootCAs, so that tests verify
// certificates instead of skipping verification.
func NewTLSConfig(t testing.TB) (*tls.Config, *x509.CertPool) {
	t.Helper()
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("ftptest: CA key: %v", err)
	}
	caTemplate := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "Ferry ftptest CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatalf("ftptest: CA certificate: %v", err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatalf("ftptest: parse CA: %v", err)
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("ftptest: server key: %v", err)
	}
	leafTemplate := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(24 * time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:     []string{"localhost"},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTemplate, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatalf("ftptest: server certificate: %v", err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	conf := &tls.Config{
		Certificates: []tls.Certificate{{Certificate: [][]byte{leafDER, caDER}, PrivateKey: leafKey}},
		MinVersion:   tls.VersionTLS12,
	}
	return conf, pool
}

// cmdAUTH upgrades the control connection (RFC 4217 4): 234, then the
// handshake on the same socket.
func (c *session) cmdAUTH(arg string) bool {
	mech := strings.ToUpper(strings.TrimSpace(arg))
	switch {
	case c.srv.cfg.tlsConfig == nil:
		c.reply(500, "Unknown command.")
		return false
	case c.secure:
		c.reply(534, "Already using TLS.")
		return false
	case mech != "TLS" && mech != "TLS-C" && mech != "SSL":
		c.reply(504, "Unknown AUTH type.")
		return false
	}
	c.reply(234, "Proceed with negotiation.")
	tc := tls.Server(c.raw, c.srv.cfg.tlsConfig)
	ctx, cancel := context.WithTimeout(c.srv.ctx, c.srv.cfg.dataTimeout)
	defer cancel()
	if err := tc.HandshakeContext(ctx); err != nil {
		return true
	}
	c.setConn(tc)
	c.secure = true
	c.nextReader = bufio.NewReader(tc)
	return false
}

func (c *session) cmdPBSZ(arg string) bool {
	if !c.secure {
		c.reply(503, "PBSZ not allowed on insecure control connection.")
		return false
	}
	c.reply(200, "PBSZ set to 0.")
	return false
}

func (c *session) cmdPROT(arg string) bool {
	if !c.secure {
		c.reply(503, "PROT not allowed on insecure control connection.")
		return false
	}
	switch strings.ToUpper(strings.TrimSpace(arg)) {
	case "P":
		c.protP = true
		c.reply(200, "PROT now Private.")
	case "C":
		c.protP = false
		c.reply(200, "PROT now Clear.")
	case "S", "E":
		c.reply(536, "PROT level not supported.")
	default:
		c.reply(504, "Bad PROT command.")
	}
	return false
}
