package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// Arguments a user will type, and what ferry-cli must make of them.
func TestArgumentsUsersType(t *testing.T) {
	conf, _ := ftptest.NewTLSConfig(t)
	srv, base := mirrorServer(t, ftptest.WithTLS(conf))
	for rel, c := range map[string]string{"top.txt": "top\n", "dir/in.txt": "in\n", "a#1.txt": "hash\n"} {
		if err := srv.FS().WriteFile("/"+rel, []byte(c), time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	tlsBase := strings.Replace(base, "ftp://", "ftpes://", 1)

	t.Run("get -r of the root into an existing folder", func(t *testing.T) {
		dest := t.TempDir()
		if code, out, errs := runCLI(t, "get", "-r", base+"/", dest); code != 0 {
			t.Fatalf("exit %d\n%s%s", code, out, errs)
		}
		if got, err := os.ReadFile(filepath.Join(dest, "dir", "in.txt")); err != nil || string(got) != "in\n" {
			t.Fatalf("dir/in.txt: %q %v", got, err)
		}
	})
	t.Run("get of a folder hints -r", func(t *testing.T) {
		code, _, errs := runCLI(t, "get", base+"/dir", filepath.Join(t.TempDir(), "x"))
		if code == 0 || !strings.Contains(errs, "get -r") {
			t.Fatalf("exit %d, stderr %q; want a hint to use get -r", code, errs)
		}
	})
	t.Run("an unencoded # is refused with advice", func(t *testing.T) {
		code, _, errs := runCLI(t, "get", base+"/a#1.txt", filepath.Join(t.TempDir(), "x"))
		if code == 0 || !strings.Contains(errs, "%23") {
			t.Fatalf("exit %d, stderr %q; want the advice to write %%23", code, errs)
		}
		local := filepath.Join(t.TempDir(), "a#1.txt")
		if code, out, errs := runCLI(t, "get", base+"/a%231.txt", local); code != 0 {
			t.Fatalf("encoded: exit %d\n%s%s", code, out, errs)
		}
	})
	t.Run("a wrong --fingerprint says it did not match", func(t *testing.T) {
		wrong := strings.Repeat("AB:", 31) + "AB"
		code, _, errs := runCLI(t, "ls", "--fingerprint", wrong, tlsBase+"/")
		if code == 0 || !strings.Contains(errs, "does not match --fingerprint") {
			t.Fatalf("exit %d, stderr %q; want the mismatch said", code, errs)
		}
	})
	t.Run("a malformed --fingerprint is refused", func(t *testing.T) {
		for _, bad := range []string{"abc", "ZZ" + strings.Repeat("0", 62), strings.Repeat("A", 63), "A:BC" + strings.Repeat("0", 60)} {
			code, _, errs := runCLI(t, "ls", "--fingerprint", bad, tlsBase+"/")
			if code == 0 || !strings.Contains(errs, "64 hex digits") {
				t.Errorf("--fingerprint %q: exit %d, stderr %q", bad, code, errs)
			}
		}
	})
	t.Run("a one-letter site name", func(t *testing.T) {
		sitesTestEnv(t)
		t.Setenv("FERRY_PASSWORD", "pw")
		mustSites(t, "", "add", "x", base+"/")
		code, out, errs := runCLI(t, "ls", "x:/")
		if code != 0 || !strings.Contains(out, "top.txt") {
			t.Fatalf("ls x:/: exit %d\n%s%s", code, out, errs)
		}
	})
}
