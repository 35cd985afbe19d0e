package profile

import (
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"ferry/ftpcore"
	"ferry/ftpcore/compare"
	"ferry/ftpcore/queue"
)

// existsNames spells the queue's overwrite actions as settings.json does
// ("overwrite-if-newer"); an empty field reads as the first, "ask".
func existsNames() enumNames[queue.OverwriteAction] {
	return enumNames[queue.OverwriteAction]{
		{"ask", queue.OverwriteAsk}, {"overwrite", queue.Overwrite}, {"overwrite-if-newer", queue.OverwriteIfNewer},
		{"overwrite-if-size-differs", queue.OverwriteIfSizeDiffers}, {"resume", queue.OverwriteResume},
		{"rename", queue.OverwriteRename}, {"skip", queue.OverwriteSkip},
	}
}

// fxpNames spells the relay modes a setting may hold: "ask" (the user is
// asked where there is one, else never), "never" and "auto".
func fxpNames() enumNames[ftpcore.RelayMode] {
	return enumNames[ftpcore.RelayMode]{{"ask", ftpcore.RelayAsk}, {"never", ftpcore.RelayNever}, {"auto", ftpcore.RelayAuto}}
}

// compareModeNames spells the directory comparison's modes as
// settings.json does; an empty field reads as the first, by size and
// time.
func compareModeNames() enumNames[compare.Mode] {
	return enumNames[compare.Mode]{{"size-and-time", compare.BySizeAndTime}, {"size", compare.BySize}}
}

// Ranges of the settings, checked by Validate and enforced by Clamp.
const (
	MinConcurrentTransfers = 1
	MaxConcurrentTransfers = 10
	MaxRetries             = 99
	MaxRetryDelay          = time.Hour
	MinTimeout             = time.Second
	MaxTimeout             = 10 * time.Minute
	MinKeepAlive           = 15 * time.Second
	MaxKeepAlive           = time.Hour
	MinActivePort          = 1024
	MinLogLines            = 100
	MaxLogLines            = 1_000_000
	MaxCompareTolerance    = 7 * 24 * time.Hour
)

// Settings are Ferry's preferences, persisted by SettingsStore. A Settings
// is a plain value, safe to copy and to read from several goroutines.
type Settings struct {
	// DataMode and TransferType are the defaults a site may override.
	DataMode     ftpcore.DataMode
	TransferType ftpcore.TransferType
	// ASCIIExtensions, ASCIINoExtension and ASCIIDotfiles decide TypeAuto
	// (see ASCIIRules).
	ASCIIExtensions  []string
	ASCIINoExtension bool
	ASCIIDotfiles    bool
	// ConcurrentTransfers is how many transfers run at once (1..10).
	ConcurrentTransfers int
	// ConnectTimeout and ReplyTimeout bound connecting and each wait for a
	// reply or for data to move.
	ConnectTimeout time.Duration
	ReplyTimeout   time.Duration
	// Retries is how many times a failed transfer is tried again,
	// RetryDelay apart.
	Retries    int
	RetryDelay time.Duration
	// KeepAlive, when positive, sends NOOP on idle connections this often.
	KeepAlive time.Duration
	// ActivePortMin and ActivePortMax bound active-mode ports (0 = any);
	// ActiveExternalIP is announced instead of the local address (NAT).
	ActivePortMin, ActivePortMax int
	ActiveExternalIP             string
	// DownloadExists and UploadExists are the default file-exists actions.
	DownloadExists queue.OverwriteAction
	UploadExists   queue.OverwriteAction
	// DownloadLimit and UploadLimit are speed limits in bytes per second;
	// zero means unlimited.
	DownloadLimit int64
	UploadLimit   int64
	// FXPFallback is what an FXP copy the servers refuse does: RelayAsk,
	// RelayNever or RelayAuto (relay through this machine).
	FXPFallback ftpcore.RelayMode
	// Language is a BCP 47 tag ("de", "pt-BR"); empty follows the system.
	Language string
	// LogLines caps the message log.
	LogLines int
	// Theme is the window's colours: ThemeSystem (follow the desktop),
	// ThemeLight or ThemeDark.
	Theme string
	// CompareMode is what the directory comparison looks at: sizes, or
	// sizes and modification times.
	CompareMode compare.Mode
	// CompareTolerance is how far apart two modification times may be
	// and still count as the same (0..MaxCompareTolerance), on top of
	// what the listings' precision allows: for clocks that drift apart.
	CompareTolerance time.Duration
}

// The values of Settings.Theme.
const (
	ThemeSystem = ""
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

func knownTheme(t string) bool { return t == ThemeSystem || t == ThemeLight || t == ThemeDark }

// DefaultSettings returns the settings of a new installation: passive
// mode, automatic type with FileZilla's extension list, two concurrent
// transfers, two retries five seconds apart, "ask" when a file exists.
func DefaultSettings() Settings {
	return Settings{
		DataMode:            ftpcore.Passive,
		TransferType:        ftpcore.TypeAuto,
		ASCIIExtensions:     ftpcore.DefaultASCIIExtensions(),
		ASCIINoExtension:    true,
		ASCIIDotfiles:       true,
		ConcurrentTransfers: 2,
		ConnectTimeout:      ftpcore.DefaultConnectTimeout,
		ReplyTimeout:        ftpcore.DefaultReplyTimeout,
		Retries:             2,
		RetryDelay:          5 * time.Second,
		DownloadExists:      queue.OverwriteAsk,
		UploadExists:        queue.OverwriteAsk,
		FXPFallback:         ftpcore.RelayAsk,
		LogLines:            10_000,
		CompareMode:         compare.BySizeAndTime,
		CompareTolerance:    time.Minute,
	}
}

// ErrInvalidSetting is matched by errors.Is for every *InvalidSettingError.
var ErrInvalidSetting = errors.New("ferry: invalid setting")

// InvalidSettingError names a setting outside its range.
type InvalidSettingError struct {
	Field  string
	Reason string
}

func (e *InvalidSettingError) Error() string {
	return fmt.Sprintf("ferry: setting %s: %s", e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrInvalidSetting) true.
func (e *InvalidSettingError) Is(target error) bool { return target == ErrInvalidSetting }

// Validate returns every out-of-range setting, joined (errors.Join of
// *InvalidSettingError), or nil.
func (s Settings) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &InvalidSettingError{Field: field, Reason: fmt.Sprintf(format, args...)})
	}
	if s.DataMode > ftpcore.Active {
		bad("transfer mode", "unknown")
	}
	if s.TransferType > ftpcore.TypeBinary {
		bad("transfer type", "unknown")
	}
	if s.ConcurrentTransfers < MinConcurrentTransfers || s.ConcurrentTransfers > MaxConcurrentTransfers {
		bad("concurrent transfers", "%d is outside %d..%d", s.ConcurrentTransfers, MinConcurrentTransfers, MaxConcurrentTransfers)
	}
	for _, t := range []struct {
		name string
		d    time.Duration
	}{{"connect timeout", s.ConnectTimeout}, {"reply timeout", s.ReplyTimeout}} {
		if t.d < MinTimeout || t.d > MaxTimeout {
			bad(t.name, "%v is outside %v..%v", t.d, MinTimeout, MaxTimeout)
		}
	}
	if s.Retries < 0 || s.Retries > MaxRetries {
		bad("retries", "%d is outside 0..%d", s.Retries, MaxRetries)
	}
	if s.RetryDelay < 0 || s.RetryDelay > MaxRetryDelay {
		bad("retry delay", "%v is outside 0..%v", s.RetryDelay, MaxRetryDelay)
	}
	if s.KeepAlive != 0 && (s.KeepAlive < MinKeepAlive || s.KeepAlive > MaxKeepAlive) {
		bad("keep-alive", "%v is neither 0 (off) nor within %v..%v", s.KeepAlive, MinKeepAlive, MaxKeepAlive)
	}
	if (s.ActivePortMin == 0) != (s.ActivePortMax == 0) {
		bad("active port range", "give both ends or neither")
	} else if s.ActivePortMin != 0 && (s.ActivePortMin < MinActivePort || s.ActivePortMax > 65535 || s.ActivePortMin > s.ActivePortMax) {
		bad("active port range", "%d-%d is not a range within %d..65535", s.ActivePortMin, s.ActivePortMax, MinActivePort)
	}
	if s.ActiveExternalIP != "" && net.ParseIP(s.ActiveExternalIP) == nil {
		bad("external address", "%q is not an IP address", s.ActiveExternalIP)
	}
	if s.DownloadExists > queue.OverwriteSkip || s.UploadExists > queue.OverwriteSkip {
		bad("file exists action", "unknown")
	}
	if s.DownloadLimit < 0 || s.UploadLimit < 0 {
		bad("speed limit", "negative")
	}
	if s.FXPFallback > ftpcore.RelayAuto {
		bad("FXP fallback", "unknown")
	}
	if s.Language != "" {
		if _, err := language.Parse(s.Language); err != nil {
			bad("language", "%q is not a language tag", s.Language)
		}
	}
	if !knownTheme(s.Theme) {
		bad("theme", "%q is not a theme", s.Theme)
	}
	if s.CompareMode > compare.BySizeAndTime {
		bad("comparison mode", "unknown")
	}
	if s.CompareTolerance < 0 || s.CompareTolerance > MaxCompareTolerance {
		bad("comparison tolerance", "%v is outside 0..%v", s.CompareTolerance, MaxCompareTolerance)
	}
	if s.LogLines < MinLogLines || s.LogLines > MaxLogLines {
		bad("log size", "%d lines is outside %d..%d", s.LogLines, MinLogLines, MaxLogLines)
	}
	for _, e := range s.ASCIIExtensions {
		if strings.ContainsAny(e, "/\\ \t\r\n\x00") {
			bad("ASCII extensions", "%q is not an extension", e)
			break
		}
	}
	return errors.Join(errs...)
}

// Clamp returns the settings with every numeric value brought into its
// range and every unknown choice replaced by its default, so a hand-edited
// file still gives a working program. Validate of the result is nil.
func (s Settings) Clamp() Settings {
	d := DefaultSettings()
	s.ASCIIExtensions = slices.Clone(s.ASCIIExtensions)
	s.ConcurrentTransfers = min(max(s.ConcurrentTransfers, MinConcurrentTransfers), MaxConcurrentTransfers)
	s.ConnectTimeout = min(max(s.ConnectTimeout, MinTimeout), MaxTimeout)
	s.ReplyTimeout = min(max(s.ReplyTimeout, MinTimeout), MaxTimeout)
	s.Retries = min(max(s.Retries, 0), MaxRetries)
	s.RetryDelay = min(max(s.RetryDelay, 0), MaxRetryDelay)
	if s.KeepAlive < 0 {
		s.KeepAlive = 0
	} else if s.KeepAlive != 0 {
		s.KeepAlive = min(max(s.KeepAlive, MinKeepAlive), MaxKeepAlive)
	}
	if s.ActivePortMin == 0 || s.ActivePortMax == 0 {
		s.ActivePortMin, s.ActivePortMax = 0, 0
	} else {
		s.ActivePortMin = min(max(s.ActivePortMin, MinActivePort), 65535)
		s.ActivePortMax = min(max(s.ActivePortMax, s.ActivePortMin), 65535)
	}
	if s.ActiveExternalIP != "" && net.ParseIP(s.ActiveExternalIP) == nil {
		s.ActiveExternalIP = ""
	}
	s.DownloadLimit, s.UploadLimit = max(s.DownloadLimit, 0), max(s.UploadLimit, 0)
	s.LogLines = min(max(s.LogLines, MinLogLines), MaxLogLines)
	s.CompareTolerance = min(max(s.CompareTolerance, 0), MaxCompareTolerance)
	if s.CompareMode > compare.BySizeAndTime {
		s.CompareMode = d.CompareMode
	}
	if s.DataMode > ftpcore.Active {
		s.DataMode = d.DataMode
	}
	if s.TransferType > ftpcore.TypeBinary {
		s.TransferType = d.TransferType
	}
	if s.DownloadExists > queue.OverwriteSkip {
		s.DownloadExists = d.DownloadExists
	}
	if s.UploadExists > queue.OverwriteSkip {
		s.UploadExists = d.UploadExists
	}
	if s.FXPFallback > ftpcore.RelayAuto {
		s.FXPFallback = d.FXPFallback
	}
	if _, err := language.Parse(s.Language); s.Language != "" && err != nil {
		s.Language = ""
	}
	if !knownTheme(s.Theme) {
		s.Theme = ThemeSystem
	}
	s.ASCIIExtensions = slices.DeleteFunc(s.ASCIIExtensions, func(e string) bool {
		return strings.ContainsAny(e, "/\\ \t\r\n\x00")
	})
	return s
}

// ASCIIRules builds the rules that decide TypeAuto from these settings.
func (s Settings) ASCIIRules() *ftpcore.ASCIIRules {
	return ftpcore.NewASCIIRules(s.ASCIIExtensions, s.ASCIINoExtension, s.ASCIIDotfiles)
}

// SiteConfig builds the session configuration of a site: the site's own
// fields (Site.Config) over these settings' defaults.
func (s Settings) SiteConfig(site Site, password string) ftpcore.Config {
	return s.ApplyTo(site.Config(password), site)
}

// ApplyTo puts these settings into cfg, a configuration built for site
// (by SiteConfig, maybe under earlier settings): the defaults the site
// leaves to the settings (transfer mode and type), the ASCII rules,
// timeouts, keep-alive and active-mode ports. The rest of cfg is kept.
// A quick connection is a Site with no overrides.
func (s Settings) ApplyTo(cfg ftpcore.Config, site Site) ftpcore.Config {
	switch site.DataMode {
	case DataDefault:
		cfg.DataMode = s.DataMode
	case DataPassive:
		cfg.DataMode = ftpcore.Passive
	case DataActive:
		cfg.DataMode = ftpcore.Active
	}
	if site.TransferType == ftpcore.TypeAuto {
		cfg.TransferType = s.TransferType
	}
	cfg.ASCII = s.ASCIIRules()
	cfg.ConnectTimeout = s.ConnectTimeout
	cfg.ReplyTimeout = s.ReplyTimeout
	cfg.KeepAlive = s.KeepAlive
	cfg.ActivePortMin, cfg.ActivePortMax = s.ActivePortMin, s.ActivePortMax
	cfg.ActiveExternalIP = s.ActiveExternalIP
	return cfg
}

// SiteConnections returns how many connections the site may open at once:
// its own limit, else the concurrent-transfer setting.
func (s Settings) SiteConnections(site Site) int {
	if site.MaxConnections > 0 {
		return site.MaxConnections
	}
	return s.ConcurrentTransfers
}
