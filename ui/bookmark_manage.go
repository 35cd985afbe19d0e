package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// manageBookmarks lists every bookmark with its folders and server;
// Open (or Enter) opens the selected one, Edit changes it, Remove deletes
// it once the user confirms.
func (mw *mainWindow) manageBookmarks() {
	if mw.marks.store == nil {
		mw.showError(lang.L("Bookmarks"), noBookmarkStore())
		return
	}
	var marks []profile.Bookmark
	selected := -1
	list := newDialogList(func() int { return len(marks) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(mw.bookmarkLine(marks[i])) })
	var d dialog.Dialog
	open := newDialogButton(lang.L("Open"), theme.FolderOpenIcon(), widget.HighImportance, func() {
		if selected >= 0 && selected < len(marks) {
			d.Hide()
			mw.openBookmark(marks[selected])
		}
	})
	edit := newDialogButton(lang.L("Edit…"), theme.DocumentCreateIcon(), widget.MediumImportance, func() {
		if selected >= 0 && selected < len(marks) {
			mw.editBookmark(marks[selected])
		}
	})
	remove := newDialogButton(lang.L("Remove"), theme.DeleteIcon(), widget.DangerImportance, func() {
		if selected >= 0 && selected < len(marks) {
			mw.askRemoveBookmark(marks[selected])
		}
	})
	reload := func() {
		marks = mw.marks.store.All()
		selected = -1
		list.UnselectAll()
		list.Refresh()
		open.Disable()
		edit.Disable()
		remove.Disable()
	}
	list.OnSelected = func(i widget.ListItemID) {
		selected = i
		open.Enable()
		edit.Enable()
		remove.Enable()
	}
	reload()
	mw.marks.onChange = reload
	buttons := container.NewHBox(open, edit, remove)
	content := container.NewBorder(nil, buttons, nil, nil, list)
	cd := dialog.NewCustomWithoutButtons(lang.L("Manage bookmarks"), content, mw.win)
	d = cd
	closeButton := newDialogButton(lang.L("Close"), nil, widget.MediumImportance, d.Hide)
	cd.SetButtons([]fyne.CanvasObject{closeButton})
	d.Resize(fyne.NewSize(640, 380))
	m := mw.modals.show(mw.win, d, func() { open.Tapped(nil) }, list, open, edit, remove, closeButton)
	d.SetOnClosed(func() {
		mw.marks.onChange = nil
		mw.modals.closed(m)
	})
}

// bookmarkLine writes "Name: local /l, remote /r (server, synchronised
// browsing)"; the theme's font has no double arrow to pair them with.
func (mw *mainWindow) bookmarkLine(b profile.Bookmark) string {
	scope := lang.L("all servers")
	if b.Site != "" {
		scope = mw.serverLabel(b.Site)
	}
	if b.Linked {
		scope += ", " + lang.L("synchronised browsing")
	}
	return lang.X("bookmark.line", "{{.Name}}: local {{.Local}}, remote {{.Remote}} ({{.Scope}})",
		map[string]any{"Name": b.Name, "Local": orDash(b.LocalDir), "Remote": orDash(b.RemoteDir), "Scope": scope})
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
