package ui

import (
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"ferry/assets"
)

// TestColumnHeadersFitTheirColumns lays each column's header, with the
// sort arrow, and a file type with a four-letter extension out as a cell
// of the column's first width does, in English and in French: none may
// be cut with an ellipsis ("Permissio…" was, and "Fichier HT…").
func TestColumnHeadersFitTheirColumns(t *testing.T) {
	test.NewTempApp(t)
	pad := theme.InnerPadding() / 2
	size := theme.TextSize()
	english := map[column]string{colName: "Name", colSize: "Size", colType: "Type", colModified: "Modified",
		colPerm: "Permissions", colOwner: "Owner/Group"}
	for _, code := range []string{"en", "fr"} {
		t.Run(code, func(t *testing.T) {
			table := mainTable(t, code)
			for c := range numColumns {
				title := table[english[c]]
				if title == "" {
					t.Fatalf("no %s title for %q", code, english[c])
				}
				sample := ""
				if c == colType {
					sample = strings.ReplaceAll(table["type.ext"], "{{.Ext}}", "HTML")
				}
				w := columnWidthFor(c, title, sample)
				for _, cell := range []struct {
					text string
					bold bool
				}{{title + " ▲", false}, {title + " ▼", false}, {sample, false}} {
					if cell.text == "" {
						continue
					}
					style := fyne.TextStyle{Bold: cell.bold}
					if got := ellipsize(cell.text, w-2*pad, size, style); got != cell.text {
						t.Errorf("column %d (%.0f wide) shows %q as %q", c, w, cell.text, got)
					}
				}
			}
		})
	}
}

// mainTable reads the main window's translations of one language.
func mainTable(t *testing.T, code string) map[string]string {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/main." + code + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	table := map[string]string{}
	for k, v := range raw {
		if s, ok := v.(string); ok {
			table[k] = s
		}
	}
	return table
}
