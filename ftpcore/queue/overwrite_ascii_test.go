package queue

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// TestQueueOverwriteASCII: a text file (TYPE A by its name) has known
// sizes like any other: the question shows both sides' sizes as stored and
// says that line ends may be converted, and "overwrite if the size
// differs" leaves a file of the same size alone, in both directions, also
// on a server that refuses SIZE in TYPE A (ProFTPD) after a text transfer
// left the session in TYPE A.
func TestQueueOverwriteASCII(t *testing.T) {
	local := []byte("one\ntwo\n")
	remote := []byte("uno\ndos\n") // as long, as a Unix server stores it
	for _, refuse := range []bool{false, true} {
		for _, kind := range []JobKind{JobUpload, JobDownload} {
			name := kind.String()
			if refuse {
				name += ", SIZE refused in TYPE A"
			}
			t.Run(name, func(t *testing.T) {
				var opts []ftptest.Option
				if refuse {
					opts = append(opts, ftptest.WithRefuseSizeInASCII())
				}
				srv := testkit.NewServer(t, opts...)
				testkit.PutFile(t, srv, "/pub/first.txt", []byte("first\n"), time.Now())
				testkit.PutFile(t, srv, "/pub/notes.txt", remote, time.Now())
				dir := t.TempDir()
				path := filepath.Join(dir, "notes.txt")
				testkit.WriteFile(t, path, local, time.Now())
				var mu sync.Mutex
				var asked []ExistsQuestion
				r := newRig(t, srvMap(srv), Options{
					Workers: 1,
					Ask: func(ctx context.Context, q ExistsQuestion) (ExistsAnswer, error) {
						mu.Lock()
						asked = append(asked, q)
						mu.Unlock()
						return ExistsAnswer{Action: OverwriteSkip}, nil
					},
				})
				spec := func(action OverwriteAction) JobSpec {
					if kind == JobUpload {
						return JobSpec{Kind: kind, Src: Endpoint{"", path}, Dst: Endpoint{"s", "/pub/notes.txt"}, Size: -1, Overwrite: action}
					}
					return JobSpec{Kind: kind, Src: Endpoint{"s", "/pub/notes.txt"}, Dst: Endpoint{"", path}, Size: -1, Overwrite: action}
				}
				// A text transfer first, so that the session is in TYPE A.
				first := JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/pub/first.txt"}, Dst: Endpoint{"", filepath.Join(dir, "first.txt")}}
				ids := r.add(first, spec(OverwriteIfSizeDiffers), spec(OverwriteAsk))
				r.q.Start()
				r.wait(10 * time.Second)
				if j := r.job(ids[0]); j.State != JobDone {
					t.Fatalf("first download: %v (%s)", j.State, j.Err)
				}
				if j := r.job(ids[1]); j.State != JobSkipped {
					t.Errorf("overwrite if the size differs, same size: %v (%s), want skipped", j.State, j.Err)
				}
				testkit.SameBytes(t, "local file", testkit.ReadFile(t, path), local)
				testkit.SameBytes(t, "remote file", testkit.GetFile(t, srv, "/pub/notes.txt"), remote)
				mu.Lock()
				defer mu.Unlock()
				if len(asked) != 1 {
					t.Fatalf("%d questions, want 1", len(asked))
				}
				q := asked[0]
				if q.Src.Size != 8 || q.Dst.Size != 8 || !q.ASCII {
					t.Errorf("question: source size %d, target size %d, ASCII %v; want 8, 8, true", q.Src.Size, q.Dst.Size, q.ASCII)
				}
			})
		}
	}
}
