package ftpcore

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
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
		{"short prefix is compared for half its length", data[:1000], time.Time{}, "500", PartResumed},
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

// A file the user chose to resume (DownloadOptions.Prefix) is continued
// whatever its date, and is never thrown away: larger than the remote
// file, different from it, or on a server that refuses REST, the download
// fails and the .part is left as it was.
func TestDownloadUserPrefix(t *testing.T) {
	remoteTime := time.Now().Add(-time.Hour).Truncate(time.Second)
	data := testkit.RandomBytes(t, 300<<10)
	tests := []struct {
		name     string
		part     []byte
		partTime time.Time
		noREST   bool
		wantErr  error // nil: resumed to the remote file
		wantRest string
	}{
		{"older prefix is continued", data[:200<<10], remoteTime.Add(-time.Minute), false, nil, "139264"},
		{"larger", append(bytes.Clone(data), 'x'), time.Time{}, false, ErrNotPrefix, ""},
		{"different", testkit.RandomBytes(t, 200<<10), time.Time{}, false, ErrNotPrefix, "139264"},
		{"REST refused", data[:200<<10], time.Time{}, true, errREST, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []ftptest.Option
			if tt.noREST {
				opts = append(opts, ftptest.WithoutFeatures("REST"))
			}
			srv := newServer(t, opts...)
			testkit.PutFile(t, srv, "/f.bin", data, remoteTime)
			s := dialT(t, testConfig(srv, nil))
			local := filepath.Join(t.TempDir(), "f.bin")
			testkit.WriteFile(t, local+PartSuffix, tt.part, tt.partTime)
			err := DownloadFile(t.Context(), s, "/f.bin", local, DownloadOptions{Resume: true, Prefix: true})
			retrs := retrOffsets(srv.Commands())
			if tt.wantRest != "" && (len(retrs) != 1 || retrs[0] != tt.wantRest) {
				t.Errorf("RETR at %v, want once at %s", retrs, tt.wantRest)
			}
			if tt.wantErr == nil {
				if err != nil {
					t.Fatal(err)
				}
				testkit.SameBytes(t, "downloaded file", testkit.ReadFile(t, local), data)
				return
			}
			if tt.wantErr == errREST {
				if !isRESTRefusal(err) {
					t.Fatalf("got %v, want the REST refusal", err)
				}
			} else if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
			testkit.SameBytes(t, "the user's file", testkit.ReadFile(t, local+PartSuffix), tt.part)
			if _, err := os.Lstat(local); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s written: %v", local, err)
			}
		})
	}
}

// errREST stands for a refused REST in TestDownloadUserPrefix.
var errREST = errors.New("REST refused")

// An upload the user chose to resume (UploadOptions.Prefix) onto a larger
// remote file fails and leaves it; without Prefix (Ferry's own retry) the
// stale remote file is uploaded again in full.
func TestUploadResumeLargerRemote(t *testing.T) {
	data := testkit.RandomBytes(t, 100<<10)
	remote := testkit.RandomBytes(t, 150<<10)
	for _, prefix := range []bool{true, false} {
		srv := newServer(t)
		testkit.PutFile(t, srv, "/f.bin", remote, time.Now())
		s := dialT(t, testConfig(srv, nil))
		local := filepath.Join(t.TempDir(), "f.bin")
		testkit.WriteFile(t, local, data, time.Time{})
		err := UploadFile(t.Context(), s, local, "/f.bin", UploadOptions{Resume: true, Prefix: prefix})
		if prefix {
			if !errors.Is(err, ErrNotPrefix) {
				t.Fatalf("Prefix: got %v, want ErrNotPrefix", err)
			}
			testkit.SameBytes(t, "remote file", testkit.GetFile(t, srv, "/f.bin"), remote)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		testkit.SameBytes(t, "remote file", testkit.GetFile(t, srv, "/f.bin"), data)
	}
}
