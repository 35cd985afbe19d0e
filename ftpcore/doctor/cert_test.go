package doctor

import (
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

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
)

// selfSigned returns a server configuration whose certificate signed
// itself, as many small servers have.
func selfSigned(t *testing.T) *tls.Config {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: "ftp.example.test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(365 * 24 * time.Hour),
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
}

func TestSelfSignedCertificate(t *testing.T) {
	srv := newTestServer(t, ftptest.WithTLS(selfSigned(t)))
	cfg := plainConfig(srv)
	cfg.TLS = ftpcore.TLSExplicit
	for _, trusted := range []bool{false, true} {
		cfg.TrustCert = func(context.Context, ftpcore.CertInfo) (bool, error) { return trusted, nil }
		rep := run(t, cfg, nil)
		st := Red
		if trusted {
			st = Amber
		}
		l := want(t, rep, "tls.cert", st, "doctor.cert.self")
		ev := strings.Join(l.Evidence, "\n")
		for _, w := range []string{"chain 0: CN=ftp.example.test (issuer CN=ftp.example.test)", "names: 127.0.0.1", "sha256: "} {
			if !strings.Contains(ev, w) {
				t.Errorf("evidence lacks %q:\n%s", w, ev)
			}
		}
		if trusted {
			want(t, rep, "tls.data", Green, "")
		} else {
			want(t, rep, "login", Skipped, "doctor.login.untrusted")
		}
	}
}
