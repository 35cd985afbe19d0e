package ui

import (
	"errors"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// SiteManagerOptions is what the site manager works on.
type SiteManagerOptions struct {
	// Store holds the sites; the site manager saves it after every change,
	// in the background (see siteSaver).
	Store *profile.SiteStore
	// Secrets keeps the passwords; nil means passwords cannot be saved
	// (normal sites then log in with an empty one).
	Secrets profile.SecretStore
	// Settings supplies the defaults that the Config handed to Connect
	// starts from; nil means ftpcore.DefaultSettings.
	Settings *profile.SettingsStore
	// LoadError is what opening Store returned. A *ftpcore.CorruptFileError
	// is put to the user first, with the backup offered.
	LoadError error
	// Connect is called on the UI goroutine when the user connects a site:
	// cfg is ready to dial (password included) and rightPane says which
	// pane to connect. The site manager closes itself afterwards.
	Connect func(site profile.Site, cfg ftpcore.Config, rightPane bool)
}

// siteManager is one open site manager window. Its fields belong to the
// UI goroutine; work on the secret store runs on goroutines that come
// back through do.
type siteManager struct {
	opt   SiteManagerOptions
	win   fyne.Window
	do    func(func()) // runs a function on the UI goroutine (fyne.Do)
	saver *siteSaver   // writes Store off the UI goroutine
	// modals gives the keyboard to the dialogs open over the window:
	// Enter confirms, Escape cancels, the tree behind takes no key.
	modals *modalOwner
	form   *siteForm
	tree   *escTree
	snap   siteTree

	filter                                 *dialogEntry
	newSite, newFolder, rename, duplicate  *dialogButton
	move, remove, importBtn, exportBtn     *dialogButton
	connectLeft, connectRight, save, close *dialogButton

	selected string       // node ID of the tree's selection, "" for none
	current  profile.Site // the site being edited, when selected is a site
	// unnamed is the ID of a site made with New site and not renamed
	// yet: it takes its host's name when saved with one.
	unnamed   string
	dirty     bool // the form differs from current
	reverting bool // a refused selection is being put back
	closing   bool // the window closes once the list is written
	// afterClose runs once the window has closed (the app's own close
	// waits for the site manager's).
	afterClose []func()
	// secretWork counts the secret operations under way, so that tests
	// can wait for their reports.
	secretWork sync.WaitGroup
	// secretsBusy counts them too, on the UI goroutine, for
	// afterSecrets, whose functions wait in secretsThen.
	secretsBusy int
	secretsThen []func()
}

func newSiteManager(a fyne.App, opt SiteManagerOptions, do func(func())) *siteManager {
	sm := &siteManager{opt: opt, do: do, win: a.NewWindow(lang.L("Site Manager")), modals: newModalOwner()}
	sm.saver = newSiteSaver(opt.Store, do, sm.saveFailed)
	sm.form = newSiteForm(func() { sm.dirty = true })
	sm.filter = newFormEntry(lang.L("Find a site by name, host or user"), func(string) { sm.refreshTree() })
	sm.tree = &escTree{}
	sm.tree.ChildUIDs = func(uid string) []string { return sm.snap.children[uid] }
	sm.tree.IsBranch = func(uid string) bool { _, ok := folderPath(uid); return uid == "" || ok }
	sm.tree.CreateNode = func(bool) fyne.CanvasObject {
		return container.NewHBox(widget.NewIcon(theme.FolderIcon()), widget.NewLabel(""))
	}
	sm.tree.UpdateNode = func(uid string, branch bool, o fyne.CanvasObject) {
		row := o.(*fyne.Container)
		icon := theme.ComputerIcon()
		if branch {
			icon = theme.FolderIcon()
		}
		row.Objects[0].(*widget.Icon).SetResource(icon)
		row.Objects[1].(*widget.Label).SetText(sm.snap.labels[uid])
	}
	sm.tree.ExtendBaseWidget(sm.tree)
	sm.tree.OnSelected = sm.onSelected
	button := func(text string, icon fyne.Resource, tapped func()) *dialogButton {
		return newDialogButton(text, icon, widget.MediumImportance, tapped)
	}
	sm.newSite = button(lang.L("New site"), theme.ContentAddIcon(), sm.onNewSite)
	sm.newFolder = button(lang.L("New folder"), theme.FolderNewIcon(), sm.onNewFolder)
	sm.rename = button(lang.L("Rename"), nil, sm.onRename)
	sm.duplicate = button(lang.L("Duplicate"), theme.ContentCopyIcon(), sm.onDuplicate)
	sm.move = button(lang.L("Move to…"), nil, sm.onMove)
	sm.remove = button(lang.L("Delete"), theme.DeleteIcon(), sm.onDelete)
	sm.importBtn = button(lang.L("Import from FileZilla…"), theme.DownloadIcon(), sm.onImport)
	sm.exportBtn = button(lang.L("Export for FileZilla…"), theme.UploadIcon(), sm.onExport)
	sm.connectLeft = newDialogButton(lang.L("Connect in left pane"), nil, widget.HighImportance, func() { sm.connect(false) })
	sm.connectRight = newDialogButton(lang.L("Connect in right pane"), nil, widget.HighImportance, func() { sm.connect(true) })
	sm.save = button(lang.L("Save"), theme.DocumentSaveIcon(), sm.onSave)
	sm.close = button(lang.L("Close"), nil, sm.onClose)
	sm.win.SetCloseIntercept(sm.onClose)
	sm.installKeys()
	sm.win.SetContent(sm.layout())
	sm.win.Resize(fyne.NewSize(1000, 620))
	sm.refreshTree()
	sm.tree.OpenBranch(topFolderID)
	sm.tree.Select(topFolderID)
	return sm
}

// buttons are the window's buttons, in the order they are drawn.
func (sm *siteManager) buttons() []*dialogButton {
	return []*dialogButton{sm.newSite, sm.newFolder, sm.rename, sm.duplicate, sm.move, sm.remove,
		sm.importBtn, sm.exportBtn, sm.connectLeft, sm.connectRight, sm.save, sm.close}
}

func (sm *siteManager) layout() fyne.CanvasObject {
	buttons := container.NewGridWithColumns(2,
		sm.newSite, sm.newFolder, sm.rename, sm.duplicate, sm.move, sm.remove)
	transfer := container.NewGridWithColumns(1, sm.importBtn, sm.exportBtn)
	left := container.NewBorder(
		container.NewVBox(widget.NewLabel(lang.L("Select entry:")), sm.filter), // FileZilla's wording
		container.NewVBox(buttons, widget.NewSeparator(), transfer),
		nil, nil, sm.tree)
	split := container.NewHSplit(left, container.NewPadded(sm.form.content()))
	split.Offset = 0.38
	bottom := container.NewHBox(layout.NewSpacer(), sm.connectLeft, sm.connectRight, sm.save, sm.close)
	return container.NewBorder(nil, bottom, nil, nil, split)
}

// refreshTree takes a new snapshot of the store and keeps the selection
// when it still exists.
func (sm *siteManager) refreshTree() {
	sm.snap = buildSiteTree(sm.opt.Store.Sites(), sm.opt.Store.Folders(), sm.filter.Text, lang.L("My Sites"))
	if sm.filter.Text != "" {
		sm.tree.OpenAllBranches()
	}
	sm.tree.Refresh()
	if sm.selected != "" && !sm.snap.has(sm.selected) && !sm.dirty {
		sm.selectNode(topFolderID)
	}
}

// selectNode selects uid in the tree, opening the folders above it.
func (sm *siteManager) selectNode(uid string) {
	path, isFolder := folderPath(uid)
	if !isFolder {
		path = sm.snap.sites[uid].Folder
		sm.tree.OpenBranch(topFolderID)
	}
	for i := 0; i <= len(path); i++ {
		sm.tree.OpenBranch(folderID(path[:i]))
	}
	if sm.selected == uid {
		sm.loadSelection()
		return
	}
	sm.tree.Select(uid)
	sm.tree.ScrollTo(uid)
}

func (sm *siteManager) onSelected(uid string) {
	if sm.reverting || uid == sm.selected {
		return
	}
	if err := sm.commit(); err != nil {
		sm.showError(err)
		sm.reverting = true
		sm.tree.Select(sm.selected)
		sm.reverting = false
		return
	}
	sm.selected = uid
	sm.loadSelection()
}

// loadSelection shows the selected node in the form.
func (sm *siteManager) loadSelection() {
	s, isSite := sm.snap.sites[sm.selected]
	if !isSite {
		if id, ok := siteOf(sm.selected); ok {
			// Hidden by the filter but still selected: read it from the store.
			var err error
			if s, err = sm.opt.Store.Get(id); err == nil {
				isSite = true
			}
		}
	}
	sm.dirty = false
	if isSite {
		sm.current = s
		sm.form.load(s)
		sm.form.setEnabled(true)
	} else {
		// No site's values may stay shown (a site just deleted left its
		// own in the form): the form is emptied, then greyed out.
		sm.current = profile.Site{}
		sm.form.clear()
		sm.form.setEnabled(false)
	}
	sm.updateButtons()
}

func (sm *siteManager) updateButtons() {
	_, isSite := siteOf(sm.selected)
	path, isFolder := folderPath(sm.selected)
	realFolder := isFolder && len(path) > 0
	enable := func(b *dialogButton, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(sm.rename, isSite || realFolder)
	enable(sm.remove, isSite || realFolder)
	enable(sm.duplicate, isSite)
	enable(sm.move, sm.canMove())
	enable(sm.connectLeft, isSite && sm.opt.Connect != nil)
	enable(sm.connectRight, isSite && sm.opt.Connect != nil)
	enable(sm.save, isSite)
}

// targetFolder is where new sites and folders go: the selected folder, or
// the folder of the selected site.
func (sm *siteManager) targetFolder() []string {
	if path, ok := folderPath(sm.selected); ok {
		return path
	}
	if _, ok := siteOf(sm.selected); ok {
		return append([]string(nil), sm.current.Folder...)
	}
	return nil
}

// commit stores the form's values into the selected site and has the
// list saved; the password goes to the secret store in the background.
func (sm *siteManager) commit() error {
	if !sm.dirty {
		return nil
	}
	s, err := sm.form.read(sm.current)
	if err != nil {
		return err
	}
	if s.ID == sm.unnamed && s.Host != "" {
		// "New site" says nothing in the list: a site not named yet is
		// called after its host, until the user renames it.
		s.Name = sm.opt.Store.FreeName(s, s.Host)
	}
	typed := sm.form.password.Text
	if sm.form.pwChanged && typed != "" && s.NeedsPassword() && sm.opt.Secrets == nil {
		return &fieldError{lang.L("Password"), lang.L("There is no password store, so the password cannot be saved.")}
	}
	prev := sm.current
	var after func()
	if prev.NeedsPassword() && !s.NeedsPassword() {
		// "Ask for password" and anonymous sites keep none, once that is
		// on disk: a failed save brings the old logon type back.
		after = func() { sm.forgetPasswords([]string{s.ID}) }
	}
	if err := sm.saver.change(func() error { return sm.opt.Store.Update(s) }, after); err != nil {
		return err
	}
	sm.current, sm.dirty = s, false
	if s.ID == sm.unnamed {
		sm.form.title.SetText(s.Path())
	}
	if sm.form.pwChanged && s.NeedsPassword() {
		sm.storePassword(s, typed)
	}
	sm.form.pwChanged = false
	sm.refreshTree()
	return nil
}

// saveFailed runs when the site list could not be written: the store is
// back to what the file holds, and so are the tree and the form. A file
// that could not be read when it was opened is put to the user instead of
// being overwritten.
func (sm *siteManager) saveFailed(err error) {
	sm.closing, sm.afterClose = false, nil
	sm.dirty = false
	sm.refreshTree()
	sm.loadSelection()
	var corrupt *profile.CorruptFileError
	if errors.As(err, &corrupt) {
		sm.offerRecovery(corrupt)
		return
	}
	sm.modals.showMessage(sm.win, lang.L("Error"), lang.L("The site list could not be saved, so the last changes were undone.")+
		"\n"+err.Error(), theme.ErrorIcon())
}

func (sm *siteManager) onSave() {
	if err := sm.commit(); err != nil {
		sm.showError(err)
	}
}

func (sm *siteManager) onClose() { sm.closeThen(nil) }

// closeThen stores the form, waits until the list is written and closes
// the window, then runs next (when not nil). When the list cannot be
// written the window stays open, showing the error and what is on disk.
func (sm *siteManager) closeThen(next func()) {
	if next != nil {
		sm.afterClose = append(sm.afterClose, next)
	}
	if sm.closing {
		return
	}
	finish := func() {
		sm.closing = true
		sm.saver.flush(func(err error) {
			if err != nil || !sm.closing {
				return // saveFailed has shown it
			}
			sm.win.Close()
			after := sm.afterClose
			sm.afterClose = nil
			for _, f := range after {
				f()
			}
		})
	}
	err := sm.commit()
	if err == nil {
		finish()
		return
	}
	sm.ask(lang.L("Discard changes?"),
		lang.L("The changes to this site cannot be saved:")+"\n"+userMessage(err)+"\n\n"+
			lang.L("Close the site manager and discard them?"),
		func(discard bool) {
			if discard {
				finish()
			} else {
				sm.afterClose = nil
			}
		})
}

// errShown is returned by steps that already told the user what went
// wrong, so that their caller stops quietly.
var errShown = errors.New("ui: already reported")

// showError tells the user what went wrong, in their words.
func (sm *siteManager) showError(err error) {
	if err == nil || errors.Is(err, errShown) || offerSecretsRecovery(sm.modals, sm.win, sm.opt.Secrets, err) {
		return
	}
	sm.modals.showMessage(sm.win, lang.L("Error"), userMessage(err), theme.ErrorIcon())
}

// userMessage turns an error of the stores into a sentence for the user;
// the engine's own text follows when no better one is known. Errors of
// the stores never hold a password.
func userMessage(err error) string {
	var fe *fieldError
	switch {
	case errors.As(err, &fe):
		return fe.Field + ": " + fe.Message
	case errors.Is(err, profile.ErrSiteExists):
		return lang.L("A site of that name already exists in this folder.")
	case errors.Is(err, profile.ErrWrongMasterPassword):
		return lang.L("The master password is wrong.")
	case errors.Is(err, ErrMasterPasswordCancelled), errors.Is(err, profile.ErrNoMasterPassword):
		return lang.L("A master password is needed to read or save passwords.")
	case errors.Is(err, profile.ErrInvalidSite):
		var ie *profile.InvalidSiteError
		if errors.As(err, &ie) {
			return lang.L("This site cannot be saved ({{.Field}}: {{.Reason}}).",
				map[string]any{"Field": ie.Field, "Reason": ie.Reason})
		}
	}
	return lang.L("Something went wrong: {{.Error}}", map[string]any{"Error": err.Error()})
}

// ask puts a yes/no question over the site manager's window; the answer
// reaches callback once, false for every way of closing but Yes. It is
// the main window's question box: a text that always wrapped asked for
// no width, and "Delete the site …?" was drawn a few words a line.
func (sm *siteManager) ask(title, message string, callback func(bool)) {
	b := newQuestionBox(title, message, callback, sm.win)
	sm.modals.show(sm.win, b, nil, b.keys()...)
}
