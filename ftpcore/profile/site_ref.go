package profile

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"ferry/ftpcore"
)

// SplitSiteRef splits a command-line argument of the form "SITE:/path"
// (or "SITE:" for the site's default folder) into the site reference and
// the path. ok is false for anything else, URLs ("ftp://...") included, so
// the caller treats the argument as a URL or a local path. On Windows a
// drive ("C:\x", "C:/x") is a local path, not a site named "C"; elsewhere
// there are no drives, and "c:/x" names the site "c".
func SplitSiteRef(arg string) (ref, path string, ok bool) {
	return splitSiteRef(arg, runtime.GOOS == "windows")
}

func splitSiteRef(arg string, drives bool) (ref, path string, ok bool) {
	if strings.Contains(arg, "://") {
		return "", "", false
	}
	for i := 0; i < len(arg); i++ {
		if arg[i] != ':' {
			continue
		}
		ref, path = arg[:i], arg[i+1:]
		if ref == "" || (path != "" && path[0] != '/') {
			continue
		}
		if drives && len(ref) == 1 && isDriveLetter(ref[0]) {
			return "", "", false
		}
		return ref, path, true
	}
	return "", "", false
}

func isDriveLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// SitePassword returns the password to log in to s: none for anonymous
// sites, the one kept in secrets for normal sites (empty when none was
// saved), and the answer of ask for "ask for password" sites (an error
// when ask is nil).
func SitePassword(s Site, secrets SecretStore, ask func(Site) (string, error)) (string, error) {
	switch s.Logon {
	case LogonAnonymous:
		return "", nil
	case LogonAsk:
		if ask == nil {
			return "", fmt.Errorf("site %q asks for a password: %w", s.Path(), ErrNoPasswordPrompt)
		}
		pw, err := ask(s)
		if err != nil {
			return "", fmt.Errorf("password for site %q: %w", s.Path(), err)
		}
		return pw, nil
	}
	if secrets == nil {
		return "", nil
	}
	pw, err := secrets.Get(s.ID)
	if errors.Is(err, ErrSecretNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("password for site %q: %w", s.Path(), err)
	}
	return pw, nil
}

// ErrNoPasswordPrompt is returned by SitePassword for an "ask for password"
// site when the caller cannot ask.
var ErrNoPasswordPrompt = errors.New("ferry: no way to ask for the password")

// ResolveSite turns "SITE:/path" into a ready Config and the remote path:
// it looks the site up in sites, fetches its password (ask is called for
// "ask" sites) and applies settings. An empty path means the site's remote
// folder. ok is false when arg is not of the SITE:/path form.
func ResolveSite(arg string, sites *SiteStore, secrets SecretStore, settings Settings, ask func(Site) (string, error)) (cfg ftpcore.Config, remotePath string, ok bool, err error) {
	ref, p, ok := SplitSiteRef(arg)
	if !ok {
		return ftpcore.Config{}, "", false, nil
	}
	s, err := sites.Lookup(ref)
	if err != nil {
		return ftpcore.Config{}, "", true, err
	}
	pw, err := SitePassword(s, secrets, ask)
	if err != nil {
		return ftpcore.Config{}, "", true, err
	}
	if p == "" {
		p = s.RemoteDir
	}
	return settings.SiteConfig(s, pw), p, true, nil
}
