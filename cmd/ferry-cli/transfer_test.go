package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

func cliServer(t *testing.T) *ftptest.Server {
	srv := ftptest.NewServer(t, ftptest.WithUser("alice", "pw-s3cret"))
	srv.FS().Mkdir("/docs")
	srv.FS().WriteFile("/docs/report.bin", bytes.Repeat([]byte("0123456789"), 100_000), time.Now())
	srv.FS().WriteFile("/docs/notes.txt", []byte("a\nb\n"), time.Now())
	return srv
}

func TestGetPutLs(t *testing.T) {
	srv := cliServer(t)
	t.Setenv("FERRY_PASSWORD", "pw-s3cret")
	base := "ftp://alice@" + srv.Addr()
	dir := t.TempDir()

	code, out, errOut := runCLI(t, "ls", base+"/docs")
	if code != 0 || !strings.Contains(out, "report.bin") || !strings.Contains(out, "1000000") {
		t.Fatalf("ls: %d %q %q", code, out, errOut)
	}

	local := filepath.Join(dir, "report.bin")
	code, _, errOut = runCLI(t, "get", "--log", base+"/docs/report.bin", dir)
	if code != 0 {
		t.Fatalf("get: %d %s", code, errOut)
	}
	if got, _ := os.ReadFile(local); len(got) != 1_000_000 {
		t.Fatalf("downloaded %d bytes", len(got))
	}
	if _, err := os.Stat(local + ".part"); !os.IsNotExist(err) {
		t.Fatalf(".part left: %v", err)
	}
	if !strings.Contains(errOut, "> PASS ****") || strings.Contains(errOut, "pw-s3cret") {
		t.Fatalf("--log must show the dialogue with PASS masked:\n%s", errOut)
	}

	// An interrupted download's .part is continued, 64 KiB before its end
	// so that the overlap is compared.
	full, _ := os.ReadFile(local)
	os.Remove(local)
	os.WriteFile(local+".part", full[:300_000], 0o644)
	if code, _, errOut = runCLI(t, "get", "--log", base+"/docs/report.bin", local); code != 0 {
		t.Fatalf("resume: %s", errOut)
	}
	if got, _ := os.ReadFile(local); !bytes.Equal(got, full) || !strings.Contains(errOut, "REST 234464") {
		t.Fatalf("resume did not continue the .part file:\n%s", errOut)
	}

	// ASCII by extension, LF locally.
	if code, _, errOut = runCLI(t, "get", base+"/docs/notes.txt", dir); code != 0 {
		t.Fatal(errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(got) != "a\nb\n" {
		t.Fatalf("notes.txt %q", got)
	}

	up := filepath.Join(dir, "up.bin")
	os.WriteFile(up, []byte("uploaded bytes"), 0o644)
	if code, _, errOut = runCLI(t, "put", "--active", up, base+"/docs/"); code != 0 {
		t.Fatalf("put: %s", errOut)
	}
	if got, err := srv.FS().ReadFile("/docs/up.bin"); err != nil || string(got) != "uploaded bytes" {
		t.Fatalf("server has %q %v", got, err)
	}
}

func TestCLIFailuresAreOneClearLine(t *testing.T) {
	srv := cliServer(t)
	t.Setenv("FERRY_PASSWORD", "wrong-password")
	cases := [][]string{
		{"get", "ftp://alice@" + srv.Addr() + "/docs/report.bin", t.TempDir()},
		{"get", "ftp://alice:pw-s3cret@" + srv.Addr() + "/missing.bin", t.TempDir()},
		{"ls", "gopher://x/"},
		{"get", "--type", "weird", "ftp://alice@" + srv.Addr() + "/x"},
		{"get", "ftp://alice:pw-s3cret@" + srv.Addr() + "/../etc/", t.TempDir()},
	}
	for _, args := range cases {
		code, _, errOut := runCLI(t, args...)
		if code == 0 {
			t.Errorf("%q succeeded", args)
		}
		if n := strings.Count(strings.TrimSpace(errOut), "\n"); n != 0 {
			t.Errorf("%q: %d lines of error:\n%s", args, n+1, errOut)
		}
		if strings.Contains(errOut, "wrong-password") || strings.Contains(errOut, "pw-s3cret") {
			t.Errorf("%q: password in the error: %s", args, errOut)
		}
	}
}

func TestLsSavedSite(t *testing.T) {
	srv := cliServer(t)
	t.Setenv("FERRY_CONFIG_DIR", t.TempDir())
	t.Setenv("FERRY_KEYRING", "off")
	t.Setenv("FERRY_MASTER_PASSWORD", "master-pw")
	t.Setenv("FERRY_PASSWORD", "pw-s3cret")
	if code, _, errOut := runCLI(t, "sites", "add", "--folder", "work", "files", "ftp://alice@"+srv.Addr()+"/docs"); code != 0 {
		t.Fatalf("sites add: %s", errOut)
	}
	t.Setenv("FERRY_PASSWORD", "")
	for _, ref := range []string{"files:/docs", "work/files:/docs"} {
		code, out, errOut := runCLI(t, "ls", ref)
		if code != 0 || !strings.Contains(out, "notes.txt") {
			t.Fatalf("ls %s: %d %q %q", ref, code, out, errOut)
		}
	}
}
