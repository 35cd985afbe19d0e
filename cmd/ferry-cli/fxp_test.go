package main

import (
	"bytes"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

func fxpServers(t *testing.T, refusePORT bool) (a, b *ftptest.Server) {
	t.Helper()
	var opts []ftptest.Option
	if refusePORT {
		opts = append(opts, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"PORT": "500 Illegal PORT command."}}))
	}
	a = ftptest.NewServer(t, append([]ftptest.Option{ftptest.WithUser("u", "pw")}, opts...)...)
	b = ftptest.NewServer(t, append([]ftptest.Option{ftptest.WithUser("u", "pw")}, opts...)...)
	return a, b
}

func TestFXPCommand(t *testing.T) {
	data := bytes.Repeat([]byte("ferry\x00\xff"), 40000)
	for _, tc := range []struct {
		name    string
		refuse  bool
		args    []string
		code    int
		out     string // in stdout (success) or stderr (failure)
		relayed bool
	}{
		{"direct", false, nil, 0, "copied to /in/f.bin (directly, PASV on 127.0.0.1:", false},
		{"refused", true, nil, 1, "refused PORT (500 Illegal PORT command.)", false},
		{"refused, relay auto after the URLs", true, []string{"--relay", "auto"}, 0, "relayed through this machine", true},
		{"relay always", false, []string{"--relay=always"}, 0, "relayed through this machine", true},
		{"bad relay", false, []string{"--relay", "ask"}, 2, "--relay must be never, auto or always", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := fxpServers(t, tc.refuse)
			if err := a.FS().WriteFile("/pub/f.bin", data, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if err := b.FS().Mkdir("/in"); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"fxp", "--log", "ftp://u:pw@" + a.Addr() + "/pub/f.bin", "ftp://u:pw@" + b.Addr() + "/in/"}, tc.args...)
			var stdout, stderr bytes.Buffer
			code := run(args, strings.NewReader(""), &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, &stdout, &stderr)
			}
			where := stdout.String()
			if code != 0 {
				where = stderr.String()
			}
			if !strings.Contains(where, tc.out) {
				t.Errorf("output lacks %q:\n%s", tc.out, where)
			}
			if code == 2 {
				return
			}
			// --log shows both dialogues, each line tagged with its server.
			wants := []string{"[" + a.Addr() + "] > RETR /pub/f.bin", "[" + b.Addr() + "] > STOR /in/f.bin"}
			if code != 0 {
				wants = []string{"[" + a.Addr() + "] > PORT ", "[" + b.Addr() + "] > PORT "}
			}
			for _, want := range wants {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("log lacks %q", want)
				}
			}
			if strings.Contains(stderr.String(), "PASS pw") {
				t.Error("password in the log")
			}
			got, err := b.FS().ReadFile("/in/f.bin")
			if code == 0 && (err != nil || !bytes.Equal(got, data)) {
				t.Errorf("target file wrong: %v", err)
			}
			if code != 0 && err == nil {
				t.Error("target file exists after a refused copy")
			}
			// A direct copy names the source's address in the target's PORT.
			direct := strings.Contains(stderr.String(), "["+b.Addr()+"] < 200 PORT")
			if code == 0 && direct == tc.relayed {
				t.Errorf("relayed %v, but the log says direct=%v", tc.relayed, direct)
			}
		})
	}
}

func TestFXPCommandCopiesAFolder(t *testing.T) {
	a, b := fxpServers(t, false)
	for name, body := range map[string]string{"/tree/one.txt": "1\n", "/tree/sub/two.bin": "two", "/tree/sub/deep/three": "3"} {
		if err := a.FS().WriteFile(name, []byte(body), time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"fxp", "ftp://u:pw@" + a.Addr() + "/tree", "ftp://u:pw@" + b.Addr() + "/copy"}, strings.NewReader(""), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	if !strings.Contains(stdout.String(), "3 files, 3 folders") {
		t.Errorf("summary %q", &stdout)
	}
	for name, body := range map[string]string{"/copy/one.txt": "1\n", "/copy/sub/two.bin": "two", "/copy/sub/deep/three": "3"} {
		if got, err := b.FS().ReadFile(name); err != nil || string(got) != body {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}

// TestFXPSaysWhenACopyIsNotVerified: an ASCII copy whose size changed
// with the line endings is reported as copied but not verified.
func TestFXPSaysWhenACopyIsNotVerified(t *testing.T) {
	a := ftptest.NewServer(t, ftptest.WithUser("u", "pw"))
	var stored atomic.Bool
	b := ftptest.NewServer(t, ftptest.WithUser("u", "pw"), ftptest.WithFault(ftptest.Fault{Hook: func(verb, arg string) ([]byte, bool) {
		if verb == "STOR" && arg == "/notes.txt" {
			stored.Store(true)
		}
		if verb == "SIZE" && arg == "/notes.txt" && stored.Load() {
			return []byte("213 7\r\n"), true // stored with CRLF line ends
		}
		return nil, false
	}}))
	if err := a.FS().WriteFile("/notes.txt", []byte("a\nb\nc"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"fxp", "ftp://u:pw@" + a.Addr() + "/notes.txt", "ftp://u:pw@" + b.Addr() + "/notes.txt"}, strings.NewReader(""), &stdout, &stderr)
	if code != 0 || !strings.Contains(stdout.String(), "7 bytes copied") || !strings.Contains(stdout.String(), "not verified: an ASCII copy converts line endings") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
	}
}

// TestFXPSiteRelayOnly: a saved site set in the Site Manager to relay its
// copies with other servers is never asked to connect to the other one:
// ferry-cli fxp relays from the start, even with --relay never, and says
// why. Another site, not set so, still copies directly.
func TestFXPSiteRelayOnly(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FERRY_CONFIG_DIR", dir)
	t.Setenv("FERRY_KEYRING", "off")
	t.Setenv("FERRY_MASTER_PASSWORD", "master-pw")
	t.Setenv("FERRY_PASSWORD", "pw")
	var active atomic.Int32 // PORT or EPRT seen by either server
	count := ftptest.WithFault(ftptest.Fault{OnCommand: func(verb, _ string) {
		if verb == "PORT" || verb == "EPRT" {
			active.Add(1)
		}
	}})
	a := ftptest.NewServer(t, ftptest.WithUser("u", "pw"), count)
	b := ftptest.NewServer(t, ftptest.WithUser("u", "pw"), count)
	data := bytes.Repeat([]byte("relay\x00"), 30000)
	if err := a.FS().WriteFile("/f.bin", data, time.Time{}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct{ name, url string }{{"src", "ftp://u@" + a.Addr() + "/"}, {"dst", "ftp://u@" + b.Addr() + "/"}} {
		if code, _, errOut := runCLI(t, "sites", "add", s.name, s.url); code != 0 {
			t.Fatalf("sites add %s: %s", s.name, errOut)
		}
	}
	sites, err := profile.OpenSiteStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	site, err := sites.Lookup("dst")
	if err != nil {
		t.Fatal(err)
	}
	site.RelayOnly = true
	if err := sites.Update(site); err != nil {
		t.Fatal(err)
	}
	if err := sites.Save(); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runCLI(t, "fxp", "--relay", "never", "src:/f.bin", "dst:/relayed.bin")
	if code != 0 || !strings.Contains(out, "relayed through this machine") || !strings.Contains(errOut, "site dst relays its copies") {
		t.Fatalf("fxp to a relay-only site: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if n := active.Load(); n != 0 {
		t.Errorf("%d PORT/EPRT commands reached the servers", n)
	}
	if got, err := b.FS().ReadFile("/relayed.bin"); err != nil || !bytes.Equal(got, data) {
		t.Errorf("relayed.bin: %d bytes, %v; want %d", len(got), err, len(data))
	}

	code, out, errOut = runCLI(t, "fxp", "src:/f.bin", "src:/direct.bin")
	if code != 0 || !strings.Contains(out, "directly") {
		t.Fatalf("fxp between sites not set to relay: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}
