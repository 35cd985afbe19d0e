package ftpcore

import (
	"errors"
	"strings"
	"testing"
)

func TestParseURL(t *testing.T) {
	cases := []struct {
		in    string
		plain TLSMode
		want  URL
		addr  string
	}{
		{"ftp://example.org", TLSNone, URL{TLS: TLSNone, Host: "example.org"}, "example.org:21"},
		{"ftp://example.org/", TLSExplicitIfAvailable, URL{TLS: TLSExplicitIfAvailable, Host: "example.org", Path: "/"}, "example.org:21"},
		{"FTPES://alice@example.org:2121/www/a b.txt", TLSNone,
			URL{TLS: TLSExplicit, Host: "example.org", Port: 2121, User: "alice", Path: "/www/a b.txt"}, "example.org:2121"},
		{"ftps://bob:p%40ss@[::1]/x", TLSNone,
			URL{TLS: TLSImplicit, Host: "::1", User: "bob", Password: "p@ss", HasPassword: true, Path: "/x"}, "[::1]:990"},
		{"  ftp://u:@h/  ", TLSNone, URL{TLS: TLSNone, Host: "h", User: "u", HasPassword: true, Path: "/"}, "h:21"},
	}
	for _, tc := range cases {
		got, err := ParseURL(tc.in, tc.plain)
		if err != nil || got != tc.want || got.Addr() != tc.addr {
			t.Errorf("ParseURL(%q) = %+v, %v (addr %s); want %+v, %s", tc.in, got, err, got.Addr(), tc.want, tc.addr)
		}
	}
	for _, bad := range []string{"example.org", "http://example.org", "sftp://h"} {
		if _, err := ParseURL(bad, TLSNone); !errors.Is(err, ErrNotFTPURL) {
			t.Errorf("%q: %v, want ErrNotFTPURL", bad, err)
		}
	}
	for _, bad := range []string{"ftp://", "ftp://u:secret-pw@h:99999/", "ftp://u:secret-pw@h:x/", "ftp://u:secret-pw@h/%zz"} {
		_, err := ParseURL(bad, TLSNone)
		if err == nil || errors.Is(err, ErrNotFTPURL) {
			t.Errorf("%q: %v", bad, err)
			continue
		}
		if strings.Contains(err.Error(), "secret-pw") {
			t.Errorf("%q: the password is in the error %q", bad, err)
		}
	}
}

func TestIsURL(t *testing.T) {
	for s, want := range map[string]bool{
		"ftp://h": true, "FTPES://h/x": true, " ftps://h": true,
		"http://h": false, "h:21": false, "ftp:/h": false, "": false, "site:/path": false,
	} {
		if got := IsURL(s); got != want {
			t.Errorf("IsURL(%q) = %v", s, got)
		}
	}
}

// A "#" or "?" in a URL is refused with advice, not allowed to cut the
// path short; encoded, they are part of the name.
func TestParseURLRefusesCutPath(t *testing.T) {
	for _, raw := range []string{"ftp://h/pub/a#1.txt", "ftp://h/pub/what?.txt", "ftp://h/pub/x#", "ftp://h/?"} {
		if u, err := ParseURL(raw, TLSNone); !errors.Is(err, ErrURLCut) {
			t.Errorf("ParseURL(%q) = %+v, %v; want ErrURLCut", raw, u, err)
		}
	}
	u, err := ParseURL("ftp://h/pub/a%231%3F.txt", TLSNone)
	if err != nil || u.Path != "/pub/a#1?.txt" {
		t.Errorf("encoded: %+v, %v", u, err)
	}
}
