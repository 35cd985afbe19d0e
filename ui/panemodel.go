package ui

import (
	"cmp"
	"slices"
	"strings"

	"ferry/ftpcore/listing"
)

// column identifies a column of a file pane.
type column int

// The columns of a file pane, in display order.
const (
	colName column = iota
	colSize
	colType
	colModified
	colPerm
	colOwner
	numColumns
)

// parentRow is the row index value standing for "..".
const parentRow = -1

// paneModel is what a pane shows: one directory's entries, filtered and
// sorted, and which of them are selected. Selection is kept by entry index,
// so it survives re-sorting and filtering. It is touched only on the UI
// goroutine.
type paneModel struct {
	entries  []listing.Entry
	unparsed int
	// rows maps visible rows to entry indexes, parentRow for "..".
	rows []int
	// sorted are the entries that pass the hidden-file and name filters,
	// in the sort order: rows are these less what a comparison hides.
	sorted   []int
	selected map[int]bool
	anchor   int // row where a Shift-selection starts
	cursor   int // row with the keyboard cursor

	sortCol    column
	sortDesc   bool
	filter     string
	showHidden bool
	hasParent  bool
	cmp        compareMarks
	// cmpHidden counts the files that "hide identical files" keeps out
	// of rows.
	cmpHidden int
}

func newPaneModel() *paneModel {
	return &paneModel{selected: map[int]bool{}}
}

// setListing replaces the entries and keeps the selection of names that
// are still there, so that a refresh does not lose the user's choice;
// the keyboard cursor and the Shift anchor stay on their names too (on
// the same row when the name went), so that Enter, Space or Shift+Down
// after a refresh act where they did before, not from the top.
func (m *paneModel) setListing(entries []listing.Entry, unparsed int, hasParent bool, keep bool) {
	cursor, anchor := m.cursor, m.anchor
	cursorName, anchorName := m.nameAt(cursor), m.nameAt(anchor)
	var names map[string]bool
	if keep && len(m.selected) > 0 {
		names = make(map[string]bool, len(m.selected))
		for i := range m.selected {
			names[m.entries[i].Name] = true
		}
	}
	m.entries, m.unparsed, m.hasParent = entries, unparsed, hasParent
	m.selected = map[int]bool{}
	for i, e := range entries {
		if names[e.Name] {
			m.selected[i] = true
		}
	}
	m.cursor, m.anchor = 0, 0
	m.rebuild()
	if keep {
		m.cursor, m.anchor = m.keptRow(cursorName, cursor), m.keptRow(anchorName, anchor)
	}
}

// nameAt returns the name of a row's entry; "" for ".." and out of range.
func (m *paneModel) nameAt(row int) string {
	if e := m.entryAt(row); e != nil {
		return e.Name
	}
	return ""
}

// keptRow is where a row that showed name ("" for "..") is after a new
// listing: the row of that name, else the same row within the list.
func (m *paneModel) keptRow(name string, row int) int {
	if name != "" {
		if r := m.rowOf(name); r >= 0 {
			return r
		}
	}
	return max(min(row, len(m.rows)-1), 0)
}

// rebuild recomputes the visible rows after a change of entries, filter
// or sort order.
func (m *paneModel) rebuild() {
	sorted := make([]int, 0, len(m.entries))
	filter := strings.ToLower(m.filter)
	for i := range m.entries {
		e := &m.entries[i]
		if !m.showHidden && strings.HasPrefix(e.Name, ".") {
			continue
		}
		if filter != "" && !strings.Contains(strings.ToLower(e.Name), filter) {
			continue
		}
		sorted = append(sorted, i)
	}
	slices.SortStableFunc(sorted, m.compare)
	m.sorted = sorted
	m.refilter()
}

// refilter recomputes the visible rows after a comparison hid or showed
// identical files: the order stands, so there is nothing to sort again
// (with 100,000 entries, sorting is most of rebuild's time).
func (m *paneModel) refilter() {
	rows := make([]int, 0, len(m.sorted)+1)
	if m.hasParent {
		rows = append(rows, parentRow)
	}
	m.cmpHidden = 0
	for _, i := range m.sorted {
		if m.hiddenByCompare(i) {
			m.cmpHidden++
		} else {
			rows = append(rows, i)
		}
	}
	m.rows = rows
	for i := range m.selected {
		if !m.visible(i) {
			delete(m.selected, i)
		}
	}
	m.cursor = min(m.cursor, max(len(rows)-1, 0))
}

func (m *paneModel) visible(entry int) bool {
	e := &m.entries[entry]
	if !m.showHidden && strings.HasPrefix(e.Name, ".") || m.hiddenByCompare(entry) {
		return false
	}
	return m.filter == "" || strings.Contains(strings.ToLower(e.Name), strings.ToLower(m.filter))
}

// compare orders two entries: folders first whatever the direction, then
// by the sort column, then by name so the order is total.
func (m *paneModel) compare(a, b int) int {
	ea, eb := &m.entries[a], &m.entries[b]
	if da, db := ea.IsDir(), eb.IsDir(); da != db {
		if da {
			return -1
		}
		return 1
	}
	var c int
	switch m.sortCol {
	case colSize:
		c = cmp.Compare(ea.Size, eb.Size)
	case colType:
		c = strings.Compare(typeKey(ea), typeKey(eb))
	case colModified:
		c = ea.ModTime.Compare(eb.ModTime)
	case colPerm:
		c = strings.Compare(ea.Perm, eb.Perm)
	case colOwner:
		c = strings.Compare(ea.Owner+" "+ea.Group, eb.Owner+" "+eb.Group)
	}
	if c == 0 {
		c = compareNames(ea.Name, eb.Name)
	}
	if m.sortDesc {
		return -c
	}
	return c
}

// compareNames sorts case-insensitively, as file managers do, with the
// exact bytes as a tie-break.
func compareNames(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func typeKey(e *listing.Entry) string {
	switch e.Type {
	case listing.TypeDir:
		return ""
	case listing.TypeLink:
		return "\x01"
	}
	return strings.ToLower(extension(e.Name))
}

// extension returns the part after the last dot, "" for none or a dotfile.
func extension(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || i == len(name)-1 {
		return ""
	}
	return name[i+1:]
}

// sortBy sorts on col; choosing the current column again reverses it.
func (m *paneModel) sortBy(col column) {
	if m.sortCol == col {
		m.sortDesc = !m.sortDesc
	} else {
		m.sortCol, m.sortDesc = col, false
	}
	m.rebuild()
}

// entryAt returns the entry of a row, or nil for ".." and out of range.
func (m *paneModel) entryAt(row int) *listing.Entry {
	if row < 0 || row >= len(m.rows) || m.rows[row] == parentRow {
		return nil
	}
	return &m.entries[m.rows[row]]
}

func (m *paneModel) isSelected(row int) bool {
	return row >= 0 && row < len(m.rows) && m.rows[row] != parentRow && m.selected[m.rows[row]]
}

// click applies a mouse click with its modifiers, as file managers do:
// plain selects one row, Ctrl toggles, Shift extends from the anchor.
func (m *paneModel) click(row int, ctrl, shift bool) {
	if row < 0 || row >= len(m.rows) {
		return
	}
	m.cursor = row
	switch {
	case shift:
		if !ctrl {
			clear(m.selected)
		}
		lo, hi := min(m.anchor, row), max(m.anchor, row)
		for r := lo; r <= hi; r++ {
			if i := m.rows[r]; i != parentRow {
				m.selected[i] = true
			}
		}
	case ctrl:
		if i := m.rows[row]; i != parentRow {
			if m.selected[i] {
				delete(m.selected, i)
			} else {
				m.selected[i] = true
			}
		}
		m.anchor = row
	default:
		clear(m.selected)
		if i := m.rows[row]; i != parentRow {
			m.selected[i] = true
		}
		m.anchor = row
	}
}

func (m *paneModel) selectAll() {
	for _, i := range m.rows {
		if i != parentRow {
			m.selected[i] = true
		}
	}
}

// selection returns the selected entries in display order; with none
// selected, the entry under the cursor, so keys act on what the user sees.
func (m *paneModel) selection() []listing.Entry {
	var out []listing.Entry
	for _, i := range m.rows {
		if i != parentRow && m.selected[i] {
			out = append(out, m.entries[i])
		}
	}
	if len(out) == 0 {
		if e := m.entryAt(m.cursor); e != nil {
			out = append(out, *e)
		}
	}
	return out
}

// rowOf returns the visible row of the entry named name, or -1.
func (m *paneModel) rowOf(name string) int {
	for r, i := range m.rows {
		if i != parentRow && m.entries[i].Name == name {
			return r
		}
	}
	return -1
}

// summary counts what the status line reports: the whole folder, or the
// selection when there is one.
type summary struct {
	files, dirs int
	bytes       int64
	selected    bool
	// identicalHidden counts the files hidden as identical to the
	// other pane's.
	identicalHidden int
}

func (m *paneModel) summary() summary {
	s := summary{identicalHidden: m.cmpHidden}
	if len(m.selected) > 0 {
		s.selected = true
		for i := range m.selected {
			s.add(&m.entries[i])
		}
		return s
	}
	for _, i := range m.rows {
		if i != parentRow {
			s.add(&m.entries[i])
		}
	}
	return s
}

func (s *summary) add(e *listing.Entry) {
	if e.IsDir() {
		s.dirs++
		return
	}
	s.files++
	if e.Size > 0 {
		s.bytes += e.Size
	}
}
