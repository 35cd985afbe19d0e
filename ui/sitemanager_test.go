package ui

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// newSiteThroughUI taps "New site" and fills the General tab.
func newSiteThroughUI(t *testing.T, env *testEnv, host, user, password string) profile.Site {
	t.Helper()
	sm := env.sm
	test.Tap(sm.newSite)
	typeInto(sm.win, sm.form.host, host)
	typeInto(sm.win, sm.form.user, user)
	if password != "" {
		typeInto(sm.win, sm.form.password, password)
	}
	test.Tap(sm.save)
	if password != "" {
		env.settle(t) // the password reaches the secret store
	}
	return sm.current
}

func TestSiteManagerCreateSaveReload(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	test.Tap(sm.newSite)
	if !sm.form.host.Disabled() && sm.current.Name != "New site" {
		t.Fatalf("new site is %q", sm.current.Name)
	}
	typeInto(sm.win, sm.form.host, "ftp.example.com")
	typeInto(sm.win, sm.form.port, "2121")
	sm.form.protocol.SetSelectedIndex(2) // implicit FTPS
	typeInto(sm.win, sm.form.user, "alice")
	typeInto(sm.win, sm.form.password, "s3cret pw")
	typeInto(sm.win, sm.form.comments, "the build server")
	sm.form.tabs.SelectIndex(1)
	typeInto(sm.win, sm.form.remoteDir, "/srv/www")
	typeInto(sm.win, sm.form.localDir, "/home/alice/www")
	typeInto(sm.win, sm.form.tzHours, "-2")
	typeInto(sm.win, sm.form.tzMinutes, "-30")
	test.Tap(sm.form.relayOnly)
	sm.form.tabs.SelectIndex(2)
	sm.form.dataMode.SetSelectedIndex(2) // active
	sm.form.xferType.SetSelectedIndex(2) // binary
	test.Tap(sm.form.limitConns)
	typeInto(sm.win, sm.form.maxConns, "3")
	sm.form.tabs.SelectIndex(3)
	sm.form.charsetMode.SetSelected(sm.form.charsetMode.Options[charsetCustom])
	typeInto(sm.win, &sm.form.charset.Entry, "windows-1252")
	test.Tap(sm.save)
	env.settle(t)

	store, secrets := env.reload(t)
	got, err := store.Lookup("ftp.example.com") // a new site is named after its host
	if err != nil {
		t.Fatal(err)
	}
	want := profile.Site{ID: got.ID, Name: "ftp.example.com", Host: "ftp.example.com", Port: 2121,
		Protocol: ftpcore.TLSImplicit, Logon: profile.LogonNormal, User: "alice", Comments: "the build server",
		RemoteDir: "/srv/www", LocalDir: "/home/alice/www", TZOffset: -150, RelayOnly: true,
		DataMode: profile.DataActive, TransferType: ftpcore.TypeBinary, MaxConnections: 3, Charset: "windows-1252"}
	if !sitesEqual(got, want) {
		t.Errorf("saved site:\n got %+v\nwant %+v", got, want)
	}
	if pw, err := secrets.Get(got.ID); err != nil || pw != "s3cret pw" {
		t.Errorf("saved password = %q, %v", pw, err)
	}
	for _, name := range []string{profile.SitesFileName, profile.SecretsFileName} {
		data, err := os.ReadFile(filepath.Join(env.dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "s3cret") {
			t.Errorf("%s holds the password in clear text", name)
		}
	}
}

// sitesEqual compares sites, taking a nil and an empty folder as equal.
func sitesEqual(a, b profile.Site) bool {
	if !slices.Equal(a.Folder, b.Folder) {
		return false
	}
	a.Folder, b.Folder = nil, nil
	return reflect.DeepEqual(a, b)
}

func TestSiteManagerFieldValidation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(f *siteForm)
		field string
		says  string // part of the message, when the field is not enough
	}{
		{"port too big", func(f *siteForm) { f.port.SetText("70000") }, "Port", ""},
		{"port not a number", func(f *siteForm) { f.port.SetText("ftp") }, "Port", ""},
		{"host with a space", func(f *siteForm) { f.host.SetText("ftp example.com") }, "Host", ""},
		{"offset hours", func(f *siteForm) { f.tzHours.SetText("30") }, "Server time offset", ""},
		{"offset beyond a day", func(f *siteForm) { f.tzHours.SetText("24"); f.tzMinutes.SetText("30") }, "Server time offset", ""},
		{"connections", func(f *siteForm) { f.limitConns.SetChecked(true); f.maxConns.SetText("11") }, "Maximum connections", ""},
		{"unknown charset", func(f *siteForm) {
			f.charsetMode.SetSelected(f.charsetMode.Options[charsetCustom])
			f.charset.SetText("klingon-8")
		}, "Charset", "not a character set Ferry knows"},
		// UTF-16 and EBCDIC exist but would write a name's bytes as CR or LF.
		{"UTF-16", func(f *siteForm) {
			f.charsetMode.SetSelected(f.charsetMode.Options[charsetCustom])
			f.charset.SetText("UTF-16BE")
		}, "Charset", "cannot carry FTP commands"},
		{"EBCDIC", func(f *siteForm) {
			f.charsetMode.SetSelected(f.charsetMode.Options[charsetCustom])
			f.charset.SetText("IBM037")
		}, "Charset", "cannot carry FTP commands"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			sm := env.sm
			site := newSiteThroughUI(t, env, "h.example", "u", "")
			tt.edit(sm.form)
			test.Tap(sm.save)
			msg := textIn(overlay(t, sm.win))
			if !strings.Contains(msg, tt.field+":") {
				t.Errorf("error dialog says %q, want a message about %s", msg, tt.field)
			}
			if !strings.Contains(msg, tt.says) {
				t.Errorf("error dialog says %q, want %q in it", msg, tt.says)
			}
			if got := env.lookup(t, "h.example"); !sitesEqual(got, site) {
				t.Errorf("invalid values reached the store: %+v", got)
			}
			// Leaving the site is refused while its values are wrong.
			sm.tree.Select(topFolderID)
			if sm.selected != siteID(site.ID) {
				t.Errorf("selection moved to %q with invalid values", sm.selected)
			}
		})
	}
}

func TestSiteManagerFoldersRenameMoveDuplicateDelete(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm

	// New folder "Work" at the top level.
	test.Tap(sm.newFolder)
	d := overlay(t, sm.win)
	typeInto(sm.win, findAll[*dialogEntry](d)[0], "Work")
	test.Tap(findButton(t, d, "Create"))
	if want := [][]string{{"Work"}}; !slices.EqualFunc(env.store.Folders(), want, slices.Equal) {
		t.Fatalf("folders = %v, want %v", env.store.Folders(), want)
	}
	if sm.selected != folderID([]string{"Work"}) {
		t.Fatalf("selected %q after creating the folder", sm.selected)
	}

	// A site created while the folder is selected goes into it.
	site := newSiteThroughUI(t, env, "ftp.work.example", "bob", "pw-bob")
	if !slices.Equal(site.Folder, []string{"Work"}) {
		t.Fatalf("new site in %v, want [Work]", site.Folder)
	}

	// Rename the site.
	test.Tap(sm.rename)
	d = overlay(t, sm.win)
	typeInto(sm.win, findAll[*dialogEntry](d)[0], "Build server")
	test.Tap(findButton(t, d, "Rename"))
	if got := env.lookup(t, "Work/Build server"); got.ID != site.ID || got.Host != "ftp.work.example" {
		t.Fatalf("after rename: %+v", got)
	}

	// Duplicate it: same settings, new name and ID, password copied.
	test.Tap(sm.duplicate)
	env.settle(t)
	dup := env.lookup(t, "Work/Build server (copy)")
	if dup.ID == site.ID || dup.Host != site.Host || sm.selected != siteID(dup.ID) {
		t.Fatalf("duplicate = %+v, selected %q", dup, sm.selected)
	}
	if pw, err := env.secrets.Get(dup.ID); err != nil || pw != "pw-bob" {
		t.Errorf("duplicate's password = %q, %v", pw, err)
	}

	// A second folder, then move the duplicate into it.
	sm.selectNode(topFolderID)
	test.Tap(sm.newFolder)
	d = overlay(t, sm.win)
	typeInto(sm.win, findAll[*dialogEntry](d)[0], "Home")
	test.Tap(findButton(t, d, "Create"))
	sm.selectNode(siteID(dup.ID))
	test.Tap(sm.move)
	d = overlay(t, sm.win)
	pick := findAll[*dialogSelect](d)[0]
	pick.SetSelected("My Sites / Home")
	test.Tap(findButton(t, d, "Move"))
	if got := env.lookup(t, "Home/Build server (copy)"); got.ID != dup.ID {
		t.Fatalf("after move: %+v", got)
	}

	// Rename the folder Work: its site follows.
	sm.selectNode(folderID([]string{"Work"}))
	test.Tap(sm.rename)
	d = overlay(t, sm.win)
	typeInto(sm.win, findAll[*dialogEntry](d)[0], "Clients")
	test.Tap(findButton(t, d, "Rename"))
	if got := env.lookup(t, "Clients/Build server"); got.ID != site.ID {
		t.Fatalf("after folder rename: %+v", got)
	}

	// Delete the moved site: asked first, "No" keeps it.
	sm.selectNode(siteID(dup.ID))
	test.Tap(sm.remove)
	test.Tap(findButton(t, overlay(t, sm.win), "No"))
	env.lookup(t, "Home/Build server (copy)")
	test.Tap(sm.remove)
	d = overlay(t, sm.win)
	if !strings.Contains(textIn(d), "Build server (copy)") {
		t.Errorf("confirmation does not name the site: %q", textIn(d))
	}
	test.Tap(findButton(t, d, "Yes"))
	env.settle(t) // its password is deleted
	if _, err := env.store.Get(dup.ID); !errors.Is(err, profile.ErrSiteNotFound) {
		t.Errorf("deleted site still there: %v", err)
	}
	if _, err := env.secrets.Get(dup.ID); !errors.Is(err, profile.ErrSecretNotFound) {
		t.Errorf("deleted site's password still there: %v", err)
	}

	// Delete the folder Clients with its site.
	sm.selectNode(folderID([]string{"Clients"}))
	test.Tap(sm.remove)
	d = overlay(t, sm.win)
	if !strings.Contains(textIn(d), "(1 sites)") {
		t.Errorf("folder confirmation does not count the sites: %q", textIn(d))
	}
	test.Tap(findButton(t, d, "Yes"))
	env.settle(t)

	store, secrets := env.reload(t)
	if got := store.Sites(); len(got) != 0 {
		t.Errorf("sites after deleting everything: %+v", got)
	}
	if want := [][]string{{"Home"}}; !slices.EqualFunc(store.Folders(), want, slices.Equal) {
		t.Errorf("folders after reload = %v, want %v", store.Folders(), want)
	}
	if _, err := secrets.Get(site.ID); !errors.Is(err, profile.ErrSecretNotFound) {
		t.Errorf("password of a site deleted with its folder: %v", err)
	}
}

func TestSiteManagerRenameConflicts(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	newSiteThroughUI(t, env, "a.example", "", "")
	sm.selectNode(topFolderID)
	newSiteThroughUI(t, env, "b.example", "", "")
	second := sm.current
	if second.Name != "b.example" {
		t.Fatalf("second new site is named %q", second.Name)
	}
	test.Tap(sm.rename)
	d := overlay(t, sm.win)
	typeInto(sm.win, findAll[*dialogEntry](d)[0], "a.example")
	test.Tap(findButton(t, d, "Rename"))
	if msg := textIn(overlay(t, sm.win)); !strings.Contains(msg, "already exists") {
		t.Errorf("rename onto another site's name: %q", msg)
	}
	if got := env.lookup(t, "b.example"); got.ID != second.ID {
		t.Errorf("site renamed despite the conflict: %+v", got)
	}
}

func TestSiteManagerFilter(t *testing.T) {
	env := newTestEnv(t)
	for _, s := range []profile.Site{
		{Name: "Alpha", Host: "alpha.example", Folder: []string{"Work"}},
		{Name: "Beta", Host: "files.example", User: "alphonse"},
		{Name: "Gamma", Host: "gamma.example", Folder: []string{"Home"}},
	} {
		if _, err := env.store.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	env.sm.refreshTree()
	tests := []struct {
		filter string
		want   []string
	}{
		{"", []string{"Alpha", "Beta", "Gamma", "Home", "Work"}},
		{"ALPH", []string{"Alpha", "Beta", "Work"}},
		{"gamma.example", []string{"Gamma", "Home"}},
		{"nothing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			typeInto(env.sm.win, env.sm.filter, tt.filter)
			var got []string
			for uid, label := range env.sm.snap.labels {
				if uid != topFolderID {
					got = append(got, label)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("filter %q shows %v, want %v", tt.filter, got, tt.want)
			}
		})
	}
}

func TestSiteManagerCorruptFileOffersBackup(t *testing.T) {
	dir := t.TempDir()
	good := profile.NewSiteStore(dir)
	if _, err := good.Add(profile.Site{Name: "Kept", Host: "kept.example"}); err != nil {
		t.Fatal(err)
	}
	if err := good.Save(); err != nil {
		t.Fatal(err)
	}
	if err := good.Save(); err != nil { // the backup now holds "Kept" too
		t.Fatal(err)
	}
	path := filepath.Join(dir, profile.SitesFileName)
	if err := os.WriteFile(path, []byte("{ not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	store, loadErr := profile.OpenSiteStore(dir)
	if !errors.Is(loadErr, profile.ErrCorruptFile) {
		t.Fatalf("OpenSiteStore: %v", loadErr)
	}
	env := &testEnv{dir: dir, app: test.NewTempApp(t), loop: newUILoop(), store: store,
		secrets: profile.NewEncryptedSecrets(dir, nil)}
	env.open(t, loadErr)
	d := overlay(t, env.sm.win)
	if msg := textIn(d); !strings.Contains(msg, path) || !strings.Contains(msg, path+".bak") {
		t.Errorf("the dialog does not name the file and its backup: %q", msg)
	}
	// Creating a site before deciding is refused: the file is not overwritten.
	test.Tap(findButton(t, d, "Decide later"))
	test.Tap(env.sm.newSite)
	env.settle(t) // the write is refused, and the choice offered again
	if data, _ := os.ReadFile(path); string(data) != "{ not json" {
		t.Fatalf("corrupt file overwritten with %q", data)
	}
	test.Tap(findButton(t, overlay(t, env.sm.win), "Restore the backup"))
	if _, err := store.Lookup("Kept"); err != nil {
		t.Errorf("after restoring the backup: %v", err)
	}
	if !env.sm.snap.has(siteID(env.lookup(t, "Kept").ID)) {
		t.Error("the restored site is not in the tree")
	}
}

// TestSiteManagerNameTypedReplaces: the name offered by New folder and
// Rename is selected, so what is typed replaces it instead of going
// in front of it ("WorkNew folder").
func TestSiteManagerNameTypedReplaces(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm

	test.Tap(sm.newFolder)
	d := overlay(t, sm.win)
	test.Type(findAll[*dialogEntry](d)[0], "Work")
	test.Tap(findButton(t, d, "Create"))
	if want := [][]string{{"Work"}}; !slices.EqualFunc(env.store.Folders(), want, slices.Equal) {
		t.Fatalf("folders = %v, want %v", env.store.Folders(), want)
	}

	site := newSiteThroughUI(t, env, "ftp.work.example", "bob", "pw-bob")
	test.Tap(sm.rename)
	d = overlay(t, sm.win)
	test.Type(findAll[*dialogEntry](d)[0], "Build server")
	test.Tap(findButton(t, d, "Rename"))
	if got := env.lookup(t, "Work/Build server"); got.ID != site.ID {
		t.Fatalf("after rename: %+v", got)
	}
}

// TestNewSiteNamedAfterHost: every site made with New site stayed "New
// site", "New site (2)"… in the list until renamed by hand. A new site is
// now named after its host when saved with one (made unique in its
// folder), until the user renames it; one saved without a host stays
// "New site".
func TestNewSiteNamedAfterHost(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	first := newSiteThroughUI(t, env, "same.example", "", "")
	sm.selectNode(topFolderID)
	second := newSiteThroughUI(t, env, "same.example", "", "")
	if first.Name != "same.example" || second.Name != "same.example (2)" {
		t.Fatalf("two new sites for same.example are named %q and %q", first.Name, second.Name)
	}
	if got := sm.form.title.Text; !strings.Contains(got, "same.example (2)") {
		t.Errorf("the form's title reads %q", got)
	}
	// A host corrected before leaving the site renames it again.
	typeInto(sm.win, sm.form.host, "other.example")
	test.Tap(sm.save)
	if sm.current.Name != "other.example" {
		t.Errorf("after the host was corrected the site is named %q", sm.current.Name)
	}

	// Renamed by the user, the host no longer names it.
	sm.selectNode(topFolderID)
	test.Tap(sm.newSite)
	test.Tap(sm.rename)
	d := overlay(t, sm.win)
	typeInto(sm.win, findAll[*dialogEntry](d)[0], "Mine")
	test.Tap(findButton(t, d, "Rename"))
	typeInto(sm.win, sm.form.host, "mine.example")
	test.Tap(sm.save)
	if sm.current.Name != "Mine" {
		t.Errorf("a site renamed by the user became %q", sm.current.Name)
	}

	// Without a host, "New site" it stays.
	sm.selectNode(topFolderID)
	test.Tap(sm.newSite)
	typeInto(sm.win, sm.form.user, "u")
	test.Tap(sm.save)
	if sm.current.Name != "New site" {
		t.Errorf("a new site saved without a host is named %q", sm.current.Name)
	}
}
