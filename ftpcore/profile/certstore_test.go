package profile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/ftpcore"
)

func testCert(der string) ftpcore.CertInfo {
	return ftpcore.CertInfo{Host: "ftp.example.com", Subject: "CN=" + der, DER: []byte(der), SHA256: ftpcore.Fingerprint([]byte(der))}
}

func TestCertStoreCheck(t *testing.T) {
	dir := t.TempDir()
	cs := NewCertStore(dir)
	if err := cs.Trust("FTP.Example.com:21", testCert("leaf-A")); err != nil {
		t.Fatal(err)
	}
	if err := cs.Trust("[::1]:990", testCert("leaf-B")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		addr string
		cert string
		want CertStatus
	}{
		{"same certificate", "ftp.example.com:21", "leaf-A", CertTrusted},
		{"host case ignored", "FTP.EXAMPLE.COM:21", "leaf-A", CertTrusted},
		{"changed certificate", "ftp.example.com:21", "leaf-X", CertChanged},
		{"other port is another server", "ftp.example.com:990", "leaf-A", CertUnknown},
		{"ipv6", "[::1]:990", "leaf-B", CertTrusted},
		{"unknown host", "other:21", "leaf-A", CertUnknown},
	}
	reloaded, err := OpenCertStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, store := range []struct {
		name string
		cs   *CertStore
	}{{"in memory", cs}, {"reloaded", reloaded}} {
		for _, tt := range tests {
			t.Run(store.name+"/"+tt.name, func(t *testing.T) {
				got, err := store.cs.Check(tt.addr, testCert(tt.cert))
				if err != nil || got != tt.want {
					t.Errorf("Check(%s, %s) = %v, %v; want %v", tt.addr, tt.cert, got, err, tt.want)
				}
			})
		}
	}
	if c, ok := reloaded.Lookup("ftp.example.com:21"); !ok || c.SHA256 != ftpcore.Fingerprint([]byte("leaf-A")) || c.Subject != "CN=leaf-A" {
		t.Errorf("Lookup = %+v, %v", c, ok)
	}
	if fi, err := os.Stat(cs.Path()); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode: %v, %v; want 0600", fi, err)
	}
}

func TestCertStoreReplaceAndForget(t *testing.T) {
	dir := t.TempDir()
	cs := NewCertStore(dir)
	if err := cs.Trust("h:21", testCert("old")); err != nil {
		t.Fatal(err)
	}
	if err := cs.Trust("h:21", testCert("new")); err != nil {
		t.Fatal(err)
	}
	if got := cs.Trusted(); len(got) != 1 || string(got[0].DER) != "new" {
		t.Fatalf("Trusted after replace = %+v", got)
	}
	if err := cs.Forget("h:21"); err != nil {
		t.Fatal(err)
	}
	if err := cs.Forget("never:21"); err != nil {
		t.Errorf("Forget of an unknown server: %v", err)
	}
	reloaded, err := OpenCertStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := reloaded.Check("h:21", testCert("new")); got != CertUnknown {
		t.Errorf("after Forget: %v", got)
	}
}

func TestCertStoreBadInput(t *testing.T) {
	cs := NewCertStore(t.TempDir())
	for _, addr := range []string{"host", "host:", ":21", "host:0", "host:70000", "host:ftp"} {
		t.Run(addr, func(t *testing.T) {
			if _, err := cs.Check(addr, testCert("a")); !errors.Is(err, ErrBadCertAddr) {
				t.Errorf("Check(%q) error = %v, want ErrBadCertAddr", addr, err)
			}
			if err := cs.Trust(addr, testCert("a")); !errors.Is(err, ErrBadCertAddr) {
				t.Errorf("Trust(%q) error = %v, want ErrBadCertAddr", addr, err)
			}
		})
	}
	if err := cs.Trust("h:21", ftpcore.CertInfo{}); err == nil {
		t.Error("Trust without a certificate succeeded")
	}
}

func TestCertStoreCorruptFile(t *testing.T) {
	tests := []struct {
		name string
		data string
	}{
		{"not json", "{"},
		{"future version", `{"version": 9, "certs": []}`},
		{"fingerprint that lies", `{"version": 1, "certs": [{"addr": "h:21", "sha256": "00:11", "der": "bGVhZg=="}]}`},
		{"address without port", `{"version": 1, "certs": [{"addr": "h", "sha256": "` + ftpcore.Fingerprint([]byte("leaf")) + `", "der": "bGVhZg=="}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, TrustedCertsFileName)
			if err := os.WriteFile(path, []byte(tt.data), 0o600); err != nil {
				t.Fatal(err)
			}
			cs, err := OpenCertStore(dir)
			var ce *CorruptFileError
			if !errors.As(err, &ce) || ce.Path != path {
				t.Fatalf("OpenCertStore error = %v, want *CorruptFileError for %s", err, path)
			}
			if err := cs.Trust("h:21", testCert("x")); !errors.Is(err, ErrCorruptFile) {
				t.Errorf("Trust over a corrupt file: %v, want ErrCorruptFile", err)
			}
			if got, _ := os.ReadFile(path); string(got) != tt.data {
				t.Errorf("corrupt file was rewritten: %q", got)
			}
			if _, err := cs.Reset(); err != nil {
				t.Fatal(err)
			}
			if err := cs.Trust("h:21", testCert("x")); err != nil {
				t.Errorf("Trust after Reset: %v", err)
			}
		})
	}
}

func TestCertStoreRestoreBackup(t *testing.T) {
	dir := t.TempDir()
	cs := NewCertStore(dir)
	if err := cs.Trust("a:21", testCert("a")); err != nil {
		t.Fatal(err)
	}
	if err := cs.Trust("b:21", testCert("b")); err != nil { // backup now holds a:21 only
		t.Fatal(err)
	}
	if err := os.WriteFile(cs.Path(), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	cs2, err := OpenCertStore(dir)
	if !errors.Is(err, ErrCorruptFile) {
		t.Fatalf("open: %v", err)
	}
	if err := cs2.RestoreBackup(); err != nil {
		t.Fatal(err)
	}
	if got, _ := cs2.Check("a:21", testCert("a")); got != CertTrusted {
		t.Errorf("a:21 after restore: %v", got)
	}
	if got, _ := cs2.Check("b:21", testCert("b")); got != CertUnknown {
		t.Errorf("b:21 after restore: %v", got)
	}
}

func TestCertStoreTrustFunc(t *testing.T) {
	type call struct{ changed bool }
	tests := []struct {
		name       string
		preTrusted string // certificate trusted beforehand, "" for none
		offered    string
		trust      bool
		always     bool
		askErr     error
		wantAsk    []call
		wantOK     bool
		wantStored string
	}{
		{"known certificate is not asked about", "leaf", "leaf", false, false, nil, nil, true, "leaf"},
		{"unknown, trusted once", "", "leaf", true, false, nil, []call{{false}}, true, ""},
		{"unknown, trusted always", "", "leaf", true, true, nil, []call{{false}}, true, "leaf"},
		{"unknown, rejected", "", "leaf", false, false, nil, []call{{false}}, false, ""},
		{"changed, rejected keeps the old one", "old", "new", false, false, nil, []call{{true}}, false, "old"},
		{"changed, trusted always replaces", "old", "new", true, true, nil, []call{{true}}, true, "new"},
		{"asking failed", "", "leaf", true, true, context.Canceled, []call{{false}}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := NewCertStore(t.TempDir())
			if tt.preTrusted != "" {
				if err := cs.Trust("h:21", testCert(tt.preTrusted)); err != nil {
					t.Fatal(err)
				}
			}
			var calls []call
			fn := cs.TrustFunc("h:21", func(ctx context.Context, info ftpcore.CertInfo, changed bool) (bool, bool, error) {
				calls = append(calls, call{changed})
				return tt.trust, tt.always, tt.askErr
			})
			ok, err := fn(t.Context(), testCert(tt.offered))
			if ok != tt.wantOK || !errors.Is(err, tt.askErr) {
				t.Errorf("TrustCert = %v, %v; want %v, %v", ok, err, tt.wantOK, tt.askErr)
			}
			if len(calls) != len(tt.wantAsk) || (len(calls) > 0 && calls[0] != tt.wantAsk[0]) {
				t.Errorf("asked %+v, want %+v", calls, tt.wantAsk)
			}
			c, stored := cs.Lookup("h:21")
			if got := string(c.DER); (tt.wantStored == "") == stored || got != tt.wantStored {
				t.Errorf("stored %q (%v), want %q", got, stored, tt.wantStored)
			}
		})
	}
}

func TestCertStatusString(t *testing.T) {
	for s, want := range map[CertStatus]string{CertUnknown: "unknown", CertTrusted: "trusted", CertChanged: "changed"} {
		if got := s.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", s, got, want)
		}
	}
	if !strings.Contains(NewCertStore("/x").Path(), TrustedCertsFileName) {
		t.Error("Path does not name the file")
	}
}
