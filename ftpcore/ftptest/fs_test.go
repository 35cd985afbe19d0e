package ftptest_test

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
	"time"
)

func TestFS(t *testing.T) {
	fsys := newServer(t).FS()
	mtime := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	data := []byte("hello")
	must(t, fsys.WriteFile("a/b/c.txt", data, mtime))
	data[0] = 'J' // the FS keeps its own copy
	got, err := fsys.ReadFile("/a/b/c.txt")
	if err != nil || string(got) != "hello" {
		t.Fatalf("ReadFile %q %v", got, err)
	}
	fi, err := fsys.Stat("/a/b/c.txt")
	if err != nil || fi.Size() != 5 || !fi.ModTime().Equal(mtime) || fi.Mode() != 0o644 || fi.Name() != "c.txt" {
		t.Errorf("Stat %v %v", fi, err)
	}
	if fi, err := fsys.Stat("/a/b"); err != nil || !fi.IsDir() {
		t.Errorf("parent not created: %v %v", fi, err)
	}

	must(t, fsys.Symlink("/a/link", "b/c.txt"))
	must(t, fsys.Symlink("/abs", "/a/b"))
	must(t, fsys.Symlink("/loop1", "loop2"))
	must(t, fsys.Symlink("/loop2", "loop1"))
	if got, err := fsys.ReadFile("/a/link"); err != nil || string(got) != "hello" {
		t.Errorf("relative symlink: %q %v", got, err)
	}
	if got, err := fsys.ReadFile("/abs/c.txt"); err != nil || string(got) != "hello" {
		t.Errorf("symlinked directory: %q %v", got, err)
	}
	must(t, fsys.Symlink("/a/rel", "b"))
	must(t, fsys.WriteFile("/a/rel/through.txt", []byte("t"), time.Time{}))
	if _, err := fsys.Stat("/a/b/through.txt"); err != nil {
		t.Errorf("WriteFile through a relative directory symlink: %v", err)
	}
	if target, err := fsys.Readlink("/a/link"); err != nil || target != "b/c.txt" {
		t.Errorf("Readlink %q %v", target, err)
	}
	if fi, err := fsys.Lstat("/a/link"); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("Lstat %v %v", fi, err)
	}
	if _, err := fsys.ReadFile("/loop1"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("symlink loop: %v", err)
	}

	errTests := []struct {
		name string
		err  error
		want error
	}{
		{"missing", func() error { _, err := fsys.ReadFile("/nope"); return err }(), fs.ErrNotExist},
		{"read a directory", func() error { _, err := fsys.ReadFile("/a"); return err }(), fs.ErrInvalid},
		{"symlink exists", fsys.Symlink("/a/link", "x"), fs.ErrExist},
		{"file over directory", fsys.WriteFile("/a/b", nil, time.Time{}), fs.ErrExist},
		{"mkdir through a file", fsys.Mkdir("/a/b/c.txt/d"), fs.ErrExist},
		{"remove missing", fsys.Remove("/nope"), fs.ErrNotExist},
		{"readlink a file", func() error { _, err := fsys.Readlink("/a/b/c.txt"); return err }(), fs.ErrInvalid},
		{"rename into itself", fsys.Rename("/a", "/a/b/inside"), fs.ErrInvalid},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			var pe *fs.PathError
			if !errors.Is(tt.err, tt.want) || !errors.As(tt.err, &pe) {
				t.Errorf("got %v, want a *fs.PathError wrapping %v", tt.err, tt.want)
			}
		})
	}

	must(t, fsys.Rename("/a/b/c.txt", "/moved.txt"))
	must(t, fsys.Chmod("/moved.txt", 0o600))
	if fi, err := fsys.Stat("/moved.txt"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("after Rename+Chmod: %v %v", fi, err)
	}
	infos, err := fsys.ReadDir("/")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, fi := range infos {
		names = append(names, fi.Name())
	}
	if want := []string{"a", "abs", "loop1", "loop2", "moved.txt"}; !slices.Equal(names, want) {
		t.Errorf("ReadDir %q, want %q", names, want)
	}
	must(t, fsys.Remove("/a"))
	if _, err := fsys.Stat("/a/b"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Remove is not recursive: %v", err)
	}
}
