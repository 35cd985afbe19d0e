package queue

import (
	"path/filepath"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
)

// TestQueueIdleSessionTimedOut: the server ended the queue's idle session
// with its idle timeout ("421 Timeout.", then closed) before the next
// job. That job read the 421 as the reply to its first command, waited
// for the retry delay and spent an attempt. It now runs again at once on
// a new session, as its first attempt, downloading and uploading.
func TestQueueIdleSessionTimedOut(t *testing.T) {
	data := testkit.Pattern(50_000, 3)
	srv := testkit.NewServer(t)
	testkit.PutFile(t, srv, "/a.bin", data, time.Time{})
	dir := t.TempDir()
	r := newRig(t, srvMap(srv), Options{})
	r.q.Start()
	first := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/a.bin"}, Dst: Endpoint{"", filepath.Join(dir, "a.bin")}, Overwrite: Overwrite})
	r.wait(15 * time.Second)
	if j := r.job(first[0]); j.State != JobDone {
		t.Fatalf("first download: %v (%s)", j.State, j.Err)
	}
	for _, spec := range []JobSpec{
		{Kind: JobDownload, Src: Endpoint{"s", "/a.bin"}, Dst: Endpoint{"", filepath.Join(dir, "b.bin")}, Overwrite: Overwrite},
		{Kind: JobUpload, Src: Endpoint{"", filepath.Join(dir, "a.bin")}, Dst: Endpoint{"s", "/c.bin"}, Overwrite: Overwrite},
	} {
		if n := srv.TimeOutSessions(); n == 0 {
			t.Fatal("no idle session to time out")
		}
		ids := r.add(spec)
		r.wait(15 * time.Second)
		if j := r.job(ids[0]); j.State != JobDone || j.Attempts != 1 {
			t.Fatalf("%v after the server's idle timeout: %v after %d attempts (%s); want done after 1", spec.Kind, j.State, j.Attempts, j.Err)
		}
	}
	testkit.SameBytes(t, "downloaded", testkit.ReadFile(t, filepath.Join(dir, "b.bin")), data)
	testkit.SameBytes(t, "uploaded", testkit.GetFile(t, srv, "/c.bin"), data)
}
