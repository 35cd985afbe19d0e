package ui

import (
	"bytes"
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
	"text/template"

	"ferry/ftpcore/doctor"
)

// doctorStrings returns every message of the diagnosis, key to English
// template: the engine's msg calls and the card's lang.L and lang.X.
func doctorStrings(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("../ftpcore/doctor/*.go")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "doctor.go")
	out := map[string]string{}
	eachCall(t, files, func(fset *token.FileSet, call *ast.CallExpr, fn string) {
		key, ok := constString(call.Args[0])
		switch {
		case fn == "lang.L":
			if !ok {
				t.Errorf("%s: lang.L with a text that is not a constant", fset.Position(call.Pos()))
			}
			out[key] = key
		case fn == "msg" || fn == "lang.X":
			tmpl, ok2 := constString(call.Args[1])
			if sel, dyn := call.Args[0].(*ast.SelectorExpr); dyn && fn == "lang.X" && sel.Sel.Name == "Key" {
				return // translateDoctor: the engine's messages, scanned above
			}
			if !ok || !ok2 {
				t.Errorf("%s: %s with a key or text that is not a constant", fset.Position(call.Pos()), fn)
			}
			if old, dup := out[key]; dup && old != tmpl {
				t.Errorf("%q has two texts: %q and %q", key, old, tmpl)
			}
			out[key] = tmpl
		}
	})
	if len(out) < 100 {
		t.Fatalf("found only %d strings; the scan is broken", len(out))
	}
	return out
}

// TestDoctorTextInFrench renders a report through the French table, as
// the card's Copy does: nested messages are translated too.
func TestDoctorTextInFrench(t *testing.T) {
	fr := loadTranslations(t, "doctor.fr.json")
	translate := func(m doctor.Message) string {
		tmpl, err := template.New("").Parse(fr[m.Key])
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := tmpl.Execute(&b, m.Args); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	rep := doctor.Report{Target: "ftp://example.org", Lines: []doctor.Line{{
		Probe:  "data.pasv",
		Status: doctor.Amber,
		Title:  doctor.Message{Key: "doctor.data.title", Template: "Data connection with {{.Method}}", Args: map[string]any{"Method": "PASV"}},
		Detail: doctor.Message{Key: "doctor.pasv.private", Template: "x", Args: map[string]any{
			"Before": doctor.Message{Key: "doctor.data.ok", Template: "y", Args: map[string]any{"Lines": 3}},
			"Addr":   "10.1.2.3", "Peer": "203.0.113.9"}},
		Advice: doctor.Message{Key: "doctor.pasv.private.fix", Template: "z"},
		Side:   doctor.SideServer,
	}}}
	text := rep.Text(doctor.TextOptions{Translate: translate})
	for _, want := range []string{
		"Diagnostic de connexion Ferry : ftp://example.org",
		"[ORANGE] Connexion de données par PASV : Une liste est passée : 3 ligne(s). PASV a indiqué l'adresse privée 10.1.2.3",
		"à changer (serveur) : Réglez l'adresse publique",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("French text lacks %q:\n%s", want, text)
		}
	}
}
