package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// uiLoop stands in for fyne.Do: work that goroutines hand to the UI
// waits in a queue until the test, which plays the UI goroutine, runs it.
// This keeps widgets on one goroutine, as in the real app.
type uiLoop struct{ q chan func() }

func newUILoop() *uiLoop { return &uiLoop{q: make(chan func(), 64)} }

func (l *uiLoop) do(f func()) { l.q <- f }

// step runs the next piece of UI work, waiting for it to arrive.
func (l *uiLoop) step(t *testing.T) {
	t.Helper()
	select {
	case f := <-l.q:
		f()
	case <-time.After(20 * time.Second):
		t.Fatal("no UI work arrived from the background")
	}
}

// objectsIn lists o and everything drawn inside it, widgets' parts too.
func objectsIn(o fyne.CanvasObject) []fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	out := []fyne.CanvasObject{o}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, objectsIn(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, objectsIn(c)...)
		}
	}
	return out
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, c := range objectsIn(o) {
		if b, ok := c.(*widget.Button); ok && b.Text == text {
			return b
		}
		if b, ok := c.(*dialogButton); ok && b.Text == text {
			return &b.Button
		}
	}
	t.Fatalf("no button %q in %s", text, textIn(o))
	return nil
}

func findAll[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	for _, c := range objectsIn(o) {
		if x, ok := c.(T); ok {
			out = append(out, x)
		}
	}
	return out
}

// textIn gathers every text shown inside o.
func textIn(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range objectsIn(o) {
		switch x := c.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		}
	}
	return b.String()
}

// overlay returns the dialog on top of w, failing when there is none.
func overlay(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	return top
}

// typeInto replaces an entry's text the way a user would: select all, type.
func typeInto(w fyne.Window, e interface {
	fyne.Focusable
	SetText(string)
}, text string) {
	w.Canvas().Focus(e)
	e.SetText("")
	// SetText leaves a selection made before (a name offered selected)
	// in place, emptied, and the first letter typed would only replace
	// it; a key that moves the cursor ends it, as the select-all would.
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(e, text)
}

const testMaster = "correct horse battery"

type testEnv struct {
	dir      string
	app      fyne.App
	store    *profile.SiteStore
	secrets  *profile.EncryptedSecrets
	settings *profile.SettingsStore
	loop     *uiLoop
	sm       *siteManager
	connects []testConnect
}

type testConnect struct {
	site  profile.Site
	cfg   ftpcore.Config
	right bool
}

// newTestEnv opens a site manager on an empty config folder, with the
// encrypted secret store under testMaster.
func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	env := &testEnv{dir: t.TempDir(), app: test.NewTempApp(t), loop: newUILoop()}
	var err error
	if env.store, err = profile.OpenSiteStore(env.dir); err != nil {
		t.Fatal(err)
	}
	env.secrets = profile.NewEncryptedSecrets(env.dir, func() (string, error) { return testMaster, nil })
	env.settings = profile.NewSettingsStore(env.dir)
	env.open(t, nil)
	return env
}

func (env *testEnv) open(t *testing.T, loadErr error) {
	env.sm = newSiteManager(env.app, SiteManagerOptions{
		Store: env.store, Secrets: env.secrets, Settings: env.settings, LoadError: loadErr,
		Connect: func(site profile.Site, cfg ftpcore.Config, right bool) {
			env.connects = append(env.connects, testConnect{site, cfg, right})
		},
	}, env.loop.do)
	sm := env.sm
	// The folder is removed after this: nothing may still be writing.
	t.Cleanup(func() { sm.saver.wait(); sm.secretWork.Wait() })
	env.sm.win.Resize(fyne.NewSize(1000, 620))
	env.sm.win.Show()
	env.sm.reportLoadError() // as showSiteManager does
}

// settle lets the background work of the site manager finish: the list
// written, the secret operations done, and what they hand to the UI run,
// until nothing is left.
func (env *testEnv) settle(t *testing.T) {
	t.Helper()
	for {
		env.sm.saver.wait()
		env.sm.secretWork.Wait()
		select {
		case f := <-env.loop.q:
			f()
		default:
			return
		}
	}
}

// reload reads the config folder afresh, as the next start of Ferry would,
// once the site manager has written what it has.
func (env *testEnv) reload(t *testing.T) (*profile.SiteStore, *profile.EncryptedSecrets) {
	t.Helper()
	env.settle(t)
	st, err := profile.OpenSiteStore(env.dir)
	if err != nil {
		t.Fatalf("reload sites: %v", err)
	}
	return st, profile.NewEncryptedSecrets(env.dir, func() (string, error) { return testMaster, nil })
}

func (env *testEnv) lookup(t *testing.T, ref string) profile.Site {
	t.Helper()
	s, err := env.store.Lookup(ref)
	if err != nil {
		t.Fatalf("Lookup(%q): %v", ref, err)
	}
	return s
}
