package ui

import (
	"errors"
	"net"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// quickTarget is what the quick-connect bar describes: a server, its
// login and a folder to open.
type quickTarget struct {
	host     string
	port     int
	user     string
	password string
	tls      ftpcore.TLSMode
	dir      string
}

// parseFTPURL reads ftp://user:password@host:port/path. ftp:// uses TLS
// when the server offers it (FileZilla's default), ftpes:// requires
// explicit TLS, ftps:// is implicit TLS.
func parseFTPURL(s string) (quickTarget, error) {
	u, err := ftpcore.ParseURL(s, ftpcore.TLSExplicitIfAvailable)
	if err != nil {
		return quickTarget{}, err
	}
	t := quickTarget{tls: u.TLS, host: u.Host, port: u.Port, user: u.User, password: u.Password}
	if u.Path != "" && u.Path != "/" {
		t.dir = u.Path
	}
	return t, nil
}

// config builds the session configuration from the settings' defaults.
func (t quickTarget) config(s profile.Settings) ftpcore.Config {
	site := profile.Site{Host: t.host, Port: t.port, Protocol: t.tls, User: t.user, Logon: profile.LogonNormal}
	if t.user == "" || strings.EqualFold(t.user, "anonymous") {
		site.Logon = profile.LogonAnonymous
	}
	return s.SiteConfig(site, t.password)
}

// quickConnect is the bar at the top: host (or a whole URL), user,
// password, port, protocol, which pane, connect and disconnect, plus the
// site manager and settings.
type quickConnect struct {
	mw       *mainWindow
	host     *fieldEntry
	user     *fieldEntry
	password *fieldEntry
	port     *fieldEntry
	protocol *widget.Select
	side     *widget.Select
	connect  *flatButton
	discon   *flatButton
	settings *flatButton // the bar's last stop for Tab
	root     fyne.CanvasObject
}

func quickProtocols() []string {
	return []string{lang.L("FTP (TLS if available)"), lang.L("FTP over explicit TLS"),
		lang.L("Implicit FTPS"), lang.L("Plain FTP (insecure)")}
}

// quickModes are the TLS modes of quickProtocols, in the same order.
func quickModes() []ftpcore.TLSMode {
	return []ftpcore.TLSMode{ftpcore.TLSExplicitIfAvailable, ftpcore.TLSExplicit,
		ftpcore.TLSImplicit, ftpcore.TLSNone}
}

func newQuickConnect(mw *mainWindow) *quickConnect {
	q := &quickConnect{mw: mw, host: newFieldEntry(mw), user: newFieldEntry(mw),
		password: newPasswordField(mw), port: newFieldEntry(mw)}
	q.host.SetPlaceHolder(lang.L("Host or ftp:// URL"))
	q.user.SetPlaceHolder(lang.L("User"))
	q.password.SetPlaceHolder(lang.L("Password"))
	q.port.SetPlaceHolder(lang.L("Port"))
	q.protocol = newSelect(quickProtocols(), nil)
	q.protocol.SetSelectedIndex(0)
	q.side = newSelect([]string{lang.L("Left pane"), lang.L("Right pane")}, nil)
	q.side.SetSelectedIndex(1)
	q.side.OnChanged = func(string) { q.refreshButtons() }
	q.connect = newFlatButton(lang.L("Connect"), theme.LoginIcon(), q.submit)
	q.connect.Importance = widget.HighImportance
	q.discon = newFlatButton(lang.L("Disconnect"), theme.LogoutIcon(), func() {
		q.mw.disconnect(q.disconnectSide())
	})
	for _, e := range []*fieldEntry{q.host, q.user, q.password, q.port} {
		e.OnSubmitted = func(string) { q.submit() }
	}
	sites := newFlatButton(lang.L("Sites"), theme.StorageIcon(), mw.openSiteManager)
	q.settings = newFlatButton("", theme.SettingsIcon(), mw.openSettings)
	// In reading order, which is also the Tab order: the fields as
	// FileZilla has them, Connect right after them, then the options.
	flex := func(pref, least float32) barItem { return barItem{pref: pref, least: least, flexible: true} }
	// The least widths let the whole bar show in an 800-pixel window:
	// the host about twelve characters (an IPv4 address), the user five.
	host := flex(220, 100)
	host.grows = true
	side := flex(150, 110)
	side.fitsOptions = true
	compact := barItem{compact: true}
	bar := container.New(&quickBarLayout{items: []barItem{
		host, flex(130, 56), flex(140, 70), flex(64, 48), compact, {}, compact,
		flex(190, 110), side, {}, {}, {},
	}}, q.host, q.user, q.password, q.port, q.connect, mw.history.button, q.discon, q.protocol, q.side,
		sites, mw.sitesMenu.button, q.settings)
	q.root = container.NewVBox(bar, widget.NewSeparator())
	q.refreshButtons()
	return q
}

// target reads the bar. A URL in the host field fills in the rest.
func (q *quickConnect) target() (quickTarget, error) {
	host := strings.TrimSpace(q.host.Text)
	if ftpcore.IsURL(host) {
		t, err := parseFTPURL(host)
		if err != nil {
			return t, err
		}
		if t.user == "" {
			t.user = strings.TrimSpace(q.user.Text)
		}
		if t.password == "" {
			t.password = q.password.Text
		}
		return t, nil
	}
	if host == "" {
		return quickTarget{}, errors.New(lang.L("Enter a host name or an ftp:// URL"))
	}
	t := quickTarget{host: strings.Trim(host, "[]"), user: strings.TrimSpace(q.user.Text),
		password: q.password.Text, tls: quickModes()[max(q.protocol.SelectedIndex(), 0)]}
	if h, p, err := net.SplitHostPort(host); err == nil {
		t.host = h
		q.port.SetText(p)
	}
	if p := strings.TrimSpace(q.port.Text); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return quickTarget{}, errors.New(lang.L("The port must be a number from 1 to 65535"))
		}
		t.port = n
	}
	return t, nil
}

func (q *quickConnect) submit() {
	t, err := q.target()
	if err != nil {
		q.mw.modals.showMessage(q.mw.win, lang.L("Error"), err.Error(), theme.ErrorIcon())
		return
	}
	if ftpcore.IsURL(strings.TrimSpace(q.host.Text)) {
		// The URL's parts go to their fields: a password typed in it
		// must not stay readable in the host field.
		q.fill(t, q.side.SelectedIndex())
	}
	q.start(t, q.side.SelectedIndex())
}

// needsPassword tells a login by name with no password, which asks for
// the password before connecting, as FileZilla does: an empty one would
// only earn a 530. An anonymous login needs none.
func (t quickTarget) needsPassword() bool {
	return t.password == "" && t.user != "" && !strings.EqualFold(t.user, "anonymous") && !strings.EqualFold(t.user, "ftp")
}

// start connects a target in a pane, after asking for its password when
// it needs one (the password is not written in the bar).
func (q *quickConnect) start(t quickTarget, side int) {
	if t.needsPassword() {
		server := t.host
		if t.port != 0 {
			server = net.JoinHostPort(t.host, strconv.Itoa(t.port))
		}
		q.mw.askPassword(lang.L("Server"), server, t.user, func(pw string) {
			t.password = pw
			q.connectTo(t, side)
		})
		return
	}
	q.connectTo(t, side)
}

func (q *quickConnect) connectTo(t quickTarget, side int) {
	cfg := t.config(q.mw.currentSettings())
	// Only a server that accepted the login enters the history: a host
	// name mistyped must not stay in the drop-down.
	q.mw.connectThen(quickKey(cfg), cfg, side, t.dir, func() { q.mw.history.remember(t) })
}

// openURL fills the bar from a URL (the password stays hidden) and
// connects it in the given pane.
func (q *quickConnect) openURL(s string, side int) {
	t, err := parseFTPURL(s)
	if err != nil {
		q.mw.showError(lang.L("Cannot open the URL"), err)
		return
	}
	q.fill(t, side)
	q.start(t, side)
}

// fill shows a target in the bar's fields, the password hidden.
func (q *quickConnect) fill(t quickTarget, side int) {
	q.host.SetText(t.host)
	q.user.SetText(t.user)
	q.password.SetText(t.password)
	if t.port != 0 {
		q.port.SetText(strconv.Itoa(t.port))
	}
	for i, m := range quickModes() {
		if m == t.tls {
			q.protocol.SetSelectedIndex(i)
		}
	}
	q.side.SetSelectedIndex(side)
}

// disconnectSide is the pane Disconnect acts on: the active one when it
// shows a server (the one the user is working in), else the one chosen
// for connecting.
func (q *quickConnect) disconnectSide() int {
	if a := q.mw.active; a != nil && a.src != nil && !a.src.local() {
		return a.side
	}
	return max(q.side.SelectedIndex(), 0)
}

// refreshButtons enables Disconnect when the pane it would act on shows
// a server.
func (q *quickConnect) refreshButtons() {
	p := q.mw.panes[q.disconnectSide()]
	if p != nil && p.src != nil && !p.src.local() {
		q.discon.Enable()
	} else {
		q.discon.Disable()
	}
}
