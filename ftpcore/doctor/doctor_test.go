package doctor

import (
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// newTestServer starts a server with a few files, one of them recent so
// that LIST shows its time of day.
func newTestServer(t *testing.T, opts ...ftptest.Option) *ftptest.Server {
	t.Helper()
	srv := testkit.NewServer(t, opts...)
	testkit.PutFile(t, srv, "/readme.txt", []byte("hello\n"), time.Now().Add(-time.Hour).Truncate(time.Minute))
	testkit.PutFile(t, srv, "/old.bin", []byte("x"), time.Date(2020, 5, 1, 12, 0, 0, 0, time.UTC))
	if err := srv.FS().Mkdir("/pub"); err != nil {
		t.Fatal(err)
	}
	return srv
}

// run diagnoses srv with a clock that never runs out by itself.
func run(t *testing.T, cfg ftpcore.Config, clock Clock, mod ...func(*Options)) *Report {
	t.Helper()
	if clock == nil {
		clock = newEventClock()
	}
	opt := Options{Config: cfg, Clock: clock, MaxConnections: 3}
	for _, m := range mod {
		m(&opt)
	}
	rep := Run(t.Context(), opt)
	t.Logf("\n%s", rep.Text(TextOptions{}))
	return rep
}

func plainConfig(srv *ftptest.Server) ftpcore.Config {
	return ftpcore.Config{Addr: srv.Addr(), User: testkit.User, Password: testkit.Password}
}

// want checks the status of a probe's line, and that its detail says key.
func want(t *testing.T, rep *Report, probe string, st Status, key string) Line {
	t.Helper()
	l, ok := rep.Find(probe)
	if !ok {
		t.Fatalf("no line %q", probe)
	}
	if l.Status != st {
		t.Errorf("%s: status %s, want %s (%s)", probe, l.Status, st, l.Detail)
	}
	if key != "" && l.Detail.Key != key {
		t.Errorf("%s: detail %q (%s), want %q", probe, l.Detail.Key, l.Detail, key)
	}
	return l
}

func TestHealthyPlainServer(t *testing.T) {
	srv := newTestServer(t)
	rep := run(t, plainConfig(srv), nil)
	want(t, rep, "resolve", Green, "doctor.resolve.literal")
	want(t, rep, "connect", Green, "doctor.connect.ok")
	want(t, rep, "greeting", Green, "doctor.greeting.ok")
	feat := want(t, rep, "feat", Green, "doctor.feat.ok")
	if !strings.Contains(feat.Detail.String(), "MLST") || !strings.Contains(feat.Detail.String(), "EPSV") {
		t.Errorf("features: %s", feat.Detail)
	}
	want(t, rep, "tls", Amber, "doctor.tls.absent")
	want(t, rep, "login", Green, "doctor.login.ok")
	if h := want(t, rep, "home", Green, "doctor.home.ok"); h.Detail.Args["Dir"] != "/" {
		t.Errorf("home: %s", h.Detail)
	}
	for _, p := range []string{"data.epsv", "data.pasv", "data.eprt", "data.port"} {
		want(t, rep, p, Green, "")
	}
	want(t, rep, "listing", Green, "doctor.listing.ok")
	want(t, rep, "clock", Green, "doctor.clock.utc")
	want(t, rep, "limit", Green, "doctor.limit.ok")
	if _, ok := rep.Find("fxp"); ok {
		t.Error("FXP probed without a second server")
	}
	if rep.Worst() != Amber || rep.Cancelled {
		t.Errorf("worst %s, cancelled %v", rep.Worst(), rep.Cancelled)
	}
}
