package ftpcore

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
)

// retrOffsets returns the offset each RETR the server got started at.
func retrOffsets(cmds []string) []string {
	var out []string
	rest := "0"
	for _, c := range cmds {
		if r, ok := strings.CutPrefix(c, "REST "); ok {
			rest = r
		}
		if strings.HasPrefix(c, "RETR ") {
			out = append(out, rest)
			rest = "0"
		}
	}
	return out
}

// A .part file is resumed only when it is still the start of the remote
// file; otherwise the download starts again, and the result is always
// the remote file.
func TestDownloadStalePart(t *testing.T) {
	remoteTime := time.Now().Add(-time.Hour).Truncate(time.Second)
	data := testkit.RandomBytes(t, 300<<10)
	other := testkit.RandomBytes(t, 200<<10)
	tests := []struct {
		name     string
		part     []byte
		partTime time.Time // zero: now
		wantRest string    // where the first RETR starts; the last starts at 0 for a restart
		want     PartAction
	}{
		{"prefix resumes 64 KiB before its end", data[:200<<10], time.Time{}, "139264", PartResumed},
		{"short prefix is compared whole", data[:1000], time.Time{}, "0", PartResumed},
		{"not a prefix restarts", other, time.Time{}, "139264", PartRestarted},
		{"larger than the remote file restarts", append(bytes.Clone(data), 'x'), time.Time{}, "", PartRestarted},
		{"older than the remote file restarts", data[:200<<10], remoteTime.Add(-time.Minute), "", PartRestarted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			testkit.PutFile(t, srv, "/f.bin", data, remoteTime)
			s := dialT(t, testConfig(srv, nil))
			local := filepath.Join(t.TempDir(), "f.bin")
			testkit.WriteFile(t, local+PartSuffix, tt.part, tt.partTime)
			var got []PartDecision
			err := DownloadFile(t.Context(), s, "/f.bin", local, DownloadOptions{
				Resume: true,
				OnPart: func(d PartDecision) { got = append(got, d) },
			})
			if err != nil {
				t.Fatal(err)
			}
			testkit.SameBytes(t, "downloaded file", testkit.ReadFile(t, local), data)
			retrs := retrOffsets(srv.Commands())
			if len(retrs) == 0 {
				t.Fatal("no RETR")
			}
			if tt.want == PartRestarted && retrs[len(retrs)-1] != "0" {
				t.Errorf("RETR at %v, want the last from the start", retrs)
			}
			if tt.wantRest != "" && retrs[0] != tt.wantRest {
				t.Errorf("RETR at %v, want the first at %s", retrs, tt.wantRest)
			}
			if len(got) != 1 || got[0].Action != tt.want {
				t.Fatalf("decisions %+v, want one %v", got, tt.want)
			}
			if got[0].String() == "" {
				t.Error("a decision without words")
			}
		})
	}
}

// A NAME.part that is a symbolic link is never written through: the file
// it points to is left as it was, and the error says why.
func TestDownloadRefusesLinkedPart(t *testing.T) {
	srv := newServer(t)
	testkit.PutFile(t, srv, "/f.bin", []byte("from the server"), time.Now())
	s := dialT(t, testConfig(srv, nil))
	dir, outside := t.TempDir(), t.TempDir()
	victim := filepath.Join(outside, "victim")
	testkit.WriteFile(t, victim, []byte("keep me"), time.Time{})
	local := filepath.Join(dir, "f.bin")
	if err := os.Symlink(victim, local+PartSuffix); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for _, resume := range []bool{false, true} {
		err := DownloadFile(t.Context(), s, "/f.bin", local, DownloadOptions{Resume: resume})
		if !errors.Is(err, ErrLinkInPath) {
			t.Fatalf("resume=%v: DownloadFile = %v, want ErrLinkInPath", resume, err)
		}
		if got := testkit.ReadFile(t, victim); string(got) != "keep me" {
			t.Fatalf("resume=%v: the link's target was written: %q", resume, got)
		}
	}
}

// A linked folder between the destination the user chose and the file is
// refused too.
func TestDownloadRefusesLinkedFolder(t *testing.T) {
	srv := newServer(t)
	testkit.PutFile(t, srv, "/f.bin", []byte("from the server"), time.Now())
	s := dialT(t, testConfig(srv, nil))
	root, outside := t.TempDir(), t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, "sub")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	local := filepath.Join(root, "sub", "f.bin")
	err := DownloadFile(t.Context(), s, "/f.bin", local, DownloadOptions{Root: root})
	if !errors.Is(err, ErrLinkInPath) {
		t.Fatalf("DownloadFile = %v, want ErrLinkInPath", err)
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Fatalf("written through the link: %v", ents)
	}
}
