package ui

import (
	"bytes"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/lang"

	"ferry/assets"
)

// lockedBuffer collects what is logged, from any goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// captureLog collects the standard logger's lines, where fyne reports a
// translation that failed, until the test ends.
func captureLog(t *testing.T) *lockedBuffer {
	t.Helper()
	b := &lockedBuffer{}
	was := log.Writer()
	log.SetOutput(b)
	t.Cleanup(func() { log.SetOutput(was) })
	return b
}

// TestPaneStatusCounts: the pane's status line says "1 file" and
// "2 files", in English and in French, with nothing logged. A plural
// form missing from a table, or tables not loaded, shows the code's
// English ("1 files") and logs "message has no plural form".
func TestPaneStatusCounts(t *testing.T) {
	for _, c := range []struct {
		locale   string
		one, two string
	}{
		{"en_US", "1 file and 1 folder. ", "2 files and 2 folders. "},
		{"fr_FR", "1 fichier et 1 dossier. ", "2 fichiers et 2 dossiers. "},
	} {
		t.Run(c.locale, func(t *testing.T) {
			inLanguage(t, c.locale)
			logged := captureLog(t)
			local := t.TempDir()
			mkdir := func(name string) {
				if err := os.Mkdir(filepath.Join(local, name), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			write := func(name string) {
				if err := os.WriteFile(filepath.Join(local, name), []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			mkdir("sub1")
			write("a.txt")
			h := newHarness(t, local)
			p := h.mw.panes[0]
			if got := p.status.Text; !strings.HasPrefix(got, c.one) {
				t.Errorf("one of each: %q, want it to start with %q", got, c.one)
			}
			mkdir("sub2")
			write("b.txt")
			p.refresh()
			h.waitFor("b.txt listed", func() bool { return p.model.rowOf("b.txt") >= 0 && p.model.rowOf("sub2") >= 0 })
			if got := p.status.Text; !strings.HasPrefix(got, c.two) {
				t.Errorf("two of each: %q, want it to start with %q", got, c.two)
			}
			if out := logged.String(); strings.Contains(out, "Translation failure") {
				t.Errorf("lang logged:\n%s", out)
			}
		})
	}
}

// TestPluralFormsOfEveryTable renders each plural text of every table
// through lang for 0, 1, 2 and a million, in English and French: each
// count finds its form (French says "many" for millions). A form missing
// gives the fallback instead.
func TestPluralFormsOfEveryTable(t *testing.T) {
	const missing = "no form for this count"
	for _, locale := range []string{"en_US", "fr_FR"} {
		t.Run(locale, func(t *testing.T) {
			inLanguage(t, locale)
			names, err := fs.Glob(assets.Translations, "translations/*."+locale[:2]+".json")
			if err != nil || len(names) < 2 {
				t.Fatalf("tables %v: %v", names, err)
			}
			plurals := 0
			for _, name := range names {
				for key, v := range readTable(t, filepath.Base(name)) {
					if _, plural := v.(map[string]any); !plural {
						continue
					}
					plurals++
					for _, n := range []int{0, 1, 2, 1_000_000} {
						if got := lang.XN(key, missing, n, map[string]any{"Count": n}); got == missing {
							t.Errorf("%s: %q has no form for %d", filepath.Base(name), key, n)
						}
					}
				}
			}
			if plurals < 6 {
				t.Fatalf("found only %d plural texts: is the scan still right?", plurals)
			}
		})
	}
}
