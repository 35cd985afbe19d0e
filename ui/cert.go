package ui

import (
	"context"
	"crypto/sha1"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// CertDecision is the user's answer about a server certificate.
type CertDecision uint8

// The answers of the certificate dialog.
const (
	// CertReject cancels the connection.
	CertReject CertDecision = iota
	// CertTrustOnce goes on with this connection only.
	CertTrustOnce
	// CertTrustAlways goes on and remembers the certificate.
	CertTrustAlways
)

// String returns "reject", "once" or "always".
func (d CertDecision) String() string {
	switch d {
	case CertTrustOnce:
		return "once"
	case CertTrustAlways:
		return "always"
	}
	return "reject"
}

// AskCertificate shows a certificate the system could not verify — its
// fingerprints, validity, subject, issuer and the TLS session — and calls
// answer exactly once with the user's decision; closing the dialog any other
// way rejects it. With changed set, the dialog says in large red letters
// that the server's certificate is not the one trusted before. It must be
// called on the UI goroutine; answer runs there too.
func AskCertificate(parent fyne.Window, info ftpcore.CertInfo, changed bool, answer func(CertDecision)) {
	newCertDialog(parent, info, changed, time.Now(), answer).dialog.Show()
}

// CertTrustPrompt returns a ftpcore.Config.TrustCert for the server at addr
// ("host:port", as in Config.Addr): certificates that store trusts pass
// without a word, others go to AskCertificate on parent, and "always"
// answers are remembered in store (nil remembers nothing). The returned
// function blocks its caller, the session's goroutine, until the user
// answers or ctx ends, so it must not be called on the UI goroutine.
func CertTrustPrompt(parent fyne.Window, store *profile.CertStore, addr string) func(context.Context, ftpcore.CertInfo) (bool, error) {
	ask := certAsker{parent: func() fyne.Window { return parent }, do: fyne.Do}.decide
	return trustVia(store, addr, ask)
}

// trustVia puts ask behind store's memory of certificates trusted always.
func trustVia(store *profile.CertStore, addr string,
	ask func(context.Context, ftpcore.CertInfo, bool) (bool, bool, error)) func(context.Context, ftpcore.CertInfo) (bool, error) {
	if store == nil {
		return func(ctx context.Context, info ftpcore.CertInfo) (bool, error) {
			trust, _, err := ask(ctx, info, false)
			return trust, err
		}
	}
	return store.TrustFunc(addr, ask)
}

// certAsker turns the dialog's callback into a blocking call for the
// session's goroutine.
type certAsker struct {
	// parent gives the window to show the dialog on, asked when the
	// question comes: the one the user is looking at then.
	parent func() fyne.Window
	do     func(func())
	// show opens the dialog on win; nil shows it plainly. The main
	// window gives the dialog the keyboard (see modalOwner).
	show func(win fyne.Window, cd *certDialog)
}

func (a certAsker) decide(ctx context.Context, info ftpcore.CertInfo, changed bool) (trust, always bool, err error) {
	answer := make(chan CertDecision, 1)
	var cd *certDialog
	a.do(func() {
		win := a.parent()
		cd = newCertDialog(win, info, changed, time.Now(), func(d CertDecision) { answer <- d })
		if a.show != nil {
			a.show(win, cd)
		} else {
			cd.dialog.Show()
		}
	})
	select {
	case d := <-answer:
		return d != CertReject, d == CertTrustAlways, nil
	case <-ctx.Done():
		a.do(func() { cd.dialog.Hide() })
		return false, false, ctx.Err()
	}
}

// certDialog is the dialog's widgets, kept together for the tests.
type certDialog struct {
	dialog     *dialog.CustomDialog
	always     *dialogCheck
	ok, cancel *dialogButton
	// copies are the buttons that copy a fingerprint.
	copies []*dialogButton
	// enter is what the Enter key does: OK for an unknown certificate,
	// nothing for a changed one, where going on must take a deliberate
	// click on "Connect anyway".
	enter func()
}

func newCertDialog(parent fyne.Window, info ftpcore.CertInfo, changed bool, now time.Time, answer func(CertDecision)) *certDialog {
	cd := &certDialog{}
	var once sync.Once
	reply := func(d CertDecision) { once.Do(func() { answer(d) }) }
	cd.always = newDialogCheck(lang.L("Always trust this certificate in future sessions."), nil)
	cd.ok = newDialogButton(lang.L("OK"), nil, widget.HighImportance, nil)
	cd.cancel = newDialogButton(lang.L("Cancel"), nil, widget.MediumImportance, nil)
	title := lang.L("Unknown certificate")
	if changed {
		title = lang.L("The server's certificate has changed")
		cd.ok.Text = lang.L("Connect anyway")
		cd.ok.Importance = widget.DangerImportance
	}
	details := container.NewVScroll(container.NewVBox(cd.certDetails(info, now), certSession(info)))
	// The warning and the decision stay in view; only the details scroll.
	body := container.NewBorder(certHeader(info, changed),
		container.NewVBox(widget.NewLabel(lang.L("Trust the server certificate and carry on connecting?")), cd.always),
		nil, nil, details)
	cd.dialog = dialog.NewCustomWithoutButtons(title, body, parent)
	cd.ok.OnTapped = func() {
		d := CertTrustOnce
		if cd.always.Checked {
			d = CertTrustAlways
		}
		reply(d)
		cd.dialog.Hide()
	}
	cd.cancel.OnTapped = func() { reply(CertReject); cd.dialog.Hide() }
	cd.enter = cd.ok.OnTapped
	if changed {
		cd.enter = func() {}
	}
	cd.dialog.SetOnClosed(func() { reply(CertReject) })
	// Rejecting comes first, as the safe answer.
	cd.dialog.SetButtons([]fyne.CanvasObject{cd.cancel, cd.ok})
	cd.dialog.Resize(fyne.NewSize(640, 600))
	return cd
}

func certHeader(info ftpcore.CertInfo, changed bool) fyne.CanvasObject {
	if !changed {
		return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, &widget.Label{Wrapping: fyne.TextWrapWord,
			Text: lang.L("The server's certificate is unknown. Please carefully examine the certificate to make sure the server can be trusted.") +
				"\n" + lang.L("Compare the displayed fingerprint with the one you received from your server administrator or hosting provider.")})
	}
	alarm := canvas.NewText(lang.L("WARNING: THE CERTIFICATE HAS CHANGED"), theme.Color(theme.ColorNameError))
	alarm.TextStyle = fyne.TextStyle{Bold: true}
	alarm.TextSize = theme.TextHeadingSize()
	return container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()), nil, alarm),
		&widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance,
			Text: lang.L("{{.Host}} presents a different certificate from the one you chose to always trust. "+
				"The server may have been given a new certificate — or someone may be intercepting the connection "+
				"to read your password and files. Do not carry on unless you know the certificate was replaced.",
				map[string]any{"Host": info.Host})},
	)
}

func (cd *certDialog) certDetails(info ftpcore.CertInfo, now time.Time) fyne.CanvasObject {
	validity := &widget.Label{Text: lang.L("From {{.From}} to {{.To}}",
		map[string]any{"From": certTime(info.NotBefore), "To": certTime(info.NotAfter)})}
	switch {
	case now.After(info.NotAfter):
		validity.Text += "\n" + lang.L("Expired on {{.Date}}", map[string]any{"Date": certTime(info.NotAfter)})
		validity.Importance = widget.DangerImportance
	case now.Before(info.NotBefore):
		validity.Text += "\n" + lang.L("Not valid yet")
		validity.Importance = widget.DangerImportance
	}
	issuer := info.Issuer
	if issuer == info.Subject {
		issuer = lang.L("Same as subject, certificate is self-signed")
	}
	names := append(append([]string(nil), info.DNSNames...), info.IPs...)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Fingerprint (SHA-256)"), cd.fingerprint(splitFingerprint(ftpcore.Fingerprint(info.DER)))),
		widget.NewFormItem(lang.L("Fingerprint (SHA-1)"), cd.fingerprint(sha1Fingerprint(info.DER))),
		widget.NewFormItem(lang.L("Validity period"), validity),
		widget.NewFormItem(lang.L("Subject"), wrapped(info.Subject)),
	)
	if len(names) > 0 {
		form.Append(lang.L("Alternative names"), widget.NewLabel(strings.Join(names, "\n")))
	}
	form.Append(lang.L("Issuer"), wrapped(issuer))
	if info.VerifyError != "" {
		form.Append(lang.L("Why it is not trusted"), wrapped(info.VerifyError))
	}
	return widget.NewCard("", lang.L("Certificate"), form)
}

func certSession(info ftpcore.CertInfo) fyne.CanvasObject {
	return widget.NewCard("", lang.L("Session details"), widget.NewForm(
		widget.NewFormItem(lang.L("Host"), widget.NewLabel(info.Host)),
		widget.NewFormItem(lang.L("Protocol"), widget.NewLabel(info.TLSVersion)),
		widget.NewFormItem(lang.L("Cipher"), widget.NewLabel(info.Cipher)),
	))
}

// fingerprint shows a fingerprint with a button that copies it, to
// paste beside the one the server's administrator gave. (A selectable
// label, once clicked, kept Enter and Escape from the dialog.)
func (cd *certDialog) fingerprint(text string) fyne.CanvasObject {
	label := &widget.Label{Text: text, TextStyle: fyne.TextStyle{Monospace: true}}
	copyIt := newDialogButton("", theme.ContentCopyIcon(), widget.LowImportance, func() {
		fyne.CurrentApp().Clipboard().SetContent(strings.ReplaceAll(text, "\n", ""))
	})
	cd.copies = append(cd.copies, copyIt)
	return container.NewBorder(nil, nil, nil, container.NewVBox(copyIt), label)
}

// keys are the controls that must hand Enter and Escape to the dialog.
func (cd *certDialog) keys() []escapable {
	out := []escapable{cd.ok, cd.cancel, cd.always}
	for _, b := range cd.copies {
		out = append(out, b)
	}
	return out
}

func wrapped(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
}

func certTime(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05 MST") }

// splitFingerprint puts a SHA-256 fingerprint on two lines of 16 bytes,
// as FileZilla does, so that it can be read out and compared in halves.
func splitFingerprint(fp string) string {
	const half = 16*3 - 1
	if len(fp) <= half+1 {
		return fp
	}
	return fp[:half+1] + "\n" + fp[half+1:]
}

func sha1Fingerprint(der []byte) string {
	sum := sha1.Sum(der)
	parts := make([]string, len(sum))
	for i, c := range sum {
		parts[i] = fmt.Sprintf("%02X", c)
	}
	return strings.Join(parts, ":")
}
