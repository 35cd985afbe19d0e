package queue

import (
	"bytes"
	"context"
	"crypto/tls"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// fxpAsker answers FXP questions with one choice and records them.
type fxpAsker struct {
	mu     sync.Mutex
	choice FXPChoice
	all    bool // answer for all of the site pair's jobs
	asked  []FXPQuestion
}

func (a *fxpAsker) ask(_ context.Context, q FXPQuestion) (FXPAnswer, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.asked = append(a.asked, q)
	return FXPAnswer{Choice: a.choice, ApplyToAll: a.all}, nil
}

func (a *fxpAsker) questions() []FXPQuestion {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]FXPQuestion(nil), a.asked...)
}

// TestQueueFXPFallbackChoices: both servers refuse PORT (bounce
// protection), or are protected without a way to agree on TLS roles. With
// "ask", the question names the reason; relay copies through the client,
// clear data copies server to server with PROT C, cancel fails the job
// without a target file and without retries.
func TestQueueFXPFallbackChoices(t *testing.T) {
	conf, pool := ftptest.NewTLSConfig(t)
	refusePORT := ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"PORT": "500 Illegal PORT command."}})
	for _, tc := range []struct {
		name      string
		tls       bool
		choice    FXPChoice
		wantClear bool // the question offers clear data
		want      JobState
	}{
		{"bounce protection, relay", false, FXPRelayThrough, false, JobDone},
		{"bounce protection, cancel", false, FXPCancel, false, JobFailed},
		{"no TLS hand-off, clear data", true, FXPClearData, true, JobDone},
		{"no TLS hand-off, relay", true, FXPRelayThrough, true, JobDone},
		{"no TLS hand-off, cancel", true, FXPCancel, true, JobFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := []ftptest.Option{refusePORT}
			if tc.tls {
				opts = []ftptest.Option{ftptest.WithTLS(conf)}
			}
			src, dst := testkit.NewServer(t, opts...), testkit.NewServer(t, opts...)
			data := testkit.RandomBytes(t, 150<<10)
			testkit.PutFile(t, src, "/f.bin", data, time.Now())
			servers := srvMap(src, dst)
			asker := &fxpAsker{choice: tc.choice}
			r := newRig(t, servers, Options{
				FXPRelay: ftpcore.RelayAsk,
				AskFXP:   asker.ask,
				Resolve: func(_ context.Context, site string) (ftpcore.Config, error) {
					cfg := ftpcore.Config{Addr: servers[site].Addr(), User: testkit.User, Password: testkit.Password,
						ReplyTimeout: 10 * time.Second, Name: site}
					if tc.tls {
						cfg.TLS, cfg.TLSConfig = ftpcore.TLSExplicit, &tls.Config{RootCAs: pool}
					}
					return cfg, nil
				},
			})
			r.q.Start()
			ids := r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"t", "/g.bin"}, Size: int64(len(data)),
				Type: ftpcore.TypeBinary})
			r.wait(30 * time.Second)
			j := r.job(ids[0])
			qs := asker.questions()
			if len(qs) != 1 || qs[0].ClearData != tc.wantClear || qs[0].Job.ID != ids[0] {
				t.Fatalf("questions %+v", qs)
			}
			if imp, _ := ftpcore.FXPImpossible(qs[0].Reason); !imp {
				t.Errorf("asked with %v", qs[0].Reason)
			}
			if j.State != tc.want {
				t.Fatalf("job %v (%s), want %v", j.State, j.Err, tc.want)
			}
			if tc.want == JobFailed {
				if j.Attempts != 1 || !strings.Contains(j.Err, qs[0].Reason.Error()) {
					t.Errorf("failed after %d attempts with %q", j.Attempts, j.Err)
				}
				if _, err := dst.FS().Stat("/g.bin"); err == nil {
					t.Error("a target file was left behind")
				}
				return
			}
			if got := testkit.GetFile(t, dst, "/g.bin"); !bytes.Equal(got, data) {
				t.Fatalf("target has %d bytes, want the %d of the source", len(got), len(data))
			}
			prot := strings.Join(dst.Commands(), "|")
			if tc.choice == FXPClearData && !strings.Contains(prot, "PROT C") {
				t.Errorf("clear data chosen but no PROT C: %s", prot)
			}
			if tc.choice == FXPRelayThrough && strings.Contains(prot, "PROT C") {
				t.Errorf("relay chosen but data went in clear: %s", prot)
			}
		})
	}
}

// TestQueueFXPAnswerForAll: three files between servers that refuse FXP
// (bounce protection) with two workers. An answer for all is asked once
// and holds for the pair's other jobs; without it each job asks; cancel
// for all fails the others without a question. A change of the relay
// mode forgets the answer.
func TestQueueFXPAnswerForAll(t *testing.T) {
	refusePORT := ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"PORT": "500 Illegal PORT command."}})
	src, dst := testkit.NewServer(t, refusePORT), testkit.NewServer(t, refusePORT)
	for _, name := range []string{"/a.bin", "/b.bin", "/c.bin"} {
		testkit.PutFile(t, src, name, []byte("data of "+name), time.Now())
	}
	for _, tc := range []struct {
		name      string
		choice    FXPChoice
		all       bool
		questions int
		want      JobState
	}{
		{"relay, for all", FXPRelayThrough, true, 1, JobDone},
		{"relay, each", FXPRelayThrough, false, 3, JobDone},
		{"cancel, for all", FXPCancel, true, 1, JobFailed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asker := &fxpAsker{choice: tc.choice, all: tc.all}
			r := newRig(t, srvMap(src, dst), Options{FXPRelay: ftpcore.RelayAsk, AskFXP: asker.ask, Workers: 2})
			r.q.Start()
			var ids []int64
			for _, name := range []string{"/a.bin", "/b.bin", "/c.bin"} {
				ids = append(ids, r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", name}, Dst: Endpoint{"t", "/" + strings.ReplaceAll(tc.name, " ", "") + name[1:]},
					Type: ftpcore.TypeBinary, Overwrite: Overwrite})...)
			}
			r.wait(30 * time.Second)
			for _, id := range ids {
				if j := r.job(id); j.State != tc.want {
					t.Errorf("job %s: %v (%s), want %v", j.Dst.Path, j.State, j.Err, tc.want)
				}
			}
			if n := len(asker.questions()); n != tc.questions {
				t.Errorf("%d questions, want %d", n, tc.questions)
			}
			if !tc.all {
				return
			}
			r.q.SetFXPRelay(ftpcore.RelayAsk)
			r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", "/a.bin"}, Dst: Endpoint{"t", "/" + strings.ReplaceAll(tc.name, " ", "") + "again.bin"},
				Type: ftpcore.TypeBinary, Overwrite: Overwrite})
			r.wait(30 * time.Second)
			if n := len(asker.questions()); n != tc.questions+1 {
				t.Errorf("after the relay mode was set again: %d questions, want %d", n, tc.questions+1)
			}
		})
	}
}

// TestQueueFXPSettingsLive: the relay mode, retries and default overwrite
// actions changed while the queue runs apply to the next job.
func TestQueueFXPSettingsLive(t *testing.T) {
	refusePORT := ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"PORT": "500 Illegal PORT command."}})
	src, dst := testkit.NewServer(t, refusePORT), testkit.NewServer(t, refusePORT)
	testkit.PutFile(t, src, "/f.bin", []byte("data"), time.Now())
	asker := &fxpAsker{choice: FXPRelayThrough}
	r := newRig(t, srvMap(src, dst), Options{FXPRelay: ftpcore.RelayNever, AskFXP: asker.ask})
	r.q.Start()
	id := r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"t", "/a.bin"}, Type: ftpcore.TypeBinary})[0]
	r.wait(30 * time.Second)
	if j := r.job(id); j.State != JobFailed || len(asker.questions()) != 0 || !strings.Contains(j.Err, "refused") {
		t.Fatalf("with never: %v %q, %d questions", j.State, j.Err, len(asker.questions()))
	}
	r.q.SetFXPRelay(ftpcore.RelayAsk)
	id = r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"t", "/b.bin"}, Type: ftpcore.TypeBinary})[0]
	r.wait(30 * time.Second)
	if j := r.job(id); j.State != JobDone || len(asker.questions()) != 1 {
		t.Fatalf("with ask: %v %q, %d questions", j.State, j.Err, len(asker.questions()))
	}
	r.q.SetDefaultOverwrite(map[JobKind]OverwriteAction{JobFXP: OverwriteSkip})
	id = r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"t", "/b.bin"}, Type: ftpcore.TypeBinary})[0]
	r.wait(30 * time.Second)
	if j := r.job(id); j.State != JobSkipped {
		t.Fatalf("with skip: %v %q", j.State, j.Err)
	}
}

// TestQueueRetriesLive: the retry count changed while the queue runs
// applies to the next failure.
func TestQueueRetriesLive(t *testing.T) {
	srv := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"RETR": "450 Try later."}}))
	testkit.PutFile(t, srv, "/f.bin", []byte("data"), time.Now())
	r := newRig(t, srvMap(srv), Options{Retries: 3})
	r.q.Start()
	for _, tc := range []struct{ retries, attempts int }{{-1, 1}, {2, 3}} {
		r.q.SetRetries(tc.retries, time.Millisecond)
		id := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"", t.TempDir() + "/f.bin"}})[0]
		r.wait(30 * time.Second)
		if j := r.job(id); j.State != JobFailed || j.Attempts != tc.attempts {
			t.Errorf("retries %d: %v after %d attempts, want %d", tc.retries, j.State, j.Attempts, tc.attempts)
		}
	}
}

// TestQueueFXPOverServerWithoutSIZE: a target server without SIZE, whose
// listing shows the file the copy replaces: the copy still goes to a
// temporary name, so a copy cut short leaves the old file as it was.
func TestQueueFXPOverServerWithoutSIZE(t *testing.T) {
	src := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 1000}}))
	dst := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"SIZE": "502 Command not implemented."}}))
	testkit.PutFile(t, src, "/f.bin", testkit.RandomBytes(t, 64<<10), time.Now())
	testkit.PutFile(t, dst, "/g.bin", []byte("old"), time.Now().Add(-time.Hour))
	r := newRig(t, srvMap(src, dst), Options{Retries: -1})
	r.q.Start()
	id := r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"t", "/g.bin"},
		Type: ftpcore.TypeBinary, Overwrite: OverwriteIfSizeDiffers})[0]
	r.wait(30 * time.Second)
	if j := r.job(id); j.State != JobFailed {
		t.Fatalf("job %v (%s), want failed", j.State, j.Err)
	}
	if got := testkit.GetFile(t, dst, "/g.bin"); string(got) != "old" {
		t.Fatalf("the old target now holds %d bytes", len(got))
	}
	if i := slices.IndexFunc(dst.Commands(), func(c string) bool { return strings.HasPrefix(c, "STOR ") }); i < 0 ||
		dst.Commands()[i] != "STOR /g.bin.part" {
		t.Errorf("commands %q", dst.Commands())
	}
}

// TestQueueFXPQuestionNamesRenamedTarget: a copy told to write under a
// free name beside an existing file, then refused server to server, asks
// about the file it will write, not about the one it keeps.
func TestQueueFXPQuestionNamesRenamedTarget(t *testing.T) {
	refusePORT := ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"PORT": "500 Illegal PORT command."}})
	src, dst := testkit.NewServer(t, refusePORT), testkit.NewServer(t, refusePORT)
	testkit.PutFile(t, src, "/g.bin", []byte("new"), time.Now())
	testkit.PutFile(t, dst, "/g.bin", []byte("old one"), time.Now())
	asker := &fxpAsker{choice: FXPRelayThrough}
	r := newRig(t, srvMap(src, dst), Options{FXPRelay: ftpcore.RelayAsk, AskFXP: asker.ask})
	r.q.Start()
	ids := r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", "/g.bin"}, Dst: Endpoint{"t", "/g.bin"}, Size: 3,
		Type: ftpcore.TypeBinary, Overwrite: OverwriteRename})
	r.wait(30 * time.Second)
	if j := r.job(ids[0]); j.State != JobDone || j.Dst.Path != "/g (1).bin" {
		t.Fatalf("job %v to %s (%s)", j.State, j.Dst.Path, j.Err)
	}
	qs := asker.questions()
	if len(qs) != 1 || qs[0].Job.Dst.Path != "/g (1).bin" {
		var paths []string
		for _, q := range qs {
			paths = append(paths, q.Job.Dst.Path)
		}
		t.Fatalf("asked about %v, want /g (1).bin", paths)
	}
	if got := testkit.GetFile(t, dst, "/g.bin"); string(got) != "old one" {
		t.Errorf("the kept file holds %q", got)
	}
}

// TestQueueRemovesIncompleteTarget: a copy that failed with its target's
// session gone (ProFTPD closes it when it cannot secure the data
// connection) leaves the target's partial file to the queue, which
// deletes it on a session of its own. The error the user then reads says
// the file was deleted, not that it may remain; when the file cannot be
// deleted (its server is gone), it still says it may remain.
func TestQueueRemovesIncompleteTarget(t *testing.T) {
	src, dst := testkit.NewServer(t), testkit.NewServer(t)
	testkit.PutFile(t, dst, "/g.bin", []byte("part"), time.Now())
	r := newRig(t, srvMap(src, dst), Options{})
	j := Job{Kind: JobFXP, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"t", "/g.bin"}}
	failure := func() error {
		cause := &ftpcore.FXPDataTLSError{Client: "t", Server: "s", Mode: "SSCN", Err: ftpcore.ErrClosed}
		return &ftpcore.OpError{Op: "fxp", Path: "/f.bin",
			Err: &ftpcore.IncompleteTargetError{Path: "/g.bin", Server: "t", Err: cause}}
	}

	err := failure()
	r.q.removeIncomplete(t.Context(), j, err)
	if _, serr := dst.FS().Stat("/g.bin"); serr == nil {
		t.Fatal("the incomplete target is still there")
	}
	msg := err.Error()
	if strings.Contains(msg, "may remain") || !strings.Contains(msg, `the incomplete "/g.bin" was deleted from t`) {
		t.Errorf("after the delete: %q", msg)
	}
	if imp, clear := ftpcore.FXPImpossible(err); !imp || !clear {
		t.Errorf("FXPImpossible(%v) = %v, %v", err, imp, clear)
	}

	dst.Close()
	err = failure()
	r.q.removeIncomplete(t.Context(), j, err)
	if msg := err.Error(); !strings.Contains(msg, `an incomplete "/g.bin" may remain on t`) {
		t.Errorf("server gone: %q", msg)
	}
}
