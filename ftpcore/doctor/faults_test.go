package doctor

import (
	"context"
	"crypto/tls"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

func TestPASVNamingAPrivateAddress(t *testing.T) {
	srv := newTestServer(t, ftptest.WithPASVAddress(netip.MustParseAddr("10.1.2.3")))
	rep := run(t, plainConfig(srv), nil)
	l := want(t, rep, "data.pasv", Amber, "doctor.pasv.private")
	if l.Side != SideServer || l.Advice.Key != "doctor.pasv.private.fix" {
		t.Errorf("advice %s (%s)", l.Advice, l.Side)
	}
	if !strings.Contains(strings.Join(l.Evidence, "\n"), "named 10.1.2.3:") {
		t.Errorf("evidence does not show the replacement: %q", l.Evidence)
	}
	want(t, rep, "data.epsv", Green, "")
}

func TestRefusedEPSV(t *testing.T) {
	srv := newTestServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"EPSV": "500 'EPSV': command not understood."}}))
	rep := run(t, plainConfig(srv), nil)
	l := want(t, rep, "data.epsv", Amber, "doctor.epsv.refused")
	if l.Detail.Args["Code"] != 500 {
		t.Errorf("detail %s", l.Detail)
	}
	want(t, rep, "data.pasv", Green, "")
	want(t, rep, "listing", Green, "")
}

func TestListingTwoHoursOffMDTM(t *testing.T) {
	srv := newTestServer(t, ftptest.WithoutFeatures("MLST"), ftptest.WithListingOffset(2*time.Hour))
	rep := run(t, plainConfig(srv), nil)
	want(t, rep, "listing", Green, "doctor.listing.nomlsd")
	l := want(t, rep, "clock", Amber, "doctor.clock.zone")
	if l.Detail.Args["Offset"] != "+02:00" || l.Side != SideClient || l.Detail.Args["Name"] != "readme.txt" {
		t.Errorf("clock line: %s; fix (%s) %s", l.Detail, l.Side, l.Advice)
	}
}

func TestServerClockAhead(t *testing.T) {
	srv := newTestServer(t)
	// The client's clock is three hours behind the file's time.
	rep := run(t, plainConfig(srv), nil, func(o *Options) {
		o.Now = func() time.Time { return time.Now().Add(-4 * time.Hour) }
	})
	l := want(t, rep, "clock", Amber, "doctor.clock.ahead")
	if l.Side != SideServer {
		t.Errorf("side %s", l.Side)
	}
}

func TestExpiredCertificate(t *testing.T) {
	conf, pool := ftptest.NewExpiredTLSConfig(t)
	srv := newTestServer(t, ftptest.WithTLS(conf))
	cfg := plainConfig(srv)
	cfg.TLS = ftpcore.TLSExplicit
	cfg.TLSConfig = &tls.Config{RootCAs: pool}
	rep := run(t, cfg, nil)
	want(t, rep, "tls", Green, "doctor.tls.ok")
	l := want(t, rep, "tls.cert", Red, "doctor.cert.expired")
	if l.Side != SideServer {
		t.Errorf("side %s", l.Side)
	}
	want(t, rep, "login", Skipped, "doctor.login.untrusted")
	for _, c := range srv.Commands() {
		if strings.HasPrefix(c, "PASS") || strings.HasPrefix(c, "USER") {
			t.Errorf("sent %q to a server with an expired certificate", c)
		}
	}
}

func TestExpiredCertificateTrustedGoesOn(t *testing.T) {
	conf, pool := ftptest.NewExpiredTLSConfig(t)
	// Without require-reuse: crypto/tls never resumes a session whose
	// certificate has expired, so such a server's data connections fail.
	srv := newTestServer(t, ftptest.WithTLS(conf))
	cfg := plainConfig(srv)
	cfg.TLS = ftpcore.TLSExplicit
	cfg.TLSConfig = &tls.Config{RootCAs: pool}
	asked := 0
	cfg.TrustCert = func(_ context.Context, info ftpcore.CertInfo) (bool, error) {
		asked++
		return info.SHA256 != "", nil
	}
	rep := run(t, cfg, nil)
	want(t, rep, "tls.cert", Red, "doctor.cert.expired")
	want(t, rep, "login", Green, "")
	want(t, rep, "tls.data", Green, "doctor.tlsdata.ok")
	want(t, rep, "tls.reuse", Green, "doctor.reuse.notrequired")
	if asked == 0 {
		t.Error("the trust hook was never asked")
	}
}

func TestTLSReuseRequired(t *testing.T) {
	conf, pool := ftptest.NewTLSConfig(t)
	srv := newTestServer(t, ftptest.WithTLS(conf), ftptest.WithRequireTLSReuse())
	cfg := plainConfig(srv)
	cfg.TLS = ftpcore.TLSExplicit
	cfg.TLSConfig = &tls.Config{RootCAs: pool}
	rep := run(t, cfg, nil)
	want(t, rep, "tls.data", Green, "doctor.tlsdata.ok")
	want(t, rep, "tls.reuse", Green, "doctor.reuse.required")
	want(t, rep, "listing", Green, "")
}

func TestTLSWithoutReuse(t *testing.T) {
	conf, pool := ftptest.NewTLSConfig(t)
	srv := newTestServer(t, ftptest.WithTLS(conf))
	cfg := plainConfig(srv)
	cfg.TLS = ftpcore.TLSExplicit
	cfg.TLSConfig = &tls.Config{RootCAs: pool}
	rep := run(t, cfg, nil)
	want(t, rep, "tls.cert", Green, "doctor.cert.ok")
	want(t, rep, "tls.data", Green, "doctor.tlsdata.ok")
	want(t, rep, "tls.reuse", Green, "doctor.reuse.notrequired")
	if rep.Worst() != Green {
		t.Errorf("worst %s", rep.Worst())
	}
}

// TestFilteredDataPort: nothing answers on the data connections. The
// server's event (a transfer starts waiting on a connection it ignores)
// runs the probe's time-out out; no wall-clock timer decides.
func TestFilteredDataPort(t *testing.T) {
	clock := newEventClock()
	srv := newTestServer(t, ftptest.WithFilteredData(func(bool) bool { clock.fire(); return true }))
	rep := run(t, plainConfig(srv), clock)
	for _, p := range []string{"data.epsv", "data.pasv"} {
		l := want(t, rep, p, Red, "doctor.data.silent")
		if l.Side != SideNetwork || l.Advice.Key != "doctor.passive.filtered.fix" {
			t.Errorf("%s: fix (%s) %s", p, l.Side, l.Advice)
		}
	}
	for _, p := range []string{"data.eprt", "data.port"} {
		if l := want(t, rep, p, Red, "doctor.data.silent"); l.Side != SideClient {
			t.Errorf("%s: side %s", p, l.Side)
		}
	}
	want(t, rep, "listing", Skipped, "doctor.listing.nodata")
	if n := clock.count(); n != 4 {
		t.Errorf("%d time-outs ran out, want one per data connection (4)", n)
	}
}

func TestConnectionLimit(t *testing.T) {
	srv := newTestServer(t, ftptest.WithFault(ftptest.Fault{MaxConns: 2}))
	rep := run(t, plainConfig(srv), nil, func(o *Options) { o.MaxConnections = 4 })
	l := want(t, rep, "limit", Amber, "doctor.limit.reached")
	if l.Detail.Args["N"] != 2 || l.Detail.Args["Code"] != 421 || l.Side != SideClient {
		t.Errorf("limit line: %s; fix (%s) %s", l.Detail, l.Side, l.Advice)
	}
}

func TestLoginRefused(t *testing.T) {
	srv := newTestServer(t)
	cfg := plainConfig(srv)
	cfg.Password = "wrong-password-xyz"
	rep := run(t, cfg, nil)
	l := want(t, rep, "login", Red, "doctor.login.refused")
	if l.Side != SideClient {
		t.Errorf("side %s", l.Side)
	}
	text := rep.Text(TextOptions{})
	if strings.Contains(text, "wrong-password-xyz") || !strings.Contains(text, "PASS ****") {
		t.Errorf("password in the text, or PASS not shown:\n%s", text)
	}
	if _, ok := rep.Find("data.pasv"); ok {
		t.Error("probes ran on after a refused login")
	}
}

func TestConnectRefused(t *testing.T) {
	srv := newTestServer(t)
	addr := srv.Addr()
	srv.Close()
	rep := run(t, ftpcore.Config{Addr: addr}, nil)
	want(t, rep, "connect", Red, "doctor.connect.refused")
	if len(rep.Lines) != 2 {
		t.Errorf("%d lines after a refused connection", len(rep.Lines))
	}
}

func TestMaskHosts(t *testing.T) {
	srv := newTestServer(t)
	cfg := plainConfig(srv)
	cfg.Addr = "localhost:" + strings.Split(srv.Addr(), ":")[1]
	rep := run(t, cfg, nil)
	masked := rep.Text(TextOptions{MaskHosts: true})
	for _, h := range []string{"localhost", "127.0.0.1", "127,0,0,1", testkit.Password} {
		if strings.Contains(masked, h) {
			t.Errorf("%q left in the masked text", h)
		}
	}
	if !strings.Contains(rep.Text(TextOptions{}), "127.0.0.1") {
		t.Error("the unmasked text lost the address")
	}
}

// TestCancel stops the run from the line callback, as the window's Cancel
// button does: the report ends there and says so.
func TestCancel(t *testing.T) {
	srv := newTestServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	rep := Run(ctx, Options{Config: plainConfig(srv), Clock: newEventClock(), OnLine: func(l Line) {
		if l.Probe == "login" {
			cancel()
		}
	}})
	if !rep.Cancelled {
		t.Error("not marked cancelled")
	}
	if last := rep.Lines[len(rep.Lines)-1].Probe; last != "login" && last != "home" && last != "syst" {
		t.Errorf("ran on to %q after the cancel", last)
	}
	if !strings.Contains(rep.Text(TextOptions{}), "cancelled") {
		t.Error("text does not say cancelled")
	}
}

// rangeListener records the addresses asked for and listens on any free
// port instead, so that the test needs no particular port to be free.
type rangeListener struct {
	mu    sync.Mutex
	asked []string
}

func (l *rangeListener) Listen(ctx context.Context, network, addr string) (net.Listener, error) {
	l.mu.Lock()
	l.asked = append(l.asked, addr)
	l.mu.Unlock()
	return (&net.ListenConfig{}).Listen(ctx, network, "127.0.0.1:0")
}

// TestActivePortRange listens for the server's data connections within
// the site's port range.
func TestActivePortRange(t *testing.T) {
	srv := newTestServer(t)
	rl := &rangeListener{}
	cfg := plainConfig(srv)
	cfg.Listener = rl
	cfg.ActivePortMin, cfg.ActivePortMax = 40100, 40109
	rep := run(t, cfg, nil)
	want(t, rep, "data.eprt", Green, "")
	want(t, rep, "data.port", Green, "")
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if len(rl.asked) != 2 {
		t.Fatalf("asked to listen on %q", rl.asked)
	}
	for _, a := range rl.asked {
		if a != "127.0.0.1:40100" {
			t.Errorf("listened on %s, want the first port of the range", a)
		}
	}
}

// TestFirewalledPassivePorts: only the passive ports are dropped, as a
// firewall in front of the server does; active mode still works, and the
// listing probe uses it.
func TestFirewalledPassivePorts(t *testing.T) {
	clock := newEventClock()
	srv := newTestServer(t, ftptest.WithFilteredData(func(passive bool) bool {
		if passive {
			clock.fire()
		}
		return passive
	}))
	rep := run(t, plainConfig(srv), clock)
	want(t, rep, "data.epsv", Red, "doctor.data.silent")
	want(t, rep, "data.pasv", Red, "doctor.data.silent")
	want(t, rep, "data.eprt", Green, "doctor.data.ok")
	want(t, rep, "data.port", Green, "doctor.data.ok")
	l := want(t, rep, "listing", Green, "doctor.listing.ok")
	if !strings.Contains(strings.Join(l.Evidence, "\n"), "> EPRT ") {
		t.Errorf("listing not over the active connection: %q", l.Evidence)
	}
}

// TestServerBehindNAT: PASV names a private address and the passive
// ports are closed, as on a server behind a router nobody set up.
func TestServerBehindNAT(t *testing.T) {
	clock := newEventClock()
	srv := newTestServer(t, ftptest.WithPASVAddress(netip.MustParseAddr("192.168.1.20")),
		ftptest.WithFilteredData(func(passive bool) bool {
			if passive {
				clock.fire()
			}
			return passive
		}))
	rep := run(t, plainConfig(srv), clock)
	l := want(t, rep, "data.pasv", Red, "doctor.pasv.private")
	if l.Advice.Key != "doctor.pasv.nat.fix" || l.Side != SideServer {
		t.Errorf("fix (%s) %s", l.Side, l.Advice)
	}
	if !strings.Contains(l.Detail.String(), "nothing answered") || !strings.Contains(l.Detail.String(), "192.168.1.20") {
		t.Errorf("detail %q", l.Detail)
	}
	want(t, rep, "data.port", Green, "")
}
