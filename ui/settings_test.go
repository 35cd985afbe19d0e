package ui

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

func TestSettingsValidation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(f *settingsForm)
		field string // expected in the problem list
	}{
		{"no concurrent transfers", func(f *settingsForm) { f.concurrent.SetText("0") }, "Concurrent transfers"},
		{"too many retries", func(f *settingsForm) { f.retries.SetText("100") }, "Retries"},
		{"timeout not a number", func(f *settingsForm) { f.connectTimeout.SetText("soon") }, "Connection timeout"},
		{"reply timeout too long", func(f *settingsForm) { f.replyTimeout.SetText("601") }, "Reply timeout"},
		{"keep-alive too short", func(f *settingsForm) { f.keepAlive.SetText("5") }, "Keep-alive interval"},
		{"half a port range", func(f *settingsForm) { f.portMin.SetText("50000") }, "Active-mode ports"},
		{"reversed port range", func(f *settingsForm) { f.portMin.SetText("50010"); f.portMax.SetText("50000") }, "Active-mode ports"},
		{"privileged ports", func(f *settingsForm) { f.portMin.SetText("20"); f.portMax.SetText("30") }, "Active-mode ports"},
		{"external address", func(f *settingsForm) { f.externalIP.SetText("my.router") }, "External address"},
		{"negative limit", func(f *settingsForm) { f.downLimit.SetText("-1") }, "Download limit"},
		{"log too small", func(f *settingsForm) { f.logLines.SetText("10") }, "Log size"},
		{"extension with a slash", func(f *settingsForm) { f.asciiExts.SetText("txt a/b") }, "ASCII extensions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := test.NewTempWindow(t, nil)
			store := profile.NewSettingsStore(t.TempDir())
			saved := 0
			sd := newSettingsDialog(w, store, func(profile.Settings) { saved++ })
			sd.dialog.Show()
			tt.edit(sd.form)
			test.Tap(sd.save)
			sd.saving.Wait()
			if !strings.Contains(sd.problems.Text, tt.field+":") {
				t.Errorf("problems = %q, want one about %s", sd.problems.Text, tt.field)
			}
			if saved != 0 {
				t.Error("onSaved called with invalid settings")
			}
			if _, err := os.Stat(store.Path()); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("settings file written despite the problems: %v", err)
			}
		})
	}
}

func TestSettingsSave(t *testing.T) {
	dir := t.TempDir()
	w := test.NewTempWindow(t, nil)
	store := profile.NewSettingsStore(dir)
	var got []profile.Settings
	sd := newSettingsDialog(w, store, func(s profile.Settings) { got = append(got, s) })
	sd.dialog.Show()
	f := sd.form
	f.dataMode.SetSelectedIndex(1)
	f.xferType.SetSelectedIndex(2)
	typeInto(w, f.concurrent, "4")
	typeInto(w, f.retries, "3")
	typeInto(w, f.retryWait, "2.5")
	f.downloadExists.SetSelectedIndex(4)
	f.uploadExists.SetSelectedIndex(6)
	typeInto(w, f.downLimit, "512")
	f.fxp.SetSelectedIndex(2)
	f.asciiExts.SetText(".txt, md\nhtml")
	f.asciiDotfiles.SetChecked(false)
	typeInto(w, f.connectTimeout, "15")
	typeInto(w, f.keepAlive, "30")
	typeInto(w, f.portMin, "50000")
	typeInto(w, f.portMax, "50100")
	typeInto(w, f.externalIP, "203.0.113.7")
	f.language.SetSelectedIndex(2)
	typeInto(w, f.logLines, "5000")
	test.Tap(sd.save)
	sd.saving.Wait()
	if sd.problems.Text != "" {
		t.Fatalf("problems: %s", sd.problems.Text)
	}
	if len(got) != 1 {
		t.Fatalf("onSaved called %d times", len(got))
	}
	reloaded, err := profile.OpenSettingsStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := reloaded.Settings()
	if s.DataMode != ftpcore.Active || s.TransferType != ftpcore.TypeBinary || s.ConcurrentTransfers != 4 ||
		s.Retries != 3 || s.RetryDelay != 2500*time.Millisecond || s.DownloadExists != queue.OverwriteResume ||
		s.UploadExists != queue.OverwriteSkip || s.DownloadLimit != 512*1024 || s.UploadLimit != 0 ||
		s.FXPFallback != ftpcore.RelayAuto || strings.Join(s.ASCIIExtensions, ",") != "txt,md,html" ||
		s.ASCIIDotfiles || s.ConnectTimeout != 15*time.Second || s.KeepAlive != 30*time.Second ||
		s.ActivePortMin != 50000 || s.ActivePortMax != 50100 || s.ActiveExternalIP != "203.0.113.7" ||
		s.Language != "fr" || s.LogLines != 5000 {
		t.Errorf("saved settings: %+v", s)
	}

	// Opening the dialog again shows what was saved.
	sd2 := newSettingsDialog(w, reloaded, nil)
	if sd2.form.concurrent.Text != "4" || sd2.form.externalIP.Text != "203.0.113.7" || sd2.form.language.SelectedIndex() != 2 {
		t.Errorf("reopened dialog: concurrent %q, external %q, language %d",
			sd2.form.concurrent.Text, sd2.form.externalIP.Text, sd2.form.language.SelectedIndex())
	}
	test.Tap(sd2.defaults)
	if sd2.form.concurrent.Text != "2" {
		t.Errorf("Restore defaults left concurrent transfers at %q", sd2.form.concurrent.Text)
	}
}

func TestSettingsCorruptFile(t *testing.T) {
	dir := t.TempDir()
	store := profile.NewSettingsStore(dir)
	if err := os.WriteFile(store.Path(), []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := store.Load(); !errors.Is(err, profile.ErrCorruptFile) {
		t.Fatalf("Load: %v", err)
	}
	w := test.NewTempWindow(t, nil)
	sd := newSettingsDialog(w, store, nil)
	sd.dialog.Show()
	test.Tap(sd.save)
	sd.saving.Wait()
	d := overlay(t, w)
	if !strings.Contains(textIn(d), store.Path()) {
		t.Errorf("corrupt-file dialog does not name the file: %q", textIn(d))
	}
	if data, _ := os.ReadFile(store.Path()); string(data) != "not json" {
		t.Errorf("the unreadable file was overwritten: %q", data)
	}
	test.Tap(findButton(t, d, "Start afresh"))
	test.Tap(sd.save)
	sd.saving.Wait()
	if _, err := profile.OpenSettingsStore(dir); err != nil {
		t.Errorf("after starting afresh and saving: %v", err)
	}
}

// TestCorruptFileDialogOwnsKeys checks the keys of the question put when
// settings.json cannot be read: Escape decides later (the file stays as
// it is), Enter restores the backup when there is one.
func TestCorruptFileDialogOwnsKeys(t *testing.T) {
	dir := t.TempDir()
	store := profile.NewSettingsStore(dir)
	good := []byte(`{"version":1,"concurrentTransfers":3}`)
	if err := os.WriteFile(store.Path()+".bak", good, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(store.Path(), []byte("not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := store.Load(); !errors.Is(err, profile.ErrCorruptFile) {
		t.Fatalf("Load: %v", err)
	}
	w := test.NewTempWindow(t, nil)
	sd := newSettingsDialog(w, store, nil)
	sd.dialog.Show()
	asked := func() fyne.CanvasObject {
		t.Helper()
		test.Tap(sd.save)
		sd.saving.Wait()
		d := overlay(t, w)
		if !strings.Contains(textIn(d), store.Path()) {
			t.Fatalf("no question about the damaged file: %q", textIn(d))
		}
		return d
	}
	d := asked()
	sd.modals.key(w, &fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() == d {
		t.Fatal("Escape left the question open")
	}
	if data, _ := os.ReadFile(store.Path()); string(data) != "not json" {
		t.Fatalf("Escape changed the damaged file: %q", data)
	}
	d = asked()
	sd.modals.key(w, &fyne.KeyEvent{Name: fyne.KeyReturn})
	if w.Canvas().Overlays().Top() == d {
		t.Fatal("Enter left the question open")
	}
	if data, _ := os.ReadFile(store.Path()); string(data) != string(good) {
		t.Fatalf("Enter did not restore the backup: settings.json is %q", data)
	}
	if got := store.Settings().ConcurrentTransfers; got != 3 {
		t.Fatalf("after restoring, %d concurrent transfers, want the backup's 3", got)
	}
}
