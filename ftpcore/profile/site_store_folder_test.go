package profile

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// folderFixture builds this tree (sites in brackets):
//
//	Work/ [w]
//	  EU/ [prod]
//	    Old/ (empty)
//	  US/ [us]
//	Home/ [EU]   (a site named like Work's subfolder)
//	Archive/ (empty)
//	  EU/ (empty)
//	Deep/        (only there to hold Inner)
//	  Inner/ [inner]
//	[top]
func folderFixture(t *testing.T) (*SiteStore, map[string]Site) {
	t.Helper()
	st := NewSiteStore(t.TempDir())
	sites := map[string]Site{}
	for _, s := range []Site{
		{Folder: []string{"Work"}, Name: "w", Host: "w.example.com"},
		{Folder: []string{"Work", "EU"}, Name: "prod", Host: "prod.example.com"},
		{Folder: []string{"Work", "US"}, Name: "us", Host: "us.example.com"},
		{Folder: []string{"Home"}, Name: "EU", Host: "home.example.com"},
		{Folder: []string{"Deep", "Inner"}, Name: "inner", Host: "inner.example.com"},
		{Name: "top", Host: "top.example.com"},
	} {
		sites[s.Name] = mustAdd(t, st, s)
	}
	for _, f := range [][]string{{"Work", "EU", "Old"}, {"Archive"}, {"Archive", "EU"}} {
		if err := st.AddFolder(f); err != nil {
			t.Fatal(err)
		}
	}
	return st, sites
}

func TestSiteStoreMoveFolder(t *testing.T) {
	tests := []struct {
		name        string
		path        []string
		newParent   []string
		wantErr     error
		wantFolders []string          // every folder afterwards, "/"-joined
		wantSites   map[string]string // site name -> its path afterwards
	}{
		{
			name: "subfolder to the top level, its sites and subfolders along",
			path: []string{"Work", "EU"}, newParent: nil,
			wantFolders: []string{"Archive", "Archive/EU", "Deep", "Deep/Inner", "EU", "EU/Old", "Home", "Work", "Work/US"},
			wantSites:   map[string]string{"prod": "EU/prod", "w": "Work/w", "us": "Work/US/us", "EU": "Home/EU"},
		},
		{
			name: "into a folder holding a site of the same name",
			path: []string{"Work", "EU"}, newParent: []string{"Home"},
			wantFolders: []string{"Archive", "Archive/EU", "Deep", "Deep/Inner", "Home", "Home/EU", "Home/EU/Old", "Work", "Work/US"},
			wantSites:   map[string]string{"prod": "Home/EU/prod", "EU": "Home/EU"},
		},
		{
			name: "top-level folder into an empty one",
			path: []string{"Work"}, newParent: []string{"Archive"},
			wantFolders: []string{"Archive", "Archive/EU", "Archive/Work", "Archive/Work/EU", "Archive/Work/EU/Old",
				"Archive/Work/US", "Deep", "Deep/Inner", "Home"},
			wantSites: map[string]string{"w": "Archive/Work/w", "prod": "Archive/Work/EU/prod", "top": "top"},
		},
		{
			name: "the folder it leaves stays, though empty",
			path: []string{"Deep", "Inner"}, newParent: nil,
			wantFolders: []string{"Archive", "Archive/EU", "Deep", "Home", "Inner", "Work", "Work/EU", "Work/EU/Old", "Work/US"},
			wantSites:   map[string]string{"inner": "Inner/inner"},
		},
		{
			name: "to its own parent: nothing changes",
			path: []string{"Work", "EU"}, newParent: []string{"Work"},
			wantFolders: []string{"Archive", "Archive/EU", "Deep", "Deep/Inner", "Home", "Work", "Work/EU", "Work/EU/Old", "Work/US"},
			wantSites:   map[string]string{"prod": "Work/EU/prod"},
		},
		{name: "into itself", path: []string{"Work"}, newParent: []string{"Work"}, wantErr: ErrFolderIntoItself},
		{name: "into its subfolder", path: []string{"Work"}, newParent: []string{"Work", "EU", "Old"}, wantErr: ErrFolderIntoItself},
		{name: "name taken by a folder", path: []string{"Work", "EU"}, newParent: []string{"Archive"}, wantErr: ErrFolderExists},
		{name: "name taken by an empty folder", path: []string{"Archive", "EU"}, newParent: []string{"Work"}, wantErr: ErrFolderExists},
		{name: "no such folder", path: []string{"Nope"}, newParent: nil, wantErr: ErrFolderNotFound},
		{name: "no such target", path: []string{"Work"}, newParent: []string{"Nope"}, wantErr: ErrFolderNotFound},
		{name: "the top level", path: nil, newParent: []string{"Home"}, wantErr: ErrInvalidSite},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, sites := folderFixture(t)
			beforeFolders, beforeSites := st.Folders(), st.Sites()
			err := st.MoveFolder(tt.path, tt.newParent)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("MoveFolder = %v, want %v", err, tt.wantErr)
				}
				// A refused move leaves everything as it was.
				if !slices.EqualFunc(st.Folders(), beforeFolders, slices.Equal) {
					t.Errorf("folders changed: %q", st.Folders())
				}
				if !slices.EqualFunc(st.Sites(), beforeSites, sameSite) {
					t.Errorf("sites changed: %+v", st.Sites())
				}
				return
			}
			if err != nil {
				t.Fatalf("MoveFolder: %v", err)
			}
			var folders []string
			for _, f := range st.Folders() {
				folders = append(folders, strings.Join(f, "/"))
			}
			if !slices.Equal(folders, tt.wantFolders) {
				t.Errorf("folders\n got %q\nwant %q", folders, tt.wantFolders)
			}
			for name, want := range tt.wantSites {
				got, err := st.Get(sites[name].ID)
				if err != nil || got.Path() != want {
					t.Errorf("site %s at %q (%v), want %q", name, got.Path(), err, want)
				}
			}
			if len(st.Sites()) != len(sites) {
				t.Errorf("%d sites after the move, want %d", len(st.Sites()), len(sites))
			}
		})
	}
}

// TestSiteStoreMoveFolderSaved checks that a moved folder, its sites (by
// ID) and the empty folders around it come back from sites.json.
func TestSiteStoreMoveFolderSaved(t *testing.T) {
	st, sites := folderFixture(t)
	if err := st.MoveFolder([]string{"Work", "EU"}, []string{"Archive", "EU"}); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	back, err := OpenSiteStore(strings.TrimSuffix(st.Path(), SitesFileName))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := back.Get(sites["prod"].ID); err != nil || got.Path() != "Archive/EU/EU/prod" {
		t.Errorf("prod reloaded at %q (%v)", got.Path(), err)
	}
	if !slices.EqualFunc(back.Folders(), st.Folders(), slices.Equal) {
		t.Errorf("folders reloaded %q, saved %q", back.Folders(), st.Folders())
	}
	if !slices.ContainsFunc(back.Folders(), func(f []string) bool { return slices.Equal(f, []string{"Archive", "EU", "EU", "Old"}) }) {
		t.Errorf("the empty subfolder did not move along: %q", back.Folders())
	}
}
