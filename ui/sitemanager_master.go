package ui

import (
	"errors"
	"io/fs"
	"os"
	"sync"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// ErrMasterPasswordCancelled is returned by the master-password prompt
// when the user closes it without answering.
var ErrMasterPasswordCancelled = errors.New("ui: master password not given")

// MinMasterPasswordLength is the shortest master password the prompt
// accepts when the user chooses one: it is all that stands between a copied
// secrets file and every saved password.
const MinMasterPasswordLength = 8

// NewMasterPasswordPrompt returns the function to give ftpcore.OpenSecrets
// (or NewEncryptedSecrets) as its master-password source, for the
// encrypted file at secretsPath. When the file does not exist yet, the
// user chooses a password, typed twice; otherwise the user enters it, and
// is told plainly when the previous answer was wrong. The returned function
// blocks until the user answers, so it must be called off the UI goroutine
// — the stores call it from the goroutine doing the secret operation. It
// may be called from several goroutines.
func NewMasterPasswordPrompt(a fyne.App, secretsPath string) func() (string, error) {
	p := &masterPrompt{app: a, path: secretsPath, do: fyne.Do}
	return p.ask
}

// masterPrompt remembers whether it has already been answered: an
// encrypted store asks only until it is unlocked, so being asked again
// means the last answer did not open the file.
type masterPrompt struct {
	app  fyne.App
	path string
	do   func(func())

	mu       sync.Mutex // serialises prompts and guards answered
	answered bool
}

type masterAnswer struct {
	password string
	ok       bool
}

func (p *masterPrompt) ask() (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, err := os.Stat(p.path)
	choose := errors.Is(err, fs.ErrNotExist)
	retry := !choose && p.answered
	answer := make(chan masterAnswer, 1)
	p.do(func() { p.show(choose, retry, answer) })
	a := <-answer
	p.answered = a.ok && !choose
	if !a.ok {
		return "", ErrMasterPasswordCancelled
	}
	return a.password, nil
}

// show opens the prompt in its own window, since the secret operation that
// needs it may have started from any of Ferry's windows.
func (p *masterPrompt) show(choose, retry bool, answer chan<- masterAnswer) {
	w := p.app.NewWindow(lang.L("Ferry — Master password"))
	password, confirm := newDialogPasswordEntry(), newDialogPasswordEntry()
	problem := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	explain := lang.L("Enter the master password that protects your saved site passwords.")
	if choose {
		explain = lang.L("Ferry keeps your site passwords in a file encrypted with a master password. " +
			"Choose one now; it cannot be recovered if you forget it.")
	}
	if retry {
		problem.SetText(lang.L("The master password was wrong. Try again."))
	}
	var once sync.Once
	reply := func(a masterAnswer) {
		once.Do(func() {
			answer <- a
			w.Close()
		})
	}
	var rule *widget.Label // choosing: the rule on the length
	submit := func() {
		switch {
		case choose && utf8.RuneCountInString(password.Text) < MinMasterPasswordLength:
			// Enter with too short a password: the rule, shown under the
			// fields, turns red.
			rule.Importance = widget.DangerImportance
			rule.Refresh()
		case choose && password.Text != confirm.Text:
			problem.SetText(lang.L("The two passwords differ. Type the same one twice."))
			confirm.SetText("")
			w.Canvas().Focus(confirm)
		case password.Text == "":
			problem.SetText(lang.L("Enter the master password."))
		default:
			reply(masterAnswer{password: password.Text, ok: true})
		}
	}
	password.OnSubmitted = func(string) {
		if choose {
			w.Canvas().Focus(confirm)
			return
		}
		submit()
	}
	confirm.OnSubmitted = func(string) { submit() }
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Master password"), password)}
	if choose {
		items = append(items, widget.NewFormItem(lang.L("Repeat it"), confirm))
	}
	cancelled := func() { reply(masterAnswer{}) }
	ok := newDialogButton(lang.L("OK"), nil, widget.HighImportance, submit)
	cancel := newDialogButton(lang.L("Cancel"), nil, widget.MediumImportance, cancelled)
	// Escape cancels from the fields and the buttons too (after Tab),
	// which otherwise keep the key.
	password.onEscape, confirm.onEscape = cancelled, cancelled
	ok.setKeys(nil, cancelled)
	cancel.setKeys(nil, cancelled)
	// Choosing, the rule on the length is shown from the start and OK
	// waits until the password keeps to it: told only after OK, the rule
	// came as a surprise. The rule turns green once kept.
	if choose {
		rule = &widget.Label{Text: lang.L("Choose a password of at least {{.Min}} characters.",
			map[string]any{"Min": MinMasterPasswordLength}), Wrapping: fyne.TextWrapWord}
		followRule := func(string) {
			if utf8.RuneCountInString(password.Text) >= MinMasterPasswordLength {
				rule.Importance = widget.SuccessImportance
				ok.Enable()
			} else {
				rule.Importance = widget.MediumImportance
				ok.Disable()
			}
			rule.Refresh()
			problem.SetText("") // what was wrong is being changed
		}
		password.OnChanged = followRule
		followRule("")
	}
	w.SetCloseIntercept(cancelled)
	// Enter in a field answers (OnSubmitted); Escape anywhere cancels.
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			cancelled()
		case fyne.KeyReturn, fyne.KeyEnter:
			submit()
		}
	})
	parts := []fyne.CanvasObject{&widget.Label{Text: explain, Wrapping: fyne.TextWrapWord}, widget.NewForm(items...)}
	if rule != nil {
		parts = append(parts, rule)
	}
	parts = append(parts, problem, container.NewHBox(layout.NewSpacer(), cancel, ok))
	w.SetContent(container.NewPadded(container.NewVBox(parts...)))
	w.Resize(fyne.NewSize(460, 0))
	w.Show()
	w.Canvas().Focus(password)
}
