package interoptest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func writeFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "servers.json")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLoad reads entries as start.sh and netns-start.sh write them, and
// refuses a file that lists nothing or does not parse.
func TestLoad(t *testing.T) {
	p := writeFile(t, `[{"name": "vsftpd", "software": "vsftpd", "host": "127.0.0.1", "port": 2121,
		"user": "ferry", "password": "pw", "home": "/srv/vsftpd", "anonymous": true, "tls": true,
		"tls_reuse_required": true, "fxp": true, "mlsd": false, "ca": "/srv/ca.pem"}]`)
	list, err := Load[Server](p)
	if err != nil {
		t.Fatal(err)
	}
	want := Server{Name: "vsftpd", Host: "127.0.0.1", Port: 2121, User: "ferry", Password: "pw", Home: "/srv/vsftpd",
		Anonymous: true, TLS: true, TLSReuseRequired: true, FXP: true, CA: "/srv/ca.pem"}
	if len(list) != 1 || list[0] != want {
		t.Fatalf("got %+v, want [%+v]", list, want)
	}
	if got := list[0].Addr(); got != "127.0.0.1:2121" {
		t.Errorf("Addr() = %q", got)
	}

	p = writeFile(t, `[{"name": "ferryns1-proftpd-strict", "host": "10.201.0.2", "port": 2122, "netns": "ferryns1", "strict": true}]`)
	ns, err := Load[NetnsServer](p)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 1 || ns[0].Name != "ferryns1-proftpd-strict" || ns[0].Netns != "ferryns1" || !ns[0].Strict || ns[0].Port != 2122 {
		t.Fatalf("got %+v", ns)
	}

	if _, err := Load[Server](writeFile(t, `[]`)); !errors.Is(err, ErrNoServers) {
		t.Errorf("empty list: %v, want ErrNoServers", err)
	}
	if _, err := Load[Server](writeFile(t, `{"name": "x"}`)); err == nil {
		t.Error("an object instead of a list was accepted")
	}
	if _, err := Load[Server](filepath.Join(t.TempDir(), "none.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v, want ErrNotExist", err)
	}
}

func TestByName(t *testing.T) {
	list := []Server{{Name: "vsftpd", Port: 1}, {Name: "proftpd", Port: 2}}
	if got := ByName(t, list, "proftpd"); got.Port != 2 {
		t.Errorf("got %+v", got)
	}
	ns := []NetnsServer{{Server: Server{Name: "ferryns1-proftpd"}}, {Server: Server{Name: "ferryns2-vsftpd"}, Netns: "ferryns2"}}
	if got := ByName(t, ns, "ferryns2-vsftpd"); got.Netns != "ferryns2" {
		t.Errorf("got %+v", got)
	}
}
