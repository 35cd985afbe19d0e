package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/queue"
)

// Neither get -r nor mirror writes through a linked folder inside the
// destination, and mirror --dry-run reports the same refusal the real run
// makes.
func TestTreeDownloadsRefuseLinkedFolder(t *testing.T) {
	srv, base := mirrorServer(t)
	for rel, c := range mirrorFiles {
		if err := srv.FS().WriteFile("/site/"+rel, []byte(c), time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
	}
	for _, cmd := range [][]string{{"mirror", "--dry-run"}, {"mirror"}, {"get", "-r"}} {
		t.Run(strings.Join(cmd, " "), func(t *testing.T) {
			dest, outside := filepath.Join(t.TempDir(), "site"), t.TempDir()
			if err := os.MkdirAll(dest, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(dest, "sub")); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			local := dest
			if cmd[0] == "get" {
				local = filepath.Dir(dest) // an existing folder: the tree goes inside it
			}
			code, out, errs := runCLI(t, append(cmd, base+"/site", local)...)
			if code == 0 && cmd[len(cmd)-1] != "--dry-run" {
				t.Errorf("exit 0 though a folder was refused\nstdout: %s\nstderr: %s", out, errs)
			}
			if !strings.Contains(out+errs, ftpcore.ErrLinkInPath.Error()) {
				t.Errorf("no word of the link\nstdout: %s\nstderr: %s", out, errs)
			}
			if ents, _ := os.ReadDir(outside); len(ents) != 0 {
				t.Fatalf("written through the link: %v", ents)
			}
			if cmd[len(cmd)-1] != "--dry-run" {
				if got, err := os.ReadFile(filepath.Join(dest, "a.txt")); err != nil || string(got) != mirrorFiles["a.txt"] {
					t.Errorf("a.txt: %q %v", got, err)
				}
			}
		})
	}
}

// get says when it restarts a stale .part instead of resuming it.
func TestGetSaysStalePartRestarted(t *testing.T) {
	srv, base := mirrorServer(t)
	data := strings.Repeat("fresh ", 30000)
	if err := srv.FS().WriteFile("/f.bin", []byte(data), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(t.TempDir(), "f.bin")
	if err := os.WriteFile(local+ftpcore.PartSuffix, []byte(strings.Repeat("stale ", 20000)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "get", base+"/f.bin", local)
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	if got, _ := os.ReadFile(local); string(got) != data {
		t.Fatal("the result is not the remote file")
	}
	if !strings.Contains(errs, "restarting") {
		t.Errorf("stderr %q, want a line saying the .part was restarted", errs)
	}
}

// get -r and mirror stop on a server where every folder holds a folder,
// with a message, instead of following it without end.
func TestTreeDownloadsStopEndlessFolders(t *testing.T) {
	for _, same := range []bool{true, false} {
		for _, cmd := range [][]string{{"mirror"}, {"mirror", "--dry-run"}, {"get", "-r"}} {
			t.Run(fmt.Sprintf("%s same-unique=%v", strings.Join(cmd, " "), same), func(t *testing.T) {
				_, base := mirrorServer(t, ftptest.WithFault(ftptest.Fault{EndlessFolders: &ftptest.EndlessFolders{Under: "/loop", SameUnique: same}}))
				dest := filepath.Join(t.TempDir(), "loop")
				code, out, errs := runCLI(t, append(cmd, base+"/loop", dest)...)
				want := queue.ErrTreeTooDeep.Error()
				if same {
					want = queue.ErrFolderLoop.Error()
				}
				if cmd[len(cmd)-1] != "--dry-run" && code == 0 {
					t.Errorf("exit 0 on an endless tree")
				}
				if !strings.Contains(out+errs, want) {
					t.Fatalf("no %q in\nstdout: %.2000s\nstderr: %.2000s", want, out, errs)
				}
			})
		}
	}
}
