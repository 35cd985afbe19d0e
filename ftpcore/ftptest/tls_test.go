package ftptest_test

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// clientTLS is the client configuration the notes prescribe: verify against
// the test CA, one session cache per control connection, the same
// ServerName for control and data so the cache key matches.
func clientTLS(pool *x509.CertPool, version uint16) *tls.Config {
	return &tls.Config{
		RootCAs:            pool,
		ServerName:         "127.0.0.1",
		ClientSessionCache: tls.NewLRUClientSessionCache(4),
		MinVersion:         version,
		MaxVersion:         version,
	}
}

// authTLS upgrades the control connection with AUTH TLS.
func (c *client) authTLS(conf *tls.Config) {
	c.t.Helper()
	c.expect("AUTH TLS", 234)
	tc := tls.Client(c.conn, conf)
	c.conn.SetDeadline(time.Now().Add(ioTimeout))
	if err := tc.Handshake(); err != nil {
		c.t.Fatalf("control handshake: %v", err)
	}
	c.conn, c.r, c.tlsConf = tc, bufio.NewReader(tc), conf
}

// protect sends PBSZ 0 and PROT P; reading their replies also takes in the
// TLS 1.3 session ticket that data connections resume.
func (c *client) protect() {
	c.t.Helper()
	c.expect("PBSZ 0", 200)
	c.expect("PROT P", 200)
	c.protP = true
}

func TestExplicitTLS(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	for _, v := range []struct {
		name    string
		version uint16
	}{{"TLS1.2", tls.VersionTLS12}, {"TLS1.3", tls.VersionTLS13}} {
		t.Run(v.name, func(t *testing.T) {
			srv := newServer(t, ftptest.WithTLS(serverConf), ftptest.WithRequireTLSReuse())
			payload := binaryPayload(100_000)
			must(t, srv.FS().WriteFile("/f.bin", payload, time.Time{}))
			c := dial(t, srv.Addr())
			c.expect("PBSZ 0", 503)
			c.expect("PROT P", 503)
			c.authTLS(clientTLS(pool, v.version))
			c.login("ferry", "s3cret")
			c.protect()
			c.expect("PROT X", 504)
			c.expect("PROT S", 536)
			c.expect("AUTH TLS", 534)

			conn, _ := c.passiveData("RETR f.bin")
			got, err := io.ReadAll(conn)
			must(t, err)
			if r := c.read(); r.code != 226 {
				t.Fatalf("RETR over TLS: %q", r)
			}
			if !bytes.Equal(got, payload) {
				t.Fatalf("RETR over TLS: %d bytes", len(got))
			}
			if cs := conn.(*tls.Conn).ConnectionState(); !cs.DidResume || cs.Version != v.version {
				t.Errorf("data connection: resumed %v, version %x", cs.DidResume, cs.Version)
			}
			c.stor("STOR", "up.bin", payload)
			if stored, _ := srv.FS().ReadFile("/up.bin"); !bytes.Equal(stored, payload) {
				t.Errorf("STOR over TLS stored %d bytes", len(stored))
			}
			if l := c.listing("NLST"); l != "f.bin\r\nup.bin\r\n" {
				t.Errorf("NLST over TLS: %q", l)
			}

			// PROT C: clear data on a secured control connection.
			c.expect("PROT C", 200)
			c.protP = false
			if got := c.retr("f.bin"); !bytes.Equal(got, payload) {
				t.Errorf("RETR with PROT C: %d bytes", len(got))
			}
			if r := c.expect("STAT", 211); !strings.Contains(r.String(), "Control connection is TLS") {
				t.Errorf("STAT %q", r)
			}
		})
	}
}

func TestTLSSessionReuseRequired(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	tests := []struct {
		name    string
		require bool
	}{{"required", true}, {"not required", false}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []ftptest.Option{ftptest.WithTLS(serverConf)}
			if tt.require {
				opts = append(opts, ftptest.WithRequireTLSReuse())
			}
			srv := newServer(t, opts...)
			must(t, srv.FS().WriteFile("/f", []byte("data"), time.Time{}))
			c := dial(t, srv.Addr())
			c.authTLS(clientTLS(pool, tls.VersionTLS13))
			c.login("ferry", "s3cret")
			c.protect()
			// A data connection that does not resume: a fresh cache.
			fresh := c.tlsConf.Clone()
			fresh.ClientSessionCache = nil
			c.tlsConf = fresh

			conn, _ := c.passiveData("RETR f")
			got, _ := io.ReadAll(conn)
			r := c.read()
			if !tt.require {
				if r.code != 226 || string(got) != "data" {
					t.Errorf("without reuse required: %q, data %q", r, got)
				}
				return
			}
			if r.String() != "522 SSL connection failed: session reuse required" {
				t.Errorf("reply %q", r)
			}
			c.assertClosed()
		})
	}
}

func TestImplicitTLS(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	srv := newServer(t, ftptest.WithImplicitTLS(serverConf), ftptest.WithRequireTLSReuse())
	must(t, srv.FS().WriteFile("/f", []byte("secret data"), time.Time{}))
	conf := clientTLS(pool, tls.VersionTLS13)
	conn, err := tls.DialWithDialer(&net.Dialer{Timeout: ioTimeout}, "tcp", srv.Addr(), conf)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, conn, 220)
	c.tlsConf = conf
	c.login("ferry", "s3cret")
	c.protect()
	if got := c.retr("f"); string(got) != "secret data" {
		t.Errorf("RETR %q", got)
	}

	// A plain client gets nothing sensible from an implicit server.
	raw, err := net.DialTimeout("tcp", srv.Addr(), ioTimeout)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.Write([]byte("USER ferry\r\n"))
	raw.SetReadDeadline(time.Now().Add(ioTimeout))
	b, _ := io.ReadAll(raw)
	if bytes.HasPrefix(b, []byte("220")) || bytes.HasPrefix(b, []byte("331")) {
		t.Errorf("implicit server answered plain text: %q", b)
	}
}

func TestNewTLSConfigVerifies(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	_, otherPool := ftptest.NewTLSConfig(t)
	srv := newServer(t, ftptest.WithImplicitTLS(serverConf))
	tests := []struct {
		name    string
		pool    *x509.CertPool
		host    string
		wantErr bool
	}{
		{"right CA", pool, "127.0.0.1", false},
		{"localhost name", pool, "localhost", false},
		{"other CA", otherPool, "127.0.0.1", true},
		{"wrong name", pool, "example.org", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := tls.DialWithDialer(&net.Dialer{Timeout: ioTimeout}, "tcp", srv.Addr(),
				&tls.Config{RootCAs: tt.pool, ServerName: tt.host})
			if err == nil {
				conn.Close()
			}
			if (err != nil) != tt.wantErr {
				t.Errorf("handshake error %v, want error %v", err, tt.wantErr)
			}
		})
	}
}
