package profile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestBookmarksGlobalAndPerSite(t *testing.T) {
	dir := t.TempDir()
	local := t.TempDir()
	s, err := OpenBookmarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []Bookmark{
		{Name: "Logs", RemoteDir: "/var/log"},
		{Name: "Site pub", Site: "site-1", LocalDir: local, RemoteDir: "/pub", Linked: true},
		{Name: "Other", Site: "site-2", RemoteDir: "/x"},
		{Name: "Logs", Site: "site-1", RemoteDir: "/logs"}, // same name, another scope
	} {
		if err := s.Add(b); err != nil {
			t.Fatalf("Add(%+v): %v", b, err)
		}
	}
	if err := s.Add(Bookmark{Name: " Logs ", RemoteDir: "/y"}); !errors.Is(err, ErrBookmarkExists) {
		t.Errorf("a second global Logs: %v, want ErrBookmarkExists", err)
	}
	again, err := OpenBookmarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := again.For("site-1")
	want := []string{"Logs", "Site pub", "Logs"}
	if len(got) != len(want) || got[0].Site != "" || got[1] != (Bookmark{Name: "Site pub", Site: "site-1", LocalDir: local, RemoteDir: "/pub", Linked: true}) || got[2].RemoteDir != "/logs" {
		t.Fatalf("For(site-1) = %+v", got)
	}
	if g := again.For(""); len(g) != 1 || g[0].Name != "Logs" {
		t.Errorf("For(\"\") = %+v, want the global one only", g)
	}
	if err := again.Remove("site-1", "Logs"); err != nil {
		t.Fatal(err)
	}
	if n := len(again.All()); n != 3 {
		t.Errorf("%d bookmarks after removing one of 4", n)
	}
}

func TestBookmarksRefuseBadOnes(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenBookmarks(dir)
	for _, b := range []Bookmark{
		{RemoteDir: "/a"}, {Name: "no folders"}, {Name: "a\nb", RemoteDir: "/a"},
		{Name: "rel", LocalDir: "relative/dir"}, {Name: "remote rel", RemoteDir: "pub"},
		{Name: "crlf", RemoteDir: "/pub\r\nDELE x"},
	} {
		if err := s.Add(b); !errors.Is(err, ErrBadBookmark) {
			t.Errorf("Add(%+v) = %v, want ErrBadBookmark", b, err)
		}
	}
	hostile := `{"version": 1, "bookmarks": [{"name": "ok", "remote": "/ok"},
		{"name": "evil", "remote": "/x\r\nRMD /"}, {"name": "", "remote": "/y"}, {"name": "ok", "remote": "/dup"}]}`
	if err := os.WriteFile(filepath.Join(dir, BookmarksFileName), []byte(hostile), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenBookmarks(dir)
	var unread *UnreadBookmarksError
	if !errors.As(err, &unread) || len(unread.Reasons) != 3 {
		t.Fatalf("OpenBookmarks = %v, want the three unused entries reported", err)
	}
	if got := s.All(); len(got) != 1 || got[0].RemoteDir != "/ok" {
		t.Errorf("kept %+v, want only ok", got)
	}
	// Saving keeps the entries not used, as they were: a hand-edited
	// entry with a mistake is not lost with the next bookmark added.
	if err := s.Add(Bookmark{Name: "new", RemoteDir: "/new"}); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(filepath.Join(dir, BookmarksFileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"/x\r\nRMD /"`, `"/y"`, `"/dup"`, `"/new"`} {
		if !strings.Contains(string(saved), want) {
			t.Errorf("the saved file lost %s:\n%s", want, saved)
		}
	}
	if s, err = OpenBookmarks(dir); !errors.As(err, &unread) || len(s.All()) != 2 || len(unread.Reasons) != 3 {
		t.Errorf("read again: %d bookmarks, %v", len(s.All()), err)
	}
	if err := os.WriteFile(filepath.Join(dir, BookmarksFileName), []byte("[broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = OpenBookmarks(dir)
	var corrupt *CorruptFileError
	if !errors.As(err, &corrupt) {
		t.Fatalf("OpenBookmarks = %v, want a CorruptFileError", err)
	}
	if err := s.Add(Bookmark{Name: "n", RemoteDir: "/n"}); err == nil {
		t.Error("Add overwrote a damaged bookmarks file")
	}
}

// TestBookmarksReplace edits a global and a site's bookmark in place:
// new name, folders and synchronised browsing, read back from the file
// in the same order; a name taken in the same scope, a bookmark gone and
// a bad value are refused and change nothing.
func TestBookmarksReplace(t *testing.T) {
	dir, local := t.TempDir(), t.TempDir()
	s, err := OpenBookmarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []Bookmark{
		{Name: "Logs", RemoteDir: "/var/log"},
		{Name: "Pub", Site: "site-1", RemoteDir: "/pub"},
		{Name: "Web", Site: "site-1", RemoteDir: "/www"},
	} {
		if err := s.Add(b); err != nil {
			t.Fatal(err)
		}
	}
	edits := []struct {
		site, name string
		b          Bookmark
	}{
		{"", "Logs", Bookmark{Name: " System logs ", LocalDir: local, RemoteDir: "/var/log/sys", Linked: true}},
		{"site-1", "Pub", Bookmark{Name: "Public", Site: "site-1", LocalDir: local, RemoteDir: "/pub/new"}},
	}
	for _, e := range edits {
		if err := s.Replace(e.site, e.name, e.b); err != nil {
			t.Fatalf("Replace(%q, %q): %v", e.site, e.name, err)
		}
	}
	for _, c := range []struct {
		site, name string
		b          Bookmark
		want       error
	}{
		{"site-1", "Public", Bookmark{Name: "Web", Site: "site-1", RemoteDir: "/p"}, ErrBookmarkExists},
		{"site-1", "Gone", Bookmark{Name: "Gone", Site: "site-1", RemoteDir: "/g"}, ErrNoBookmark},
		{"site-1", "Public", Bookmark{Name: "Public", Site: "site-1", RemoteDir: "pub\r\nDELE x"}, ErrBadBookmark},
	} {
		if err := s.Replace(c.site, c.name, c.b); !errors.Is(err, c.want) {
			t.Errorf("Replace(%q, %q, %+v) = %v, want %v", c.site, c.name, c.b, err, c.want)
		}
	}
	again, err := OpenBookmarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Bookmark{
		{Name: "System logs", LocalDir: local, RemoteDir: "/var/log/sys", Linked: true},
		{Name: "Public", Site: "site-1", LocalDir: local, RemoteDir: "/pub/new"},
		{Name: "Web", Site: "site-1", RemoteDir: "/www"},
	}
	if got := again.All(); !slices.Equal(got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
}
