package ui

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// askName asks for a name in a small form; submit's error keeps the
// dialog's outcome visible to the user.
func (sm *siteManager) askName(title, confirm, initial string, submit func(string) error) {
	entry := newDialogEntry()
	entry.SetText(initial)
	d := newFormBox(title, confirm, lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Name"), entry)},
		func(ok bool) {
			if !ok {
				return
			}
			name := strings.TrimSpace(entry.Text)
			if name == "" {
				sm.showError(&fieldError{lang.L("Name"), lang.L("The name cannot be empty.")})
				return
			}
			sm.showError(submit(name))
		}, sm.win)
	sm.modals.show(sm.win, d, nil, d.keys(entry)...)
	sm.win.Canvas().Focus(entry)
	entry.selectStem(true) // the whole name: typing replaces it
}

func (sm *siteManager) onNewSite() {
	if err := sm.commit(); err != nil {
		sm.showError(err)
		return
	}
	s := profile.Site{Name: lang.L("New site"), Folder: sm.targetFolder(),
		Protocol: ftpcore.TLSExplicitIfAvailable, Logon: profile.LogonNormal}
	var stored profile.Site
	err := sm.saver.change(func() (err error) {
		stored, err = sm.opt.Store.AddUnique(s)
		return err
	}, nil)
	if err != nil {
		sm.showError(err)
		return
	}
	sm.unnamed = stored.ID
	sm.refreshTree()
	sm.selectNode(siteID(stored.ID))
	sm.form.tabs.SelectIndex(0)
	sm.win.Canvas().Focus(sm.form.host)
}

func (sm *siteManager) folderExists(path []string) bool {
	return slices.ContainsFunc(sm.opt.Store.Folders(), func(f []string) bool { return slices.Equal(f, path) })
}

func (sm *siteManager) onNewFolder() {
	if err := sm.commit(); err != nil {
		sm.showError(err)
		return
	}
	parent := sm.targetFolder()
	sm.askName(lang.L("New folder"), lang.L("Create"), lang.L("New folder"), func(name string) error {
		path := append(slices.Clone(parent), name)
		if sm.folderExists(path) {
			return &fieldError{lang.L("Name"), lang.L("A folder of that name already exists here.")}
		}
		if err := sm.saver.change(func() error { return sm.opt.Store.AddFolder(path) }, nil); err != nil {
			return err
		}
		sm.refreshTree()
		sm.selectNode(folderID(path))
		return nil
	})
}

func (sm *siteManager) onRename() {
	if err := sm.commit(); err != nil {
		sm.showError(err)
		return
	}
	if _, ok := siteOf(sm.selected); ok {
		sm.askName(lang.L("Rename site"), lang.L("Rename"), sm.current.Name, func(name string) error {
			s := sm.current
			s.Name = name
			if err := sm.saver.change(func() error { return sm.opt.Store.Update(s) }, nil); err != nil {
				return err
			}
			sm.current = s
			if s.ID == sm.unnamed {
				sm.unnamed = "" // named by the user: the host no longer names it
			}
			sm.form.title.SetText(s.Path())
			sm.refreshTree()
			return nil
		})
		return
	}
	path, _ := folderPath(sm.selected)
	if len(path) == 0 {
		return
	}
	sm.askName(lang.L("Rename folder"), lang.L("Rename"), path[len(path)-1], func(name string) error {
		target := append(slices.Clone(path[:len(path)-1]), name)
		if slices.Equal(target, path) {
			return nil
		}
		if sm.folderExists(target) {
			return &fieldError{lang.L("Name"), lang.L("A folder of that name already exists here.")}
		}
		if err := sm.saver.change(func() error { return sm.opt.Store.RenameFolder(path, name) }, nil); err != nil {
			return err
		}
		sm.refreshTree()
		sm.selectNode(folderID(target))
		return nil
	})
}

func (sm *siteManager) onDuplicate() {
	id, ok := siteOf(sm.selected)
	if !ok {
		return
	}
	if err := sm.commit(); err != nil {
		sm.showError(err)
		return
	}
	var dup profile.Site
	err := sm.saver.change(func() (err error) {
		dup, err = sm.opt.Store.Duplicate(id)
		return err
	}, func() {
		// Once the copy is on disk: a failed save takes it away again.
		if dup.NeedsPassword() {
			sm.copyPassword(id, dup.ID)
		}
	})
	if err != nil {
		sm.showError(err)
		return
	}
	sm.refreshTree()
	sm.selectNode(siteID(dup.ID))
}

func (sm *siteManager) onDelete() {
	if id, ok := siteOf(sm.selected); ok {
		s := sm.current
		sm.ask(lang.L("Delete site"),
			lang.L("Delete the site “{{.Name}}”? Its saved password is deleted too.", map[string]any{"Name": s.Name}),
			func(yes bool) {
				if yes {
					sm.showError(sm.deleteSite(id, s))
				}
			})
		return
	}
	path, _ := folderPath(sm.selected)
	if len(path) == 0 {
		return
	}
	n := 0
	for _, s := range sm.opt.Store.Sites() {
		if len(s.Folder) >= len(path) && slices.Equal(s.Folder[:len(path)], path) {
			n++
		}
	}
	sm.ask(lang.L("Delete folder"),
		lang.L("Delete the folder “{{.Name}}” with everything in it ({{.Count}} sites)?",
			map[string]any{"Name": path[len(path)-1], "Count": n}),
		func(yes bool) {
			if yes {
				sm.showError(sm.deleteFolder(path))
			}
		})
}

// deleteSite removes a site; its password goes once the list without it
// is on disk, since a failed save brings the site back.
func (sm *siteManager) deleteSite(id string, s profile.Site) error {
	err := sm.saver.change(func() error { return sm.opt.Store.Remove(id) }, func() {
		if s.NeedsPassword() {
			sm.forgetPasswords([]string{id})
		}
	})
	if err != nil {
		return err
	}
	sm.dirty = false
	sm.refreshTree()
	sm.selectNode(folderID(s.Folder))
	return nil
}

func (sm *siteManager) deleteFolder(path []string) error {
	var ids []string
	err := sm.saver.change(func() (err error) {
		ids, err = sm.opt.Store.RemoveFolder(path)
		return err
	}, func() { sm.forgetPasswords(ids) })
	if err != nil {
		return err
	}
	sm.refreshTree()
	sm.selectNode(folderID(path[:len(path)-1]))
	return nil
}

// onMove asks where to move the selected site or folder: a site into any
// folder, a folder (with its sites and subfolders) into any folder but
// itself and its own subfolders.
func (sm *siteManager) onMove() {
	if err := sm.commit(); err != nil {
		sm.showError(err)
		return
	}
	if id, ok := siteOf(sm.selected); ok {
		folders := append([][]string{nil}, sm.opt.Store.Folders()...)
		sm.askFolder(lang.L("Move site"), folders, sm.current.Folder, func(f []string) error {
			return sm.moveSite(id, f)
		})
		return
	}
	path, _ := folderPath(sm.selected)
	if len(path) == 0 {
		return
	}
	sm.askFolder(lang.L("Move folder"), sm.folderTargets(path), path[:len(path)-1], func(f []string) error {
		return sm.moveFolder(path, f)
	})
}

// canMove reports whether the selection has somewhere to move to: for a
// site, any folder; for a folder, a place other than where it is.
func (sm *siteManager) canMove() bool {
	if _, ok := siteOf(sm.selected); ok {
		return len(sm.opt.Store.Folders()) > 0
	}
	path, ok := folderPath(sm.selected)
	return ok && len(path) > 0 && len(sm.folderTargets(path)) > 1
}

// folderTargets lists where the folder at path may go: the top level and
// every folder outside it (its current parent included).
func (sm *siteManager) folderTargets(path []string) [][]string {
	targets := [][]string{nil}
	for _, f := range sm.opt.Store.Folders() {
		if len(f) < len(path) || !slices.Equal(f[:len(path)], path) {
			targets = append(targets, f)
		}
	}
	return targets
}

// askFolder lets the user pick one of folders, current selected first,
// and hands the choice to submit.
func (sm *siteManager) askFolder(title string, folders [][]string, current []string, submit func([]string) error) {
	labels := make([]string, len(folders))
	for i, f := range folders {
		labels[i] = strings.Join(append([]string{lang.L("My Sites")}, f...), " / ")
	}
	pick := newDialogSelect(labels, nil)
	pick.SetSelectedIndex(slices.IndexFunc(folders, func(f []string) bool { return slices.Equal(f, current) }))
	d := newFormBox(title, lang.L("Move"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Folder"), pick)},
		func(ok bool) {
			if !ok || pick.SelectedIndex() < 0 {
				return
			}
			sm.showError(submit(folders[pick.SelectedIndex()]))
		}, sm.win)
	// Enter moves and Escape cancels, from the choice too once it was
	// used.
	sm.modals.show(sm.win, d, nil, d.keys(pick)...)
}

// moveFolder moves the folder at path into parent, saves, and selects it
// at its new place.
func (sm *siteManager) moveFolder(path, parent []string) error {
	err := sm.saver.change(func() error { return sm.opt.Store.MoveFolder(path, parent) }, nil)
	switch {
	case errors.Is(err, profile.ErrFolderExists):
		return &fieldError{lang.L("Folder"), lang.L("The destination already holds a folder of that name.")}
	case err != nil:
		return err
	}
	sm.refreshTree()
	sm.selectNode(folderID(append(slices.Clone(parent), path[len(path)-1])))
	return nil
}

func (sm *siteManager) moveSite(id string, folder []string) error {
	if err := sm.saver.change(func() error { return sm.opt.Store.Move(id, folder) }, nil); err != nil {
		return err
	}
	sm.refreshTree()
	sm.selectNode(siteID(id))
	return nil
}
