package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"ferry/assets"
)

// textSinks are the calls and fields that put text on screen. A string
// literal with a letter in it must not reach them without lang.
var textSinks = map[string]bool{
	"NewLabel": true, "NewButton": true, "NewButtonWithIcon": true, "NewCheck": true, "SetText": true,
	"SetPlaceHolder": true, "NewMenuItem": true, "NewMenu": true, "NewTabItem": true, "NewTabItemWithIcon": true,
	"NewFormItem": true, "NewCard": true, "ShowConfirm": true, "NewConfirm": true, "ShowInformation": true,
	"NewInformation": true, "NewCustom": true, "NewCustomConfirm": true, "NewCustomWithoutButtons": true,
	"SetTitle": true, "NewWindow": true, "NewSelect": true, "newSelect": true, "newDialogSelect": true, "newDialogCheck": true, "NewRadioGroup": true,
	"SetConfirmText": true, "SetDismissText": true, "NewHyperlink": true, "NewEntry": true,
	"SetOptions": true, "NewSelectEntry": true, "ShowError": true,
}

// quietErrors are the window's errors that never reach the screen.
var quietErrors = map[string]bool{
	"ui: already reported":  true, // errShown: the user was told already
	"not a number in range": true, // errNotNumber: replaced by the field's own message
}

// textFields are struct fields that hold visible text.
var textFields = map[string]bool{"Text": true, "PlaceHolder": true, "Title": true, "Label": true, "Subtitle": true}

// untranslated are the literals that are the same in every language.
var untranslated = map[string]bool{"English": true, "Français": true, "ferry-log.txt": true, "Ferry": true,
	"SITE HELP": true, "*.txt": true} // examples of a raw command and of a name pattern

// langFuncs may pass lang a value that is not a constant: each takes its
// keys from a table that TestFrenchCoverage checks too.
var langFuncs = map[string]bool{"jobMessageText": true, "errorText": true, "humanSize": true,
	// The engine's messages: TestTranslationTables/doctor checks them.
	"translateDoctor": true,
	// The engine's remarks and the queue's notes: TestTranslationTables/log
	// checks their placeholders too.
	"lineText": true, "noteText": true}

// TestFrenchCoverage reads every file of the window and fails when a
// visible string bypasses the translation layer, when a string handed to
// lang has no French translation, or when a French text lacks the space
// French typography puts before ":", ";", "?" and "!".
func TestFrenchCoverage(t *testing.T) {
	fr := map[string]string{}
	frFiles, err := fs.Glob(assets.Translations, "translations/*.fr.json")
	if err != nil || len(frFiles) < 2 {
		t.Fatalf("French files %v: %v", frFiles, err)
	}
	for _, name := range frFiles {
		data, err := assets.Translations.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var table map[string]any
		if err := json.Unmarshal(data, &table); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range table {
			switch v := v.(type) {
			case string:
				fr[k] = v
			case map[string]any: // plural forms: each must be right
				var forms []string
				for _, f := range v {
					if s, ok := f.(string); ok {
						forms = append(forms, s)
					}
				}
				fr[k] = strings.Join(forms, "\n")
			}
		}
	}
	keys := map[string]string{} // key → where it is used
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var fn string
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.FuncDecl:
				fn = x.Name.Name
			case *ast.CallExpr:
				sel, ok := x.Fun.(*ast.SelectorExpr)
				var callee string
				if ok {
					callee = sel.Sel.Name
					if id, isID := sel.X.(*ast.Ident); isID && id.Name == "lang" {
						if callee == "L" || callee == "X" || callee == "XN" {
							checkLangCall(t, fset, x, fn, keys)
						}
						return true
					}
					if id, isID := sel.X.(*ast.Ident); isID && id.Name == "errors" && callee == "New" {
						checkShownError(t, fset, x)
						return true
					}
				} else if id, isID := x.Fun.(*ast.Ident); isID {
					callee = id.Name
				}
				if textSinks[callee] {
					for _, a := range x.Args {
						checkNoLiteral(t, fset, a)
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := x.Key.(*ast.Ident); ok && textFields[id.Name] {
					checkNoLiteral(t, fset, x.Value)
				}
			}
			return true
		})
	}
	// The tables behind the calls with variable keys.
	for _, k := range jobMessageKeys {
		keys[k] = "jobMessageKeys"
	}
	for _, k := range knownErrors() {
		keys[k.text] = "knownErrors"
	}
	for _, u := range sizeUnits {
		keys[u.key] = "sizeUnits"
	}
	keys["number.decimal"] = "humanSize"
	for id := range logMessages() {
		keys[id] = "engine remarks and queue notes"
	}
	if len(keys) < 300 {
		t.Fatalf("found only %d strings: is the scan still right?", len(keys))
	}
	for k, where := range keys {
		v, ok := fr[k]
		if !ok || strings.TrimSpace(v) == "" {
			t.Errorf("%s: %q has no French translation", where, k)
			continue
		}
		if bad := frenchTypography(v); bad != "" {
			t.Errorf("French %q: %s", v, bad)
		}
	}
}

func checkLangCall(t *testing.T, fset *token.FileSet, call *ast.CallExpr, fn string, keys map[string]string) {
	t.Helper()
	if len(call.Args) == 0 {
		return
	}
	s, ok := constString(call.Args[0])
	if !ok {
		if !langFuncs[fn] {
			t.Errorf("%s: lang with a text that is not a constant, outside the checked tables", fset.Position(call.Pos()))
		}
		return
	}
	keys[s] = fset.Position(call.Pos()).String()
}

// checkShownError fails on an error of the window that errorText does
// not put in words, unless it never reaches the screen.
func checkShownError(t *testing.T, fset *token.FileSet, call *ast.CallExpr) {
	t.Helper()
	s, ok := constString(call.Args[0])
	if !ok || quietErrors[s] {
		return
	}
	for _, k := range knownErrors() {
		if k.err.Error() == s {
			return
		}
	}
	t.Errorf("%s: error %q is shown in English: add it to knownErrors", fset.Position(call.Pos()), s)
}

// checkNoLiteral fails on a string literal with letters in e, or in a
// slice literal e holds.
func checkNoLiteral(t *testing.T, fset *token.FileSet, e ast.Expr) {
	t.Helper()
	switch x := e.(type) {
	case *ast.BasicLit:
		if s, ok := constString(x); ok && hasLetter(s) && !untranslated[s] {
			t.Errorf("%s: visible text %q does not go through lang", fset.Position(x.Pos()), s)
		}
	case *ast.CompositeLit:
		for _, el := range x.Elts {
			checkNoLiteral(t, fset, el)
		}
	case *ast.BinaryExpr:
		checkNoLiteral(t, fset, x.X)
		checkNoLiteral(t, fset, x.Y)
	}
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// frenchTypography returns what is wrong with a French text's spacing,
// or "". A colon, semicolon, question or exclamation mark takes a space
// before it (a no-break one where the text is Ferry's own, so that the
// mark never starts a line); a colon in "://" or between digits does not.
func frenchTypography(s string) string {
	r := []rune(s)
	depth := 0
	for i, c := range r {
		switch {
		case c == '{' && i+1 < len(r) && r[i+1] == '{':
			depth++
		case c == '}' && i > 0 && r[i-1] == '}':
			depth = max(depth-1, 0)
		}
		if depth > 0 || !strings.ContainsRune(":;?!", c) {
			continue
		}
		if c == ':' && i+1 < len(r) && r[i+1] == '/' {
			continue
		}
		if i > 0 && i+1 < len(r) && unicode.IsDigit(r[i-1]) && unicode.IsDigit(r[i+1]) {
			continue
		}
		if i == 0 || !strings.ContainsRune(" \u00a0\u202f", r[i-1]) {
			return "no space before " + string(c)
		}
	}
	return ""
}
