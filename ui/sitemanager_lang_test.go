package ui

import (
	"encoding/json"
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

// uiStrings returns every literal handed to lang.L in the site manager,
// settings and certificate files.
func uiStrings(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"sitemanager*.go", "settings*.go", "cert*.go"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	var out []string
	fset := token.NewFileSet()
	for _, name := range files {
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
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "L" && sel.Sel.Name != "X") {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
				return true
			}
			s, ok := constString(call.Args[0])
			if !ok {
				t.Errorf("%s: lang.%s with a text that is not a constant", fset.Position(call.Pos()), sel.Sel.Name)
				return true
			}
			out = append(out, s)
			return true
		})
	}
	if len(out) < 100 {
		t.Fatalf("found only %d strings; the scan is broken", len(out))
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

func loadTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

var placeholder = regexp.MustCompile(`\{\{\.[A-Za-z]+\}\}`)

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	slices.Sort(p)
	return p
}

func TestTranslationsComplete(t *testing.T) {
	used := uiStrings(t)
	for _, file := range []string{"sites.en.json", "sites.fr.json"} {
		t.Run(file, func(t *testing.T) {
			tr := loadTranslations(t, file)
			for _, s := range used {
				v, ok := tr[s]
				switch {
				case !ok:
					t.Errorf("missing %q", s)
				case strings.TrimSpace(v) == "":
					t.Errorf("empty translation of %q", s)
				case !slices.Equal(placeholders(v), placeholders(s)):
					t.Errorf("%q: placeholders %v, want %v", s, placeholders(v), placeholders(s))
				}
			}
			for k := range tr {
				if !slices.Contains(used, k) {
					t.Errorf("%q is translated but no longer used", k)
				}
			}
		})
	}
}
