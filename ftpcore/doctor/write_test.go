package doctor

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// leftIn returns the names left in dir on the server.
func leftIn(t *testing.T, srv *ftptest.Server, dir string) []string {
	t.Helper()
	list, err := srv.FS().ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, fi := range list {
		names = append(names, fi.Name())
	}
	return names
}

// inner returns the message a wrapping message ("{{.Before}} ...") wraps.
func inner(m Message) Message {
	b, _ := m.Args["Before"].(Message)
	return b
}

// sent counts the commands of verb the server received.
func sent(srv *ftptest.Server, verb string) int {
	n := 0
	for _, c := range srv.Commands() {
		if strings.HasPrefix(c, verb+" ") || c == verb {
			n++
		}
	}
	return n
}

// skewOf reads the skew a clock.skew line reports. The upload's own time
// counts against it, so it is compared within a minute, not exactly.
func skewOf(t *testing.T, l Line) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(fmt.Sprint(l.Detail.Args["Skew"]))
	if err != nil {
		t.Fatalf("skew in %s: %v", l.Detail, err)
	}
	return d
}

func withWriteDir(dir string) func(*Options) {
	return func(o *Options) { o.WriteDir = dir }
}

func TestWriteProbe(t *testing.T) {
	srv := newTestServer(t)
	rep := run(t, plainConfig(srv), nil, withWriteDir("/pub"))
	l := want(t, rep, "write", Green, "doctor.write.deleted")
	if inner(l.Detail).Key != "doctor.write.ok" {
		t.Errorf("detail %s", l.Detail)
	}
	ev := strings.Join(l.Evidence, "\n")
	for _, verb := range []string{"> TYPE I", "> STOR /pub/.ferry-doctor-", "> MDTM /pub/", "> SIZE /pub/", "> RETR /pub/", "> DELE /pub/"} {
		if !strings.Contains(ev, verb) {
			t.Errorf("evidence lacks %q:\n%s", verb, ev)
		}
	}
	s := want(t, rep, "clock.skew", Green, "doctor.skew.ok")
	if skewOf(t, s) != 0 {
		t.Errorf("skew %v on one clock", s.Detail.Args["Skew"])
	}
	if left := leftIn(t, srv, "/pub"); len(left) != 0 {
		t.Errorf("left behind: %q", left)
	}
	// The other probes still run after it.
	want(t, rep, "limit", Green, "")
}

// TestWriteProbeClockTwoHoursOff: the server's clock is two hours ahead;
// the uploaded file's MDTM says so, whatever the files' dates say.
func TestWriteProbeClockTwoHoursOff(t *testing.T) {
	srv := newTestServer(t, ftptest.WithClock(func() time.Time { return time.Now().Add(2 * time.Hour) }))
	rep := run(t, plainConfig(srv), nil, withWriteDir("/pub"))
	l := want(t, rep, "clock.skew", Amber, "doctor.skew.ahead")
	if got := skewOf(t, l); got < 2*time.Hour-time.Minute || got > 2*time.Hour+time.Minute {
		t.Errorf("skew %v, want 2h", got)
	}
	if l.Side != SideServer || l.Advice.Key != "doctor.skew.fix" {
		t.Errorf("fix (%s) %s", l.Side, l.Advice)
	}
	want(t, rep, "write", Green, "doctor.write.deleted")
	if left := leftIn(t, srv, "/pub"); len(left) != 0 {
		t.Errorf("left behind: %q", left)
	}

	// Behind works the same way.
	srv = newTestServer(t, ftptest.WithClock(func() time.Time { return time.Now().Add(-2 * time.Hour) }))
	rep = run(t, plainConfig(srv), nil, withWriteDir("/pub"))
	l = want(t, rep, "clock.skew", Amber, "doctor.skew.behind")
	if got := skewOf(t, l); got < 2*time.Hour-time.Minute || got > 2*time.Hour+time.Minute {
		t.Errorf("skew %v, want 2h", got)
	}
}

// TestClockHeuristicSaysSo: without the write test, a file dated in the
// future is all there is, and the line says it is a guess.
func TestClockHeuristicSaysSo(t *testing.T) {
	srv := newTestServer(t)
	later := func(o *Options) { o.Now = func() time.Time { return time.Now().Add(-4 * time.Hour) } }
	rep := run(t, plainConfig(srv), nil, later)
	l := want(t, rep, "clock", Amber, "doctor.clock.ahead")
	if !strings.Contains(l.Detail.String(), "only a guess") {
		t.Errorf("detail %q does not say it is a guess", l.Detail)
	}
	if _, ok := rep.Find("clock.skew"); ok {
		t.Error("a measured clock line without the write test")
	}
	// With the write test the measurement replaces the guess.
	rep = run(t, plainConfig(srv), nil, later, withWriteDir("/pub"))
	if l, _ := rep.Find("clock"); l.Detail.Key == "doctor.clock.ahead" {
		t.Errorf("guessed with the write test on: %s", l.Detail)
	}
	want(t, rep, "clock.skew", Amber, "doctor.skew.ahead")
}

func TestWriteProbeRefusedSTOR(t *testing.T) {
	srv := newTestServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"STOR": "553 Could not create file."}}))
	rep := run(t, plainConfig(srv), nil, withWriteDir("/pub"))
	l := want(t, rep, "write", Red, "doctor.write.nothing")
	if inner(l.Detail).Key != "doctor.write.stor" || l.Advice.Key != "doctor.write.stor.fix" || l.Side != SideServer {
		t.Errorf("detail %s; fix (%s) %s", l.Detail, l.Side, l.Advice)
	}
	if !strings.Contains(strings.Join(l.Evidence, "\n"), "< 553 Could not create file.") {
		t.Errorf("evidence %q", l.Evidence)
	}
	want(t, rep, "clock.skew", Skipped, "doctor.skew.nowrite")
	if n := sent(srv, "DELE"); n != 0 {
		t.Errorf("%d DELE for a file never created", n)
	}
	if left := leftIn(t, srv, "/pub"); len(left) != 0 {
		t.Errorf("left behind: %q", left)
	}
}

// TestWriteProbeRefusedRETR: a step after the upload fails; the file is
// deleted all the same.
func TestWriteProbeRefusedRETR(t *testing.T) {
	srv := newTestServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"RETR": "550 Permission denied."}}))
	rep := run(t, plainConfig(srv), nil, withWriteDir("/pub"))
	l := want(t, rep, "write", Red, "doctor.write.deleted")
	if inner(l.Detail).Key != "doctor.write.retr" {
		t.Errorf("detail %s", l.Detail)
	}
	want(t, rep, "clock.skew", Green, "doctor.skew.ok")
	if left := leftIn(t, srv, "/pub"); len(left) != 0 {
		t.Errorf("left behind: %q", left)
	}
}

// TestWriteProbeRefusedDELE: the server keeps the file; the line names
// it and says to delete it by hand.
func TestWriteProbeRefusedDELE(t *testing.T) {
	srv := newTestServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"DELE": "550 Permission denied."}}))
	rep := run(t, plainConfig(srv), nil, withWriteDir("/pub"))
	l := want(t, rep, "write", Amber, "doctor.write.left")
	left := leftIn(t, srv, "/pub")
	if len(left) != 1 {
		t.Fatalf("left: %q, want the test file", left)
	}
	p := "/pub/" + left[0]
	if l.Detail.Args["Path"] != p || !strings.Contains(l.Detail.String(), "550 Permission denied") {
		t.Errorf("detail %q does not name %s and the reply", l.Detail, p)
	}
	if l.Advice.Key != "doctor.write.left.fix" || l.Side != SideServer || !strings.Contains(l.Advice.String(), p) {
		t.Errorf("fix (%s) %s", l.Side, l.Advice)
	}
}

// TestWriteProbeCancelled: the run is cancelled once the file exists (the
// server's MDTM is the event); the cleanup still deletes it.
func TestWriteProbeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	srv := newTestServer(t, ftptest.WithFault(ftptest.Fault{Hook: func(verb, arg string) ([]byte, bool) {
		if verb == "MDTM" && strings.Contains(arg, ".ferry-doctor-") {
			cancel()
		}
		return nil, false
	}}))
	rep := Run(ctx, Options{Config: plainConfig(srv), Clock: newEventClock(), WriteDir: "/pub"})
	if !rep.Cancelled {
		t.Error("not cancelled")
	}
	if n := sent(srv, "STOR"); n != 1 {
		t.Fatalf("%d STOR", n)
	}
	if n := sent(srv, "DELE"); n != 1 {
		t.Errorf("%d DELE after the cancel", n)
	}
	if left := leftIn(t, srv, "/pub"); len(left) != 0 {
		t.Errorf("left behind: %q", left)
	}
}

func TestWriteProbeOff(t *testing.T) {
	srv := newTestServer(t)
	rep := run(t, plainConfig(srv), nil)
	for _, p := range []string{"write", "clock.skew"} {
		if _, ok := rep.Find(p); ok {
			t.Errorf("line %q without a folder", p)
		}
	}
	if n := sent(srv, "STOR"); n != 0 {
		t.Errorf("%d STOR without a folder", n)
	}
}

// TestWriteProbeActive: with the passive ports firewalled the write test
// goes over the active connection that worked, the server connecting to
// Ferry to receive the upload.
func TestWriteProbeActive(t *testing.T) {
	clock := newEventClock()
	srv := newTestServer(t, ftptest.WithFilteredData(func(passive bool) bool {
		if passive {
			clock.fire()
		}
		return passive
	}))
	rep := run(t, plainConfig(srv), clock, withWriteDir("/pub"))
	l := want(t, rep, "write", Green, "doctor.write.deleted")
	ev := strings.Join(l.Evidence, "\n")
	if !strings.Contains(ev, "> EPRT ") || strings.Contains(ev, "> EPSV") {
		t.Errorf("write test not over the active connection:\n%s", ev)
	}
	want(t, rep, "clock.skew", Green, "doctor.skew.ok")
	if left := leftIn(t, srv, "/pub"); len(left) != 0 {
		t.Errorf("left behind: %q", left)
	}
}
