package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/listing"
)

// permBits are the nine rwx bits in "rwxr-xr-x" order.
func permBits() [9]uint32 {
	return [9]uint32{0o400, 0o200, 0o100, 0o040, 0o020, 0o010, 0o004, 0o002, 0o001}
}

// parsePerm reads "rwxr-xr-x" (or the 10-character form with a type
// letter) into a mode; ok is false when the text is not of that form.
func parsePerm(s string) (mode uint32, ok bool) {
	if len(s) == 10 {
		s = s[1:]
	}
	if len(s) != 9 {
		return 0, false
	}
	for i, b := range permBits() {
		switch s[i] {
		case '-':
		case 'r', 'w', 'x', 's', 't':
			mode |= b
		case 'S', 'T':
		default:
			return 0, false
		}
	}
	return mode, true
}

// chmodForm is the permissions dialog's content: a grid of check boxes
// for owner, group and others, kept in step with an octal field.
type chmodForm struct {
	checks [9]*dialogCheck
	octal  *dialogEntry
	sync   bool
}

func newChmodForm(mode uint32) *chmodForm {
	f := &chmodForm{octal: newDialogEntry()}
	for i, b := range permBits() {
		f.checks[i] = newDialogCheck("", func(bool) { f.fromChecks() })
		f.checks[i].Checked = mode&b != 0
	}
	f.octal.SetText(fmt.Sprintf("%03o", mode))
	f.octal.OnChanged = func(s string) { f.fromOctal(s) }
	f.octal.Validator = func(s string) error {
		if _, err := strconv.ParseUint(strings.TrimSpace(s), 8, 32); err != nil || len(strings.TrimSpace(s)) > 4 {
			return errors.New(lang.L("Not an octal mode"))
		}
		return nil
	}
	return f
}

// keys are the form's widgets that take the keyboard: the octal field
// and the tick boxes, which keep the focus a click gives them.
func (f *chmodForm) keys() []escapable {
	keys := []escapable{f.octal}
	for _, c := range f.checks {
		keys = append(keys, c)
	}
	return keys
}

func (f *chmodForm) mode() uint32 {
	var m uint32
	for i, b := range permBits() {
		if f.checks[i].Checked {
			m |= b
		}
	}
	return m
}

func (f *chmodForm) fromChecks() {
	if f.sync {
		return
	}
	f.sync = true
	f.octal.SetText(fmt.Sprintf("%03o", f.mode()))
	f.sync = false
}

func (f *chmodForm) fromOctal(s string) {
	if f.sync {
		return
	}
	n, err := strconv.ParseUint(strings.TrimSpace(s), 8, 32)
	if err != nil {
		return
	}
	f.sync = true
	for i, b := range permBits() {
		f.checks[i].SetChecked(uint32(n)&b != 0)
	}
	f.sync = false
}

func (f *chmodForm) content() fyne.CanvasObject {
	grid := container.NewGridWithColumns(4, widget.NewLabel(""), widget.NewLabel(lang.L("Read")),
		widget.NewLabel(lang.L("Write")), widget.NewLabel(lang.L("Execute")))
	who := []string{lang.L("Owner"), lang.L("Group"), lang.L("Others")}
	for r := range 3 {
		grid.Add(widget.NewLabel(who[r]))
		for c := range 3 {
			grid.Add(f.checks[r*3+c])
		}
	}
	return container.NewVBox(grid, widget.NewForm(widget.NewFormItem(lang.L("Numeric value"), f.octal)))
}

// askChmod shows the permissions dialog for remote entries and applies
// the mode with SITE CHMOD.
func (p *pane) askChmod(sel []listing.Entry) {
	r, ok := p.src.(*remoteSource)
	if !ok || len(sel) == 0 {
		return
	}
	mode, _ := parsePerm(sel[0].Perm)
	f := newChmodForm(mode)
	title := lang.X("chmod.title", "Permissions of “{{.Name}}”", map[string]any{"Name": sel[0].Name})
	if len(sel) > 1 {
		title = lang.X("chmod.many", "Permissions of {{.N}} items", map[string]any{"N": len(sel)})
	}
	at := p.capture()
	dir := at.dir
	d := newConfirmBox(title, lang.L("Apply"), lang.L("Cancel"), f.content(), func(ok bool) {
		if !ok {
			return
		}
		m := f.mode()
		p.runOpOn(at, lang.L("Cannot change permissions"), func(ctx context.Context, _ paneSource) error {
			var errs []error
			for _, e := range sel {
				if err := r.chmod(ctx, r.join(dir, e.Name), m); err != nil {
					errs = append(errs, err)
				}
			}
			return errors.Join(errs...)
		})
	}, p.mw.win)
	p.mw.modals.show(p.mw.win, d, nil, d.keys(f.keys()...)...)
}
