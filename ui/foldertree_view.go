package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// treeMenuItems returns View's items that show or hide each pane's
// folder tree; the choice is remembered for the next start.
func (mw *mainWindow) treeMenuItems() []*fyne.MenuItem {
	items := []*fyne.MenuItem{fyne.NewMenuItemSeparator()}
	for side, label := range []string{lang.L("Left folder tree"), lang.L("Right folder tree")} {
		item := fyne.NewMenuItem(label, nil)
		item.Checked = mw.prefs.showTree(side)
		item.Action = func() {
			p := mw.panes[side]
			on := !p.treeShown()
			p.showTree(on)
			mw.prefs.setShowTree(side, on)
			item.Checked = on
			if m := mw.win.MainMenu(); m != nil {
				m.Refresh()
			}
		}
		items = append(items, item)
	}
	return items
}

// showTree puts the folder tree above the pane's list, or takes it away.
func (p *pane) showTree(on bool) {
	if on {
		p.treeSplit.Trailing = p.list
		p.center.Objects = []fyne.CanvasObject{p.treeSplit}
		p.treeSplit.Refresh()
	} else {
		p.center.Objects = []fyne.CanvasObject{p.list}
		if c := p.mw.win.Canvas(); c.Focused() == p.tree {
			c.Focus(p.list)
		}
	}
	p.center.Refresh()
}

// treeShown reports whether the pane shows its folder tree.
func (p *pane) treeShown() bool {
	return len(p.center.Objects) == 1 && p.center.Objects[0] == p.treeSplit
}
