package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

func mirrorServer(t *testing.T, opts ...ftptest.Option) (*ftptest.Server, string) {
	t.Helper()
	srv := ftptest.NewServer(t, append([]ftptest.Option{ftptest.WithUser("u", "pw")}, opts...)...)
	return srv, "ftp://u:pw@" + srv.Addr()
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// mirrorFiles is the tree the mirror tests copy around.
var mirrorFiles = map[string]string{
	"a.txt":         "alpha\n",
	"sub/b.bin":     strings.Repeat("\x00\x01ferry", 20000),
	"sub/deep/c.md": "# c\n",
}

func TestMirrorCommand(t *testing.T) {
	t.Run("download, then nothing to do, then delete", func(t *testing.T) {
		srv, base := mirrorServer(t)
		for rel, c := range mirrorFiles {
			if err := srv.FS().WriteFile("/site/"+rel, []byte(c), time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
		}
		dest := filepath.Join(t.TempDir(), "copy")
		code, out, errs := runCLI(t, "mirror", "--parallel", "3", base+"/site", dest)
		if code != 0 || !strings.Contains(out, "mirror: 3 files") {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
		}
		for rel, c := range mirrorFiles {
			if got, err := os.ReadFile(filepath.Join(dest, rel)); err != nil || string(got) != c {
				t.Errorf("%s: %v", rel, err)
			}
		}
		// Dates were kept, so a second run finds everything up to date.
		code, out, _ = runCLI(t, "mirror", base+"/site", dest)
		if code != 0 || !strings.Contains(out, "mirror: 0 files") || !strings.Contains(out, "3 skipped") {
			t.Fatalf("second run: exit %d: %s", code, out)
		}
		if err := os.WriteFile(filepath.Join(dest, "sub", "stale.txt"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, _ = runCLI(t, "mirror", "--dry-run", "--delete", base+"/site", dest)
		if code != 0 || !strings.Contains(out, "delete "+filepath.Join(dest, "sub", "stale.txt")) {
			t.Fatalf("dry run: exit %d: %s", code, out)
		}
		if _, err := os.Stat(filepath.Join(dest, "sub", "stale.txt")); err != nil {
			t.Fatal("the dry run deleted a file")
		}
		code, out, _ = runCLI(t, "mirror", "--delete", base+"/site", dest)
		if code != 0 || !strings.Contains(out, "deleted 1") {
			t.Fatalf("delete: exit %d: %s", code, out)
		}
		if _, err := os.Stat(filepath.Join(dest, "sub", "stale.txt")); err == nil {
			t.Fatal("--delete kept the stale file")
		}
	})

	t.Run("upload with only-newer", func(t *testing.T) {
		srv, base := mirrorServer(t)
		src := t.TempDir()
		old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		for rel, c := range mirrorFiles {
			p := filepath.Join(src, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
		// The server holds a newer a.txt: --only-newer must keep it.
		if err := srv.FS().WriteFile("/up/a.txt", []byte("server's own\n"), old.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		code, out, errs := runCLI(t, "mirror", "--only-newer", src, base+"/up")
		if code != 0 || !strings.Contains(out, "mirror: 2 files") {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
		}
		if got, _ := srv.FS().ReadFile("/up/a.txt"); string(got) != "server's own\n" {
			t.Errorf("a newer server file was replaced: %q", got)
		}
		if got, _ := srv.FS().ReadFile("/up/sub/b.bin"); string(got) != mirrorFiles["sub/b.bin"] {
			t.Errorf("sub/b.bin: %d bytes", len(got))
		}
	})

	t.Run("between two servers", func(t *testing.T) {
		from, a := mirrorServer(t)
		to, b := mirrorServer(t)
		for rel, c := range mirrorFiles {
			if err := from.FS().WriteFile("/s/"+rel, []byte(c), time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
		code, out, errs := runCLI(t, "mirror", a+"/s", b+"/t")
		if code != 0 {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
		}
		for rel, c := range mirrorFiles {
			if got, err := to.FS().ReadFile("/t/" + rel); err != nil || string(got) != c {
				t.Errorf("%s: %v", rel, err)
			}
		}
	})

	t.Run("hostile listing", func(t *testing.T) {
		listing := "type=file;size=5;modify=20240101000000; ../evil\r\ntype=file;size=3;modify=20240101000000; ok.txt\r\n"
		srv, base := mirrorServer(t, ftptest.WithFault(ftptest.Fault{Listings: map[string][]byte{"/h": []byte(listing)}}))
		if err := srv.FS().WriteFile("/h/ok.txt", []byte("ok\n"), time.Time{}); err != nil {
			t.Fatal(err)
		}
		if err := srv.FS().WriteFile("/evil", []byte("evil\n"), time.Time{}); err != nil {
			t.Fatal(err)
		}
		parent := t.TempDir()
		dest := filepath.Join(parent, "d")
		code, out, _ := runCLI(t, "mirror", base+"/h", dest)
		if code != 1 || !strings.Contains(out, "unsafe name") {
			t.Fatalf("exit %d: %s", code, out)
		}
		ents, _ := os.ReadDir(parent)
		if len(ents) != 1 || ents[0].Name() != "d" {
			t.Errorf("the parent holds %v", ents)
		}
	})

	t.Run("usage", func(t *testing.T) {
		if code, _, _ := runCLI(t, "mirror", "only-one"); code != 2 {
			t.Errorf("exit %d with one argument", code)
		}
		if code, _, _ := runCLI(t, "mirror", "--parallel", "11", "a", "b"); code != 2 {
			t.Errorf("exit %d with --parallel 11", code)
		}
	})
}

func TestGetPutRecursive(t *testing.T) {
	srv, base := mirrorServer(t)
	src := t.TempDir()
	for rel, c := range mirrorFiles {
		p := filepath.Join(src, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runCLI(t, "put", "-r", "--parallel", "4", src, base+"/tree")
	if code != 0 {
		t.Fatalf("put -r: exit %d\n%s\n%s", code, out, errs)
	}
	if got, err := srv.FS().ReadFile("/tree/sub/deep/c.md"); err != nil || string(got) != mirrorFiles["sub/deep/c.md"] {
		t.Fatalf("put -r left %q, %v", got, err)
	}
	back := filepath.Join(t.TempDir(), "back")
	code, out, errs = runCLI(t, "get", "-r", base+"/tree", back)
	if code != 0 || !strings.Contains(errs, "get: 3 files") {
		t.Fatalf("get -r: exit %d\n%s\n%s", code, out, errs)
	}
	for rel, c := range mirrorFiles {
		if got, err := os.ReadFile(filepath.Join(back, rel)); err != nil || string(got) != c {
			t.Errorf("%s after the round trip: %v", rel, err)
		}
	}
}
