package ui

import (
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// editBookmark opens a bookmark from Manage bookmarks in a form: its
// name, its two folders and whether it turns synchronised browsing on.
// Its scope (all servers, or one server) stays. Save writes the change
// off the UI goroutine; Enter saves and Escape cancels.
func (mw *mainWindow) editBookmark(b profile.Bookmark) {
	name, localDir, remoteDir := newDialogEntry(), newDialogEntry(), newDialogEntry()
	name.SetText(b.Name)
	localDir.SetText(b.LocalDir)
	remoteDir.SetText(b.RemoteDir)
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Give the bookmark a name."))
		}
		return nil
	}
	localDir.Validator = func(s string) error {
		if s != "" && !filepath.IsAbs(s) {
			return errors.New(lang.L("Give a full path, or leave it empty."))
		}
		return nil
	}
	remoteDir.Validator = func(s string) error {
		if s != "" && !strings.HasPrefix(s, "/") {
			return errors.New(lang.L("Give a path that starts with /, or leave it empty."))
		}
		return nil
	}
	linked := newDialogCheck(lang.L("Synchronised browsing"), nil)
	linked.SetChecked(b.Linked)
	scope := lang.L("all servers")
	if b.Site != "" {
		scope = mw.serverLabel(b.Site)
	}
	d := newFormBox(lang.L("Edit bookmark"), lang.L("Save"), lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Local folder"), localDir),
		widget.NewFormItem(lang.L("Remote folder"), remoteDir),
		widget.NewFormItem(lang.L("Applies to"), widget.NewLabel(scope)),
		widget.NewFormItem("", linked),
	}, func(ok bool) {
		if !ok {
			return
		}
		edited := profile.Bookmark{Name: name.Text, Site: b.Site, LocalDir: localDir.Text,
			RemoteDir: remoteDir.Text, Linked: linked.Checked}
		mw.saveBookmark(func(s *profile.BookmarkStore) error { return s.Replace(b.Site, b.Name, edited) })
	}, mw.win)
	d.Resize(fyne.NewSize(560, 0))
	mw.modals.show(mw.win, d, nil, d.keys(name, localDir, remoteDir, linked)...)
	mw.win.Canvas().Focus(name)
}

// askRemoveBookmark asks before deleting a bookmark; Enter deletes it,
// Escape keeps it.
func (mw *mainWindow) askRemoveBookmark(b profile.Bookmark) {
	msg := lang.X("bookmark.remove", "Remove the bookmark “{{.Name}}”?", map[string]any{"Name": b.Name})
	d := newQuestionBox(lang.L("Remove bookmark"), msg, func(ok bool) {
		if ok {
			mw.saveBookmark(func(s *profile.BookmarkStore) error { return s.Remove(b.Site, b.Name) })
		}
	}, mw.win)
	mw.modals.show(mw.win, d, nil, d.keys()...)
}
