package queue

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

func TestQueueOverwriteUpload(t *testing.T) {
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	local := testkit.Pattern(5000, 3)
	tests := []struct {
		name       string
		action     OverwriteAction
		remote     []byte
		remoteTime time.Time
		localTime  time.Time
		temp       bool
		wantState  JobState
		wantFinal  []byte
		wantRename bool
	}{
		{"overwrite", Overwrite, []byte("old"), old, old, false, JobDone, local, false},
		{"overwrite via temporary name", Overwrite, []byte("old"), old, old, true, JobDone, local, false},
		{"if newer, local newer", OverwriteIfNewer, []byte("old"), old, old.Add(time.Hour), false, JobDone, local, false},
		{"if newer, remote newer", OverwriteIfNewer, []byte("old"), old.Add(time.Hour), old, false, JobSkipped, []byte("old"), false},
		{"if size differs, same", OverwriteIfSizeDiffers, testkit.Pattern(5000, 8), old, old, false, JobSkipped, testkit.Pattern(5000, 8), false},
		{"if size differs, differs", OverwriteIfSizeDiffers, []byte("old"), old, old, true, JobDone, local, false},
		{"resume", OverwriteResume, local[:2000], old, old, true, JobDone, local, false},
		{"rename", OverwriteRename, []byte("old"), old, old, false, JobDone, []byte("old"), true},
		{"skip", OverwriteSkip, []byte("old"), old, old, false, JobSkipped, []byte("old"), false},
		{"ask without Ask skips", OverwriteAsk, []byte("old"), old, old, false, JobSkipped, []byte("old"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := testkit.NewServer(t)
			testkit.PutFile(t, srv, "/up/file.bin", tt.remote, tt.remoteTime)
			src := filepath.Join(t.TempDir(), "file.bin")
			testkit.WriteFile(t, src, local, tt.localTime)
			r := newRig(t, srvMap(srv), Options{TempUpload: tt.temp})
			ids := r.add(JobSpec{Kind: JobUpload, Src: Endpoint{"", src}, Dst: Endpoint{"s", "/up/file.bin"}, Overwrite: tt.action})
			r.q.Start()
			r.wait(10 * time.Second)
			j := r.job(ids[0])
			if j.State != tt.wantState {
				t.Fatalf("state %v (%s), want %v", j.State, j.Err, tt.wantState)
			}
			testkit.SameBytes(t, "remote file", testkit.GetFile(t, srv, "/up/file.bin"), tt.wantFinal)
			if tt.wantState == JobDone && !tt.wantRename {
				// The local file's time goes up with it (MFMT).
				if st, err := srv.FS().Stat("/up/file.bin"); err != nil || !st.ModTime().Equal(tt.localTime) {
					t.Errorf("remote time %v (%v), want the local file's %v", st.ModTime(), err, tt.localTime)
				}
			}
			if tt.wantRename {
				testkit.SameBytes(t, "renamed", testkit.GetFile(t, srv, "/up/file (1).bin"), local)
			}
			if _, err := srv.FS().Stat("/up/file.bin.part"); err == nil {
				t.Error("the temporary upload name was left behind")
			}
			if tt.temp && tt.action != OverwriteResume && tt.wantState == JobDone && !slices.ContainsFunc(srv.Commands(), func(c string) bool { return c == "RNTO /up/file.bin" }) {
				t.Errorf("no rename to the final name in %q", srv.Commands())
			}
		})
	}
}

// TestQueueAskApplyToAll checks that one "apply to all" answer decides
// every later conflict of that kind without another question.
func TestQueueAskApplyToAll(t *testing.T) {
	srv := testkit.NewServer(t)
	dir := t.TempDir()
	var specs []JobSpec
	for i := range 5 {
		name := fmt.Sprintf("f%d.txt", i)
		testkit.PutFile(t, srv, "/p/"+name, []byte("new content"), time.Time{})
		testkit.WriteFile(t, filepath.Join(dir, name), []byte("old"), time.Time{})
		specs = append(specs, JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/p/" + name}, Dst: Endpoint{"", filepath.Join(dir, name)}})
	}
	var asked atomic.Int32
	r := newRig(t, srvMap(srv), Options{Workers: 3, Ask: func(ctx context.Context, q ExistsQuestion) (ExistsAnswer, error) {
		asked.Add(1)
		return ExistsAnswer{Action: Overwrite, ApplyToAll: true}, nil
	}})
	r.add(specs...)
	r.q.Start()
	for _, j := range r.wait(10 * time.Second) {
		if j.State != JobDone {
			t.Errorf("job %d: %v %s", j.ID, j.State, j.Err)
		}
		if got := string(testkit.ReadFile(t, j.Dst.Path)); got != "new content" {
			t.Errorf("%s holds %q", j.Dst.Path, got)
		}
	}
	if n := asked.Load(); n != 1 {
		t.Errorf("asked %d times, want once", n)
	}
}

// TestQueueRetry drives jobs into the server's scripted faults: each must
// end done and byte-exact, with as many attempts as the fault costs.
func TestQueueRetry(t *testing.T) {
	data := testkit.Pattern(300_000, 5)
	tests := []struct {
		name         string
		setup        func(*ftptest.Server)
		upload       bool
		wantAttempts int
		wantREST     bool
	}{
		{"450 on RETR", func(s *ftptest.Server) { s.FailTransfers(1, "450 File busy.") }, false, 2, false},
		{"data connection dropped", func(s *ftptest.Server) {
			s.SetFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 100_000, Times: 1}})
		}, false, 2, true},
		{"control connection dropped", func(s *ftptest.Server) {
			s.SetFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 120_000, Times: 1, CloseControl: true}})
		}, false, 2, true},
		{"two failures", func(s *ftptest.Server) { s.FailTransfers(2, "") }, false, 3, false},
		{"upload, 452 then success", func(s *ftptest.Server) { s.FailTransfers(1, "452 Insufficient storage space.") }, true, 2, false},
		{"upload, data dropped", func(s *ftptest.Server) {
			s.SetFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 100_000, Times: 1}})
		}, true, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := testkit.NewServer(t)
			dir := t.TempDir()
			local := filepath.Join(dir, "big.bin")
			spec := JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/big.bin"}, Dst: Endpoint{"", local}, Overwrite: Overwrite}
			if tt.upload {
				testkit.WriteFile(t, local, data, time.Time{})
				spec = JobSpec{Kind: JobUpload, Src: Endpoint{"", local}, Dst: Endpoint{"s", "/big.bin"}, Overwrite: Overwrite}
			} else {
				testkit.PutFile(t, srv, "/big.bin", data, time.Time{})
			}
			tt.setup(srv)
			r := newRig(t, srvMap(srv), Options{TempUpload: true})
			ids := r.add(spec)
			r.q.Start()
			r.wait(15 * time.Second)
			j := r.job(ids[0])
			if j.State != JobDone || j.Attempts != tt.wantAttempts {
				t.Fatalf("state %v after %d attempts (%s); want done after %d", j.State, j.Attempts, j.Err, tt.wantAttempts)
			}
			if tt.upload {
				testkit.SameBytes(t, "uploaded", testkit.GetFile(t, srv, "/big.bin"), data)
			} else {
				testkit.SameBytes(t, "downloaded", testkit.ReadFile(t, local), data)
			}
			rest := slices.ContainsFunc(srv.Commands(), func(c string) bool { return strings.HasPrefix(c, "REST ") && c != "REST 0" })
			if rest != tt.wantREST {
				t.Errorf("resumed with REST: %v, want %v (%q)", rest, tt.wantREST, srv.Commands())
			}
		})
	}
}

// TestQueuePermanentFailure checks that a 5xx fails at once, with the
// server's own words.
func TestQueuePermanentFailure(t *testing.T) {
	srv := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"RETR": "550 Permission denied by the Ferry test."}}))
	testkit.PutFile(t, srv, "/f.txt", []byte("x"), time.Time{})
	r := newRig(t, srvMap(srv), Options{})
	ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/f.txt"}, Dst: Endpoint{"", filepath.Join(t.TempDir(), "f.txt")}})
	r.q.Start()
	r.wait(10 * time.Second)
	j := r.job(ids[0])
	if j.State != JobFailed || j.Attempts != 1 || !strings.Contains(j.Err, "550 Permission denied by the Ferry test.") {
		t.Fatalf("job %+v; want failed once with the server's message", j)
	}
	if tot := r.q.Totals(); tot.Failed != 1 {
		t.Errorf("totals %+v", tot)
	}
}

// TestQueueRetriesExhausted checks that temporary failures stop after
// Retries and leave the last message.
func TestQueueRetriesExhausted(t *testing.T) {
	srv := testkit.NewServer(t)
	testkit.PutFile(t, srv, "/f.txt", []byte("x"), time.Time{})
	srv.FailTransfers(10, "421 Timeout.")
	r := newRig(t, srvMap(srv), Options{Retries: 1})
	ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/f.txt"}, Dst: Endpoint{"", filepath.Join(t.TempDir(), "f.txt")}})
	r.q.Start()
	r.wait(10 * time.Second)
	if j := r.job(ids[0]); j.State != JobFailed || j.Attempts != 2 || !strings.Contains(j.Err, "421 Timeout.") {
		t.Fatalf("job %+v; want failed after 2 attempts", j)
	}
}

// TestQueuePool421 checks that a server's 421 "too many connections"
// lowers the site's limit instead of failing jobs.
func TestQueuePool421(t *testing.T) {
	// The first RETR waits until the server has seen a second connection,
	// so that another worker dials while the first session is busy, however
	// fast the first worker would otherwise have drained the queue alone.
	var srvp atomic.Pointer[ftptest.Server]
	holdFirst := func(verb, _ string) ([]byte, bool) {
		if verb == "RETR" {
			for end := time.Now().Add(10 * time.Second); srvp.Load().Stats().ControlConns < 2 && time.Now().Before(end); {
				time.Sleep(time.Millisecond)
			}
		}
		return nil, false
	}
	srv := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{MaxConns: 1, Hook: holdFirst}))
	srvp.Store(srv)
	dir := t.TempDir()
	var specs []JobSpec
	for i := range 6 {
		p := fmt.Sprintf("/d/f%d", i)
		testkit.PutFile(t, srv, p, testkit.Pattern(2000+i, byte(i)), time.Time{})
		specs = append(specs, JobSpec{Kind: JobDownload, Src: Endpoint{"s", p}, Dst: Endpoint{"", filepath.Join(dir, fmt.Sprintf("f%d", i))}})
	}
	r := newRig(t, srvMap(srv), Options{Workers: 3, Retries: -1, SiteLimit: func(string) int { return 3 }})
	r.add(specs...)
	r.q.Start()
	for _, j := range r.wait(15 * time.Second) {
		if j.State != JobDone {
			t.Errorf("job %s: %v %s", j.Src.Path, j.State, j.Err)
		}
	}
	if n := r.q.SiteLimit("s"); n != 1 {
		t.Errorf("site limit %d after 421s, want 1", n)
	}
	if st := srv.Stats(); st.ControlConns < 2 {
		t.Errorf("the server never refused a connection: %+v", st)
	}
}

// TestQueueSiteLimit checks that no more sessions than the limit are open
// at once, whatever the number of workers.
func TestQueueSiteLimit(t *testing.T) {
	srv := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{DataRate: 400_000}))
	dir := t.TempDir()
	var specs []JobSpec
	for i := range 6 {
		p := fmt.Sprintf("/f%d", i)
		testkit.PutFile(t, srv, p, testkit.Pattern(40_000, byte(i)), time.Time{})
		specs = append(specs, JobSpec{Kind: JobDownload, Src: Endpoint{"s", p}, Dst: Endpoint{"", filepath.Join(dir, p)}})
	}
	r := newRig(t, srvMap(srv), Options{Workers: 6, SiteLimit: func(string) int { return 2 }})
	r.add(specs...)
	r.q.Start()
	var most int64
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		most = max(most, srv.Stats().OpenConns)
		if tot := r.q.Totals(); tot.Done == 6 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if most > 2 || most == 0 {
		t.Errorf("%d connections open at once, want at most 2", most)
	}
	if tot := r.q.Totals(); tot.Done != 6 {
		t.Errorf("totals %+v", tot)
	}
}

func TestQueueInvalidSpec(t *testing.T) {
	q, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close(context.Background()) })
	bad := []JobSpec{
		{Kind: JobDownload, Src: Endpoint{"", "/a"}, Dst: Endpoint{"", "/b"}},
		{Kind: JobUpload, Src: Endpoint{"", "/a"}, Dst: Endpoint{"", "/b"}},
		{Kind: JobFXP, Src: Endpoint{"s", "/a"}, Dst: Endpoint{"", "/b"}},
		{Kind: JobDownload, Src: Endpoint{"s", ""}, Dst: Endpoint{"", "/b"}},
	}
	for i, sp := range bad {
		if _, err := q.Add(sp); !errors.Is(err, ErrInvalidJob) {
			t.Errorf("spec %d: err %v, want ErrInvalidJob", i, err)
		}
	}
	if len(q.Jobs()) != 0 {
		t.Error("an invalid spec was queued")
	}
}

// TestQueueWaitsForAFullServer: with the site's limit already at one, a
// 421 at connect (another client holds the server's only slot, or the
// server still counts our last connection) makes the job wait and try
// again, not fail.
func TestQueueWaitsForAFullServer(t *testing.T) {
	srv := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{MaxConns: 1}))
	testkit.PutFile(t, srv, "/f.bin", testkit.Pattern(3000, 7), time.Time{})
	other, err := ftpcore.Dial(t.Context(), ftpcore.Config{Addr: srv.Addr(), User: testkit.User, Password: testkit.Password})
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t, srvMap(srv), Options{Workers: 1, Retries: -1, SiteLimit: func(string) int { return 1 }})
	ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"", filepath.Join(t.TempDir(), "f.bin")}})
	r.q.Start()
	testkit.WaitFor(t, 10*time.Second, "a refused connection", func() bool { return srv.Stats().ControlConns >= 2 })
	if j := r.job(ids[0]); j.State == JobFailed {
		t.Fatalf("failed at once: %+v", j)
	}
	other.Close()
	r.wait(20 * time.Second)
	if j := r.job(ids[0]); j.State != JobDone {
		t.Fatalf("job %+v", j)
	}
}
