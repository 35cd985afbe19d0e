package ftpcore

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// ErrNotFTPURL is returned by ParseURL for a text that is not an ftp://,
// ftpes:// or ftps:// URL (a bare host name, another scheme).
var ErrNotFTPURL = errors.New("not an ftp://, ftpes:// or ftps:// URL")

// URL is a parsed ftp://, ftpes:// or ftps:// URL.
type URL struct {
	TLS  TLSMode
	Host string // without brackets for IPv6
	Port int    // 0 when the URL has none
	User string
	// Password and HasPassword: the URL's password, if it has one.
	Password    string
	HasPassword bool
	Path        string // "" when the URL has none
}

// Addr returns "host:port", with the protocol's default port when the URL
// names none.
func (u URL) Addr() string {
	port := u.Port
	if port == 0 {
		port = 21
		if u.TLS == TLSImplicit {
			port = 990
		}
	}
	return net.JoinHostPort(u.Host, strconv.Itoa(port))
}

// ParseURL reads an ftp://, ftpes:// (explicit TLS required) or ftps://
// (implicit TLS) URL. plain says what ftp:// means: TLSNone for scripts,
// TLSExplicitIfAvailable for the app, as FileZilla does. Its errors never
// repeat the URL, which may hold a password.
func ParseURL(raw string, plain TLSMode) (URL, error) {
	raw = strings.TrimSpace(raw)
	scheme, _, ok := strings.Cut(raw, "://")
	if !ok {
		return URL{}, ErrNotFTPURL
	}
	var out URL
	switch strings.ToLower(scheme) {
	case "ftp":
		out.TLS = plain
	case "ftpes":
		out.TLS = TLSExplicit
	case "ftps":
		out.TLS = TLSImplicit
	default:
		return URL{}, fmt.Errorf("%w: scheme %q", ErrNotFTPURL, scheme)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error would repeat the URL, password included.
		return URL{}, errors.New("malformed URL")
	}
	if out.Host = u.Hostname(); out.Host == "" {
		return URL{}, errors.New("the URL has no host")
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return URL{}, fmt.Errorf("bad port %q in the URL", p)
		}
		out.Port = n
	}
	if u.User != nil {
		out.User = u.User.Username()
		out.Password, out.HasPassword = u.User.Password()
	}
	out.Path = u.Path
	return out, nil
}
