package queue

import (
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/internal/testkit"
)

// TestQueueFXPKeepsModTime: a copy between two servers gives the target
// the source's time, as downloads and uploads do, whether the servers
// copy between themselves or the data is relayed through the client, so
// that "overwrite if newer" and a comparison of the two folders see the
// same file on both sides.
func TestQueueFXPKeepsModTime(t *testing.T) {
	for _, relay := range []ftpcore.RelayMode{ftpcore.RelayNever, ftpcore.RelayAlways} {
		src, dst := testkit.NewServer(t), testkit.NewServer(t)
		when := time.Date(2019, 5, 17, 8, 30, 12, 0, time.UTC)
		data := testkit.RandomBytes(t, 40<<10)
		testkit.PutFile(t, src, "/f.bin", data, when)
		r := newRig(t, srvMap(src, dst), Options{FXPRelay: relay})
		r.q.Start()
		id := r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"t", "/g.bin"},
			Size: int64(len(data)), ModTime: when, Type: ftpcore.TypeBinary})[0]
		r.wait(30 * time.Second)
		if j := r.job(id); j.State != JobDone {
			t.Fatalf("relay %v: job %v (%s)", relay, j.State, j.Err)
		}
		st, err := dst.FS().Stat("/g.bin")
		if err != nil {
			t.Fatal(err)
		}
		if !st.ModTime().Equal(when) {
			t.Errorf("relay %v: the copy is dated %v, want %v", relay, st.ModTime().UTC(), when)
		}
	}
}
