package profile

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"

	"ferry/ftpcore"
)

// LogonType says how a saved site logs in.
type LogonType uint8

// The logon types a site can have.
const (
	// LogonNormal sends the saved user and the password kept in the
	// SecretStore.
	LogonNormal LogonType = iota
	// LogonAnonymous logs in as anonymous; no password is kept.
	LogonAnonymous
	// LogonAsk asks the user for the password at each connection; none
	// is kept.
	LogonAsk
)

// String returns "normal", "anonymous" or "ask".
func (l LogonType) String() string {
	switch l {
	case LogonAnonymous:
		return "anonymous"
	case LogonAsk:
		return "ask"
	}
	return "normal"
}

// DataModeOverride is a site's choice of data connection mode.
type DataModeOverride uint8

// DataDefault follows the Settings; the others force a mode for this site.
const (
	DataDefault DataModeOverride = iota
	DataPassive
	DataActive
)

// String returns "default", "passive" or "active".
func (d DataModeOverride) String() string {
	switch d {
	case DataPassive:
		return "passive"
	case DataActive:
		return "active"
	}
	return "default"
}

// Limits of a site's fields.
const (
	// MaxSiteConnections caps a site's simultaneous connections.
	MaxSiteConnections = 10
	// MaxTZOffsetMinutes bounds a server's time-zone offset either way.
	MaxTZOffsetMinutes = 24 * 60
)

// ErrInvalidSite is matched by errors.Is for every *InvalidSiteError.
var ErrInvalidSite = errors.New("ferry: invalid site")

// InvalidSiteError names the field of a site that cannot be saved.
type InvalidSiteError struct {
	Site   string // the site's path ("folder/name")
	Field  string
	Reason string
}

func (e *InvalidSiteError) Error() string {
	return fmt.Sprintf("ferry: site %q: %s: %s", e.Site, e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrInvalidSite) true.
func (e *InvalidSiteError) Is(target error) bool { return target == ErrInvalidSite }

// Site is one saved server. Its password is not a field: it lives in a
// SecretStore under the site's ID, so that a Site can be printed, logged or
// written to sites.json freely. A Site is a plain value, safe to copy and to
// read from several goroutines.
type Site struct {
	// ID is a stable unique identifier, assigned by the SiteStore; it keys
	// the site's password in the SecretStore.
	ID string
	// Folder is the path of folders holding the site, outermost first;
	// empty means the top level.
	Folder []string
	Name   string
	Host   string
	// Port is the server's port; zero means 21, or 990 with TLSImplicit.
	Port     int
	Protocol ftpcore.TLSMode
	Logon    LogonType
	User     string
	// Account answers a server's request for ACCT (FileZilla's "account"
	// logon type).
	Account string
	// DataMode overrides Settings.DataMode unless it is DataDefault.
	DataMode DataModeOverride
	// TransferType overrides Settings.TransferType unless it is TypeAuto.
	TransferType ftpcore.TransferType
	// MaxConnections caps the site's simultaneous connections; zero means
	// the Settings' default.
	MaxConnections int
	// TZOffset is the server's time-zone offset in minutes east of UTC,
	// applied to the dates in its listings.
	TZOffset int
	// Charset names the server's file-name encoding: "" means automatic
	// (UTF-8 when the server announces it), otherwise an IANA name such as
	// "UTF-8", "ISO-8859-1" or "windows-1252".
	Charset   string
	LocalDir  string
	RemoteDir string
	Comments  string
	// RelayOnly makes every copy between this site and another server
	// go through this computer (RETR streamed into STOR), never server
	// to server (FXP): for a server whose FXP is not wanted, or whose
	// data must not go to another server directly.
	RelayOnly bool
	// TLSSeen records that the server once accepted AUTH TLS. A site on
	// TLSExplicitIfAvailable then refuses to fall back to clear text
	// (Config.RefuseDowngrade); SiteStore.NoteTLS sets it.
	TLSSeen bool
}

// Path returns the site's folder and name joined with "/", the form
// SiteStore.Lookup accepts.
func (s Site) Path() string {
	return strings.Join(append(append([]string(nil), s.Folder...), s.Name), "/")
}

// NeedsPassword reports whether the site logs in with a password kept in a
// SecretStore.
func (s Site) NeedsPassword() bool { return s.Logon == LogonNormal }

// Validate checks the site's fields and returns an *InvalidSiteError for
// the first bad one.
func (s Site) Validate() error {
	bad := func(field, reason string) error {
		return &InvalidSiteError{Site: s.Path(), Field: field, Reason: reason}
	}
	switch {
	case strings.TrimSpace(s.Name) == "":
		return bad("name", "empty")
	case strings.ContainsAny(s.Name, "\x00\r\n"):
		return bad("name", "contains a control character")
	case strings.ContainsAny(s.Host, " \t\x00\r\n/"):
		return bad("host", "not a host name or address")
	case s.Port < 0 || s.Port > 65535:
		return bad("port", "outside 0..65535")
	case s.Protocol > ftpcore.TLSImplicit:
		return bad("protocol", "unknown")
	case s.Logon > LogonAsk:
		return bad("logon", "unknown")
	case s.DataMode > DataActive:
		return bad("transfer mode", "unknown")
	case s.TransferType > ftpcore.TypeBinary:
		return bad("transfer type", "unknown")
	case s.MaxConnections < 0 || s.MaxConnections > MaxSiteConnections:
		return bad("maximum connections", fmt.Sprintf("outside 0..%d", MaxSiteConnections))
	case s.TZOffset < -MaxTZOffsetMinutes || s.TZOffset > MaxTZOffsetMinutes:
		return bad("time-zone offset", "more than 24 hours")
	}
	for _, f := range s.Folder {
		if strings.TrimSpace(f) == "" {
			return bad("folder", "empty folder name")
		}
	}
	if _, err := s.Encoding(); err != nil {
		return bad("character set", err.Error())
	}
	return nil
}

// Encoding returns the encoding of the server's file names: UTF-8 for an
// automatic or UTF-8 charset, else the legacy encoding named by Charset.
func (s Site) Encoding() (encoding.Encoding, error) {
	return charsetEncoding(s.Charset)
}

func charsetEncoding(name string) (encoding.Encoding, error) {
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, "UTF-8") || strings.EqualFold(name, "UTF8") {
		return unicode.UTF8, nil
	}
	enc, err := ianaindex.IANA.Encoding(name)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unknown character set %q", name)
	}
	if !ftpcore.ASCIICompatible(enc) {
		return nil, fmt.Errorf("character set %q: %w", name, ftpcore.ErrCharsetNotASCII)
	}
	return enc, nil
}

// Addr returns "host:port", with the protocol's default port when Port is
// zero.
func (s Site) Addr() string {
	port := s.Port
	if port == 0 {
		port = s.Protocol.DefaultPort()
	}
	host := strings.TrimSuffix(strings.TrimPrefix(s.Host, "["), "]")
	return net.JoinHostPort(host, strconv.Itoa(port))
}

// Location returns the server's time zone as a fixed offset, or nil (UTC)
// when the offset is zero.
func (s Site) Location() *time.Location {
	if s.TZOffset == 0 {
		return nil
	}
	sign, m := "+", s.TZOffset
	if m < 0 {
		sign, m = "-", -m
	}
	return time.FixedZone(fmt.Sprintf("UTC%s%02d:%02d", sign, m/60, m%60), s.TZOffset*60)
}

// Config builds the session configuration of the site with the given
// password (ignored for anonymous sites). Fields the site leaves to the
// defaults stay zero; Settings.SiteConfig fills them from the settings.
func (s Site) Config(password string) ftpcore.Config {
	cfg := ftpcore.Config{
		Addr:         s.Addr(),
		User:         s.User,
		Password:     password,
		Account:      s.Account,
		TLS:          s.Protocol,
		TransferType: s.TransferType,
		Location:     s.Location(),
		Name:         "site: " + s.Path(),
		// A server that offered TLS before and now refuses it may be a
		// man in the middle: never hand it the password silently.
		RefuseDowngrade: s.TLSSeen && s.Protocol == ftpcore.TLSExplicitIfAvailable,
	}
	if s.Logon == LogonAnonymous {
		cfg.User, cfg.Password, cfg.Account = "", "", ""
	}
	if s.DataMode == DataActive {
		cfg.DataMode = ftpcore.Active
	}
	if enc, err := s.Encoding(); err == nil && enc != unicode.UTF8 {
		cfg.Charset = enc
	}
	return cfg
}

func (s Site) clone() Site {
	s.Folder = append([]string(nil), s.Folder...)
	return s
}
