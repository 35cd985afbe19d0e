package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
)

// promptWindow returns the master-password window, the newest one.
func promptWindow(t *testing.T, a fyne.App) fyne.Window {
	t.Helper()
	ws := a.Driver().AllWindows()
	if len(ws) == 0 {
		t.Fatal("no window")
	}
	return ws[len(ws)-1]
}

// choosing starts saving a password with no passwords file yet, which
// opens the prompt to choose a master password.
type choosing struct {
	app  fyne.App
	dir  string
	loop *uiLoop
	p    *masterPrompt
	win  fyne.Window  // the prompt
	done <-chan error // the save's result
}

func startChoosing(t *testing.T) choosing {
	t.Helper()
	c := choosing{app: test.NewTempApp(t), dir: t.TempDir(), loop: newUILoop()}
	c.p = &masterPrompt{app: c.app, path: filepath.Join(c.dir, profile.SecretsFileName), do: c.loop.do}
	secrets := profile.NewEncryptedSecrets(c.dir, c.p.ask)
	done := make(chan error, 1)
	go func() { done <- secrets.Set("site-1", "pw-1") }()
	c.done = done
	c.loop.step(t)
	c.win = promptWindow(t, c.app)
	return c
}

func TestMasterPasswordPrompt(t *testing.T) {
	// First use: choose a password, twice. A short one and a mismatch are refused.
	c := startChoosing(t)
	a, dir, loop, p, w, done := c.app, c.dir, c.loop, c.p, c.win, c.done
	entries := findAll[*dialogEntry](w.Content())
	if len(entries) != 2 {
		t.Fatalf("choosing shows %d entries, want 2", len(entries))
	}
	ok := findButton(t, w.Content(), "OK")
	typeInto(w, entries[0], "short")
	typeInto(w, entries[1], "short")
	test.Tap(ok)
	if text := textIn(w.Content()); !strings.Contains(text, "at least 8 characters") {
		t.Errorf("short password: %q", text)
	}
	typeInto(w, entries[0], "first choice")
	typeInto(w, entries[1], "first chioce")
	test.Tap(ok)
	if text := textIn(w.Content()); !strings.Contains(text, "The two passwords differ") {
		t.Errorf("mismatch: %q", text)
	}
	typeInto(w, entries[1], "first choice")
	test.Tap(ok)
	if err := <-done; err != nil {
		t.Fatalf("Set after choosing: %v", err)
	}

	// Next session: enter it; a wrong one is said to be wrong, and asked again.
	p2 := &masterPrompt{app: a, path: p.path, do: loop.do}
	reopened := profile.NewEncryptedSecrets(dir, p2.ask)
	got := make(chan string, 1)
	go func() {
		var pw string
		var err error
		for range maxMasterAttempts {
			if pw, err = reopened.Get("site-1"); !errors.Is(err, profile.ErrWrongMasterPassword) {
				break
			}
		}
		if err != nil {
			pw = "error: " + err.Error()
		}
		got <- pw
	}()
	loop.step(t)
	w = promptWindow(t, a)
	entries = findAll[*dialogEntry](w.Content())
	if len(entries) != 1 {
		t.Fatalf("unlocking shows %d entries, want 1", len(entries))
	}
	if text := textIn(w.Content()); strings.Contains(text, "wrong") {
		t.Errorf("first prompt already says wrong: %q", text)
	}
	typeInto(w, entries[0], "not the one")
	test.Tap(findButton(t, w.Content(), "OK"))
	loop.step(t)
	w = promptWindow(t, a)
	if text := textIn(w.Content()); !strings.Contains(text, "The master password was wrong. Try again.") {
		t.Errorf("second prompt: %q", text)
	}
	typeInto(w, findAll[*dialogEntry](w.Content())[0], "first choice")
	test.Tap(findButton(t, w.Content(), "OK"))
	if pw := <-got; pw != "pw-1" {
		t.Errorf("Get = %q", pw)
	}
}

func TestMasterPasswordPromptCancel(t *testing.T) {
	c := startChoosing(t)
	test.Tap(findButton(t, c.win.Content(), "Cancel"))
	err := <-c.done
	if !errors.Is(err, ErrMasterPasswordCancelled) {
		t.Errorf("Set after Cancel: %v, want ErrMasterPasswordCancelled", err)
	}
	if msg := userMessage(err); !strings.Contains(msg, "master password is needed") {
		t.Errorf("message for the user: %q", msg)
	}
}

// TestMasterPasswordRuleShownWhileTyping: choosing a master password,
// the rule on its length is shown before anything is typed, OK waits
// until the password keeps to it, and the rule turns green then.
func TestMasterPasswordRuleShownWhileTyping(t *testing.T) {
	c := startChoosing(t)
	w, done := c.win, c.done
	var rule *widget.Label
	for _, l := range findAll[*widget.Label](w.Content()) {
		if strings.Contains(l.Text, "at least 8 characters") {
			rule = l
		}
	}
	if rule == nil {
		t.Fatalf("the rule is not shown before typing: %q", textIn(w.Content()))
	}
	ok := findButton(t, w.Content(), "OK")
	entries := findAll[*dialogEntry](w.Content())
	if !ok.Disabled() {
		t.Error("OK is enabled with no password typed")
	}
	typeInto(w, entries[0], "1234567")
	if !ok.Disabled() || rule.Importance == widget.SuccessImportance {
		t.Errorf("seven characters: OK disabled %v, rule's importance %v", ok.Disabled(), rule.Importance)
	}
	test.Type(entries[0], "8")
	if ok.Disabled() || rule.Importance != widget.SuccessImportance {
		t.Errorf("eight characters: OK disabled %v, rule's importance %v", ok.Disabled(), rule.Importance)
	}
	typeInto(w, entries[1], "12345678")
	test.Tap(ok)
	if err := <-done; err != nil {
		t.Fatalf("Set after choosing: %v", err)
	}
}

// TestSiteManagerDamagedPasswordFile: a damaged secrets.bin is not taken
// for a wrong master password: saving a password puts the file's state to
// the user (restore the backup, start afresh, decide later), and the
// backup put back gives the earlier passwords again.
func TestSiteManagerDamagedPasswordFile(t *testing.T) {
	env := newTestEnv(t)
	first := newSiteThroughUI(t, env, "one.example", "u", "pw-one")
	newSiteThroughUI(t, env, "two.example", "u", "pw-two") // the first file becomes the backup
	path := filepath.Join(env.dir, profile.SecretsFileName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	// The next start: a store that has not read the file yet.
	env.secrets = profile.NewEncryptedSecrets(env.dir, func() (string, error) { return testMaster, nil })
	env.sm.win.Close()
	env.open(t, nil)
	newSiteThroughUI(t, env, "three.example", "u", "pw-three")
	d := overlay(t, env.sm.win)
	if msg := textIn(d); !strings.Contains(msg, "could not read") || !strings.Contains(msg, "damaged") ||
		strings.Contains(msg, "wrong") {
		t.Fatalf("the dialog says %q", msg)
	}
	test.Tap(findButton(t, d, "Restore the backup"))
	if pw, err := env.secrets.Get(first.ID); err != nil || pw != "pw-one" {
		t.Errorf("after restoring the backup: %q, %v", pw, err)
	}
}
