package ui

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
)

const fzSample = `<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<FileZilla3 version="3.66.0" platform="linux">
	<Servers>
		<Server>
			<Host>mirror.example.org</Host><Port>21</Port><Protocol>0</Protocol><Type>0</Type>
			<Logontype>0</Logontype><Name>Mirror</Name>
			Mirror
		</Server>
		<Folder expanded="1">Clients
			<Server>
				<Host>ftp.client.example</Host><Port>2121</Port><Protocol>4</Protocol><Type>0</Type>
				<User>dora</User><Pass encoding="base64">ZG9yYS1wdw==</Pass><Logontype>1</Logontype>
				<Name>Client FTP</Name>
				Client FTP
			</Server>
			<Server>
				<Host>ssh.client.example</Host><Port>22</Port><Protocol>1</Protocol><Type>0</Type>
				<User>dora</User><Logontype>1</Logontype><Name>Client SSH</Name>
				Client SSH
			</Server>
		</Folder>
	</Servers>
</FileZilla3>
`

func TestSiteManagerImportFileZilla(t *testing.T) {
	env := newTestEnv(t)
	path := filepath.Join(t.TempDir(), "sitemanager.xml")
	if err := os.WriteFile(path, []byte(fzSample), 0o600); err != nil {
		t.Fatal(err)
	}
	env.sm.importFile(path)
	env.loop.step(t)
	env.settle(t) // the summary follows the write

	summary := textIn(overlay(t, env.sm.win))
	for _, want := range []string{"Imported 2 sites from sitemanager.xml.", "Skipped 1:", "Clients/Client SSH"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary %q lacks %q", summary, want)
		}
	}
	store, secrets := env.reload(t)
	client, err := store.Lookup("Clients/Client FTP")
	if err != nil {
		t.Fatal(err)
	}
	if client.Host != "ftp.client.example" || client.Port != 2121 || client.Protocol != ftpcore.TLSExplicit || client.User != "dora" {
		t.Errorf("imported site: %+v", client)
	}
	if pw, err := secrets.Get(client.ID); err != nil || pw != "dora-pw" {
		t.Errorf("imported password = %q, %v", pw, err)
	}
	if _, err := store.Lookup("Mirror"); err != nil {
		t.Error(err)
	}
	if !env.sm.snap.has(siteID(client.ID)) {
		t.Error("imported site missing from the tree")
	}

	// A second import keeps both copies: the new one is renamed.
	env.sm.importFile(path)
	env.loop.step(t)
	env.settle(t)
	if summary := textIn(overlay(t, env.sm.win)); !strings.Contains(summary, "Mirror (2)") {
		t.Errorf("second import's summary does not mention the rename: %q", summary)
	}
}

func TestSiteManagerImportRejectsOtherFiles(t *testing.T) {
	env := newTestEnv(t)
	path := filepath.Join(t.TempDir(), "other.xml")
	if err := os.WriteFile(path, []byte(`<?xml version="1.0"?><html><body/></html>`), 0o600); err != nil {
		t.Fatal(err)
	}
	env.sm.importFile(path)
	env.loop.step(t)
	if msg := textIn(overlay(t, env.sm.win)); !strings.Contains(msg, "other.xml") {
		t.Errorf("error does not name the file: %q", msg)
	}
	if n := len(env.store.Sites()); n != 0 {
		t.Errorf("%d sites imported from a file that is not FileZilla's", n)
	}
}

func TestSiteManagerExportFileZilla(t *testing.T) {
	tests := []struct {
		name          string
		withPasswords bool
	}{{"without passwords", false}, {"with passwords", true}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newTestEnv(t)
			newSiteThroughUI(t, env, "export.example", "erin", "erin-secret")
			path := filepath.Join(t.TempDir(), "out.xml")
			// A file already there, readable by all users, must not stay
			// so once it holds passwords.
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			env.sm.exportFile(path, tt.withPasswords)
			env.loop.step(t)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Stat(path); err != nil || tt.withPasswords && fi.Mode().Perm() != 0o600 {
				t.Errorf("exported file: %v, %v; want mode 0600 with passwords", fi.Mode(), err)
			}
			encoded := base64.StdEncoding.EncodeToString([]byte("erin-secret"))
			if got := strings.Contains(string(data), encoded); got != tt.withPasswords {
				t.Errorf("password in the export: %v, want %v", got, tt.withPasswords)
			}
			res, err := profile.ImportFileZilla(strings.NewReader(string(data)))
			if err != nil || len(res.Sites) != 1 || res.Sites[0].Host != "export.example" {
				t.Errorf("export does not read back: %+v, %v", res.Sites, err)
			}
		})
	}
}
