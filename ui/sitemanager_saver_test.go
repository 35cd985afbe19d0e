package ui

import (
	"bytes"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// goroutineID returns the number the runtime gives the calling goroutine,
// read from the first line of its stack ("goroutine 18 [running]:").
func goroutineID() uint64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(buf[:bytes.IndexByte(buf, ' ')]), 10, 64)
	return id
}

// slowDisk stands in for a disk that takes its time: each write of the
// site list stops in the store's write hook until the test releases it.
// A write attempted on the UI goroutine (the test's) is recorded and let
// through at once, since holding it there would hang the test.
type slowDisk struct {
	ui      uint64        // the UI goroutine: the test's
	writing chan struct{} // receives once per write that has begun
	release chan error    // what the held write returns (nil to let it through)

	mu     sync.Mutex
	onUI   int // writes that ran on the UI goroutine
	writes int
}

func newSlowDisk(t *testing.T, store *profile.SiteStore) *slowDisk {
	d := &slowDisk{ui: goroutineID(), writing: make(chan struct{}, 16), release: make(chan error)}
	stop := make(chan struct{})
	// A test that stops early lets the held write go, so that the
	// cleanups waiting for it end.
	t.Cleanup(func() { close(stop) })
	store.SetWriteHook(func() error {
		d.mu.Lock()
		d.writes++
		onUI := goroutineID() == d.ui
		if onUI {
			d.onUI++
		}
		d.mu.Unlock()
		if onUI {
			return nil
		}
		d.writing <- struct{}{}
		select {
		case err := <-d.release:
			return err
		case <-stop:
			return errors.New("test over")
		}
	})
	return d
}

// held waits for the write sv has begun, failing the test when the write
// ran on the UI goroutine instead, or when none has begun.
func (d *slowDisk) held(t *testing.T, sv *siteSaver) {
	t.Helper()
	d.mu.Lock()
	onUI := d.onUI
	d.mu.Unlock()
	if onUI > 0 {
		t.Fatalf("the site list was written on the UI goroutine (%d writes)", onUI)
	}
	sv.mu.Lock()
	writing := sv.writers > 0 // a writer cannot end while the disk holds it
	sv.mu.Unlock()
	if !writing {
		t.Fatal("nothing is being written")
	}
	<-d.writing
}

// seedSites saves sites named names, each in the top level, and shows
// them in the site manager.
func seedSites(t *testing.T, env *testEnv, names ...string) []profile.Site {
	t.Helper()
	var out []profile.Site
	for _, n := range names {
		s, err := env.store.Add(profile.Site{Name: n, Host: n + ".example.com",
			Protocol: ftpcore.TLSNone, Logon: profile.LogonAnonymous})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := env.store.Save(); err != nil {
		t.Fatal(err)
	}
	env.sm.refreshTree()
	return out
}

// treeLabels lists the labels of the sites in the site manager's tree.
func treeLabels(sm *siteManager) []string {
	var out []string
	for uid, s := range sm.snap.sites {
		out = append(out, sm.snap.labels[uid]+"="+s.Host)
	}
	slices.Sort(out)
	return out
}

// diskLabels lists the sites as the config folder holds them.
func diskLabels(t *testing.T, env *testEnv) []string {
	t.Helper()
	st, _ := env.reload(t)
	var out []string
	for _, s := range st.Sites() {
		out = append(out, s.Name+"="+s.Host)
	}
	slices.Sort(out)
	return out
}

// TestSiteManagerSavesOffUIGoroutine holds the write of an edit on a slow
// disk and goes on using the window meanwhile: selecting, editing and
// saving another site, creating a site. Then the disk catches up, and the
// edits made during the held write go out together in one more write.
func TestSiteManagerSavesOffUIGoroutine(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	sites := seedSites(t, env, "alpha", "beta")
	disk := newSlowDisk(t, env.store)

	sm.selectNode(siteID(sites[0].ID))
	typeInto(sm.win, sm.form.host, "alpha2.example.com")
	test.Tap(sm.save)
	disk.held(t, sm.saver)

	// The write is held; the window answers.
	if got := treeLabels(sm); !slices.Equal(got, []string{"alpha=alpha2.example.com", "beta=beta.example.com"}) {
		t.Errorf("tree during the write: %v", got)
	}
	sm.tree.Select(siteID(sites[1].ID))
	if sm.form.host.Text != "beta.example.com" {
		t.Fatalf("the form shows %q after selecting beta", sm.form.host.Text)
	}
	typeInto(sm.win, sm.form.host, "beta2.example.com")
	test.Tap(sm.save)
	test.Tap(sm.newSite)
	if sm.current.Name != "New site" || !sm.snap.has(siteID(sm.current.ID)) {
		t.Fatalf("new site during the write: %+v", sm.current)
	}

	disk.release <- nil    // the first write
	disk.held(t, sm.saver) // the second carries all that came meanwhile
	disk.release <- nil
	want := []string{"New site=", "alpha=alpha2.example.com", "beta=beta2.example.com"}
	if got := diskLabels(t, env); !slices.Equal(got, want) {
		t.Errorf("on disk: %v, want %v", got, want)
	}
	disk.mu.Lock()
	defer disk.mu.Unlock()
	if disk.writes != 2 {
		t.Errorf("%d writes, want 2: the edits made during the first go out together", disk.writes)
	}
}

// TestSiteManagerFailedSaveShownAndUndone makes each kind of change fail
// on the disk: the user is told, and the tree and the form show what the
// file holds, not the change that did not reach it.
func TestSiteManagerFailedSaveShownAndUndone(t *testing.T) {
	diskFull := errors.New("no space left on device")
	tests := []struct {
		name   string
		change func(t *testing.T, env *testEnv, sites []profile.Site)
	}{
		{"field edit", func(t *testing.T, env *testEnv, sites []profile.Site) {
			env.sm.selectNode(siteID(sites[0].ID))
			typeInto(env.sm.win, env.sm.form.host, "lost.example.com")
			test.Tap(env.sm.save)
		}},
		{"rename", func(t *testing.T, env *testEnv, sites []profile.Site) {
			env.sm.selectNode(siteID(sites[0].ID))
			test.Tap(env.sm.rename)
			d := overlay(t, env.sm.win)
			typeInto(env.sm.win, findAll[*dialogEntry](d)[0], "renamed")
			test.Tap(findButton(t, d, "Rename"))
		}},
		{"new site", func(t *testing.T, env *testEnv, sites []profile.Site) {
			test.Tap(env.sm.newSite)
		}},
		{"delete", func(t *testing.T, env *testEnv, sites []profile.Site) {
			env.sm.selectNode(siteID(sites[1].ID))
			test.Tap(env.sm.remove)
			test.Tap(findButton(t, overlay(t, env.sm.win), "Yes"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			sm := env.sm
			sites := seedSites(t, env, "alpha", "beta")
			env.store.SetWriteHook(func() error { return diskFull })

			tt.change(t, env, sites)
			env.settle(t)

			msg := textIn(overlay(t, sm.win))
			if !strings.Contains(msg, "could not be saved") || !strings.Contains(msg, diskFull.Error()) {
				t.Errorf("the failure is not shown: %q", msg)
			}
			want := []string{"alpha=alpha.example.com", "beta=beta.example.com"}
			if got := treeLabels(sm); !slices.Equal(got, want) {
				t.Errorf("tree after the failure: %v, want what is on disk, %v", got, want)
			}
			if got := diskLabels(t, env); !slices.Equal(got, want) {
				t.Errorf("on disk: %v, want %v", got, want)
			}
			// What the next refresh of the tree, or a connection, reads.
			var inMemory []string
			for _, s := range env.store.Sites() {
				inMemory = append(inMemory, s.Name+"="+s.Host)
			}
			if slices.Sort(inMemory); !slices.Equal(inMemory, want) {
				t.Errorf("the store holds %v, the file %v", inMemory, want)
			}
			if _, isSite := siteOf(sm.selected); isSite && sm.form.host.Text != sm.current.Host {
				t.Errorf("the form shows host %q, the file %q", sm.form.host.Text, sm.current.Host)
			}
			if s, ok := sm.snap.sites[sm.selected]; ok && sm.form.host.Text != s.Host {
				t.Errorf("the form shows host %q for a site whose file says %q", sm.form.host.Text, s.Host)
			}
		})
	}
}

// TestSiteManagerCloseWritesLastEdit closes the site manager, connects
// from it and closes the app, each right after an edit whose write is
// held: none finishes before the edit is on disk, and each then does.
func TestSiteManagerCloseWritesLastEdit(t *testing.T) {
	t.Run("close", func(t *testing.T) {
		env := newTestEnv(t)
		sm := env.sm
		sites := seedSites(t, env, "alpha")
		closed := false
		sm.win.SetOnClosed(func() { closed = true })
		disk := newSlowDisk(t, env.store)

		sm.selectNode(siteID(sites[0].ID))
		typeInto(sm.win, sm.form.host, "edited.example.com")
		test.Tap(sm.close)
		disk.held(t, sm.saver)
		if closed {
			t.Fatal("the site manager closed before its last edit was written")
		}
		disk.release <- nil
		env.settle(t)
		if !closed {
			t.Fatal("the site manager did not close once the edit was written")
		}
		if got := diskLabels(t, env); !slices.Equal(got, []string{"alpha=edited.example.com"}) {
			t.Errorf("on disk after closing: %v", got)
		}
	})

	t.Run("close fails", func(t *testing.T) {
		env := newTestEnv(t)
		sm := env.sm
		sites := seedSites(t, env, "alpha")
		closed := false
		sm.win.SetOnClosed(func() { closed = true })
		disk := newSlowDisk(t, env.store)

		sm.selectNode(siteID(sites[0].ID))
		typeInto(sm.win, sm.form.host, "edited.example.com")
		test.Tap(sm.close)
		disk.held(t, sm.saver)
		disk.release <- errors.New("read-only file system")
		env.settle(t)
		if closed {
			t.Fatal("the site manager closed although its last edit was not written")
		}
		if msg := textIn(overlay(t, sm.win)); !strings.Contains(msg, "read-only file system") {
			t.Errorf("the failure is not shown: %q", msg)
		}
		if sm.form.host.Text != "alpha.example.com" {
			t.Errorf("the form shows %q, the file alpha.example.com", sm.form.host.Text)
		}
	})

	t.Run("connect", func(t *testing.T) {
		env := newTestEnv(t)
		sm := env.sm
		sites := seedSites(t, env, "alpha")
		disk := newSlowDisk(t, env.store)

		sm.selectNode(siteID(sites[0].ID))
		typeInto(sm.win, sm.form.host, "edited.example.com")
		test.Tap(sm.connectLeft)
		disk.held(t, sm.saver)
		if len(env.connects) != 0 {
			t.Fatal("connected before the edit was written")
		}
		disk.release <- nil
		env.settle(t)
		if len(env.connects) != 1 || env.connects[0].cfg.Addr != "edited.example.com:21" {
			t.Fatalf("connections %+v, want one to the edited host", env.connects)
		}
		if got := diskLabels(t, env); !slices.Equal(got, []string{"alpha=edited.example.com"}) {
			t.Errorf("on disk when connecting: %v", got)
		}
	})

	t.Run("app", func(t *testing.T) {
		h := newHarness(t, localTree(t))
		s, err := h.mw.sites.Add(profile.Site{Name: "alpha", Host: "alpha.example.com",
			Protocol: ftpcore.TLSNone, Logon: profile.LogonAnonymous})
		if err != nil {
			t.Fatal(err)
		}
		h.mw.openSiteManager()
		h.runTasks()
		sm := h.mw.siteMgr
		sm.refreshTree()
		sm.selectNode(siteID(s.ID))
		disk := newSlowDisk(t, h.mw.sites)

		typeInto(sm.win, sm.form.host, "edited.example.com")
		h.mw.close()
		disk.held(t, sm.saver)
		if h.mw.ctx.Err() != nil {
			t.Fatal("the app closed before the site manager's last edit was written")
		}
		disk.release <- nil
		sm.saver.wait()
		h.runTasks()
		if h.mw.ctx.Err() == nil || h.mw.siteMgr != nil {
			t.Fatal("the app did not close once the edit was written")
		}
		st, err := profile.OpenSiteStore(h.mw.opt.ConfigDir)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := st.Get(s.ID); err != nil || got.Host != "edited.example.com" {
			t.Errorf("on disk after the app closed: %+v, %v", got, err)
		}
	})
}
