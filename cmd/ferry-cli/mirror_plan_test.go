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
