package profile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ferry/ftpcore"
)

func importFile(t *testing.T, name string) ImportResult {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "filezilla", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	res, err := ImportFileZilla(f)
	if err != nil {
		t.Fatalf("ImportFileZilla(%s): %v", name, err)
	}
	return res
}

func findSite(t *testing.T, sites []Site, path string) Site {
	t.Helper()
	for _, s := range sites {
		if s.Path() == path {
			return s
		}
	}
	var have []string
	for _, s := range sites {
		have = append(have, s.Path())
	}
	t.Fatalf("no site %q among %q", path, have)
	return Site{}
}

func hasWarning(res ImportResult, site, substr string) bool {
	return slices.ContainsFunc(res.Warnings, func(w ImportWarning) bool {
		return w.Site == site && strings.Contains(w.Message, substr)
	})
}

// sameSite compares everything but the ID.
func sameSite(a, b Site) bool {
	a.ID, b.ID = "", ""
	if len(a.Folder) == 0 && len(b.Folder) == 0 {
		a.Folder, b.Folder = nil, nil
	}
	return slices.Equal(a.Folder, b.Folder) && a.Name == b.Name && a.Host == b.Host &&
		a.Port == b.Port && a.Protocol == b.Protocol && a.Logon == b.Logon && a.User == b.User &&
		a.Account == b.Account && a.DataMode == b.DataMode && a.TransferType == b.TransferType &&
		a.MaxConnections == b.MaxConnections && a.TZOffset == b.TZOffset && a.Charset == b.Charset &&
		a.LocalDir == b.LocalDir && a.RemoteDir == b.RemoteDir && a.Comments == b.Comments && a.RelayOnly == b.RelayOnly
}

func TestFileZillaImportModern(t *testing.T) {
	res := importFile(t, "sitemanager.xml")
	tests := []struct {
		want     Site
		password string // "" = none imported
	}{
		{Site{Name: "Public mirror", Host: "files.example.org", Port: 2121, Protocol: ftpcore.TLSNone,
			Logon: LogonAnonymous, DataMode: DataActive, Charset: "UTF-8", TZOffset: 90,
			LocalDir: `C:\Users\alice\Downloads`, RemoteDir: "/home/alice",
			Comments: "Mirror of the <release> tree & docs\nsecond line"}, ""},
		{Site{Folder: []string{"Work & Clients", "Europe"}, Name: "Café Zürich", Host: "ftp.café.example",
			Port: 21, Protocol: ftpcore.TLSExplicit, Logon: LogonNormal, User: "zoë", DataMode: DataPassive,
			Charset: "ISO-8859-1", TZOffset: -120, MaxConnections: 3, LocalDir: "/home/zoe/work",
			RemoteDir: "/srv/www/my files"}, "s3cret-pw €"},
		{Site{Folder: []string{"Work & Clients", "Europe"}, Name: "Implicit vault", Host: "secure.example.com",
			Port: 990, Protocol: ftpcore.TLSImplicit, Logon: LogonAsk, User: "bob", Charset: "windows-1252",
			MaxConnections: 1}, ""},
		{Site{Folder: []string{"Work & Clients"}, Name: "Locked legacy", Host: "legacy.example.com",
			Port: 21, Protocol: ftpcore.TLSExplicitIfAvailable, Logon: LogonNormal, User: "dave"}, ""},
		{Site{Folder: []string{"Work & Clients"}, Name: "Account logon", Host: "mainframe.example.com",
			Port: 21, Protocol: ftpcore.TLSExplicitIfAvailable, Logon: LogonNormal, User: "erin", Account: "ACCT42"}, "plain pass "},
	}
	if len(res.Sites) != len(tests) {
		t.Errorf("imported %d sites, want %d", len(res.Sites), len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.want.Path(), func(t *testing.T) {
			got := findSite(t, res.Sites, tt.want.Path())
			if !sameSite(got, tt.want) {
				t.Errorf("site =\n %+v\nwant\n %+v", got, tt.want)
			}
			if got.ID == "" {
				t.Error("imported site has no ID")
			}
			if err := got.Validate(); err != nil {
				t.Errorf("imported site does not validate: %v", err)
			}
			pw, ok := res.Passwords[got.ID]
			if pw != tt.password || ok != (tt.password != "") {
				t.Errorf("password = %q (present %v), want %q", pw, ok, tt.password)
			}
		})
	}
	wantSkipped := []SkippedSite{
		{Path: "Work & Clients/SSH box", Reason: "SFTP is not FTP or FTPS"},
		{Path: "Work & Clients/Object storage", Reason: "S3 is not FTP or FTPS"},
	}
	if !slices.Equal(res.Skipped, wantSkipped) {
		t.Errorf("skipped = %+v, want %+v", res.Skipped, wantSkipped)
	}
	if !hasWarning(res, "Work & Clients/Locked legacy", "master password") {
		t.Errorf("no warning about the crypt password in %v", res.Warnings)
	}
	if len(res.Warnings) != 1 {
		t.Errorf("warnings = %v, want only the crypt one", res.Warnings)
	}
}

func TestFileZillaImportOldFormat(t *testing.T) {
	res := importFile(t, "old-format.xml")
	frank := findSite(t, res.Sites, `Old "Clients"/Frank's server`)
	if frank.User != "frank" || frank.RemoteDir != "/pub" || frank.Logon != LogonNormal || res.Passwords[frank.ID] != "hunter2" {
		t.Errorf("Frank's server = %+v, password %q", frank, res.Passwords[frank.ID])
	}
	anon := findSite(t, res.Sites, `Old "Clients"/Anonymous archive`)
	if anon.Logon != LogonAnonymous || anon.RemoteDir != "" || anon.Host != "anon.old.example" {
		t.Errorf("Anonymous archive = %+v", anon)
	}
	// A site with every field wrong is still imported, named after its host.
	odd := findSite(t, res.Sites, "interactive.old.example")
	want := Site{Name: "interactive.old.example", Host: "interactive.old.example", Protocol: ftpcore.TLSExplicitIfAvailable,
		Logon: LogonAsk, User: "gina", MaxConnections: MaxSiteConnections}
	if !sameSite(odd, want) {
		t.Errorf("odd site = %+v, want %+v", odd, want)
	}
	for _, w := range []string{"without a name", "port", "interactive", "transfer mode", "character set",
		"time-zone", "maximum connections", "remote folder"} {
		if !hasWarning(res, "interactive.old.example", w) {
			t.Errorf("no warning containing %q in %v", w, res.Warnings)
		}
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped = %v", res.Skipped)
	}
}

func TestFileZillaImportLatin1CRLF(t *testing.T) {
	res := importFile(t, "latin1-crlf.xml")
	s := findSite(t, res.Sites, "Maïs/Résumé")
	if s.User != "hélène" || res.Passwords[s.ID] != "pass" {
		t.Errorf("site = %+v, password %q", s, res.Passwords[s.ID])
	}
}

// A FileZilla site in UTF-16 is imported with automatic detection, and the
// warning says why: such a set would put a name's bytes on the wire as CR LF.
func TestFileZillaImportCharsetNotASCII(t *testing.T) {
	doc := "<FileZilla3><Servers><Server><Host>h.example</Host><Name>s</Name>" +
		"<EncodingType>Custom</EncodingType><CustomEncoding>UTF-16</CustomEncoding></Server></Servers></FileZilla3>"
	res, err := ImportFileZilla(strings.NewReader(doc))
	if err != nil || len(res.Sites) != 1 {
		t.Fatalf("import: %v, %d sites", err, len(res.Sites))
	}
	if got := res.Sites[0]; got.Charset != "" || got.Validate() != nil {
		t.Errorf("charset = %q (valid: %v), want automatic", got.Charset, got.Validate())
	}
	if !hasWarning(res, "s", "cannot carry FTP commands") {
		t.Errorf("warnings = %v", res.Warnings)
	}
}

func TestFileZillaImportOddHosts(t *testing.T) {
	tests := []struct{ host, want string }{
		{"ftp.example.com", "ftp.example.com"},
		{"[2001:db8::1]", "2001:db8::1"},
		{"ftp://user@ftp.example.com/pub", "ftp.example.com"},
		{"ftp://bob:S3cretPw@ftp.example.com/dir", "ftp.example.com"},
		{"ftp. example .com", "ftp.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			doc := "<FileZilla3><Servers><Server><Host>" + tt.host + "</Host><Name>s</Name></Server></Servers></FileZilla3>"
			res, err := ImportFileZilla(strings.NewReader(doc))
			if err != nil || len(res.Sites) != 1 {
				t.Fatalf("import: %v, %d sites", err, len(res.Sites))
			}
			if got := res.Sites[0]; got.Host != tt.want || got.Validate() != nil {
				t.Errorf("host = %q (valid: %v), want %q", got.Host, got.Validate(), tt.want)
			}
			if warned := len(res.Warnings) > 0; warned != (tt.host != tt.want && tt.host != "["+tt.want+"]") {
				t.Errorf("warnings = %v", res.Warnings)
			}
			// A password typed in the host field is not shown back.
			for _, w := range res.Warnings {
				if strings.Contains(w.Message, "S3cretPw") {
					t.Errorf("a warning shows the password: %q", w.Message)
				}
			}
		})
	}
}

func TestFileZillaImportErrors(t *testing.T) {
	tests := []struct {
		name, xml string
		notFZ     bool
	}{
		{"empty", "", true},
		{"other root", "<Settings><Setting/></Settings>", true},
		{"broken XML", "<FileZilla3><Servers><Server>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ImportFileZilla(strings.NewReader(tt.xml))
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, ErrNotFileZilla) != tt.notFZ {
				t.Errorf("err = %v, ErrNotFileZilla expected %v", err, tt.notFZ)
			}
		})
	}
}

func TestFileZillaRemoteDir(t *testing.T) {
	tests := []struct {
		enc, want string
		typ       int
		bad       bool
	}{
		{enc: "1 0 4 home 5 alice", want: "/home/alice", typ: 1},
		{enc: "1 0", want: "/", typ: 1},
		{enc: "0 0 8 my files 2 ok", want: "/my files/ok"},
		{enc: "  1 0 3 pub\n  ", want: "/pub", typ: 1},
		{enc: "1 0 6 Zürich 2 ü€", want: "/Zürich/ü€", typ: 1},
		{enc: "1 0 4 a\U0001F600b", want: "/a\U0001F600b", typ: 1}, // UTF-16 units, as on Windows
		{enc: "3 0 2 C: 4 data", want: "C:/data", typ: 3},
		{enc: "1 0 7 000ĕ00 ", want: "/000ĕ00 ", typ: 1}, // a last segment ending in a space
		{enc: "0 0 8 000ĕ00 ", want: "/000ĕ00 ", typ: 0}, // the same counted in bytes
		{enc: "", want: ""},
		{enc: "1 0 99 short", bad: true},
		{enc: "x 0 3 pub", bad: true},
		{enc: "1 0 2 abc", bad: true},
		// A folder name with a line break or a NUL: not a path to send
		// (FuzzFileZillaRemoteDir found "0 0 6 00000\r " imported whole).
		{enc: "0 0 6 00000\r ", bad: true},
		{enc: "1 0 9 a\r\nDELE x 2 ok", bad: true},
		{enc: "1 0 3 a\x00b", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.enc, func(t *testing.T) {
			got, typ, err := decodeFZRemoteDir(tt.enc)
			if (err != nil) != tt.bad {
				t.Fatalf("decode(%q) error = %v, want error %v", tt.enc, err, tt.bad)
			}
			if !tt.bad && (got != tt.want || typ != tt.typ) {
				t.Errorf("decode(%q) = %q, %d; want %q, %d", tt.enc, got, typ, tt.want, tt.typ)
			}
		})
	}
	for _, p := range []string{"/home/alice", "/", "/my files/x y", "/Zürich/€", "/000ĕ00 "} {
		back, _, err := decodeFZRemoteDir(encodeFZRemoteDir(p))
		if err != nil || back != p {
			t.Errorf("round trip of %q gave %q, %v", p, back, err)
		}
	}
}

func FuzzFileZillaRemoteDir(f *testing.F) {
	for _, s := range []string{"1 0 4 home 5 alice", "1 0", "0 0 8 my files", "3 0 2 C: 4 data", "1 0 99 short", "2 0 2 0:", "1 0 0 0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, enc string) {
		p, _, err := decodeFZRemoteDir(enc)
		if err != nil || p == "" {
			return
		}
		if !strings.Contains(p, "/") && !strings.HasSuffix(p, ":") {
			t.Errorf("decode(%q) = %q, neither a path nor a drive", enc, p)
		}
		if !strings.HasPrefix(p, "/") {
			return
		}
		// Exporting what was imported must be stable.
		again, _, err := decodeFZRemoteDir(encodeFZRemoteDir(p))
		if err != nil || encodeFZRemoteDir(again) != encodeFZRemoteDir(p) {
			t.Errorf("%q: re-encoding %q gave %q, %v", enc, p, again, err)
		}
	})
}

func TestFileZillaExportRoundTrip(t *testing.T) {
	orig := importFile(t, "sitemanager.xml")
	for _, withPasswords := range []bool{true, false} {
		name := "without passwords"
		if withPasswords {
			name = "with passwords"
		}
		t.Run(name, func(t *testing.T) {
			var pw map[string]string
			if withPasswords {
				pw = orig.Passwords
			}
			var buf bytes.Buffer
			if err := ExportFileZilla(&buf, orig.Sites, pw); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.Contains(out, "s3cret-pw") || strings.Contains(out, "czNjcmV0LXB3IOKCrA==") != withPasswords {
				t.Errorf("password presence wrong in export (with passwords: %v)", withPasswords)
			}
			back, err := ImportFileZilla(&buf)
			if err != nil {
				t.Fatalf("re-import: %v\n%s", err, out)
			}
			if len(back.Sites) != len(orig.Sites) || len(back.Skipped) != 0 {
				t.Fatalf("re-imported %d sites (%d skipped), want %d", len(back.Sites), len(back.Skipped), len(orig.Sites))
			}
			for _, want := range orig.Sites {
				got := findSite(t, back.Sites, want.Path())
				wantPW := orig.Passwords[want.ID]
				if !withPasswords {
					wantPW = ""
				}
				if wantPW == "" && want.Logon == LogonNormal && want.Account == "" {
					want.Logon = LogonAsk // FileZilla should prompt rather than send nothing
				}
				if !sameSite(got, want) {
					t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
				}
				if back.Passwords[got.ID] != wantPW {
					t.Errorf("%s: password %q, want %q", want.Path(), back.Passwords[got.ID], wantPW)
				}
			}
		})
	}
}

func TestFileZillaExportFormat(t *testing.T) {
	sites := []Site{
		{ID: "a", Name: "Top <1>", Host: "h1", Protocol: ftpcore.TLSImplicit, Logon: LogonNormal, User: "u"},
		{ID: "b", Folder: []string{"F", "G"}, Name: "Deep", Host: "h2", RemoteDir: "/x y", Logon: LogonAnonymous},
		{ID: "c", Folder: []string{"F"}, Name: "Mid", Host: "h3", Protocol: ftpcore.TLSExplicit, Logon: LogonAsk},
	}
	var buf bytes.Buffer
	if err := ExportFileZilla(&buf, sites, map[string]string{"a": "pw"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"<FileZilla3", "<Servers>", `<Folder expanded="1">F` + "\n", `<Folder expanded="1">G` + "\n",
		"<Name>Top &lt;1&gt;</Name>", "<Port>990</Port>", "<Protocol>3</Protocol>", "<Protocol>4</Protocol>",
		`<Pass encoding="base64">cHc=</Pass>`, "<RemoteDir>1 0 3 x y</RemoteDir>", "<Logontype>0</Logontype>",
		"<Logontype>2</Logontype>", "<PasvMode>MODE_DEFAULT</PasvMode>", "<EncodingType>Auto</EncodingType>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "<Folder") != 2 || strings.Count(out, "</Folder>") != 2 {
		t.Errorf("folders not nested once each:\n%s", out)
	}
}

func TestSitePasswordsHidden(t *testing.T) {
	res := ImportResult{Passwords: SitePasswords{"id": "s3cret-pw"}}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(format, res); strings.Contains(out, "s3cret-pw") {
			t.Errorf("%s of ImportResult shows the password: %s", format, out)
		}
	}
}

func FuzzImportFileZilla(f *testing.F) {
	for _, name := range []string{"sitemanager.xml", "old-format.xml", "latin1-crlf.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "filezilla", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<Servers><Server><Name>x</Name></Server></Servers>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ImportFileZilla(bytes.NewReader(data))
		if err != nil {
			return
		}
		ids := map[string]bool{}
		for _, s := range res.Sites {
			if err := s.Validate(); err != nil {
				t.Errorf("imported site does not validate: %v", err)
			}
			ids[s.ID] = true
		}
		for id := range res.Passwords {
			if !ids[id] {
				t.Errorf("password for unknown site %q", id)
			}
		}
	})
}
