package queue

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// TestQueueKillAndRestart closes the queue in the middle of a large
// download, as the app quitting would, and checks that a new queue from
// the same state file resumes from the .part file with REST and ends
// byte-exact.
func TestQueueKillAndRestart(t *testing.T) {
	const size = 20 << 20
	data := testkit.Pattern(size, 7)
	srv := testkit.NewServer(t, ftptest.WithFault(ftptest.Fault{DataRate: 10 << 20}))
	testkit.PutFile(t, srv, "/iso/big.img", data, time.Time{})
	dir := t.TempDir()
	state := filepath.Join(dir, "config", "queue.json")
	local := filepath.Join(dir, "dl", "big.img")
	if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
		t.Fatal(err)
	}

	first := newRig(t, srvMap(srv), Options{StatePath: state})
	ids := first.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/iso/big.img"}, Dst: Endpoint{"", local}, Size: size})
	first.q.Start()
	testkit.WaitFor(t, 20*time.Second, "4 MiB downloaded", func() bool { return first.job(ids[0]).Done >= 4<<20 })
	if err := first.q.Close(t.Context()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	st, err := os.Stat(local + ftpcore.PartSuffix)
	if err != nil || st.Size() == 0 || st.Size() >= size {
		t.Fatalf("after the interruption: .part %v, %v", st, err)
	}
	if _, err := os.Stat(local); err == nil {
		t.Fatal("the final name exists before the download completed")
	}
	saved, err := os.ReadFile(state)
	if err != nil || !strings.Contains(string(saved), `"state": "queued"`) || strings.Contains(string(saved), testkit.Password) {
		t.Fatalf("state file: %v\n%s", err, saved)
	}

	srv.SetFault(ftptest.Fault{})
	before := len(srv.Commands())
	second := newRig(t, srvMap(srv), Options{StatePath: state})
	jobs := second.q.Jobs()
	if len(jobs) != 1 || jobs[0].ID != ids[0] || jobs[0].State != JobQueued {
		t.Fatalf("restored jobs %+v", jobs)
	}
	second.q.Start()
	second.wait(30 * time.Second)
	if j := second.job(ids[0]); j.State != JobDone {
		t.Fatalf("resumed job %+v", j)
	}
	got := testkit.ReadFile(t, local)
	if sha256.Sum256(got) != sha256.Sum256(data) {
		t.Fatalf("sha256 differs after the restart (%d bytes, want %d)", len(got), size)
	}
	rest := slices.IndexFunc(srv.Commands()[before:], func(c string) bool { return strings.HasPrefix(c, "REST ") })
	if rest < 0 {
		t.Fatal("the restarted download did not resume with REST")
	}
	if off, _ := strconv.ParseInt(strings.TrimPrefix(srv.Commands()[before+rest], "REST "), 10, 64); off != max(st.Size()-64<<10, 0) {
		t.Errorf("resumed at %d, want 64 KiB before the end of the .part's %d bytes", off, st.Size())
	}
	// New IDs do not collide with restored ones.
	more := second.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/x"}, Dst: Endpoint{"", filepath.Join(dir, "x")}})
	if more[0] <= ids[0] {
		t.Errorf("new job ID %d after restored %d", more[0], ids[0])
	}
}

func TestQueueCorruptState(t *testing.T) {
	tests := []struct {
		name    string
		content string
	}{
		{"not JSON", "{{{ this is not json"},
		{"future version", `{"version": 99, "jobs": []}`},
		{"bad kind", `{"version": 1, "next_id": 2, "jobs": [{"id": 1, "kind": "teleport", "src": "/a", "dst": "/b", "type": "auto", "overwrite": "default", "state": "queued"}]}`},
		{"download escaping its root", `{"version": 1, "next_id": 2, "jobs": [{"id": 1, "kind": "download", "src_site": "s", "src": "/a", "dst": "/b", "type": "auto", "overwrite": "default", "state": "queued"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state := filepath.Join(t.TempDir(), "queue.json")
			if err := os.WriteFile(state, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			q, err := New(Options{StatePath: state})
			var ce *CorruptError
			if !errors.As(err, &ce) || !errors.Is(err, ErrCorrupt) || q == nil {
				t.Fatalf("New: %v", err)
			}
			if b, rerr := os.ReadFile(ce.MovedTo); rerr != nil || string(b) != tt.content {
				t.Errorf("the damaged file was not kept aside: %v", rerr)
			}
			if _, err := q.Add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/a"}, Dst: Endpoint{"", "/tmp/a"}}); err != nil {
				t.Fatal(err)
			}
			if err := q.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			// The new state went to the usual place, beside the kept file.
			if b, err := os.ReadFile(state); err != nil || !strings.Contains(string(b), `"src": "/a"`) {
				t.Errorf("new state: %v %s", err, b)
			}
		})
	}
}

// TestQueueStateRoundTrip saves every kind of job and reads it back.
func TestQueueStateRoundTrip(t *testing.T) {
	state := filepath.Join(t.TempDir(), "q.json")
	q, err := New(Options{StatePath: state})
	if err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2023, 3, 4, 5, 6, 7, 0, time.UTC)
	specs := []JobSpec{
		{Kind: JobDownload, Src: Endpoint{"site-1", "/a"}, Dst: Endpoint{"", "/tmp/a"}, Size: 10, ModTime: mtime, Type: ftpcore.TypeASCII, Overwrite: OverwriteRename},
		{Kind: JobUpload, Src: Endpoint{"", "/tmp/d"}, Dst: Endpoint{"ftp://u@h:21", "/d"}, IsDir: true, Overwrite: OverwriteIfNewer},
		{Kind: JobFXP, Src: Endpoint{"x", "/f"}, Dst: Endpoint{"y", "/g"}, Type: ftpcore.TypeBinary},
	}
	if _, err := q.Add(specs...); err != nil {
		t.Fatal(err)
	}
	want := q.Jobs()
	if err := q.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	q2, err := New(Options{StatePath: state})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q2.Close(context.Background()) })
	got := q2.Jobs()
	if len(got) != len(want) {
		t.Fatalf("%d jobs back, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if !w.Added.Equal(g.Added) || !w.ModTime.Equal(g.ModTime) {
			t.Errorf("job %d times: %v %v, want %v %v", i, g.Added, g.ModTime, w.Added, w.ModTime)
		}
		w.Added, g.Added, w.ModTime, g.ModTime = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if w != g {
			t.Errorf("job %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}
