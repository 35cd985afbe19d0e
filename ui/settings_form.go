package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

func dataModeChoices() []choice[ftpcore.DataMode] {
	return []choice[ftpcore.DataMode]{{lang.L("Passive"), ftpcore.Passive}, {lang.L("Active"), ftpcore.Active}}
}

func transferTypeChoices() []choice[ftpcore.TransferType] {
	return []choice[ftpcore.TransferType]{
		{lang.L("Auto (by file extension)"), ftpcore.TypeAuto},
		{lang.L("ASCII"), ftpcore.TypeASCII},
		{lang.L("Binary"), ftpcore.TypeBinary},
	}
}

func existsChoices() []choice[queue.OverwriteAction] {
	return []choice[queue.OverwriteAction]{
		{lang.L("Ask"), queue.OverwriteAsk},
		{lang.L("Overwrite"), queue.Overwrite},
		{lang.L("Overwrite if newer"), queue.OverwriteIfNewer},
		{lang.L("Overwrite if the size differs"), queue.OverwriteIfSizeDiffers},
		{lang.L("Resume"), queue.OverwriteResume},
		{lang.L("Rename"), queue.OverwriteRename},
		{lang.L("Skip"), queue.OverwriteSkip},
	}
}

func fxpChoices() []choice[ftpcore.RelayMode] {
	return []choice[ftpcore.RelayMode]{
		{lang.L("Ask me"), ftpcore.RelayAsk},
		{lang.L("Never relay: fail the copy"), ftpcore.RelayNever},
		{lang.L("Relay through this computer"), ftpcore.RelayAuto},
	}
}

func themeChoices() []choice[string] {
	// Its own key: in French the system's theme and the system's
	// language are said differently.
	return []choice[string]{{lang.X("settings.theme.system", "System default"), profile.ThemeSystem},
		{lang.L("Light"), profile.ThemeLight}, {lang.L("Dark"), profile.ThemeDark}}
}

func languageChoices() []choice[string] {
	return []choice[string]{{lang.X("settings.language.system", "System default"), ""}, {"English", "en"}, {"Français", "fr"}}
}

// settingsForm holds the settings dialog's widgets and turns them into
// Settings and back.
type settingsForm struct {
	dataMode, xferType             *dialogSelect
	downloadExists, uploadExists   *dialogSelect
	fxp, language                  *dialogSelect
	theme                          *dialogSelect
	concurrent, retries, retryWait *dialogEntry
	downLimit, upLimit             *dialogEntry
	asciiExts                      *dialogEntry
	asciiNoExt, asciiDotfiles      *dialogCheck
	connectTimeout, replyTimeout   *dialogEntry
	keepAlive                      *dialogEntry
	portMin, portMax, externalIP   *dialogEntry
	logLines                       *dialogEntry
	compare                        *compareFields

	modes     []choice[ftpcore.DataMode]
	types     []choice[ftpcore.TransferType]
	exists    []choice[queue.OverwriteAction]
	fxps      []choice[ftpcore.RelayMode]
	languages []choice[string]
	themes    []choice[string]
	base      profile.Settings // fields the dialog does not show are kept
}

func newSettingsForm() *settingsForm {
	f := &settingsForm{modes: dataModeChoices(), types: transferTypeChoices(), exists: existsChoices(),
		fxps: fxpChoices(), languages: languageChoices(), themes: themeChoices(), compare: newCompareFields()}
	f.dataMode = newDialogSelect(choiceLabels(f.modes), nil)
	f.xferType = newDialogSelect(choiceLabels(f.types), nil)
	f.downloadExists = newDialogSelect(choiceLabels(f.exists), nil)
	f.uploadExists = newDialogSelect(choiceLabels(f.exists), nil)
	f.fxp = newDialogSelect(choiceLabels(f.fxps), nil)
	f.language = newDialogSelect(choiceLabels(f.languages), nil)
	f.theme = newDialogSelect(choiceLabels(f.themes), nil)
	for _, e := range []**dialogEntry{&f.concurrent, &f.retries, &f.retryWait, &f.downLimit, &f.upLimit,
		&f.connectTimeout, &f.replyTimeout, &f.keepAlive, &f.portMin, &f.portMax, &f.externalIP, &f.logLines} {
		*e = newDialogEntry()
	}
	f.downLimit.PlaceHolder = lang.L("0 = unlimited")
	f.upLimit.PlaceHolder = lang.L("0 = unlimited")
	f.keepAlive.PlaceHolder = lang.L("0 = off")
	f.portMin.PlaceHolder = lang.L("any")
	f.portMax.PlaceHolder = lang.L("any")
	f.externalIP.PlaceHolder = lang.L("this computer's address")
	f.asciiExts = newDialogEntry()
	f.asciiExts.MultiLine, f.asciiExts.Wrapping = true, fyne.TextWrapWord
	f.asciiExts.SetMinRowsVisible(5)
	f.asciiNoExt = newDialogCheck(lang.L("Files without an extension are ASCII"), nil)
	f.asciiDotfiles = newDialogCheck(lang.L("Dotfiles (.htaccess, .profile) are ASCII"), nil)
	return f
}

func (f *settingsForm) load(s profile.Settings) {
	f.base = s
	selectChoice(&f.dataMode.Select, f.modes, s.DataMode)
	selectChoice(&f.xferType.Select, f.types, s.TransferType)
	selectChoice(&f.downloadExists.Select, f.exists, s.DownloadExists)
	selectChoice(&f.uploadExists.Select, f.exists, s.UploadExists)
	selectChoice(&f.fxp.Select, f.fxps, s.FXPFallback)
	selectChoice(&f.theme.Select, f.themes, s.Theme)
	selectChoice(&f.language.Select, f.languages, s.Language)
	if f.language.SelectedIndex() == 0 && s.Language != "" {
		// A language Ferry has no choice for, set by hand: keep it visible.
		f.languages = append(f.languages, choice[string]{s.Language, s.Language})
		f.language.SetOptions(choiceLabels(f.languages))
		f.language.SetSelectedIndex(len(f.languages) - 1)
	}
	f.concurrent.SetText(strconv.Itoa(s.ConcurrentTransfers))
	f.retries.SetText(strconv.Itoa(s.Retries))
	f.retryWait.SetText(seconds(s.RetryDelay))
	f.downLimit.SetText(strconv.FormatInt(s.DownloadLimit/1024, 10))
	f.upLimit.SetText(strconv.FormatInt(s.UploadLimit/1024, 10))
	f.asciiExts.SetText(strings.Join(s.ASCIIExtensions, " "))
	f.asciiNoExt.SetChecked(s.ASCIINoExtension)
	f.asciiDotfiles.SetChecked(s.ASCIIDotfiles)
	f.connectTimeout.SetText(seconds(s.ConnectTimeout))
	f.replyTimeout.SetText(seconds(s.ReplyTimeout))
	f.keepAlive.SetText(seconds(s.KeepAlive))
	f.portMin.SetText(intText(s.ActivePortMin))
	f.portMax.SetText(intText(s.ActivePortMax))
	f.externalIP.SetText(s.ActiveExternalIP)
	f.logLines.SetText(strconv.Itoa(s.LogLines))
	f.compare.load(s)
}

func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) }

// read returns the settings in the form, or every problem found, each a
// *fieldError with a sentence for the user.
func (f *settingsForm) read() (profile.Settings, error) {
	s := f.base
	var errs []error
	num := func(e *dialogEntry, field string, lo, hi int) int {
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if strings.TrimSpace(e.Text) == "" {
			n, err = 0, nil
		}
		if err != nil || n < lo || n > hi {
			errs = append(errs, &fieldError{field, lang.L("Give a whole number from {{.Min}} to {{.Max}}.",
				map[string]any{"Min": lo, "Max": hi})})
		}
		return n
	}
	dur := func(e *dialogEntry, field string, lo, hi time.Duration, zeroOK bool) time.Duration {
		v, err := strconv.ParseFloat(strings.TrimSpace(e.Text), 64)
		if strings.TrimSpace(e.Text) == "" {
			v, err = 0, nil
		}
		d := time.Duration(v * float64(time.Second))
		if err != nil || (d < lo || d > hi) && !(zeroOK && d == 0) {
			msg := lang.L("Give a number of seconds from {{.Min}} to {{.Max}}.",
				map[string]any{"Min": seconds(lo), "Max": seconds(hi)})
			if zeroOK {
				msg = lang.L("Give 0 (off) or a number of seconds from {{.Min}} to {{.Max}}.",
					map[string]any{"Min": seconds(lo), "Max": seconds(hi)})
			}
			errs = append(errs, &fieldError{field, msg})
		}
		return d
	}
	const maxKiB = 1 << 30 // 1 TiB/s: anything more is a typing mistake
	s.DataMode = selectedChoice(&f.dataMode.Select, f.modes)
	s.TransferType = selectedChoice(&f.xferType.Select, f.types)
	s.DownloadExists = selectedChoice(&f.downloadExists.Select, f.exists)
	s.UploadExists = selectedChoice(&f.uploadExists.Select, f.exists)
	s.FXPFallback = selectedChoice(&f.fxp.Select, f.fxps)
	s.Language = selectedChoice(&f.language.Select, f.languages)
	s.Theme = selectedChoice(&f.theme.Select, f.themes)
	s.ConcurrentTransfers = num(f.concurrent, lang.L("Concurrent transfers"), profile.MinConcurrentTransfers, profile.MaxConcurrentTransfers)
	s.Retries = num(f.retries, lang.L("Retries"), 0, profile.MaxRetries)
	s.RetryDelay = dur(f.retryWait, lang.L("Delay between retries"), 0, profile.MaxRetryDelay, true)
	s.DownloadLimit = int64(num(f.downLimit, lang.L("Download limit"), 0, maxKiB)) * 1024
	s.UploadLimit = int64(num(f.upLimit, lang.L("Upload limit"), 0, maxKiB)) * 1024
	s.ConnectTimeout = dur(f.connectTimeout, lang.L("Connection timeout"), profile.MinTimeout, profile.MaxTimeout, false)
	s.ReplyTimeout = dur(f.replyTimeout, lang.L("Reply timeout"), profile.MinTimeout, profile.MaxTimeout, false)
	s.KeepAlive = dur(f.keepAlive, lang.L("Keep-alive interval"), profile.MinKeepAlive, profile.MaxKeepAlive, true)
	s.ActivePortMin = num(f.portMin, lang.L("Lowest active-mode port"), 0, 65535)
	s.ActivePortMax = num(f.portMax, lang.L("Highest active-mode port"), 0, 65535)
	switch {
	case (s.ActivePortMin == 0) != (s.ActivePortMax == 0):
		errs = append(errs, &fieldError{lang.L("Active-mode ports"), lang.L("Give both ends of the range, or neither.")})
	case s.ActivePortMin != 0 && (s.ActivePortMin < profile.MinActivePort || s.ActivePortMin > s.ActivePortMax):
		errs = append(errs, &fieldError{lang.L("Active-mode ports"),
			lang.L("The range must start at {{.Min}} or above and not end before it starts.",
				map[string]any{"Min": profile.MinActivePort})})
	}
	s.ActiveExternalIP = strings.TrimSpace(f.externalIP.Text)
	s.LogLines = num(f.logLines, lang.L("Log size"), profile.MinLogLines, profile.MaxLogLines)
	s.ASCIIExtensions = splitExtensions(f.asciiExts.Text)
	s.ASCIINoExtension = f.asciiNoExt.Checked
	s.ASCIIDotfiles = f.asciiDotfiles.Checked
	f.compare.read(&s)
	if len(errs) == 0 {
		// The engine's own rules catch what the fields above do not
		// (an external address that is not an IP, a strange extension).
		errs = append(errs, settingsProblems(s.Validate())...)
	}
	return s, errors.Join(errs...)
}

// splitExtensions accepts extensions separated by spaces, commas or new
// lines, with or without their dot.
func splitExtensions(text string) []string {
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\t' })
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if f = strings.TrimPrefix(strings.TrimSpace(f), "."); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// settingsProblems turns the engine's validation errors into field errors
// with translated field names.
func settingsProblems(err error) []error {
	if err == nil {
		return nil
	}
	labels := map[string]string{
		"external address": lang.L("External address"),
		"ASCII extensions": lang.L("ASCII extensions"),
		"language":         lang.L("Language"),
	}
	var out []error
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var ie *profile.InvalidSettingError
		if errors.As(err, &ie) {
			field := labels[ie.Field]
			if field == "" {
				field = ie.Field
			}
			out = append(out, &fieldError{field, ie.Reason})
			return
		}
		out = append(out, err)
	}
	walk(err)
	return out
}

// problemText lists the problems of read, one per line.
func problemText(err error) string {
	var lines []string
	for _, e := range settingsProblems(err) {
		lines = append(lines, "• "+userMessage(e))
	}
	return strings.Join(lines, "\n")
}
