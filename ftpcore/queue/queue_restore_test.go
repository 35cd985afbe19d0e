package queue

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRestoredProgressFromPart checks that a queue restored after a crash
// shows what its .part files hold, not the last save's figure, and that a
// .part it cannot trust counts for nothing.
func TestRestoredProgressFromPart(t *testing.T) {
	tests := []struct {
		name string
		part func(t *testing.T, path string) // nil: no .part file
		want int64
	}{
		{"part on disk", func(t *testing.T, p string) { writeN(t, p, 310) }, 310},
		{"no part", nil, 0},
		{"part larger than the file", func(t *testing.T, p string) { writeN(t, p, 1500) }, 0},
		{"part is a symlink", func(t *testing.T, p string) {
			target := filepath.Join(t.TempDir(), "elsewhere")
			writeN(t, target, 500)
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
		}, 0},
		{"part is a folder", func(t *testing.T, p string) {
			if err := os.Mkdir(p, 0o700); err != nil {
				t.Fatal(err)
			}
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dst := filepath.Join(root, "file.bin")
			if tt.part != nil {
				tt.part(t, dst+".part")
			}
			state := filepath.Join(t.TempDir(), "queue.json")
			// The last save said 10 %; the .part may hold more.
			content := fmt.Sprintf(`{"version": 1, "next_id": 3, "jobs": [
				{"id": 1, "kind": "download", "src_site": "s", "src": "/file.bin", "dst": %q, "root": %q,
				 "size": 1000, "type": "binary", "overwrite": "default", "state": "active", "done": 100},
				{"id": 2, "kind": "download", "src_site": "s", "src": "/old.bin", "dst": %q, "root": %q,
				 "size": 1000, "type": "binary", "overwrite": "default", "state": "done", "done": 1000}]}`,
				dst, root, filepath.Join(root, "old.bin"), root)
			if err := os.WriteFile(state, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			q, err := New(Options{StatePath: state})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { q.Close(context.Background()) })
			jobs := q.Jobs()
			if len(jobs) != 2 {
				t.Fatalf("%d jobs restored", len(jobs))
			}
			if jobs[0].State != JobQueued || jobs[0].Done != tt.want {
				t.Errorf("interrupted job: state %v done %d, want queued %d", jobs[0].State, jobs[0].Done, tt.want)
			}
			if jobs[1].Done != 1000 {
				t.Errorf("finished job's progress changed to %d", jobs[1].Done)
			}
			if tot := q.Totals(); tot.BytesDone < tt.want {
				t.Errorf("totals count %d bytes done, want at least %d", tot.BytesDone, tt.want)
			}
		})
	}
}

func writeN(t *testing.T, path string, n int) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Repeat("p", n)), 0o600); err != nil {
		t.Fatal(err)
	}
}
