package ui

import (
	"context"
	"errors"
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

// specialBits are set-user-ID, set-group-ID and sticky, shown by ls in
// the execute places of owner, group and others (s, S, t, T).
const specialBits = 0o7000

// parsePerm reads "rwxr-xr-x" (or the 10-character form with a type
// letter) into a mode, the special bits included ("rwsr-xr-x" is 4755);
// ok is false when the text is not of that form.
func parsePerm(s string) (mode uint32, ok bool) {
	if len(s) == 10 {
		s = s[1:]
	}
	if len(s) != 9 {
		return 0, false
	}
	special := func(i int) uint32 {
		switch i {
		case 2:
			return 0o4000
		case 5:
			return 0o2000
		case 8:
			return 0o1000
		}
		return 0
	}
	for i, b := range permBits() {
		switch s[i] {
		case '-':
		case 'r', 'w', 'x':
			mode |= b
		case 's', 't':
			mode |= b | special(i)
		case 'S', 'T':
			mode |= special(i)
		default:
			return 0, false
		}
	}
	return mode, true
}

// chmodForm is the permissions dialog's content: a grid of check boxes
// for owner, group and others, kept in step with an octal field. For
// several items whose permissions differ, a box some of them have is
// neither ticked nor clear, and an "x" stands for that digit in the
// octal field: left so, each item keeps its own, as in FileZilla. The
// special bits (set-user-ID, set-group-ID, sticky) have no box: each
// item keeps its own, unless the octal field is given four digits.
type chmodForm struct {
	checks [9]*dialogCheck
	octal  *dialogEntry
	mixed  bool // the items' permissions differ
	sync   bool
}

// newChmodForm shows the permissions the items (modes) have in common.
func newChmodForm(modes []uint32) *chmodForm {
	f := &chmodForm{octal: newDialogEntry()}
	all, any := uint32(0o7777), uint32(0)
	for _, m := range modes {
		all &= m
		any |= m
	}
	if len(modes) == 0 {
		all = 0
	}
	f.mixed = all != any
	for i, b := range permBits() {
		f.checks[i] = newDialogCheck("", func(bool) { f.fromChecks() })
		f.checks[i].Checked = all&b != 0
		f.checks[i].Partial = any&b != 0 && all&b == 0
	}
	text := f.digits()
	switch {
	case any&specialBits != all&specialBits:
		text = "x" + text
	case all&specialBits != 0:
		text = strconv.Itoa(int(all>>9)) + text
	}
	f.octal.SetText(text)
	f.octal.OnChanged = func(s string) { f.fromOctal(s) }
	f.octal.Validator = func(s string) error {
		if !validOctalMode(strings.TrimSpace(s)) {
			return errors.New(lang.L("Not an octal mode"))
		}
		return nil
	}
	return f
}

// validOctalMode reports whether s is three or four octal digits, each
// possibly an x (keep).
func validOctalMode(s string) bool {
	if len(s) != 3 && len(s) != 4 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '7') && c != 'x' && c != 'X' {
			return false
		}
	}
	return true
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

// apply returns the mode an item whose mode is base gets: the ticked
// bits, base's own where a box is neither ticked nor clear, and base's
// special bits unless the octal field gives a fourth digit.
func (f *chmodForm) apply(base uint32) uint32 {
	m := base & specialBits
	if s := strings.TrimSpace(f.octal.Text); len(s) == 4 && s[0] >= '0' && s[0] <= '7' {
		m = uint32(s[0]-'0') << 9
	}
	for i, b := range permBits() {
		switch c := f.checks[i]; {
		case c.Partial:
			m |= base & b
		case c.Checked:
			m |= b
		}
	}
	return m
}

// digits writes the boxes as three octal digits, an x for a group with
// a box neither ticked nor clear.
func (f *chmodForm) digits() string {
	var b strings.Builder
	bits := permBits()
	for g := range 3 {
		d, keep := uint32(0), false
		for k := range 3 {
			c := f.checks[g*3+k]
			keep = keep || c.Partial
			if c.Checked && !c.Partial {
				d |= bits[g*3+k] >> (3 * (2 - g))
			}
		}
		if keep {
			b.WriteByte('x')
		} else {
			b.WriteByte(byte('0' + d))
		}
	}
	return b.String()
}

func (f *chmodForm) fromChecks() {
	if f.sync {
		return
	}
	f.sync = true
	text := f.digits()
	if s := strings.TrimSpace(f.octal.Text); len(s) == 4 && validOctalMode(s) {
		text = s[:1] + text // the special bits typed stay
	}
	f.octal.SetText(text)
	f.sync = false
}

func (f *chmodForm) fromOctal(s string) {
	if f.sync {
		return
	}
	s = strings.TrimSpace(s)
	if !validOctalMode(s) {
		return
	}
	s = s[len(s)-3:]
	f.sync = true
	bits := permBits()
	for g := range 3 {
		for k := range 3 {
			c := f.checks[g*3+k]
			if s[g] == 'x' || s[g] == 'X' {
				c.Partial, c.Checked = true, false
				c.Refresh()
				continue
			}
			d := uint32(s[g]-'0') << (3 * (2 - g))
			c.SetChecked(d&bits[g*3+k] != 0)
		}
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
	box := container.NewVBox(grid, widget.NewForm(widget.NewFormItem(lang.L("Numeric value"), f.octal)))
	if f.mixed {
		hint := widget.NewLabel(lang.L("The items' permissions differ: a box neither ticked nor clear, or an x in the numeric value, keeps each item's own."))
		hint.Wrapping = fyne.TextWrapWord
		box.Add(hint)
	}
	return box
}

// askChmod shows the permissions dialog for remote entries and applies
// the mode with SITE CHMOD: to each entry, what the dialog sets, and its
// own permissions where the dialog leaves them.
func (p *pane) askChmod(sel []listing.Entry) {
	r, ok := p.src.(*remoteSource)
	if !ok || len(sel) == 0 {
		return
	}
	sel = append([]listing.Entry(nil), sel...)
	modes := make([]uint32, len(sel))
	for i, e := range sel {
		modes[i], _ = parsePerm(e.Perm)
	}
	f := newChmodForm(modes)
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
		to := make([]uint32, len(sel))
		for i := range sel {
			to[i] = f.apply(modes[i])
		}
		p.runOpOn(at, lang.L("Cannot change permissions"), func(ctx context.Context, _ paneSource) error {
			var errs []error
			for i, e := range sel {
				if err := r.chmod(ctx, r.join(dir, e.Name), to[i]); err != nil {
					errs = append(errs, err)
				}
			}
			return errors.Join(errs...)
		})
	}, p.mw.win)
	p.mw.modals.show(p.mw.win, d, nil, d.keys(f.keys()...)...)
}
