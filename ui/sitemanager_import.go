package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

func (sm *siteManager) onImport() {
	if err := sm.commit(); err != nil {
		sm.showError(err)
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			sm.showError(err)
			return
		}
		if r != nil {
			sm.importFrom(r.URI().Name(), r)
		}
	}, sm.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xml"}))
	sm.modals.showFileDialog(sm.win, d)
}

// importFile imports a FileZilla site list from a path.
func (sm *siteManager) importFile(path string) {
	f, err := os.Open(path)
	if err != nil {
		sm.showError(err)
		return
	}
	sm.importFrom(filepath.Base(path), f)
}

// importFrom reads a FileZilla site list on a goroutine and adds its
// sites (their passwords to the secret store), then has the list saved
// and shows what came across and what did not. A failure leaves the list
// as saved.
func (sm *siteManager) importFrom(name string, r io.ReadCloser) {
	store, secrets := sm.opt.Store, sm.opt.Secrets
	sm.importBtn.Disable()
	go func() {
		defer r.Close()
		res, err := profile.ImportFileZilla(r)
		var added []profile.Site
		var renamed []profile.ImportWarning
		if err == nil {
			if secrets == nil && len(res.Passwords) > 0 {
				res.Passwords = nil
				res.Warnings = append(res.Warnings, profile.ImportWarning{Site: name,
					Message: lang.L("passwords left out: there is no password store")})
			}
			for range maxMasterAttempts {
				added, renamed, err = store.AddImported(res, secrets)
				if !errors.Is(err, profile.ErrWrongMasterPassword) {
					break
				}
				_ = store.Load() // drop the half-done import before asking again
			}
			if err != nil {
				_ = store.Load()
			}
		}
		sm.do(func() {
			sm.importBtn.Enable()
			if err != nil {
				sm.showError(fmt.Errorf("%s: %w", name, err))
				return
			}
			sm.refreshTree()
			sm.tree.OpenAllBranches()
			// The sites are in the store already; the saver writes them
			// and the summary follows once they are on disk (a failed
			// write is reported, and the tree shows the list without them).
			_ = sm.saver.change(func() error { return nil }, func() {
				sm.showImportSummary(importSummary(name, added, res, renamed))
			})
		})
	}()
}

// importSummary says how many sites came across and lists, with their
// reasons, those that were skipped or changed on the way.
func importSummary(name string, added []profile.Site, res profile.ImportResult, renamed []profile.ImportWarning) string {
	var b strings.Builder
	b.WriteString(lang.L("Imported {{.Count}} sites from {{.File}}.", map[string]any{"Count": len(added), "File": name}))
	if len(res.Skipped) > 0 {
		b.WriteString("\n\n")
		b.WriteString(lang.L("Skipped {{.Count}}:", map[string]any{"Count": len(res.Skipped)}))
		for _, s := range res.Skipped {
			fmt.Fprintf(&b, "\n  • %s — %s", s.Path, s.Reason)
		}
	}
	notes := append(append([]profile.ImportWarning(nil), res.Warnings...), renamed...)
	if len(notes) > 0 {
		b.WriteString("\n\n")
		b.WriteString(lang.L("To check:"))
		for _, w := range notes {
			fmt.Fprintf(&b, "\n  • %s", w)
		}
	}
	return b.String()
}

func (sm *siteManager) showImportSummary(text string) {
	label := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	scroll := container.NewVScroll(label)
	scroll.SetMinSize(fyne.NewSize(520, 220))
	sm.modals.showClosing(sm.win, lang.L("Import from FileZilla"), lang.L("OK"), fyne.Size{}, scroll)
}

func (sm *siteManager) onExport() {
	if err := sm.commit(); err != nil {
		sm.showError(err)
		return
	}
	withPasswords := newDialogCheck(lang.L("Include the passwords"), nil)
	warning := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L(
		"FileZilla's format keeps passwords in clear text (base64). Leave them out unless the file stays private.")}
	b := newConfirmBox(lang.L("Export for FileZilla"), lang.L("Choose file…"), lang.L("Cancel"),
		container.NewVBox(warning, withPasswords), func(ok bool) {
			if !ok {
				return
			}
			d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
				if err != nil {
					sm.showError(err)
					return
				}
				if w != nil {
					sm.exportTo(w, withPasswords.Checked)
				}
			}, sm.win)
			d.SetFileName("sitemanager.xml")
			sm.modals.showFileDialog(sm.win, d)
		}, sm.win)
	b.Resize(fyne.NewSize(questionWidth, 0)) // the warning wraps at that width
	// Enter chooses the file and Escape cancels, from the tick box too
	// once a click gave it the focus.
	sm.modals.show(sm.win, b, nil, b.keys(withPasswords)...)
}

// exportFile writes every site to path in FileZilla's format, through
// the writer the save dialog gives.
func (sm *siteManager) exportFile(path string, withPasswords bool) {
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		sm.showError(err)
		return
	}
	sm.exportTo(w, withPasswords)
}

// exportTo writes the sites on a goroutine, since reading the passwords
// may take the keyring's time or the master password. An export with
// passwords into a local file does not go through w, which writes with
// the permissions Fyne chose (or kept, for a file that was there): it
// becomes a new file readable by the user only, renamed over w's.
func (sm *siteManager) exportTo(w fyne.URIWriteCloser, withPasswords bool) {
	sites, secrets := sm.opt.Store.Sites(), sm.opt.Secrets
	name, private := w.URI().Name(), ""
	if withPasswords && w.URI().Scheme() == "file" {
		private = w.URI().Path()
	}
	go func() {
		var passwords profile.SitePasswords
		var err error
		if withPasswords {
			for range maxMasterAttempts {
				if passwords, err = profile.ExportPasswords(sites, secrets); !errors.Is(err, profile.ErrWrongMasterPassword) {
					break
				}
			}
		}
		var data bytes.Buffer
		if err == nil {
			err = profile.ExportFileZilla(&data, sites, passwords)
		}
		if err == nil && private == "" {
			_, err = w.Write(data.Bytes())
		}
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err == nil && private != "" {
			err = profile.WritePrivateFile(private, data.Bytes())
		}
		sm.do(func() {
			if err != nil {
				sm.showError(fmt.Errorf("%s: %w", name, err))
				return
			}
			sm.modals.showMessage(sm.win, lang.L("Export for FileZilla"),
				lang.L("Exported {{.Count}} sites to {{.File}}.", map[string]any{"Count": len(sites), "File": name}), theme.InfoIcon())
		})
	}()
}
