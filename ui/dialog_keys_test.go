package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

// The house rule: while a dialog is open it owns the keyboard, Enter
// confirms and Escape cancels, whatever control inside it has the focus.
// A click on a tick box, a choice or a radio button gives that control
// the focus, and the driver then hands it every key: these tests click
// first, then type the key as the driver does (to the focused object).

// tickBox is a tick box as the tests see it, whatever its kind.
type tickBox struct {
	tap fyne.Tappable
	*widget.Check
}

// tickBoxesIn returns the tick boxes in o, in the order they are drawn.
func tickBoxesIn(o fyne.CanvasObject) []tickBox {
	var out []tickBox
	for _, c := range objectsIn(o) {
		switch x := c.(type) {
		case *widget.Check:
			out = append(out, tickBox{x, x})
		case *dialogCheck:
			out = append(out, tickBox{x, &x.Check})
		}
	}
	return out
}

// tickBoxIn returns the tick box labelled text in o.
func tickBoxIn(t *testing.T, o fyne.CanvasObject, text string) tickBox {
	t.Helper()
	for _, c := range tickBoxesIn(o) {
		if c.Text == text {
			return c
		}
	}
	t.Fatalf("no tick box %q among the dialog's %d", text, len(tickBoxesIn(o)))
	return tickBox{}
}

// dropDown is a drop-down as the tests see it, whatever its kind.
type dropDown struct {
	tap fyne.Tappable
	*widget.Select
}

// choicesIn returns the drop-downs in o, in the order they are drawn.
func choicesIn(o fyne.CanvasObject) []dropDown {
	var out []dropDown
	for _, c := range objectsIn(o) {
		switch x := c.(type) {
		case *widget.Select:
			out = append(out, dropDown{x, x})
		case *dialogSelect:
			out = append(out, dropDown{x, &x.Select})
		}
	}
	return out
}

// clickFocuses taps o as the mouse does and checks that it took the
// focus of c, without which the test would check nothing.
func clickFocuses(t *testing.T, c fyne.Canvas, o fyne.Tappable) {
	t.Helper()
	test.Tap(o)
	if f, ok := c.Focused().(fyne.Tappable); !ok || f != o {
		t.Fatalf("a click on %T gave it no focus (%T has it): this test checks nothing", o, c.Focused())
	}
}

// pickWithMouse opens s's list with a click and clicks its option i, as
// a user choosing with the mouse; s keeps the focus.
func pickWithMouse(t *testing.T, c fyne.Canvas, s dropDown, i int) {
	t.Helper()
	test.Tap(s.tap) // the list, on top, has the focus while open
	menu := c.Overlays().Top()
	var item fyne.Tappable
	for _, o := range objectsIn(menu) {
		if tp, ok := o.(fyne.Tappable); ok && fmt.Sprintf("%T", o) == "*widget.menuItem" && textIn(o) == s.Options[i]+"\n" {
			item = tp
		}
	}
	if item == nil {
		t.Fatalf("no option %q in the open list: %q", s.Options[i], textIn(menu))
	}
	test.Tap(item)
	if s.SelectedIndex() != i {
		t.Fatalf("the click chose %q, want %q", s.Selected, s.Options[i])
	}
	if f, ok := c.Focused().(fyne.Tappable); !ok || f != s.tap {
		t.Fatalf("after the choice %T has the focus, not the choice: this test checks nothing", c.Focused())
	}
}

// TestAddBookmarkKeysAfterClicks: in Add bookmark, a click on the
// "Synchronised browsing" tick box, then Escape cancels, and Enter adds
// the bookmark (ticked).
func TestAddBookmarkKeysAfterClicks(t *testing.T) {
	cfgDir, localDir := t.TempDir(), t.TempDir()
	h := newHarnessWithConfig(t, localDir, cfgDir)
	open := func() {
		t.Helper()
		h.menuAction("Bookmarks", "Add bookmark…").Action()
		h.runTasks()
		test.Type(h.win.Canvas().Focused().(fyne.Focusable), "Mine")
		clickFocuses(t, h.win.Canvas(), tickBoxIn(t, overlay(t, h.win), "Synchronised browsing").tap)
	}

	open()
	h.typeKey(fyne.KeyEscape)
	if h.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape after a click on the tick box left Add bookmark open")
	}
	if n := len(h.mw.marks.store.All()); n != 0 {
		t.Fatalf("Escape added %d bookmarks", n)
	}

	open()
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the bookmark added", func() bool { return len(h.mw.marks.store.All()) == 1 })
	if b := h.mw.marks.store.All()[0]; b.Name != "Mine" || !b.Linked {
		t.Errorf("added %+v, want Mine with synchronised browsing", b)
	}
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("Enter left Add bookmark open")
	}
}

// TestEditBookmarkKeysAfterClicks: in Edit bookmark, a click on the tick
// box, then Escape leaves the bookmark as it was; Enter saves it.
func TestEditBookmarkKeysAfterClicks(t *testing.T) {
	cfgDir, localDir := t.TempDir(), t.TempDir()
	store, err := profile.OpenBookmarks(cfgDir)
	if err != nil {
		t.Fatal(err)
	}
	b := profile.Bookmark{Name: "Logs", RemoteDir: "/var/log"}
	if err := store.Add(b); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWithConfig(t, localDir, cfgDir)
	open := func() {
		t.Helper()
		h.mw.editBookmark(h.mw.marks.store.All()[0])
		clickFocuses(t, h.win.Canvas(), tickBoxIn(t, overlay(t, h.win), "Synchronised browsing").tap)
	}

	open()
	h.typeKey(fyne.KeyEscape)
	if h.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape after a click on the tick box left Edit bookmark open")
	}
	h.runTasks()
	if h.mw.marks.store.All()[0].Linked {
		t.Fatal("Escape saved the bookmark")
	}

	open()
	h.typeKey(fyne.KeyReturn)
	h.waitFor("the bookmark saved", func() bool { return h.mw.marks.store.All()[0].Linked })
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("Enter left Edit bookmark open")
	}
}

// TestSearchKeysAfterClicks: in Search files, a click on a result's tick,
// then Escape closes the dialog; Enter searches again, as it does from
// the fields.
func TestSearchKeysAfterClicks(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, dir)
	h.mw.setActive(h.mw.panes[0])
	h.waitFor("the folder listed", func() bool { return h.mw.panes[0].dir == dir && h.mw.panes[0].busy.Hidden })
	search := func() *searchView {
		t.Helper()
		sv := h.mw.openSearch()
		if sv == nil {
			t.Fatal("no search dialog")
		}
		sv.pattern.SetText("*.txt")
		sv.start()
		h.waitFor("the results", func() bool { return sv.done && len(sv.results) == 2 })
		sv.list.Refresh()
		ticks := tickBoxesIn(sv.list)
		if len(ticks) == 0 {
			t.Fatal("no result's tick shown")
		}
		clickFocuses(t, h.win.Canvas(), ticks[0].tap)
		if !slices.Contains(sv.ticked, true) {
			t.Fatal("the click ticked no result")
		}
		return sv
	}

	search()
	h.typeKey(fyne.KeyEscape)
	if h.mw.modals.top(h.win) != nil {
		t.Fatal("Escape after a click on a result's tick left Search files open")
	}

	sv := search()
	gen := sv.gen
	h.typeKey(fyne.KeyReturn)
	if sv.gen != gen+1 {
		t.Fatal("Enter after a click on a result's tick did not search")
	}
	h.waitFor("the search again", func() bool { return sv.done })
	sv.dlg.Hide()
}

// TestSyncKeysAfterClicks: in Synchronise folders, a direction chosen
// with the mouse, then Enter runs the plan; Enter after a click on a
// row's tick runs it too, and Escape after a click closes the preview.
func TestSyncKeysAfterClicks(t *testing.T) {
	local, srv, _ := syncTrees(t)
	h := newHarness(t, filepath.Join(local, "newdir"))
	left := h.mw.panes[0]
	h.connect(srv, "ferry", "s3cret", 1)
	h.mw.setActive(left)
	c := h.win.Canvas()

	sp := h.mw.openSync()
	waitPlan(h, sp)
	pickWithMouse(t, c, dropDown{sp.direction, &sp.direction.Select}, 0)
	waitPlan(h, sp)
	h.typeKey(fyne.KeyReturn)
	if h.mw.modals.top(h.win) != nil {
		t.Fatal("Enter after choosing the direction with the mouse did not run the plan")
	}
	if done, failed := h.queueSettled(1); len(failed) != 0 || len(done) == 0 {
		t.Fatalf("the plan run: %d done, %d failed", len(done), len(failed))
	}

	rowTick := func(sp *syncPreview) *dialogCheck {
		t.Helper()
		sp.list.Refresh()
		for _, r := range sp.rows { // one drawn in the list
			if r.check.Visible() && !r.check.Disabled() && r.path.Text != "" && !r.check.Size().IsZero() {
				return r.check
			}
		}
		t.Fatal("no row's tick shown")
		return nil
	}
	// Something to copy again, so that the plan has a row to tick.
	write := func(name string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(local, "newdir", name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("again1.txt")
	sp = h.mw.openSync()
	waitPlan(h, sp)
	clickFocuses(t, c, rowTick(sp))
	h.typeKey(fyne.KeyEscape)
	if h.mw.modals.top(h.win) != nil {
		t.Fatal("Escape after a click on a row's tick left the preview open")
	}

	write("again2.txt")
	sp = h.mw.openSync()
	waitPlan(h, sp)
	tick := rowTick(sp)
	clickFocuses(t, c, tick)
	if !tick.Checked {
		clickFocuses(t, c, tick) // ticked again: the row runs
	}
	waitPlan(h, sp)
	h.typeKey(fyne.KeyReturn)
	if h.mw.modals.top(h.win) != nil {
		t.Fatal("Enter after a click on a row's tick did not run the plan")
	}
	h.waitFor("the plan run again", func() bool {
		_, err1 := srv.FS().Stat("/again1.txt")
		_, err2 := srv.FS().Stat("/again2.txt")
		return err1 == nil && err2 == nil
	})
}

// TestChmodKeysAfterClicks: in the permissions dialog, a click on a tick
// box, then Escape changes nothing; Enter applies the mode.
func TestChmodKeysAfterClicks(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	p := h.connect(srv, "ferry", "s3cret", 1)
	mode := func() os.FileMode {
		st, err := srv.FS().Stat("/readme.txt")
		if err != nil {
			t.Fatal(err)
		}
		return st.Mode().Perm()
	}
	before := mode()
	open := func() {
		t.Helper()
		h.contextAction(p, "readme.txt", "File permissions…")
		checks := tickBoxesIn(overlay(t, h.win))
		if len(checks) != 9 {
			t.Fatalf("%d tick boxes, want 9", len(checks))
		}
		clickFocuses(t, h.win.Canvas(), checks[8].tap) // others execute
	}

	open()
	h.typeKey(fyne.KeyEscape)
	if h.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape after a click on a tick box left the permissions dialog open")
	}
	h.runTasks()
	if mode() != before {
		t.Fatalf("Escape changed the mode to %o", mode())
	}

	open()
	h.typeKey(fyne.KeyReturn)
	if h.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter after a click on a tick box did not apply")
	}
	h.waitFor("the mode applied", func() bool { return mode() == before^0o001 })
}

// TestSettingsKeysAfterClicks: in Settings, a click on a tick box, then
// Enter saves; a choice made with the mouse, then Escape cancels it.
func TestSettingsKeysAfterClicks(t *testing.T) {
	h := newHarnessWithConfig(t, t.TempDir(), t.TempDir())
	c := h.win.Canvas()
	tab := func(i int) fyne.CanvasObject {
		t.Helper()
		top := overlay(t, h.win)
		tabs := findAll[*container.AppTabs](top)
		if len(tabs) != 1 {
			t.Fatal("no tabs in the settings")
		}
		tabs[0].SelectIndex(i)
		return top
	}
	before := h.mw.settings.Settings()

	h.mw.openSettings()
	clickFocuses(t, c, tickBoxIn(t, tab(1), "Files without an extension are ASCII").tap)
	h.typeKey(fyne.KeyReturn)
	saving := func() bool { // Save waits for the file, disabled, then the dialog closes
		b := h.overlayButton("Save")
		return b == nil || b.Disabled()
	}
	if !saving() {
		t.Fatal("Enter after a click on a tick box did not save")
	}
	h.waitFor("the settings saved", func() bool { return len(c.Overlays().List()) == 0 })
	if got := h.mw.settings.Settings().ASCIINoExtension; got == before.ASCIINoExtension {
		t.Fatal("Enter after a click on a tick box saved no change")
	}

	h.mw.openSettings()
	var themeChoice dropDown
	for _, s := range choicesIn(tab(3)) {
		if slices.Contains(s.Options, "Dark") {
			themeChoice = s
		}
	}
	if themeChoice.Select == nil {
		t.Fatal("no theme choice")
	}
	pickWithMouse(t, c, themeChoice, slices.Index(themeChoice.Options, "Dark"))
	h.typeKey(fyne.KeyEscape)
	if len(c.Overlays().List()) != 0 {
		t.Fatal("Escape after a choice made with the mouse left Settings open")
	}
	if got := h.mw.settings.Settings().Theme; got != before.Theme {
		t.Fatalf("Escape saved the theme %q", got)
	}

	h.mw.openSettings()
	pickWithMouse(t, c, choicesIn(tab(0))[0], 1)
	h.typeKey(fyne.KeyReturn)
	if !saving() {
		t.Fatal("Enter after a choice made with the mouse did not save")
	}
	h.waitFor("the settings saved", func() bool { return len(c.Overlays().List()) == 0 })
}

// TestDoctorKeysAfterClicks: on the diagnosis card, a click on the write
// test's tick box, then Escape closes it; a click on "Hide host names",
// then Enter starts the diagnosis.
func TestDoctorKeysAfterClicks(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, t.TempDir())
	h.connect(srv, "ferry", "s3cret", 0)
	h.mw.active = h.mw.panes[0]

	card := h.mw.diagnose()
	clickFocuses(t, h.win.Canvas(), card.writeTest)
	h.typeKey(fyne.KeyEscape)
	if h.mw.modals.top(h.win) != nil {
		t.Fatal("Escape after a click on the write test left the card open")
	}

	card = h.mw.diagnose()
	clickFocuses(t, h.win.Canvas(), card.maskHosts)
	h.typeKey(fyne.KeyReturn)
	if !card.started {
		t.Fatal("Enter after a click on a tick box did not start the diagnosis")
	}
	h.waitFor("the diagnosis finished", func() bool { return card.done })
	h.typeKey(fyne.KeyEscape)
	if h.mw.modals.top(h.win) != nil {
		t.Fatal("Escape after the diagnosis left the card open")
	}
}

// TestSiteManagerKeysAfterClicks: in the Site Manager, the export
// question's tick box clicked, then Escape closes the question only; the
// Move to… choice made with the mouse, then Enter moves; a click on a
// character set option, then Escape closes the window.
func TestSiteManagerKeysAfterClicks(t *testing.T) {
	env := newTestEnv(t)
	sm := env.sm
	sites := fillStore(t, env, []string{"Work/w"}, [][]string{{"Home"}})
	c := sm.win.Canvas()
	press := func(name fyne.KeyName) {
		t.Helper()
		ev := &fyne.KeyEvent{Name: name}
		if f := c.Focused(); f != nil {
			f.TypedKey(ev)
		} else if typed := c.OnTypedKey(); typed != nil {
			typed(ev)
		}
	}
	isOpen := func() bool { return slices.Contains(env.app.Driver().AllWindows(), sm.win) }

	// Export: the tick box, then Escape.
	test.Tap(sm.exportBtn)
	clickFocuses(t, c, tickBoxIn(t, overlay(t, sm.win), "Include the passwords").tap)
	press(fyne.KeyEscape)
	env.settle(t)
	if c.Overlays().Top() != nil || !isOpen() {
		t.Fatalf("Escape after a click on the export's tick box: question open %v, window open %v",
			c.Overlays().Top() != nil, isOpen())
	}
	// ... then Enter: on to the file chooser.
	test.Tap(sm.exportBtn)
	question := overlay(t, sm.win)
	clickFocuses(t, c, tickBoxIn(t, question, "Include the passwords").tap)
	press(fyne.KeyReturn)
	if top := c.Overlays().Top(); top == nil || top == question {
		t.Fatal("Enter after a click on the export's tick box did not go on to the file chooser")
	}
	press(fyne.KeyEscape) // the file chooser takes Escape too
	env.settle(t)
	if c.Overlays().Top() != nil || !isOpen() {
		t.Fatalf("Escape on the file chooser: dialog open %v, window open %v", c.Overlays().Top() != nil, isOpen())
	}

	// Move to…: a folder chosen with the mouse, then Enter.
	w := sites["Work/w"]
	sm.selectNode(siteID(w.ID))
	test.Tap(sm.move)
	pick := choicesIn(overlay(t, sm.win))[0]
	pickWithMouse(t, c, pick, slices.Index(pick.Options, "My Sites / Home"))
	press(fyne.KeyReturn)
	env.settle(t)
	if c.Overlays().Top() != nil {
		t.Fatal("Enter after a folder chosen with the mouse did not move")
	}
	if got := env.lookup(t, "Home/w"); got.ID != w.ID {
		t.Fatalf("after the move: %+v", got)
	}

	// The character set: a click on an option, then Escape.
	sm.selectNode(siteID(w.ID))
	sm.form.tabs.SelectIndex(3) // Charset
	var option fyne.Tappable
	for _, o := range objectsIn(sm.form.charsetMode) {
		if tp, ok := o.(fyne.Tappable); ok && fmt.Sprintf("%T", o) == "*widget.radioItem" && textIn(o) == "Force UTF-8\n" {
			option = tp
		}
	}
	if option == nil {
		t.Fatal("no Force UTF-8 option")
	}
	for range 2 { // the second click is on the choice already made
		test.Tap(option)
		if sm.form.charsetMode.Selected != "Force UTF-8" {
			t.Fatalf("the click chose %q", sm.form.charsetMode.Selected)
		}
	}
	press(fyne.KeyEscape)
	env.settle(t)
	if isOpen() {
		t.Fatal("Escape after a click on a character set option left the Site Manager open")
	}
}

// radioChoices returns the choices of the radio groups in o, which Fyne
// draws as widgets of its own, in order.
func radioChoices(o fyne.CanvasObject) []fyne.Tappable {
	var out []fyne.Tappable
	for _, c := range objectsIn(o) {
		if tp, ok := c.(fyne.Tappable); ok && fmt.Sprintf("%T", c) == "*widget.radioItem" {
			out = append(out, tp)
		}
	}
	return out
}

// TestExistsDialogKeysAfterChoiceClicks: in "Target file already
// exists", a click on the choice already made (which changes nothing),
// then Escape skips the file; a click on another choice, then Enter,
// answers with it.
func TestExistsDialogKeysAfterChoiceClicks(t *testing.T) {
	h := newHarness(t, t.TempDir())
	q := queue.ExistsQuestion{
		Job: queue.Job{Kind: queue.JobDownload,
			Src: queue.Endpoint{Site: "ftp://example.org", Path: "/a.bin"}, Dst: queue.Endpoint{Path: "/tmp/a.bin"}},
		Src: queue.FileInfo{Size: 10}, Dst: queue.FileInfo{Size: 5},
	}
	ask := func() (chan queue.ExistsAnswer, []fyne.Tappable) {
		got := make(chan queue.ExistsAnswer, 1)
		h.mw.existsDialog(q, func(a queue.ExistsAnswer) { got <- a })
		h.runTasks()
		choices := radioChoices(overlay(t, h.win))
		if len(choices) < 2 {
			t.Fatalf("%d choices", len(choices))
		}
		return got, choices
	}

	got, choices := ask()
	test.Tap(choices[0]) // the choice already made
	h.typeKey(fyne.KeyEscape)
	select {
	case a := <-got:
		if a.Action != queue.OverwriteSkip {
			t.Errorf("Escape answered %+v", a)
		}
	default:
		t.Fatal("Escape after a click on the choice already made did not close the dialog")
	}

	got, choices = ask()
	test.Tap(choices[1])
	h.typeKey(fyne.KeyReturn)
	select {
	case a := <-got:
		if a.Action != overwriteChoices()[1] {
			t.Errorf("answer %+v, want %v", a, overwriteChoices()[1])
		}
	default:
		t.Fatal("Enter after a click on a choice did not confirm")
	}
}
