package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMirrorDryRunPlan checks that --dry-run prints the planner's plan
// for a tree with every kind of difference, and changes nothing.
func TestMirrorDryRunPlan(t *testing.T) {
	srv, base := mirrorServer(t)
	when := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	for p, c := range map[string]string{"/s/same": "same", "/s/newer": "new!", "/s/size": "longer", "/s/only": "o", "/s/d/x": "x", "/s/kind": "k"} {
		mod := when
		if p == "/s/newer" {
			mod = when.Add(time.Hour)
		}
		if err := srv.FS().WriteFile(p, []byte(c), mod); err != nil {
			t.Fatal(err)
		}
	}
	dest := t.TempDir()
	for name, c := range map[string]string{"same": "same", "newer": "old!", "size": "short", "stale": "s"} {
		p := filepath.Join(dest, name)
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dest, "kind"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "mirror", "--dry-run", "--delete", base+"/s", dest)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	want := []string{
		"mkdir  " + filepath.Join(dest, "d"),
		"copy   /s/d/x -> " + filepath.Join(dest, "d", "x"),
		"copy   /s/newer -> " + filepath.Join(dest, "newer"),
		"copy   /s/only -> " + filepath.Join(dest, "only"),
		"copy   /s/size -> " + filepath.Join(dest, "size"),
		"delete " + filepath.Join(dest, "stale"),
		"refuse kind: a file on one side is a folder on the other",
		"mirror (dry run): 4 to copy, 1 up to date, 1 to delete, 1 folders to create",
	}
	if got := strings.Split(strings.TrimSpace(out), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("dry run printed\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "newer")); string(got) != "old!" {
		t.Error("the dry run changed a file")
	}
}

// TestMirrorUploadLinks: mirroring a local tree to a server follows a
// symbolic link only when it leads inside the tree. Links to a file or a
// folder elsewhere (a key beside the project, /etc) are refused with
// where they lead, in the dry run and in the real run, which sends the
// rest and fails for those.
func TestMirrorUploadLinks(t *testing.T) {
	srv, base := mirrorServer(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	secret := filepath.Join(dir, "secret.key")
	outsideDir := filepath.Join(dir, "private")
	for p, c := range map[string]string{secret: "key", filepath.Join(outsideDir, "notes"): "n",
		filepath.Join(src, "a.txt"): "a", filepath.Join(src, "sub", "b.txt"): "b"} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"key": secret, "private": outsideDir, "alias.txt": "a.txt", "sub-alias": "sub"} {
		if err := os.Symlink(target, filepath.Join(src, link)); err != nil {
			t.Fatal(err)
		}
	}
	refusals := []string{
		"refuse " + filepath.Join(src, "key") + ": a symbolic link that leads outside the folder, not followed: it leads to " + secret,
		"refuse " + filepath.Join(src, "private") + ": a symbolic link that leads outside the folder, not followed: it leads to " + outsideDir,
	}
	code, out, errs := runCLI(t, "mirror", "--dry-run", src, base+"/up")
	if code != 0 {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errs)
	}
	for _, r := range refusals {
		if !strings.Contains(out, r+"\n") {
			t.Errorf("dry run did not print %q:\n%s", r, out)
		}
	}
	code, out, errs = runCLI(t, "mirror", src, base+"/up")
	if code == 0 || !strings.Contains(out+errs, "2 failed") {
		t.Errorf("exit %d, want a failure for the two links\n%s\n%s", code, out, errs)
	}
	for _, p := range []string{"/up/a.txt", "/up/alias.txt", "/up/sub/b.txt", "/up/sub-alias/b.txt"} {
		if _, err := srv.FS().Stat(p); err != nil {
			t.Errorf("%s not sent: %v", p, err)
		}
	}
	for _, p := range []string{"/up/key", "/up/private", "/up/private/notes"} {
		if _, err := srv.FS().Stat(p); err == nil {
			t.Errorf("%s was sent", p)
		}
	}
}
