package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

// sitesTestEnv points the sites commands at a fresh config folder, with
// the OS keyring off so that tests never touch the developer's keyring.
func sitesTestEnv(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("FERRY_CONFIG_DIR", dir)
	t.Setenv("FERRY_KEYRING", "off")
	t.Setenv("FERRY_MASTER_PASSWORD", "test master")
	t.Setenv("FERRY_PASSWORD", "")
	return dir
}

func sites(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = runSites(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func mustSites(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	code, out, errOut := sites(t, stdin, args...)
	if code != 0 {
		t.Fatalf("sites %q: exit %d\n%s%s", args, code, out, errOut)
	}
	return out
}

func assertNoPasswordInDir(t *testing.T, dir string, passwords ...string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		for _, pw := range passwords {
			if bytes.Contains(data, []byte(pw)) {
				t.Errorf("%s holds %q in clear text", filepath.Base(f), pw)
			}
		}
	}
}

func TestSitesAddListRemove(t *testing.T) {
	dir := sitesTestEnv(t)
	out := mustSites(t, "s3cret-pw\n", "add", "prod", "ftpes://alice@ftp.example.com:2121/srv/www", "--folder", "Work/EU", "--password-stdin")
	if !strings.Contains(out, "Work/EU/prod") {
		t.Errorf("add printed %q", out)
	}
	t.Setenv("FERRY_PASSWORD", "env-pw-123")
	mustSites(t, "", "add", "--folder", "Work", "backup", "ftps://bob@backup.example.com")
	t.Setenv("FERRY_PASSWORD", "")
	mustSites(t, "", "add", "ask-me", "ftp://carol@h3.example.com/")
	mustSites(t, "", "add", "mirror", "ftp://mirror.example.com/pub")
	if code, _, errOut := sites(t, "", "add", "mirror", "ftp://other.example.com"); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("duplicate add: exit %d, %q", code, errOut)
	}

	list := mustSites(t, "", "list")
	for _, want := range []string{
		"Work/\n", "  EU/\n", "    prod  ftpes://alice@ftp.example.com:2121/srv/www (normal)",
		"  backup  ftps://bob@backup.example.com (normal)", "ask-me  ftp://carol@h3.example.com/ (ask)",
		"mirror  ftp://mirror.example.com/pub (anonymous)",
	} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}

	var parsed struct {
		Folders [][]string       `json:"folders"`
		Sites   []map[string]any `json:"sites"`
	}
	raw := mustSites(t, "", "list", "--json")
	if err := json.Unmarshal([]byte(raw), &parsed); err != nil || len(parsed.Sites) != 4 {
		t.Fatalf("list --json: %v, %d sites\n%s", err, len(parsed.Sites), raw)
	}
	if want := [][]string{{"Work"}, {"Work", "EU"}}; !slices.EqualFunc(parsed.Folders, want, slices.Equal) {
		t.Errorf("list --json folders %q, want %q", parsed.Folders, want)
	}
	if strings.Contains(strings.ToLower(raw), "password") || strings.Contains(raw, "s3cret") {
		t.Errorf("list --json mentions passwords:\n%s", raw)
	}
	assertNoPasswordInDir(t, dir, "s3cret-pw", "env-pw-123")

	st, err := profile.OpenSiteStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	prod, err := st.Lookup("prod")
	if err != nil || prod.Port != 2121 || prod.Protocol != ftpcore.TLSExplicit || prod.RemoteDir != "/srv/www" {
		t.Fatalf("prod = %+v, %v", prod, err)
	}
	secrets := profile.NewEncryptedSecrets(dir, func() (string, error) { return "test master", nil })
	if pw, err := secrets.Get(prod.ID); err != nil || pw != "s3cret-pw" {
		t.Errorf("saved password = %q, %v", pw, err)
	}

	mustSites(t, "", "rm", "Work/EU/prod")
	secrets = profile.NewEncryptedSecrets(dir, func() (string, error) { return "test master", nil })
	if _, err := secrets.Get(prod.ID); err == nil {
		t.Error("the password of a removed site is still saved")
	}
	if code, _, _ := sites(t, "", "rm", "prod"); code != 1 {
		t.Errorf("removing a missing site: exit %d", code)
	}
}

// TestSitesImportNamesPrinted: names from an imported file reach the
// terminal escaped: a right-to-left override in a site's name or in a
// skipped entry's would reorder what the user reads.
func TestSitesImportNamesPrinted(t *testing.T) {
	sitesTestEnv(t)
	src := filepath.Join(t.TempDir(), "fz.xml")
	doc := "<FileZilla3><Servers>" +
		"<Server><Host>h.example</Host><Name>evil\u202egnp.exe</Name></Server>" +
		"<Server><Host>s.example</Host><Protocol>1</Protocol><Name>ssh\u202ebox</Name></Server>" +
		"</Servers></FileZilla3>"
	if err := os.WriteFile(src, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	out := mustSites(t, "", "import", src) + mustSites(t, "", "list")
	if strings.Contains(out, "\u202e") {
		t.Fatalf("a bidirectional override reached the terminal:\n%s", out)
	}
	for _, want := range []string{`evil\u202egnp.exe`, `skipped ssh\u202ebox`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestSitesImportExport(t *testing.T) {
	dir := sitesTestEnv(t)
	src := filepath.Join("..", "..", "ftpcore", "profile", "testdata", "filezilla", "sitemanager.xml")
	out := mustSites(t, "", "import", src)
	for _, want := range []string{
		"imported 5 sites, skipped 2", "skipped Work & Clients/SSH box: SFTP is not FTP or FTPS",
		"warning: Work & Clients/Locked legacy: password is protected",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	assertNoPasswordInDir(t, dir, "s3cret-pw", "plain pass")

	again := mustSites(t, "", "import", src)
	if !strings.Contains(again, `name taken, imported as "Café Zürich (2)"`) {
		t.Errorf("second import did not rename:\n%s", again)
	}

	bare := filepath.Join(t.TempDir(), "bare.xml")
	mustSites(t, "", "export", bare)
	withPW := filepath.Join(t.TempDir(), "full.xml")
	// A file already there, readable by all, must not stay so once it
	// holds passwords.
	if err := os.WriteFile(withPW, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustSites(t, "", "export", "--with-passwords", withPW)
	if fi, err := os.Stat(withPW); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("exported file with passwords: %v, %v; want mode 0600", fi.Mode(), err)
	}
	for _, tt := range []struct {
		file   string
		wantPW bool
	}{{bare, false}, {withPW, true}} {
		f, err := os.Open(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		res, err := profile.ImportFileZilla(f)
		f.Close()
		if err != nil || len(res.Sites) != 10 {
			t.Fatalf("%s: %d sites, %v", tt.file, len(res.Sites), err)
		}
		found := false
		for _, pw := range res.Passwords {
			found = found || pw == "s3cret-pw €"
		}
		if found != tt.wantPW {
			t.Errorf("%s: password exported %v, want %v", filepath.Base(tt.file), found, tt.wantPW)
		}
	}
}

func TestSitesMasterPassword(t *testing.T) {
	sitesTestEnv(t)
	mustSites(t, "pw1\n", "add", "a", "ftp://u@h.example.com", "--password-stdin")
	t.Setenv("FERRY_MASTER_PASSWORD", "wrong")
	code, _, errOut := sites(t, "pw2\n", "add", "b", "ftp://u@h.example.com", "--password-stdin")
	if code != 1 || !strings.Contains(errOut, "wrong master password") || strings.Contains(errOut, "pw2") {
		t.Errorf("wrong master: exit %d, %q", code, errOut)
	}
	t.Setenv("FERRY_MASTER_PASSWORD", "")
	code, _, errOut = sites(t, "pw2\n", "add", "c", "ftp://u@h.example.com", "--password-stdin")
	if code != 1 || !strings.Contains(errOut, "FERRY_MASTER_PASSWORD") {
		t.Errorf("no master: exit %d, %q", code, errOut)
	}
	// Listing and anonymous sites need no master password.
	mustSites(t, "", "add", "anon", "ftp://h.example.com")
	if out := mustSites(t, "", "list"); !strings.Contains(out, "anon") || strings.Contains(out, "\nc ") {
		t.Errorf("list = %q", out)
	}
}

func TestSitesCorruptFile(t *testing.T) {
	dir := sitesTestEnv(t)
	mustSites(t, "", "add", "one", "ftp://h1.example.com")
	mustSites(t, "", "add", "two", "ftp://h2.example.com")
	path := filepath.Join(dir, profile.SitesFileName)
	if err := os.WriteFile(path, []byte("{oops"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := sites(t, "", "add", "three", "ftp://h3.example.com")
	if code != 1 || !strings.Contains(errOut, "restore-backup") || !strings.Contains(errOut, ".bak") {
		t.Errorf("add over a corrupt file: exit %d, %q", code, errOut)
	}
	if data, _ := os.ReadFile(path); string(data) != "{oops" {
		t.Fatal("the corrupt file was overwritten")
	}
	if out := mustSites(t, "", "restore-backup"); !strings.Contains(out, "1 sites") {
		t.Errorf("restore-backup: %q", out)
	}
	if out := mustSites(t, "", "list"); !strings.Contains(out, "one") {
		t.Errorf("after restore: %q", out)
	}
	if code, _, _ := sites(t, "", "reset"); code != 1 {
		t.Errorf("reset of a sound file: exit %d", code)
	}
}

func TestSitesUsage(t *testing.T) {
	sitesTestEnv(t)
	for _, args := range [][]string{
		{}, {"bogus"}, {"add", "onlyname"}, {"add", "n", "sftp://h"}, {"add", "n", "ftp://"},
		{"add", "n", "ftp://h", "--tls", "maybe"}, {"rm"}, {"list", "extra"}, {"export"}, {"list", "--nope"},
	} {
		if code, _, _ := sites(t, "", args...); code != 2 {
			t.Errorf("sites %q: exit %d, want 2", args, code)
		}
	}
}

func TestResolveSiteArg(t *testing.T) {
	dir := sitesTestEnv(t)
	mustSites(t, "s3cret-pw\n", "add", "prod", "ftpes://alice@ftp.example.com/home/alice", "--password-stdin", "--folder", "W")
	mustSites(t, "", "add", "asker", "ftp://bob@h.example.com:2121")
	env := func(k string) string {
		return map[string]string{"FERRY_CONFIG_DIR": dir, "FERRY_KEYRING": "off",
			"FERRY_MASTER_PASSWORD": "test master", "FERRY_PASSWORD": "typed"}[k]
	}
	tests := []struct {
		arg, addr, pass, path string
		ok, fails             bool
	}{
		{arg: "W/prod:/etc", addr: "ftp.example.com:21", pass: "s3cret-pw", path: "/etc", ok: true},
		{arg: "prod:", addr: "ftp.example.com:21", pass: "s3cret-pw", path: "/home/alice", ok: true},
		{arg: "asker:", addr: "h.example.com:2121", pass: "typed", path: "/", ok: true},
		{arg: "ghost:/x", ok: true, fails: true},
		{arg: "ftp://h/x"},
		{arg: "local.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			var stderr bytes.Buffer
			r, ok, err := resolveSiteArg(tt.arg, env, &stderr)
			if ok != tt.ok || (err != nil) != tt.fails {
				t.Fatalf("resolveSiteArg = ok %v, err %v", ok, err)
			}
			if ok && !tt.fails && (r.cfg.Addr != tt.addr || r.cfg.Password != tt.pass || r.path != tt.path) {
				t.Errorf("got addr %q pass %q path %q", r.cfg.Addr, r.cfg.Password, r.path)
			}
		})
	}
}

// TestSitesListEmptyFolders checks that folders holding no site, which
// the site manager keeps, show in both forms of the list, in order.
func TestSitesListEmptyFolders(t *testing.T) {
	anon := func(folder []string, name string) profile.Site {
		return profile.Site{Folder: folder, Name: name, Host: name + ".example.com",
			Protocol: ftpcore.TLSNone, Logon: profile.LogonAnonymous}
	}
	tests := []struct {
		name        string
		sites       []profile.Site
		folders     [][]string
		wantText    string
		wantFolders [][]string
		wantSites   []string
	}{
		{name: "no sites, no folders", wantFolders: [][]string{}, wantSites: []string{}},
		{
			name:        "empty folders only",
			folders:     [][]string{{"Clients", "Old"}, {"Archive"}},
			wantText:    "Archive/\nClients/\n  Old/\n",
			wantFolders: [][]string{{"Archive"}, {"Clients"}, {"Clients", "Old"}},
			wantSites:   []string{},
		},
		{
			name:    "empty folders among sites",
			sites:   []profile.Site{anon(nil, "top"), anon([]string{"Work"}, "w")},
			folders: [][]string{{"Work", "Empty"}, {"Attic"}},
			wantText: "top  ftp://top.example.com (anonymous)\n" +
				"Attic/\n" +
				"Work/\n" +
				"  w  ftp://w.example.com (anonymous)\n" +
				"  Empty/\n",
			wantFolders: [][]string{{"Attic"}, {"Work"}, {"Work", "Empty"}},
			wantSites:   []string{"top", "w"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := profile.OpenSiteStore(sitesTestEnv(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.sites {
				if _, err := st.Add(s); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range tt.folders {
				if err := st.AddFolder(f); err != nil {
					t.Fatal(err)
				}
			}
			if err := st.Save(); err != nil {
				t.Fatal(err)
			}
			if got := mustSites(t, "", "list"); got != tt.wantText {
				t.Errorf("list:\n%s\nwant:\n%s", got, tt.wantText)
			}
			raw := mustSites(t, "", "list", "--json")
			var parsed struct {
				Folders [][]string     `json:"folders"`
				Sites   []profile.Site `json:"sites"`
			}
			if err := json.Unmarshal([]byte(raw), &parsed); err != nil {
				t.Fatalf("list --json: %v\n%s", err, raw)
			}
			names := []string{}
			for _, s := range parsed.Sites {
				names = append(names, s.Name)
			}
			// Empty lists are [] (not null), so that scripts can iterate.
			if parsed.Folders == nil || !slices.EqualFunc(parsed.Folders, tt.wantFolders, slices.Equal) ||
				parsed.Sites == nil || !slices.Equal(names, tt.wantSites) {
				t.Errorf("list --json: folders %q, sites %q; want %q, %q\n%s",
					parsed.Folders, names, tt.wantFolders, tt.wantSites, raw)
			}
		})
	}
}
