package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// choice is one entry of a Select: what the user reads and what it means.
type choice[T comparable] struct {
	label string
	value T
}

func choiceLabels[T comparable](cs []choice[T]) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.label
	}
	return out
}

func selectChoice[T comparable](s *widget.Select, cs []choice[T], v T) {
	for i, c := range cs {
		if c.value == v {
			s.SetSelectedIndex(i)
			return
		}
	}
	s.SetSelectedIndex(0)
}

func selectedChoice[T comparable](s *widget.Select, cs []choice[T]) T {
	i := s.SelectedIndex()
	if i < 0 || i >= len(cs) {
		return cs[0].value
	}
	return cs[i].value
}

// The encryption choices in FileZilla's order, its default first.
func protocolChoices() []choice[ftpcore.TLSMode] {
	return []choice[ftpcore.TLSMode]{
		{lang.L("Use explicit FTP over TLS if available"), ftpcore.TLSExplicitIfAvailable},
		{lang.L("Require explicit FTP over TLS"), ftpcore.TLSExplicit},
		{lang.L("Require implicit FTP over TLS (FTPS)"), ftpcore.TLSImplicit},
		{lang.L("Only use plain FTP (insecure)"), ftpcore.TLSNone},
	}
}

func logonChoices() []choice[profile.LogonType] {
	return []choice[profile.LogonType]{
		{lang.L("Anonymous"), profile.LogonAnonymous},
		{lang.L("Normal"), profile.LogonNormal},
		{lang.L("Ask for password"), profile.LogonAsk},
	}
}

func siteDataModeChoices() []choice[profile.DataModeOverride] {
	return []choice[profile.DataModeOverride]{
		{lang.L("Default"), profile.DataDefault},
		{lang.L("Passive"), profile.DataPassive},
		{lang.L("Active"), profile.DataActive},
	}
}

func siteTypeChoices() []choice[ftpcore.TransferType] {
	return []choice[ftpcore.TransferType]{
		{lang.L("Default (from the settings)"), ftpcore.TypeAuto},
		{lang.L("ASCII"), ftpcore.TypeASCII},
		{lang.L("Binary"), ftpcore.TypeBinary},
	}
}

// legacyCharsets are offered for servers that do not speak UTF-8; any
// other IANA name may be typed.
func legacyCharsets() []string {
	return []string{"ISO-8859-1", "ISO-8859-15", "windows-1252", "ISO-8859-2", "windows-1250",
		"windows-1251", "KOI8-R", "Shift_JIS", "EUC-JP", "GBK", "Big5", "EUC-KR"}
}

// Charset modes, in the order of the radio group.
const (
	charsetAuto = iota
	charsetUTF8
	charsetCustom
)

// fieldError is a value the user typed that cannot be used; Field is the
// label of the entry, already translated.
type fieldError struct {
	Field   string
	Message string
}

func (e *fieldError) Error() string { return e.Field + ": " + e.Message }

// siteForm is the right-hand side of the site manager: the settings of one
// site, in FileZilla's four tabs. It only reads and fills widgets; the
// site manager decides when to store what it reads.
type siteForm struct {
	title                   *widget.Label
	protocol, logon         *dialogSelect
	host, port              *dialogEntry
	user, password, account *dialogEntry
	comments                *dialogEntry
	localDir, remoteDir     *dialogEntry
	tzHours, tzMinutes      *dialogEntry
	relayOnly               *dialogCheck
	dataMode, xferType      *dialogSelect
	limitConns              *dialogCheck
	maxConns                *dialogEntry
	charsetMode             *widget.RadioGroup
	charset                 *escSelectEntry
	tabs                    *container.AppTabs

	protocols []choice[ftpcore.TLSMode]
	logons    []choice[profile.LogonType]
	modes     []choice[profile.DataModeOverride]
	types     []choice[ftpcore.TransferType]

	loading   bool // set while load fills the widgets, so no change is reported
	pwChanged bool // the user typed in the password entry since load
	onChange  func()
}

func newSiteForm(onChange func()) *siteForm {
	f := &siteForm{
		title:     widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		protocols: protocolChoices(),
		logons:    logonChoices(),
		modes:     siteDataModeChoices(),
		types:     siteTypeChoices(),
		onChange:  onChange,
	}
	changed := func(string) { f.changed() }
	f.protocol = newDialogSelect(choiceLabels(f.protocols), changed)
	f.logon = newDialogSelect(choiceLabels(f.logons), func(string) { f.applyLogon(); f.changed() })
	f.host = newFormEntry(lang.L("ftp.example.com"), changed)
	f.port = newFormEntry("21", changed)
	f.user = newFormEntry("", changed)
	f.password = newFormEntry(lang.L("Unchanged unless you type a new one"), func(string) {
		if !f.loading {
			f.pwChanged = true
		}
		f.changed()
	})
	f.password.Password = true
	f.account = newFormEntry("", changed)
	f.comments = newFormEntry("", changed)
	f.comments.MultiLine, f.comments.Wrapping = true, fyne.TextWrapWord
	f.comments.SetMinRowsVisible(4)
	f.localDir = newFormEntry(lang.L("Local folder opened on connection"), changed)
	f.remoteDir = newFormEntry(lang.L("Remote folder opened on connection"), changed)
	f.tzHours = newFormEntry("0", changed)
	f.tzMinutes = newFormEntry("0", changed)
	f.relayOnly = newDialogCheck(lang.L("Relay copies with other servers through this computer (no FXP)"), func(bool) { f.changed() })
	f.dataMode = newDialogSelect(choiceLabels(f.modes), changed)
	f.xferType = newDialogSelect(choiceLabels(f.types), changed)
	f.maxConns = newFormEntry("2", changed)
	f.limitConns = newDialogCheck(lang.L("Limit the number of simultaneous connections"), func(on bool) {
		if on {
			f.maxConns.Enable()
		} else {
			f.maxConns.Disable()
		}
		f.changed()
	})
	f.charset = newEscSelectEntry(legacyCharsets())
	f.charset.OnChanged = changed
	f.charsetMode = widget.NewRadioGroup([]string{
		lang.L("Autodetect (UTF-8 when the server offers it)"),
		lang.L("Force UTF-8"),
		lang.L("Use a custom character set"),
	}, func(string) { f.applyCharsetMode(); f.changed() })
	f.charsetMode.Required = true
	// Escape closes the window after a click on a choice too.
	radioKeysBack(f.charsetMode)
	f.buildTabs()
	return f
}

// newFormEntry is a text field of the site manager: one that hands
// Escape on (installKeys), with a place-holder and what a change does.
func newFormEntry(placeHolder string, changed func(string)) *dialogEntry {
	e := &dialogEntry{}
	e.PlaceHolder, e.OnChanged = placeHolder, changed
	e.ExtendBaseWidget(e)
	return e
}

// keyFields are the form's widgets that take the keyboard and hand
// Escape on.
func (f *siteForm) keyFields() []escapable {
	return []escapable{f.protocol, f.host, f.port, f.logon, f.user, f.password, f.comments,
		f.localDir, f.remoteDir, f.tzHours, f.tzMinutes, f.account, f.relayOnly,
		f.dataMode, f.xferType, f.limitConns, f.maxConns, f.charset}
}

func (f *siteForm) changed() {
	if !f.loading && f.onChange != nil {
		f.onChange()
	}
}

func (f *siteForm) buildTabs() {
	port := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Port:")), nil, f.port)
	hostRow := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(150, f.port.MinSize().Height), port), f.host)
	general := widget.NewForm(
		widget.NewFormItem(lang.L("Encryption"), f.protocol),
		widget.NewFormItem(lang.L("Host"), hostRow),
		widget.NewFormItem(lang.L("Logon type"), f.logon),
		widget.NewFormItem(lang.L("User"), f.user),
		widget.NewFormItem(lang.L("Password"), f.password),
	)
	tz := container.NewGridWithColumns(4,
		f.tzHours, widget.NewLabel(lang.L("hours")), f.tzMinutes, widget.NewLabel(lang.L("minutes")))
	advanced := widget.NewForm(
		widget.NewFormItem(lang.L("Default local folder"), f.localDir),
		widget.NewFormItem(lang.L("Default remote folder"), f.remoteDir),
		widget.NewFormItem(lang.L("Server time offset"), tz),
		widget.NewFormItem(lang.L("Account"), f.account),
		widget.NewFormItem("", f.relayOnly),
	)
	transfer := widget.NewForm(
		widget.NewFormItem(lang.L("Transfer mode"), f.dataMode),
		widget.NewFormItem(lang.L("Transfer type"), f.xferType),
		widget.NewFormItem("", f.limitConns),
		widget.NewFormItem(lang.L("Maximum connections"), f.maxConns),
	)
	charset := container.NewVBox(
		widget.NewLabel(lang.L("The server uses this character set for file names:")),
		f.charsetMode,
		container.NewPadded(f.charset),
	)
	f.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("General"), container.NewVBox(general,
			widget.NewLabel(lang.L("Comments")), f.comments)),
		container.NewTabItem(lang.L("Advanced"), advanced),
		container.NewTabItem(lang.L("Transfer Settings"), transfer),
		container.NewTabItem(lang.L("Charset"), charset),
	)
}

// content returns the form's widgets under the site's name.
func (f *siteForm) content() fyne.CanvasObject {
	return container.NewBorder(f.title, nil, nil, nil, f.tabs)
}

// load fills the widgets from s; the password entry is left empty, as
// reading the saved one could ask for the master password just for
// looking.
func (f *siteForm) load(s profile.Site) {
	f.loading = true
	defer func() { f.loading = false }()
	f.title.SetText(s.Path())
	selectChoice(&f.protocol.Select, f.protocols, s.Protocol)
	selectChoice(&f.logon.Select, f.logons, s.Logon)
	f.host.SetText(s.Host)
	f.port.SetText(intText(s.Port))
	f.user.SetText(s.User)
	f.password.SetText("")
	f.pwChanged = false
	f.account.SetText(s.Account)
	f.comments.SetText(s.Comments)
	f.localDir.SetText(s.LocalDir)
	f.remoteDir.SetText(s.RemoteDir)
	f.tzHours.SetText(intText(s.TZOffset / 60))
	f.tzMinutes.SetText(intText(s.TZOffset % 60))
	f.relayOnly.SetChecked(s.RelayOnly)
	selectChoice(&f.dataMode.Select, f.modes, s.DataMode)
	selectChoice(&f.xferType.Select, f.types, s.TransferType)
	f.limitConns.SetChecked(s.MaxConnections > 0)
	f.maxConns.SetText(intText(s.MaxConnections))
	switch {
	case s.Charset == "":
		f.charsetMode.SetSelected(f.charsetMode.Options[charsetAuto])
		f.charset.SetText("")
	case strings.EqualFold(s.Charset, "UTF-8") || strings.EqualFold(s.Charset, "UTF8"):
		f.charsetMode.SetSelected(f.charsetMode.Options[charsetUTF8])
		f.charset.SetText("")
	default:
		f.charsetMode.SetSelected(f.charsetMode.Options[charsetCustom])
		f.charset.SetText(s.Charset)
	}
	f.applyLogon()
	f.applyCharsetMode()
	if s.MaxConnections > 0 {
		f.maxConns.Enable()
	} else {
		f.maxConns.Disable()
	}
}

// clear empties the widgets, choices included, for when no site is
// selected: a form filled from an empty site would show its zero
// values, "Only use plain FTP" among them, as if they were a site's.
func (f *siteForm) clear() {
	f.loading = true
	defer func() { f.loading = false }()
	f.title.SetText("")
	for _, s := range []*dialogSelect{f.protocol, f.logon, f.dataMode, f.xferType} {
		s.ClearSelected()
	}
	for _, e := range []*dialogEntry{f.host, f.port, f.user, f.password, f.account, f.comments,
		f.localDir, f.remoteDir, f.tzHours, f.tzMinutes, f.maxConns} {
		e.SetText("")
	}
	f.pwChanged = false
	f.relayOnly.SetChecked(false)
	f.limitConns.SetChecked(false)
	f.charsetMode.SetSelected("")
	f.charset.SetText("")
}

func intText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (f *siteForm) applyLogon() {
	switch selectedChoice(&f.logon.Select, f.logons) {
	case profile.LogonAnonymous:
		f.user.Disable()
		f.password.Disable()
	case profile.LogonAsk:
		f.user.Enable()
		f.password.Disable()
	default:
		f.user.Enable()
		f.password.Enable()
	}
}

func (f *siteForm) applyCharsetMode() {
	if f.charsetMode.Selected == f.charsetMode.Options[charsetCustom] {
		f.charset.Enable()
	} else {
		f.charset.Disable()
	}
}

// setEnabled greys the whole form out while a folder (or nothing) is
// selected.
func (f *siteForm) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{f.protocol, f.logon, f.host, f.port, f.user, f.password,
		f.account, f.comments, f.localDir, f.remoteDir, f.tzHours, f.tzMinutes, f.relayOnly,
		f.dataMode, f.xferType, f.limitConns, f.maxConns, f.charsetMode, f.charset} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if on {
		f.applyLogon()
		f.applyCharsetMode()
		if !f.limitConns.Checked {
			f.maxConns.Disable()
		}
	} else {
		f.title.SetText(lang.L("Select a site to edit its settings."))
	}
}

// read returns base with the form's values, or a *fieldError naming the
// first value that cannot be used.
func (f *siteForm) read(base profile.Site) (profile.Site, error) {
	s := base
	s.Protocol = selectedChoice(&f.protocol.Select, f.protocols)
	s.Logon = selectedChoice(&f.logon.Select, f.logons)
	s.Host = strings.TrimSpace(f.host.Text)
	s.User = f.user.Text
	s.Account = f.account.Text
	s.Comments = f.comments.Text
	s.LocalDir = strings.TrimSpace(f.localDir.Text)
	s.RemoteDir = strings.TrimSpace(f.remoteDir.Text)
	s.RelayOnly = f.relayOnly.Checked
	s.DataMode = selectedChoice(&f.dataMode.Select, f.modes)
	s.TransferType = selectedChoice(&f.xferType.Select, f.types)
	var err error
	if strings.ContainsAny(s.Host, " \t/") {
		return s, &fieldError{lang.L("Host"), lang.L("Give a host name or an address, without spaces or slashes.")}
	}
	if s.Port, err = intField(f.port.Text, 1, 65535); err != nil {
		return s, &fieldError{lang.L("Port"), lang.L("Give a number from 1 to 65535, or leave it empty for the default.")}
	}
	hours, err := intField(f.tzHours.Text, -24, 24)
	if err != nil {
		return s, &fieldError{lang.L("Server time offset"), lang.L("Hours must be a number from -24 to 24.")}
	}
	minutes, err := intField(f.tzMinutes.Text, -59, 59)
	if err != nil {
		return s, &fieldError{lang.L("Server time offset"), lang.L("Minutes must be a number from -59 to 59.")}
	}
	s.TZOffset = hours*60 + minutes
	if s.TZOffset < -profile.MaxTZOffsetMinutes || s.TZOffset > profile.MaxTZOffsetMinutes {
		return s, &fieldError{lang.L("Server time offset"), lang.L("The offset cannot exceed 24 hours.")}
	}
	s.MaxConnections = 0
	if f.limitConns.Checked {
		if s.MaxConnections, err = intField(f.maxConns.Text, 1, profile.MaxSiteConnections); err != nil || s.MaxConnections == 0 {
			return s, &fieldError{lang.L("Maximum connections"),
				lang.L("Give a number from 1 to {{.Max}}.", map[string]any{"Max": profile.MaxSiteConnections})}
		}
	}
	switch f.charsetMode.Selected {
	case f.charsetMode.Options[charsetUTF8]:
		s.Charset = "UTF-8"
	case f.charsetMode.Options[charsetCustom]:
		s.Charset = strings.TrimSpace(f.charset.Text)
		if s.Charset == "" {
			return s, &fieldError{lang.L("Charset"), lang.L("Choose a character set, or pick automatic detection.")}
		}
		if _, err := s.Encoding(); errors.Is(err, ftpcore.ErrCharsetNotASCII) {
			return s, &fieldError{lang.L("Charset"),
				lang.L("{{.Name}} cannot carry FTP commands, which are ASCII: choose a character set that keeps ASCII as it is, such as ISO-8859-1, windows-1252 or Shift_JIS.", map[string]any{"Name": s.Charset})}
		} else if err != nil {
			return s, &fieldError{lang.L("Charset"),
				lang.L("{{.Name}} is not a character set Ferry knows.", map[string]any{"Name": s.Charset})}
		}
	default:
		s.Charset = ""
	}
	return s, nil
}

var errNotNumber = errors.New("not a number in range")

// intField parses an optional whole number; empty is zero.
func intField(text string, lo, hi int) (int, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(text, "+"))
	if err != nil || n < lo || n > hi {
		return 0, errNotNumber
	}
	return n, nil
}
