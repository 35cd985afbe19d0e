package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ferry/ftpcore/profile"
)

// fillStore puts sites (by "folder/…/name" path) and empty folders into
// the test's store, saves it and shows it in the tree.
func fillStore(t *testing.T, env *testEnv, sitePaths []string, folders [][]string) map[string]profile.Site {
	t.Helper()
	added := map[string]profile.Site{}
	for _, p := range sitePaths {
		parts := strings.Split(p, "/")
		s, err := env.store.Add(profile.Site{Folder: parts[:len(parts)-1], Name: parts[len(parts)-1],
			Host: parts[len(parts)-1] + ".example.com", Logon: profile.LogonAnonymous})
		if err != nil {
			t.Fatal(err)
		}
		added[p] = s
	}
	for _, f := range folders {
		if err := env.store.AddFolder(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := env.store.Save(); err != nil {
		t.Fatal(err)
	}
	env.sm.refreshTree()
	return added
}

func TestSiteManagerMoveFolder(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	sites := fillStore(t, env, []string{"Work/w", "Work/EU/prod"},
		[][]string{{"Work", "EU", "Old"}, {"Home"}, {"Archive", "EU"}})

	sm.selectNode(folderID([]string{"Work", "EU"}))
	if sm.move.Disabled() {
		t.Fatal("Move to… is disabled for a folder")
	}
	test.Tap(sm.move)
	d := overlay(t, sm.win)
	if !strings.Contains(textIn(d), "Move folder") {
		t.Errorf("dialog says %q", textIn(d))
	}
	pick := findAll[*dialogSelect](d)[0]
	// Neither the folder itself nor its subfolder is offered; its parent
	// is, already chosen.
	want := []string{"My Sites", "My Sites / Archive", "My Sites / Archive / EU", "My Sites / Home", "My Sites / Work"}
	if !slices.Equal(pick.Options, want) || pick.Selected != "My Sites / Work" {
		t.Fatalf("destinations %q (chosen %q), want %q", pick.Options, pick.Selected, want)
	}
	pick.SetSelected("My Sites / Home")
	test.Tap(findButton(t, d, "Move"))

	moved := []string{"Home", "EU"}
	if sm.selected != folderID(moved) {
		t.Errorf("selected %q after the move", sm.selected)
	}
	if !sm.snap.has(folderID(append(slices.Clone(moved), "Old"))) || sm.snap.has(folderID([]string{"Work", "EU"})) {
		t.Errorf("tree after the move: %v", sm.snap.children)
	}
	// Saved: a fresh read of the config folder sees the new tree.
	st, _ := env.reload(t)
	if got, err := st.Get(sites["Work/EU/prod"].ID); err != nil || got.Path() != "Home/EU/prod" {
		t.Errorf("prod saved at %q (%v)", got.Path(), err)
	}
	if !slices.ContainsFunc(st.Folders(), func(f []string) bool { return slices.Equal(f, []string{"Home", "EU", "Old"}) }) {
		t.Errorf("saved folders %q lack Home/EU/Old", st.Folders())
	}

	// Into a folder that already has an EU: refused, and said so.
	before := env.store.Folders()
	test.Tap(sm.move)
	d = overlay(t, sm.win)
	findAll[*dialogSelect](d)[0].SetSelected("My Sites / Archive")
	test.Tap(findButton(t, d, "Move"))
	if msg := textIn(overlay(t, sm.win)); !strings.Contains(msg, "The destination already holds a folder of that name.") {
		t.Errorf("error shown: %q", msg)
	}
	if !slices.EqualFunc(env.store.Folders(), before, slices.Equal) {
		t.Errorf("a refused move changed the folders: %q", env.store.Folders())
	}
}

func TestSiteManagerMoveEnabled(t *testing.T) {
	tests := []struct {
		name     string
		sites    []string
		folders  [][]string
		selected string
		wantMove bool
	}{
		{"the top level never moves", []string{"Work/w"}, nil, topFolderID, false},
		{"a lone top-level folder has nowhere to go", nil, [][]string{{"Solo"}}, folderID([]string{"Solo"}), false},
		{"a lone subfolder can go to the top", nil, [][]string{{"A", "B"}}, folderID([]string{"A", "B"}), true},
		{"a top-level folder can go into another", nil, [][]string{{"A"}, {"B"}}, folderID([]string{"A"}), true},
		{"a site with no folder to go to", []string{"w"}, nil, "", false},
		{"a site with a folder", []string{"w"}, [][]string{{"A"}}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			added := fillStore(t, env, tt.sites, tt.folders)
			uid := tt.selected
			if uid == "" {
				uid = siteID(added[tt.sites[0]].ID)
			}
			env.sm.selectNode(uid)
			if got := !env.sm.move.Disabled(); got != tt.wantMove {
				t.Errorf("Move to… enabled = %v, want %v", got, tt.wantMove)
			}
		})
	}
}
