package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"ferry/ftpcore"
)

func TestSiteValidate(t *testing.T) {
	good := Site{Name: "n", Host: "ftp.example.com"}
	tests := []struct {
		name  string
		edit  func(*Site)
		field string // "" = valid
	}{
		{"minimal", func(*Site) {}, ""},
		{"no host yet", func(s *Site) { s.Host = "" }, ""},
		{"legacy charset", func(s *Site) { s.Charset = "windows-1252" }, ""},
		{"full", func(s *Site) {
			s.Folder, s.Port, s.Protocol, s.Logon, s.MaxConnections, s.TZOffset = []string{"a", "b"}, 2121, ftpcore.TLSImplicit, LogonAsk, 10, -720
		}, ""},
		{"empty name", func(s *Site) { s.Name = " " }, "name"},
		{"newline in name", func(s *Site) { s.Name = "a\nb" }, "name"},
		{"space in host", func(s *Site) { s.Host = "a b" }, "host"},
		{"port", func(s *Site) { s.Port = 70000 }, "port"},
		{"protocol", func(s *Site) { s.Protocol = 9 }, "protocol"},
		{"logon", func(s *Site) { s.Logon = 9 }, "logon"},
		{"data mode", func(s *Site) { s.DataMode = 9 }, "transfer mode"},
		{"type", func(s *Site) { s.TransferType = 9 }, "transfer type"},
		{"connections", func(s *Site) { s.MaxConnections = 11 }, "maximum connections"},
		{"time zone", func(s *Site) { s.TZOffset = 24*60 + 1 }, "time-zone offset"},
		{"empty folder", func(s *Site) { s.Folder = []string{"a", ""} }, "folder"},
		{"charset", func(s *Site) { s.Charset = "no-such-set" }, "character set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good
			tt.edit(&s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v", err)
				}
				return
			}
			var ie *InvalidSiteError
			if !errors.As(err, &ie) || ie.Field != tt.field || !errors.Is(err, ErrInvalidSite) {
				t.Fatalf("Validate() = %v, want field %q", err, tt.field)
			}
		})
	}
}

func TestSiteConfig(t *testing.T) {
	tests := []struct {
		name     string
		site     Site
		addr     string
		user     string
		pass     string
		dataMode ftpcore.DataMode
		offset   int // seconds east of UTC; -1 = nil location
	}{
		{"default port", Site{Name: "a", Host: "h", User: "u"}, "h:21", "u", "pw", ftpcore.Passive, -1},
		{"implicit port", Site{Name: "a", Host: "h", Protocol: ftpcore.TLSImplicit, User: "u"}, "h:990", "u", "pw", ftpcore.Passive, -1},
		{"ipv6", Site{Name: "a", Host: "[::1]", Port: 2121, User: "u"}, "[::1]:2121", "u", "pw", ftpcore.Passive, -1},
		{"anonymous drops credentials", Site{Name: "a", Host: "h", User: "u", Account: "x", Logon: LogonAnonymous}, "h:21", "", "", ftpcore.Passive, -1},
		{"active and zone", Site{Name: "a", Host: "h", User: "u", DataMode: DataActive, TZOffset: -90}, "h:21", "u", "pw", ftpcore.Active, -90 * 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.site.Config("pw")
			if cfg.Addr != tt.addr || cfg.User != tt.user || cfg.Password != tt.pass || cfg.DataMode != tt.dataMode || cfg.TLS != tt.site.Protocol {
				t.Errorf("Config = addr %q user %q pass %q mode %v tls %v", cfg.Addr, cfg.User, cfg.Password, cfg.DataMode, cfg.TLS)
			}
			if tt.offset == -1 {
				if cfg.Location != nil {
					t.Errorf("Location = %v, want nil", cfg.Location)
				}
				return
			}
			if _, off := time.Date(2024, 1, 1, 0, 0, 0, 0, cfg.Location).Zone(); off != tt.offset {
				t.Errorf("offset = %d, want %d", off, tt.offset)
			}
		})
	}
}

func TestSettingsSiteConfig(t *testing.T) {
	st := DefaultSettings()
	st.DataMode, st.TransferType, st.KeepAlive = ftpcore.Active, ftpcore.TypeBinary, time.Minute
	st.ActivePortMin, st.ActivePortMax, st.ActiveExternalIP = 50000, 50100, "203.0.113.7"
	tests := []struct {
		name string
		site Site
		mode ftpcore.DataMode
		typ  ftpcore.TransferType
	}{
		{"defaults", Site{Name: "a", Host: "h"}, ftpcore.Active, ftpcore.TypeBinary},
		{"site overrides", Site{Name: "a", Host: "h", DataMode: DataPassive, TransferType: ftpcore.TypeASCII}, ftpcore.Passive, ftpcore.TypeASCII},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := st.SiteConfig(tt.site, "")
			if cfg.DataMode != tt.mode || cfg.TransferType != tt.typ {
				t.Errorf("mode %v type %v, want %v %v", cfg.DataMode, cfg.TransferType, tt.mode, tt.typ)
			}
			if cfg.KeepAlive != time.Minute || cfg.ActivePortMin != 50000 || cfg.ActiveExternalIP != "203.0.113.7" || cfg.ASCII == nil {
				t.Errorf("settings not applied: %+v", cfg)
			}
		})
	}
	if n := st.SiteConnections(Site{MaxConnections: 5}); n != 5 {
		t.Errorf("SiteConnections = %d, want 5", n)
	}
	if n := st.SiteConnections(Site{}); n != 2 {
		t.Errorf("SiteConnections = %d, want the default 2", n)
	}
}

func TestSiteEncoding(t *testing.T) {
	for _, tt := range []struct{ charset, text, want string }{
		{"", "é", "é"},
		{"ISO-8859-1", "é", "\xe9"},
		{"windows-1252", "€", "\x80"},
	} {
		enc, err := Site{Charset: tt.charset}.Encoding()
		if err != nil {
			t.Fatalf("Encoding(%q): %v", tt.charset, err)
		}
		got, err := enc.NewEncoder().String(tt.text)
		if err != nil || got != tt.want {
			t.Errorf("%s: encode %q = %q, %v; want %q", tt.charset, tt.text, got, err, tt.want)
		}
	}
}

// A character set that does not write ASCII as ASCII would let a name's
// bytes become CR or LF on the control connection: such sets are refused,
// the multibyte sets that keep ASCII are taken.
func TestSiteEncodingMustKeepASCII(t *testing.T) {
	for _, name := range []string{"UTF-16", "UTF-16BE", "UTF-16LE", "IBM037", "IBM1047"} {
		if _, err := (Site{Charset: name}).Encoding(); !errors.Is(err, ftpcore.ErrCharsetNotASCII) {
			t.Errorf("Encoding(%q) = %v, want ErrCharsetNotASCII", name, err)
		}
		if err := (Site{Host: "h", Charset: name}).Validate(); err == nil {
			t.Errorf("a site with charset %q is valid", name)
		}
		if cfg := (Site{Host: "h", Charset: name}).Config(""); cfg.Charset != nil {
			t.Errorf("charset %q reached the session", name)
		}
	}
	for _, name := range []string{"Shift_JIS", "EUC-JP", "GBK", "Big5", "EUC-KR", "KOI8-R", "windows-1251"} {
		if _, err := (Site{Charset: name}).Encoding(); err != nil {
			t.Errorf("Encoding(%q): %v", name, err)
		}
	}
}

func TestSplitSiteRef(t *testing.T) {
	tests := []struct {
		arg, ref, path string
		ok             bool
		drives         bool // as on Windows
	}{
		{"prod:/var/www", "prod", "/var/www", true, false},
		{"prod:", "prod", "", true, false},
		{"Work/EU/prod:/x", "Work/EU/prod", "/x", true, false},
		{"a:b:/x", "a:b", "/x", true, false},
		{"ftp://user@host/path", "", "", false, false},
		{`C:\Users`, "", "", false, true},
		{`C:\Users`, "", "", false, false},
		{"C:/Users", "", "", false, true},
		// A one-letter site name is a site where there are no drives.
		{"C:/Users", "C", "/Users", true, false},
		{"x:/srv", "x", "/srv", true, false},
		{"local/file.txt", "", "", false, false},
		{":/x", "", "", false, false},
		{"host:21", "", "", false, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s drives=%v", tt.arg, tt.drives), func(t *testing.T) {
			ref, p, ok := splitSiteRef(tt.arg, tt.drives)
			if ref != tt.ref || p != tt.path || ok != tt.ok {
				t.Errorf("SplitSiteRef(%q) = %q, %q, %v; want %q, %q, %v", tt.arg, ref, p, ok, tt.ref, tt.path, tt.ok)
			}
		})
	}
}

func TestResolveSite(t *testing.T) {
	dir := t.TempDir()
	st := NewSiteStore(dir)
	normal, err := st.Add(Site{Folder: []string{"Work"}, Name: "prod", Host: "h", User: "u", RemoteDir: "/home/u"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Add(Site{Name: "ask", Host: "h2", User: "v", Logon: LogonAsk}); err != nil {
		t.Fatal(err)
	}
	secrets := NewEncryptedSecrets(dir, func() (string, error) { return "master", nil })
	if err := secrets.Set(normal.ID, "s3cret-pw"); err != nil {
		t.Fatal(err)
	}
	asked := 0
	ask := func(s Site) (string, error) { asked++; return "typed-" + s.Name, nil }
	tests := []struct {
		arg, path, pass string
		ok              bool
		err             error
	}{
		{"Work/prod:/etc", "/etc", "s3cret-pw", true, nil},
		{"prod:", "/home/u", "s3cret-pw", true, nil},
		{"ask:/", "/", "typed-ask", true, nil},
		{"nope:/", "", "", true, ErrSiteNotFound},
		{"ftp://h/x", "", "", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			cfg, p, ok, err := ResolveSite(tt.arg, st, secrets, DefaultSettings(), ask)
			if !errors.Is(err, tt.err) || ok != tt.ok {
				t.Fatalf("ResolveSite = ok %v err %v; want ok %v err %v", ok, err, tt.ok, tt.err)
			}
			if err == nil && ok && (p != tt.path || cfg.Password != tt.pass) {
				t.Errorf("path %q password %q; want %q %q", p, cfg.Password, tt.path, tt.pass)
			}
		})
	}
	if asked != 1 {
		t.Errorf("asked %d times, want 1", asked)
	}
	if _, err := SitePassword(Site{Logon: LogonAsk}, nil, nil); !errors.Is(err, ErrNoPasswordPrompt) {
		t.Errorf("ask site without prompt: %v", err)
	}
}

func TestSiteHasNoPassword(t *testing.T) {
	// A Site is printed freely, so it must have nowhere to hold a password.
	s := Site{Name: "n", Host: "h", User: "u"}
	out := fmt.Sprintf("%+v %#v", s, s)
	if strings.Contains(strings.ToLower(out), "password") {
		t.Errorf("Site prints a password field: %s", out)
	}
}

func TestSiteJSON(t *testing.T) {
	want := Site{ID: "x1", Folder: []string{"A"}, Name: "n", Host: "h", Protocol: ftpcore.TLSExplicit,
		Logon: LogonAsk, DataMode: DataActive, TransferType: ftpcore.TypeBinary, TZOffset: 60, RelayOnly: true}
	data, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"protocol":"ftpes"`) || !strings.Contains(string(data), `"logon":"ask"`) {
		t.Errorf("JSON spells choices as numbers: %s", data)
	}
	var got Site
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if !sameSite(got, want) || got.ID != want.ID {
		t.Errorf("round trip = %+v, want %+v", got, want)
	}
	if err := json.Unmarshal([]byte(`{"name":"n","protocol":"gopher"}`), &got); err == nil {
		t.Error("unknown protocol accepted")
	}
}

func TestSiteCharsetReachesTheConfig(t *testing.T) {
	for name, want := range map[string]any{"": nil, "UTF-8": nil, "ISO-8859-1": charmap.ISO8859_1, "windows-1252": charmap.Windows1252} {
		cfg := Site{Host: "h", Charset: name}.Config("")
		if (want == nil) != (cfg.Charset == nil) || want != nil && cfg.Charset != want {
			t.Errorf("charset %q gave %v", name, cfg.Charset)
		}
	}
}
