//go:build interop

package ftpcore

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
	"ferry/ftpcore/interoptest"
)

// TestInteropUserResume runs the resumes a user chooses against every
// server: a local file that is the start of the remote one, older than it,
// is continued with REST and comes out identical; a larger one, locally or
// on the server, is refused and left as it was. It also checks that SIZE
// gives the stored size after a text transfer left the session in TYPE A.
func TestInteropUserResume(t *testing.T) {
	for _, srv := range interoptest.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			rec := &testLog{}
			s, err := Dial(ctx, interopConfig(t, srv, Passive, TLSNone, rec))
			if err != nil {
				t.Fatalf("dial: %v\n%s", err, rec)
			}
			defer s.Close()
			dir := fmt.Sprintf("/upload/resume-%s-%d", srv.Name, time.Now().UnixNano())
			if err := s.Mkdir(ctx, dir); err != nil {
				t.Fatal(err)
			}
			local := t.TempDir()
			data := testkit.RandomBytes(t, 300<<10)
			src := filepath.Join(local, "src.bin")
			testkit.WriteFile(t, src, data, time.Time{})
			remote := dir + "/f.bin"
			if err := UploadFile(ctx, s, src, remote, UploadOptions{}); err != nil {
				t.Fatalf("upload: %v\n%s", err, rec)
			}

			// The start of the remote file, dated before it.
			dst := filepath.Join(local, "f.bin")
			testkit.WriteFile(t, dst+PartSuffix, data[:200<<10], time.Now().Add(-24*time.Hour))
			if err := DownloadFile(ctx, s, remote, dst, DownloadOptions{Resume: true, Prefix: true}); err != nil {
				t.Fatalf("resume: %v\n%s", err, rec)
			}
			testkit.SameBytes(t, "resumed file", testkit.ReadFile(t, dst), data)
			if !strings.Contains(rec.String(), "REST 139264") {
				t.Errorf("not continued with REST 139264:\n%s", rec.String())
			}

			// Larger than the remote file: refused, left as it was.
			larger := append(bytes.Clone(data), "more"...)
			testkit.WriteFile(t, dst+PartSuffix, larger, time.Time{})
			if err := DownloadFile(ctx, s, remote, dst, DownloadOptions{Resume: true, Prefix: true}); !errors.Is(err, ErrNotPrefix) {
				t.Fatalf("larger local file: %v", err)
			}
			testkit.SameBytes(t, "larger local file", testkit.ReadFile(t, dst+PartSuffix), larger)

			// An upload resumed onto a larger remote file: refused.
			short := filepath.Join(local, "short.bin")
			testkit.WriteFile(t, short, data[:100<<10], time.Time{})
			if err := UploadFile(ctx, s, short, remote, UploadOptions{Resume: true, Prefix: true}); !errors.Is(err, ErrNotPrefix) {
				t.Fatalf("larger remote file: %v", err)
			}
			if fileSum(t, filepath.Join(srv.Home, remote)) != sum(data) {
				t.Fatal("the larger remote file was changed")
			}

			// SIZE after a text transfer: the stored size.
			text := []byte(strings.Repeat("a line of text\n", 100))
			txt := filepath.Join(local, "notes.txt")
			testkit.WriteFile(t, txt, text, time.Time{})
			if err := UploadFile(ctx, s, txt, dir+"/notes.txt", UploadOptions{}); err != nil {
				t.Fatalf("text upload: %v\n%s", err, rec)
			}
			var buf bytes.Buffer
			if _, err := s.Retrieve(ctx, dir+"/notes.txt", &buf, TransferOptions{}); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(filepath.Join(srv.Home, dir, "notes.txt"))
			if err != nil {
				t.Fatal(err)
			}
			if n, err := s.Size(ctx, dir+"/notes.txt"); err != nil || n != st.Size() {
				t.Errorf("SIZE after a text transfer: %d, %v; stored %d", n, err, st.Size())
			}
		})
	}
}
