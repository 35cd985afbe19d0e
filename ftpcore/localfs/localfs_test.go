package localfs

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

func TestListLocal(t *testing.T) {
	dir := t.TempDir()
	when := time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)
	writeLocalFile(t, filepath.Join(dir, "file.txt"), "hello")
	if err := os.Chtimes(filepath.Join(dir, "file.txt"), when, when); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub", filepath.Join(dir, "to-sub")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("file.txt", filepath.Join(dir, "to-file")); err != nil {
		t.Fatal(err)
	}
	l, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]listing.Entry{}
	for _, e := range l.Entries {
		got[e.Name] = e
	}
	tests := []struct {
		name   string
		typ    listing.EntryType
		size   int64
		target string
		perm   string
		dirLnk bool
	}{
		{"file.txt", listing.TypeFile, 5, "", "", false},
		{"sub", listing.TypeDir, -1, "", "rwxr-x---", false},
		{"to-sub", listing.TypeLink, -1, "sub", "", true},
		{"to-file", listing.TypeLink, 5, "file.txt", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := got[tt.name]
			if !ok {
				t.Fatalf("%s not listed", tt.name)
			}
			if e.Type != tt.typ || e.Size != tt.size || e.Target != tt.target {
				t.Errorf("got type %v size %d target %q, want %v %d %q", e.Type, e.Size, e.Target, tt.typ, tt.size, tt.target)
			}
			if LinksToDir(e) != tt.dirLnk {
				t.Errorf("LinksToDir = %v, want %v", !tt.dirLnk, tt.dirLnk)
			}
			if tt.perm != "" && e.Perm != tt.perm {
				t.Errorf("perm = %q, want %q", e.Perm, tt.perm)
			}
			if e.Line == 0 || e.Precision != listing.PrecisionSubSecond {
				t.Errorf("line %d precision %v", e.Line, e.Precision)
			}
		})
	}
	if !got["file.txt"].ModTime.Equal(when) {
		t.Errorf("mtime = %v, want %v", got["file.txt"].ModTime, when)
	}
	if _, err := List(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("listing a missing folder: %v, want fs.ErrNotExist", err)
	}
}

func TestLocalMkdirRenameRemove(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a")
	if err := Mkdir(a); err != nil {
		t.Fatal(err)
	}
	if err := Mkdir(a); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second mkdir: %v, want fs.ErrExist", err)
	}
	writeLocalFile(t, filepath.Join(a, "x"), "1")
	writeLocalFile(t, filepath.Join(dir, "taken"), "2")
	if err := Rename(a, filepath.Join(dir, "taken")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("rename over a file: %v, want fs.ErrExist", err)
	}
	b := filepath.Join(dir, "b")
	if err := Rename(a, b); err != nil {
		t.Fatal(err)
	}
	if !IsDir(b) || IsDir(a) {
		t.Fatal("rename did not move the folder")
	}
	if err := Remove(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(b); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("folder still there: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	c := filepath.Join(dir, "c")
	if err := os.MkdirAll(filepath.Join(c, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Remove(ctx, c); !errors.Is(err, context.Canceled) {
		t.Errorf("remove with a cancelled context: %v", err)
	}
}

func TestLocalCopy(t *testing.T) {
	src := t.TempDir()
	tree := filepath.Join(src, "tree")
	if err := os.MkdirAll(filepath.Join(tree, "inner"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeLocalFile(t, filepath.Join(tree, "one.txt"), "one")
	writeLocalFile(t, filepath.Join(tree, "inner", "two.txt"), "two!")
	if err := os.Symlink("one.txt", filepath.Join(tree, "link")); err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	var last int64
	got, err := Copy(t.Context(), tree, dst, func(done, _ int64) { last = done })
	if err != nil {
		t.Fatal(err)
	}
	if got != filepath.Join(dst, "tree") || last != 7 {
		t.Errorf("copy to %q, progress %d", got, last)
	}
	for name, want := range map[string]string{"one.txt": "one", "inner/two.txt": "two!", "link": "one"} {
		data, err := os.ReadFile(filepath.Join(got, name))
		if err != nil || string(data) != want {
			t.Errorf("%s = %q, %v", name, data, err)
		}
	}
	if target, err := os.Readlink(filepath.Join(got, "link")); err != nil || target != "one.txt" {
		t.Errorf("link copied as %q, %v", target, err)
	}
	if _, err := Copy(t.Context(), tree, dst, nil); !errors.Is(err, fs.ErrExist) {
		t.Errorf("copy over an existing tree: %v, want fs.ErrExist", err)
	}
	parts, _ := filepath.Glob(filepath.Join(got, "*"+ftpcore.PartSuffix))
	if len(parts) > 0 {
		t.Errorf("part files left: %v", parts)
	}
	names := func(dir string) []string {
		des, _ := os.ReadDir(dir)
		var out []string
		for _, d := range des {
			out = append(out, d.Name())
		}
		return out
	}
	if n := names(got); !slices.Equal(n, []string{"inner", "link", "one.txt"}) {
		t.Errorf("copied names %q", n)
	}
}

func writeLocalFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCreateEmpty: a new empty file is made; a name already taken by a
// file (not truncated) or by a link to nowhere (not followed) is refused
// with fs.ErrExist.
func TestCreateEmpty(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.txt")
	if err := CreateEmpty(p); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(p); err != nil || fi.Size() != 0 || !fi.Mode().IsRegular() {
		t.Fatalf("created: %v, %v", fi, err)
	}
	if err := os.WriteFile(p, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CreateEmpty(p); !errors.Is(err, fs.ErrExist) {
		t.Errorf("over a file: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "keep me" {
		t.Errorf("the file now holds %q", b)
	}
	if runtime.GOOS == "windows" {
		return // links need a privilege there
	}
	target := filepath.Join(dir, "elsewhere")
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := CreateEmpty(link); !errors.Is(err, fs.ErrExist) {
		t.Errorf("over a dangling link: %v", err)
	}
	if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the link was followed: %v", err)
	}
}

// TestLocalCopyPartLink checks that a NAME.part already in the target
// folder, a link to another file, is neither written through nor kept:
// the copy makes its own .part, and the file it points to is untouched.
func TestLocalCopyPartLink(t *testing.T) {
	src := filepath.Join(t.TempDir(), "report.txt")
	writeLocalFile(t, src, "new content")
	dst := t.TempDir()
	victim := filepath.Join(t.TempDir(), "victim.txt")
	writeLocalFile(t, victim, "precious")
	if err := os.Symlink(victim, filepath.Join(dst, "report.txt"+ftpcore.PartSuffix)); err != nil {
		t.Fatal(err)
	}
	got, err := Copy(t.Context(), src, dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "precious" {
		t.Errorf("the linked file now holds %q", b)
	}
	fi, err := os.Lstat(got)
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("copy %s: %v, %v", got, fi, err)
	}
	if b, _ := os.ReadFile(got); string(b) != "new content" {
		t.Errorf("copy holds %q", b)
	}
}

// TestLocalCopyIntoItself: a folder copied into itself, or into a folder
// below it (through a link too), is refused before anything is written.
// Before, the copy found each level it had just made and copied it again,
// deeper and deeper, until the path grew too long or the disk filled.
func TestLocalCopyIntoItself(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	backup := filepath.Join(site, "backup")
	if err := os.MkdirAll(backup, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "index.html"), make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(backup, filepath.Join(root, "to-backup")); err != nil {
		t.Fatal(err)
	}
	for _, into := range []string{site, backup, filepath.Join(root, "to-backup")} {
		// A copy that runs away is stopped once it has copied ten times
		// what there is.
		ctx, cancel := context.WithCancel(context.Background())
		_, err := Copy(ctx, site, into, func(done, _ int64) {
			if done > 10_000 {
				cancel()
			}
		})
		cancel()
		if !errors.Is(err, ErrIntoItself) {
			t.Errorf("copy of %s into %s: %v, want ErrIntoItself", site, into, err)
		}
		if _, err := os.Lstat(filepath.Join(into, "site")); err == nil {
			t.Errorf("copy into %s left %s", into, filepath.Join(into, "site"))
		}
	}
	// Beside itself is fine.
	if _, err := Copy(context.Background(), backup, root, nil); err != nil {
		t.Errorf("copy of %s into %s: %v", backup, root, err)
	}
}
