//go:build interop

package ftpcore

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
	"ferry/ftpcore/interoptest"
)

// TestInteropSmallUploads uploads a batch of small files to every server,
// plain and over TLS, each with its time: the bytes and (where the server
// offers MFMT) the time arrive, no reply is out of turn, and in plain
// passive mode each file costs two round trips, its data going with its
// STOR (the first EPSV goes alone).
func TestInteropSmallUploads(t *testing.T) {
	const files = 10
	when := time.Date(2022, 6, 7, 8, 9, 10, 0, time.UTC)
	for _, srv := range interoptest.Servers(t) {
		for _, tlsMode := range []TLSMode{TLSNone, TLSExplicit} {
			if tlsMode != TLSNone && !srv.TLS {
				continue
			}
			t.Run(fmt.Sprintf("%s/%s", srv.Name, tlsMode), func(t *testing.T) {
				t.Parallel()
				ctx := t.Context()
				rec := &testLog{}
				s, err := Dial(ctx, interopConfig(t, srv, Passive, tlsMode, rec))
				if err != nil {
					t.Fatalf("dial: %v\n%s", err, rec)
				}
				defer s.Close()
				if !s.Pipelining() {
					t.Fatalf("%s is served one command at a time", srv.Name)
				}
				dir := fmt.Sprintf("/upload/small-%s-%s-%d", srv.Name, tlsMode, time.Now().UnixNano())
				if err := s.Mkdir(ctx, dir); err != nil {
					t.Fatal(err)
				}
				local := t.TempDir()
				from := rec.len()
				for i := range files {
					data := testkit.RandomBytes(t, 500+i*1999)
					src := filepath.Join(local, fmt.Sprintf("f%d.bin", i))
					if err := os.WriteFile(src, data, 0o644); err != nil {
						t.Fatal(err)
					}
					remote := fmt.Sprintf("%s/f%d.bin", dir, i)
					if err := UploadFile(ctx, s, src, remote, UploadOptions{ModTime: when}); err != nil {
						t.Fatalf("upload %s: %v\n%s", remote, err, rec)
					}
					onDisk := filepath.Join(srv.Home, remote)
					if fileSum(t, onDisk) != sum(data) {
						t.Fatalf("%s differs on the server's disk", remote)
					}
					if st, err := os.Stat(onDisk); s.HasFeature("MFMT") && (err != nil || !st.ModTime().Equal(when)) {
						t.Errorf("%s: time %v on the server's disk, want %v", remote, st.ModTime(), when)
					}
				}
				if strings.Contains(rec.String(), "reply 500") {
					t.Errorf("a command was refused:\n%s", rec)
				}
				if n := turns(rec, from); tlsMode == TLSNone && n != 2*files+1 {
					t.Errorf("%d round trips for %d files, want %d\n%s", n, files, 2*files+1, rec)
				}
			})
		}
	}
}
