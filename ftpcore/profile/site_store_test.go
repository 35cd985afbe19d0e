package profile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ferry/ftpcore"
	"ferry/ftpcore/internal/atomicfile"
)

func mustAdd(t *testing.T, st *SiteStore, s Site) Site {
	t.Helper()
	added, err := st.Add(s)
	if err != nil {
		t.Fatalf("Add(%s): %v", s.Path(), err)
	}
	return added
}

func TestSiteStoreSaveLoad(t *testing.T) {
	dir := t.TempDir()
	st := NewSiteStore(dir)
	full := Site{Folder: []string{"Work", "EU"}, Name: "Café", Host: "ftp.example.com", Port: 2121,
		Protocol: ftpcore.TLSImplicit, Logon: LogonAsk, User: "zoë", Account: "acct", DataMode: DataActive,
		TransferType: ftpcore.TypeBinary, MaxConnections: 4, TZOffset: 330, Charset: "ISO-8859-1",
		LocalDir: "/home/z", RemoteDir: "/srv", Comments: "line1\nline2", RelayOnly: true}
	a := mustAdd(t, st, full)
	b := mustAdd(t, st, Site{Name: "plain", Host: "h", Protocol: ftpcore.TLSNone, Logon: LogonAnonymous})
	if err := st.AddFolder([]string{"Empty"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	back, err := OpenSiteStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []Site{a, b} {
		got, err := back.Get(want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !sameSite(got, want) || got.ID != want.ID {
			t.Errorf("reloaded\n %+v\nwant\n %+v", got, want)
		}
	}
	wantFolders := [][]string{{"Empty"}, {"Work"}, {"Work", "EU"}}
	if got := back.Folders(); !slices.EqualFunc(got, wantFolders, slices.Equal) {
		t.Errorf("Folders() = %q, want %q", got, wantFolders)
	}
}

func TestSiteStoreAtomicWriteAndBackup(t *testing.T) {
	dir := t.TempDir()
	st := NewSiteStore(dir)
	mustAdd(t, st, Site{Name: "first", Host: "h1"})
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(st.Path() + ".bak"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup after the first save: %v", err)
	}
	v1, _ := os.ReadFile(st.Path())
	mustAdd(t, st, Site{Name: "second", Host: "h2"})
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	bak, err := os.ReadFile(st.Path() + ".bak")
	if err != nil || !bytes.Equal(bak, v1) {
		t.Errorf("backup is not the previous version (%v)", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"sites.json", "sites.json.bak"}) {
		t.Errorf("folder holds %q; a temporary file was left behind", names)
	}
	info, _ := os.Stat(st.Path())
	if info.Mode().Perm() != 0o600 {
		t.Errorf("sites.json mode %v, want 0600", info.Mode().Perm())
	}
	// A write that cannot complete (the target is a folder) leaves nothing
	// behind and reports the failure.
	blocked := filepath.Join(dir, "blocked")
	if err := os.Mkdir(blocked, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(blocked, "x"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.WriteFile(blocked, []byte("data")); err == nil {
		t.Error("writing over a folder succeeded")
	}
	after, _ := os.ReadDir(dir)
	if len(after) != len(entries)+1 {
		t.Errorf("failed write left files: %d entries, want %d", len(after), len(entries)+1)
	}
}

func TestSiteStoreCorruptFile(t *testing.T) {
	tests := []struct {
		name    string
		content string
	}{
		{"truncated JSON", `{"version":1,"sites":[{"id":"a","name":"x"`},
		{"newer format", `{"version":99,"sites":[]}`},
		{"unknown protocol", `{"version":1,"sites":[{"id":"a","name":"x","protocol":"gopher"}]}`},
		{"duplicate id", `{"version":1,"sites":[{"id":"a","name":"x"},{"id":"a","name":"y"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			st := NewSiteStore(dir)
			mustAdd(t, st, Site{Name: "good", Host: "h"})
			if err := st.Save(); err != nil {
				t.Fatal(err)
			}
			if err := st.Save(); err != nil { // makes a sound backup
				t.Fatal(err)
			}
			if err := os.WriteFile(st.Path(), []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			st, err := OpenSiteStore(dir)
			var ce *CorruptFileError
			if !errors.As(err, &ce) || !errors.Is(err, ErrCorruptFile) {
				t.Fatalf("Load() = %v, want *CorruptFileError", err)
			}
			if ce.Path != st.Path() || ce.Backup != st.Path()+".bak" {
				t.Errorf("error names %q and backup %q", ce.Path, ce.Backup)
			}
			mustAdd(t, st, Site{Name: "new", Host: "h"})
			if err := st.Save(); !errors.As(err, &ce) {
				t.Fatalf("Save() after a corrupt load = %v, want refusal", err)
			}
			if got, _ := os.ReadFile(st.Path()); string(got) != tt.content {
				t.Fatal("the corrupt file was overwritten")
			}
			if err := st.RestoreBackup(); err != nil {
				t.Fatal(err)
			}
			if _, err := st.Lookup("good"); err != nil {
				t.Errorf("restored store lacks the site: %v", err)
			}
			moved, _ := filepath.Glob(st.Path() + ".corrupt-*")
			if len(moved) != 1 {
				t.Fatalf("corrupt file moved to %q, want one", moved)
			}
			if got, _ := os.ReadFile(moved[0]); string(got) != tt.content {
				t.Error("moved-aside file differs from the corrupt one")
			}
			if err := st.Save(); err != nil {
				t.Errorf("Save() after restore: %v", err)
			}
		})
	}
}

func TestSiteStoreResetAfterCorrupt(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, SitesFileName)
	if err := os.WriteFile(path, []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := OpenSiteStore(dir)
	var ce *CorruptFileError
	if !errors.As(err, &ce) || ce.Backup != "" {
		t.Fatalf("Load() = %v; want a corrupt error without backup", err)
	}
	if err := st.RestoreBackup(); err == nil {
		t.Error("RestoreBackup without a backup succeeded")
	}
	moved, err := st.Reset()
	if err != nil || !strings.HasPrefix(moved, path+".corrupt-") {
		t.Fatalf("Reset() = %q, %v", moved, err)
	}
	mustAdd(t, st, Site{Name: "fresh", Host: "h"})
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(moved); string(got) != "not json" {
		t.Error("Reset lost the corrupt file")
	}
}

func TestSiteStoreLookup(t *testing.T) {
	st := NewSiteStore(t.TempDir())
	top := mustAdd(t, st, Site{Name: "top", Host: "h"})
	eu := mustAdd(t, st, Site{Folder: []string{"Work", "EU"}, Name: "prod", Host: "h"})
	us := mustAdd(t, st, Site{Folder: []string{"Work", "US"}, Name: "prod", Host: "h"})
	slash := mustAdd(t, st, Site{Folder: []string{"a"}, Name: "b/c", Host: "h"})
	tests := []struct {
		ref    string
		id     string
		err    error
		ambig  bool
		nMatch int
	}{
		{ref: "top", id: top.ID},
		{ref: "Work/EU/prod", id: eu.ID},
		{ref: "/Work/US/prod", id: us.ID},
		{ref: "a/b/c", id: slash.ID},
		{ref: "b/c", id: slash.ID},
		{ref: "prod", ambig: true, nMatch: 2},
		{ref: "missing", err: ErrSiteNotFound},
		{ref: "work/eu/prod", err: ErrSiteNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			s, err := st.Lookup(tt.ref)
			var amb *AmbiguousSiteError
			switch {
			case tt.ambig:
				if !errors.As(err, &amb) || len(amb.Matches) != tt.nMatch {
					t.Errorf("Lookup = %v, want ambiguity between %d", err, tt.nMatch)
				}
			case tt.err != nil:
				if !errors.Is(err, tt.err) {
					t.Errorf("Lookup = %v, want %v", err, tt.err)
				}
			case err != nil || s.ID != tt.id:
				t.Errorf("Lookup = %q, %v; want %q", s.Path(), err, tt.id)
			}
		})
	}
}

func TestSiteStoreEditing(t *testing.T) {
	st := NewSiteStore(t.TempDir())
	a := mustAdd(t, st, Site{Folder: []string{"F"}, Name: "a", Host: "h"})
	if _, err := st.Add(Site{Folder: []string{"F"}, Name: "a", Host: "h2"}); !errors.Is(err, ErrSiteExists) {
		t.Errorf("duplicate Add = %v, want ErrSiteExists", err)
	}
	renamed, err := st.AddUnique(Site{Folder: []string{"F"}, Name: "a", Host: "h2"})
	if err != nil || renamed.Name != "a (2)" {
		t.Errorf("AddUnique = %q, %v; want \"a (2)\"", renamed.Name, err)
	}
	dup, err := st.Duplicate(a.ID)
	if err != nil || dup.ID == a.ID || dup.Name != "a (copy)" || dup.Host != "h" {
		t.Errorf("Duplicate = %+v, %v", dup, err)
	}
	a.Host = "new-host"
	if err := st.Update(a); err != nil {
		t.Fatal(err)
	}
	if err := st.Update(Site{ID: "nope", Name: "x"}); !errors.Is(err, ErrSiteNotFound) {
		t.Errorf("Update of a missing site = %v", err)
	}
	if err := st.Move(a.ID, []string{"G", "H"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Lookup("G/H/a"); got.Host != "new-host" {
		t.Errorf("moved site = %+v", got)
	}
	if err := st.RenameFolder([]string{"G"}, "K"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Lookup("K/H/a"); err != nil {
		t.Errorf("after folder rename: %v", err)
	}
	if err := st.RenameFolder([]string{"nope"}, "x"); !errors.Is(err, ErrFolderNotFound) {
		t.Errorf("rename of a missing folder = %v", err)
	}
	ids, err := st.RemoveFolder([]string{"F"})
	if err != nil || len(ids) != 2 {
		t.Errorf("RemoveFolder = %v, %v; want the two sites of F", ids, err)
	}
	if err := st.Remove(a.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.Remove(a.ID); !errors.Is(err, ErrSiteNotFound) {
		t.Errorf("second Remove = %v", err)
	}
	if n := len(st.Sites()); n != 0 {
		t.Errorf("%d sites left, want 0", n)
	}
}

func TestSiteStoreNoClearTextPassword(t *testing.T) {
	dir := t.TempDir()
	res := importFile(t, "sitemanager.xml")
	st := NewSiteStore(dir)
	secrets := NewEncryptedSecrets(dir, func() (string, error) { return "correct horse", nil })
	added, renamed, err := st.AddImported(res, secrets)
	if err != nil || len(renamed) != 0 {
		t.Fatalf("AddImported: %v (renamed %v)", err, renamed)
	}
	site := mustAdd(t, st, Site{Name: "mine", Host: "h", User: "u"})
	if err := secrets.Set(site.ID, "s3cret-pw"); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(); err != nil { // the backup too
		t.Fatal(err)
	}
	if err := secrets.Set(site.ID, "s3cret-pw"); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) < 4 {
		t.Fatalf("expected sites, secrets and backups, got %q", files)
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for _, pw := range []string{"s3cret-pw", "plain pass"} {
			if bytes.Contains(data, []byte(pw)) {
				t.Errorf("%s holds the password %q in clear text", filepath.Base(f), pw)
			}
		}
	}
	// The imported passwords came through the secret store intact.
	reopened := NewEncryptedSecrets(dir, func() (string, error) { return "correct horse", nil })
	for _, s := range added {
		if s.Name == "Café Zürich" {
			if pw, err := reopened.Get(s.ID); err != nil || pw != "s3cret-pw €" {
				t.Errorf("imported password = %q, %v", pw, err)
			}
		}
	}
}
