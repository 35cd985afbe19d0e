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

// ErrURLCut is returned by ParseURL for a URL holding an unencoded "#" or
// "?": either would silently end the path there (RFC 3986 3.3), so a file
// named "a#1.txt" would become "a". The error says how to write them.
var ErrURLCut = errors.New(`the URL holds an unencoded "#" or "?", which would cut the path short; write "#" as %23 and "?" as %3F`)

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
		port = u.TLS.DefaultPort()
	}
	return net.JoinHostPort(u.Host, strconv.Itoa(port))
}

// urlScheme returns the scheme of raw, lower-cased when it is one Ferry
// opens, and whether it is.
func urlScheme(raw string) (scheme string, ok bool) {
	scheme, _, ok = strings.Cut(strings.TrimSpace(raw), "://")
	if !ok {
		return "", false
	}
	switch strings.ToLower(scheme) {
	case "ftp", "ftpes", "ftps":
		return strings.ToLower(scheme), true
	}
	return scheme, false
}

// IsURL reports whether s starts with a scheme Ferry opens: ftp://,
// ftpes:// or ftps:// (any case).
func IsURL(s string) bool {
	_, ok := urlScheme(s)
	return ok
}

// ParseURL reads an ftp://, ftpes:// (explicit TLS required) or ftps://
// (implicit TLS) URL. plain says what ftp:// means: TLSNone for scripts,
// TLSExplicitIfAvailable for the app, as FileZilla does. Its errors never
// repeat the URL, which may hold a password.
func ParseURL(raw string, plain TLSMode) (URL, error) {
	raw = strings.TrimSpace(raw)
	scheme, ok := urlScheme(raw)
	if !ok {
		if scheme == "" {
			return URL{}, ErrNotFTPURL
		}
		return URL{}, fmt.Errorf("%w: scheme %q", ErrNotFTPURL, scheme)
	}
	out := URL{TLS: plain}
	switch scheme {
	case "ftpes":
		out.TLS = TLSExplicit
	case "ftps":
		out.TLS = TLSImplicit
	}
	if strings.ContainsAny(raw, "#?") {
		return URL{}, ErrURLCut
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
