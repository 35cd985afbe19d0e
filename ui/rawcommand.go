package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
)

// errNoServer is why a custom command cannot be sent: the active pane
// shows the local disk.
var errNoServer = errors.New("the active pane shows no server")

// rawCommandMenuItems returns Server's custom command item.
func (mw *mainWindow) rawCommandMenuItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Enter custom command…"), mw.askRawCommand)}
}

// askRawCommand asks for a command line to send on the active pane's
// session, as FileZilla's Server ▸ Enter custom command does.
func (mw *mainWindow) askRawCommand() {
	p := mw.active
	rs, ok := p.src.(*remoteSource)
	if !ok {
		mw.showError(lang.L("Cannot send the command"), errNoServer)
		return
	}
	entry := newDialogEntry()
	entry.SetPlaceHolder("SITE HELP")
	d := newFormBox(lang.L("Enter custom command"), lang.L("Send"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Command"), entry)},
		func(ok bool) {
			if ok {
				mw.sendRaw(p, rs, entry.Text)
			}
		}, mw.win)
	mw.modals.show(mw.win, d, nil, d.keys(entry)...)
	mw.win.Canvas().Focus(entry)
}

// sendRaw sends line on the pane's browsing session, on a goroutine. The
// command and its reply reach the message log through the session's
// transcript; a refusal or failure is logged too. The pane is listed
// again afterwards, since the command may have changed the folder.
func (mw *mainWindow) sendRaw(p *pane, rs *remoteSource, line string) {
	line = strings.TrimSpace(line)
	if line == "" {
		return
	}
	mw.goWork(p.srcCtx, func(ctx context.Context) {
		err := rs.do(ctx, func(s *ftpcore.Session) error {
			_, err := s.Raw(ctx, line)
			return err
		})
		mw.do(func() {
			if err != nil && !errors.Is(err, context.Canceled) {
				mw.logError(lang.L("Custom command"), err)
			}
			if p.src == rs {
				p.refresh()
			}
		})
	})
}
