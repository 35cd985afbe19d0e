package queue

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/internal/testkit"
)

// TestQueueSettledEventComesAtOnce: when the last job ends, the event that
// says so goes out without waiting for the coalescing interval, so that a
// command line waiting for the queue to drain does not idle.
func TestQueueSettledEventComesAtOnce(t *testing.T) {
	srv := testkit.NewServer(t)
	testkit.PutFile(t, srv, "/a.bin", testkit.Pattern(1000, 1), time.Time{})
	testkit.PutFile(t, srv, "/b.bin", testkit.Pattern(1000, 2), time.Time{})
	drained := make(chan Event, 16)
	q, err := New(Options{
		Resolve: func(context.Context, string) (ftpcore.Config, error) {
			return ftpcore.Config{Addr: srv.Addr(), User: testkit.User, Password: testkit.Password}, nil
		},
		// Far longer than the test may take: only the settle can flush.
		EventInterval: time.Hour,
		OnEvent: func(ev Event) {
			if ev.Totals.Queued == 0 && ev.Totals.Active == 0 && ev.Totals.Done == 2 {
				drained <- ev
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close(context.Background()) })
	dir := t.TempDir()
	if _, err := q.Add(
		JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/a.bin"}, Dst: Endpoint{"", filepath.Join(dir, "a.bin")}},
		JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/b.bin"}, Dst: Endpoint{"", filepath.Join(dir, "b.bin")}},
	); err != nil {
		t.Fatal(err)
	}
	q.Start()
	select {
	case <-drained:
	case <-time.After(20 * time.Second):
		t.Fatalf("no event reported the drained queue; totals now %+v", q.Totals())
	}
}
