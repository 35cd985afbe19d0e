package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestSiteManagerDeleteSite deletes a site: the question shows its text
// on one line, not wrapped a few words a line in a narrow box, and once
// the site is gone the form shows none of its values, greyed out.
func TestSiteManagerDeleteSite(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	site := newSiteThroughUI(t, env, "gone.example", "alice", "")
	if sm.form.host.Text != "gone.example" {
		t.Fatalf("the new site's host shows as %q", sm.form.host.Text)
	}

	test.Tap(sm.remove)
	d := overlay(t, sm.win)
	var question *widget.Label
	for _, l := range findAll[*widget.Label](d) {
		if strings.Contains(l.Text, site.Name) {
			question = l
		}
	}
	if question == nil {
		t.Fatalf("the question does not name the site: %q", textIn(d))
	}
	want := fyne.MeasureText(question.Text, theme.TextSize(), fyne.TextStyle{}).Width
	if got := question.Size().Width; got < want {
		t.Errorf("the question's text has %v pixels for a line of %v: wrapped", got, want)
	}
	test.Tap(findButton(t, d, "Yes"))
	env.settle(t)

	if _, ok := siteOf(sm.selected); ok {
		t.Fatalf("a site is still selected: %q", sm.selected)
	}
	for name, e := range map[string]*widget.Entry{"host": &sm.form.host.Entry, "user": &sm.form.user.Entry} {
		if e.Text != "" || !e.Disabled() {
			t.Errorf("after the delete the %s field shows %q, disabled %v", name, e.Text, e.Disabled())
		}
	}
	if got := sm.form.protocol.Selected; got != "" {
		t.Errorf("after the delete the encryption shows %q", got)
	}
	if strings.Contains(sm.form.title.Text, site.Name) {
		t.Errorf("the form's title is still %q", sm.form.title.Text)
	}
}
