package ui

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"ferry/assets"
)

// The window's strings live in tables AREA.LANG.json. Which table a
// source file's lang calls go to follows from its name: these prefixes
// name the files of every table but "main", which holds the rest.
var tablePrefixes = map[string][]string{
	// The site manager, settings and certificate dialogs.
	"sites": {"sitemanager", "settings", "cert"},
	// The diagnosis card (its engine's messages: see doctorStrings).
	"doctor": {"doctor"},
	// The comparison, synchronisation, search and help windows.
	"tools": {"compare", "sync", "search", "about", "rawcommand", "linked"},
	// The queue's clock, the connection history, the site drop-down,
	// bookmarks and the README link.
	"extras": {"queuetimes", "history", "sitesmenu", "bookmark", "readme"},
}

// tableLanguages are the languages every table has.
var tableLanguages = []string{"en", "fr"}

// pluralForms are the plural forms a text with a count needs in each
// language, by CLDR's rules as go-i18n applies them: French says "many"
// for whole millions. lang logs a count whose form is missing and shows
// the code's English instead.
var pluralForms = map[string][]string{"en": {"one", "other"}, "fr": {"one", "many", "other"}}

// tableOf returns the table that the source file name keeps its strings in.
func tableOf(name string) string {
	for table, prefixes := range tablePrefixes {
		for _, p := range prefixes {
			if strings.HasPrefix(name, p) {
				return table
			}
		}
	}
	return "main"
}

// tableStrings returns the strings that the window's files of table hand
// to lang.L, lang.X and lang.XN: key to its English text in the code (the
// key itself for lang.L; "" when the code's text is not a constant).
// TestFrenchCoverage fails on a key that is not a constant.
func tableStrings(t *testing.T, table string) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var mine []string
	for _, name := range files {
		if tableOf(name) == table {
			mine = append(mine, name)
		}
	}
	out := map[string]string{}
	eachCall(t, mine, func(_ *token.FileSet, call *ast.CallExpr, callee string) {
		key, ok := constString(call.Args[0])
		switch {
		case !ok:
		case callee == "lang.L":
			out[key] = key
		case callee == "lang.X" || callee == "lang.XN":
			var english string
			if len(call.Args) > 1 {
				english, _ = constString(call.Args[1])
			}
			out[key] = english
		}
	})
	return out
}

// eachCall parses the files names that are not tests and calls visit
// with every call that has arguments, and the name of what it calls:
// "lang.X" for a function of lang, "msg" for a function of the file's
// package, "" otherwise.
func eachCall(t *testing.T, names []string, visit func(fset *token.FileSet, call *ast.CallExpr, callee string)) {
	t.Helper()
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			var callee string
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				callee = fn.Name
			case *ast.SelectorExpr:
				if id, ok := fn.X.(*ast.Ident); ok && id.Name == "lang" {
					callee = "lang." + fn.Sel.Name
				}
			}
			visit(fset, call, callee)
			return true
		})
	}
}

// tableCheck is what checkTable holds a table to.
type tableCheck struct {
	area string            // the files AREA.en.json and AREA.fr.json
	used map[string]string // key → English text in the code ("" if unknown)
	// exact: the English table must say what the code says, to the
	// letter (the engine's messages, whose English the engine renders).
	exact bool
	// strays: every key of the table must be in used ("main" also holds
	// the keys of tables in the code, which TestFrenchCoverage checks).
	strays bool
	// agree are the tables whose shared keys must say the same.
	agree []string
}

// checkTable fails when a key in use has no translation in a language,
// an empty one, one whose placeholders differ from the code's English, or
// a count's text without a plural form its language needs;
// when the table holds a key nothing uses (c.strays); when a key says
// otherwise in a table of c.agree (fyne's lang merges every file of a
// language, so one would win); and when a French text breaks French
// typography.
func checkTable(t *testing.T, c tableCheck) {
	t.Helper()
	for _, lng := range tableLanguages {
		t.Run(lng, func(t *testing.T) {
			table := readTable(t, c.area+"."+lng+".json")
			for key, english := range c.used {
				v, ok := table[key]
				if !ok {
					t.Errorf("%s.%s.json: %q has no translation", c.area, lng, key)
					continue
				}
				texts := map[string]string{"other": ""}
				switch v := v.(type) {
				case string:
					texts["other"] = v
				case map[string]any:
					texts = map[string]string{}
					for form, s := range v {
						texts[form], _ = s.(string)
					}
					for _, form := range pluralForms[lng] {
						if _, ok := texts[form]; !ok {
							t.Errorf("%s.%s.json: %q has no plural form %q", c.area, lng, key, form)
						}
					}
				}
				for form, s := range texts {
					if strings.TrimSpace(s) == "" {
						t.Errorf("%s.%s.json: %q (%s) is empty", c.area, lng, key, form)
					}
					if bad := frenchTypography(s); lng == "fr" && bad != "" {
						t.Errorf("%s.%s.json: %q: %s", c.area, lng, s, bad)
					}
				}
				other := texts["other"]
				if english != "" && !slices.Equal(placeholders(other), placeholders(english)) {
					t.Errorf("%s.%s.json: %q: placeholders %v, the code's %v", c.area, lng, key, placeholders(other), placeholders(english))
				}
				if c.exact && lng == "en" && other != english {
					t.Errorf("%s.en.json: %q is %q, the code says %q", c.area, key, other, english)
				}
			}
			for k := range table {
				if _, ok := c.used[k]; c.strays && !ok {
					t.Errorf("%s.%s.json holds %q, which nothing uses", c.area, lng, k)
				}
			}
			for _, area := range c.agree {
				for k, ov := range readTable(t, area+"."+lng+".json") {
					if v, ok := table[k]; ok && fmt.Sprint(ov) != fmt.Sprint(v) {
						t.Errorf("%q is %q in %s.%s.json but %q in %s.%s.json", k, ov, area, lng, v, c.area, lng)
					}
				}
			}
		})
	}
}

// readTable returns a translation file: key to text, or to a map of
// plural forms.
func readTable(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// loadTranslations returns the texts of a translation file, without its
// plural forms.
func loadTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for k, v := range readTable(t, name) {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

func constString(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := constString(x.X)
		b, ok2 := constString(x.Y)
		return a + b, ok1 && ok2 && x.Op == token.ADD
	}
	return "", false
}

var placeholder = regexp.MustCompile(`\{\{\.[A-Za-z]+\}\}`)

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	slices.Sort(p)
	return p
}

// TestTranslationTables checks every table of the window with checkTable
// against the strings its files use; the diagnosis's table against the
// card's and the engine's (doctorStrings), the log's against the
// engine's remarks and the queue's notes (logMessages).
func TestTranslationTables(t *testing.T) {
	tables := func(area string) func(*testing.T) map[string]string {
		return func(t *testing.T) map[string]string { return tableStrings(t, area) }
	}
	for _, c := range []struct {
		tableCheck
		used  func(*testing.T) map[string]string
		least int // fewer strings found means the scan is broken
	}{
		{tableCheck{area: "main"}, tables("main"), 50},
		{tableCheck{area: "sites", strays: true}, tables("sites"), 100},
		{tableCheck{area: "tools", strays: true, agree: []string{"main", "sites", "doctor"}}, tables("tools"), 4},
		{tableCheck{area: "extras", strays: true, agree: []string{"main", "sites", "doctor", "tools"}}, tables("extras"), 4},
		{tableCheck{area: "doctor", strays: true, exact: true}, doctorStrings, 100},
		{tableCheck{area: "log", strays: true, exact: true}, func(*testing.T) map[string]string { return logMessages() }, 25},
	} {
		t.Run(c.area, func(t *testing.T) {
			used := c.used(t)
			if len(used) < c.least {
				t.Fatalf("found only %d strings: is the scan still right?", len(used))
			}
			c.tableCheck.used = used
			checkTable(t, c.tableCheck)
		})
	}
}

// TestTablesAgree checks that a text found in two tables of a language
// is translated the same in both: Fyne merges every table of a language
// into one, and which of two translations it keeps depends on the order
// the files are read in.
func TestTablesAgree(t *testing.T) {
	entries, err := assets.Translations.ReadDir("translations")
	if err != nil {
		t.Fatal(err)
	}
	for _, language := range tableLanguages {
		text, file := map[string]string{}, map[string]string{} // by key, the first seen
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, "."+language+".json") {
				continue
			}
			for k, v := range readTable(t, name) {
				s := fmt.Sprint(v)
				if prev, ok := text[k]; ok && prev != s {
					t.Errorf("%q is %q in %s but %q in %s", k, s, name, prev, file[k])
				}
				text[k], file[k] = s, name
			}
		}
	}
}
