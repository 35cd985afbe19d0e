package profile

import (
	"errors"
	"testing"

	"ferry/ftpcore"
)

// TestSiteStoreSaveLeavesReadersFree holds a save in its write hook, the
// stand-in for a slow disk, and reads and changes the list meanwhile: a
// save must not hold the lock those calls take. The write that follows
// carries the list as it was when the save began.
func TestSiteStoreSaveLeavesReadersFree(t *testing.T) {
	dir := t.TempDir()
	st := NewSiteStore(dir)
	first := mustAdd(t, st, Site{Name: "first", Host: "h1", Protocol: ftpcore.TLSNone, Logon: LogonAnonymous})
	writing, release := make(chan struct{}), make(chan struct{})
	st.SetWriteHook(func() error {
		close(writing)
		<-release
		return nil
	})
	saved := make(chan error, 1)
	go func() { saved <- st.Save() }()
	<-writing
	// Were the lock held, these would wait for release, which only comes
	// after them: the test would hang instead of going on.
	if got := st.Sites(); len(got) != 1 || got[0].ID != first.ID {
		t.Fatalf("Sites() during a save = %+v", got)
	}
	mustAdd(t, st, Site{Name: "second", Host: "h2", Protocol: ftpcore.TLSNone, Logon: LogonAnonymous})
	close(release)
	if err := <-saved; err != nil {
		t.Fatal(err)
	}
	back, err := OpenSiteStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Sites(); len(got) != 1 || got[0].Name != "first" {
		t.Errorf("the file holds %+v, want the list as the save began", got)
	}
}

// TestSiteStoreRevert drops what a failed save could not write and keeps
// what the file holds.
func TestSiteStoreRevert(t *testing.T) {
	dir := t.TempDir()
	st := NewSiteStore(dir)
	mustAdd(t, st, Site{Name: "kept", Host: "h", Protocol: ftpcore.TLSNone, Logon: LogonAnonymous})
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	diskFull := errors.New("no space left on device")
	st.SetWriteHook(func() error { return diskFull })
	mustAdd(t, st, Site{Name: "lost", Host: "h", Protocol: ftpcore.TLSNone, Logon: LogonAnonymous})
	if err := st.AddFolder([]string{"Lost folder"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(); !errors.Is(err, diskFull) {
		t.Fatalf("Save() = %v, want the hook's error", err)
	}
	if err := st.Revert(); err != nil {
		t.Fatal(err)
	}
	if got := st.Sites(); len(got) != 1 || got[0].Name != "kept" {
		t.Errorf("after Revert: %+v, want only the saved site", got)
	}
	if got := st.Folders(); len(got) != 0 {
		t.Errorf("after Revert: folders %q, want none", got)
	}

	empty := NewSiteStore(t.TempDir())
	mustAdd(t, empty, Site{Name: "never saved", Host: "h", Protocol: ftpcore.TLSNone, Logon: LogonAnonymous})
	if err := empty.Revert(); err != nil {
		t.Fatal(err)
	}
	if got := empty.Sites(); len(got) != 0 {
		t.Errorf("Revert without a file left %+v", got)
	}
}
