package main

import (
	"strings"
	"testing"
)

func TestDoctorExitStatus(t *testing.T) {
	srv := cliServer(t)
	base := "ftp://alice@" + srv.Addr() + "/"

	t.Setenv("FERRY_PASSWORD", "pw-s3cret")
	code, out, errOut := runCLI(t, "doctor", "--mask-hosts", base)
	if code != 0 {
		t.Fatalf("healthy server: exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"[GREEN] Login", "[GREEN] Data connection with EPSV", "[AMBER] TLS", "PASS ****"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "127.0.0.1") || strings.Contains(out, "pw-s3cret") {
		t.Errorf("address or password in the masked output:\n%s", out)
	}

	t.Setenv("FERRY_PASSWORD", "wrong-pw")
	code, out, errOut = runCLI(t, "doctor", base)
	if code != 1 || !strings.Contains(out, "[RED] Login") || !strings.Contains(errOut, "1 red line(s)") {
		t.Fatalf("refused login: exit %d\n%s\n%s", code, out, errOut)
	}
	if code, _, _ = runCLI(t, "doctor"); code != 2 {
		t.Errorf("no URL: exit %d", code)
	}
}

// TestDoctorWriteTest: --write-test uploads into the folder named, and
// the file is gone afterwards; a refused upload is a red line.
func TestDoctorWriteTest(t *testing.T) {
	srv := cliServer(t)
	base := "ftp://alice@" + srv.Addr() + "/"
	t.Setenv("FERRY_PASSWORD", "pw-s3cret")
	code, out, errOut := runCLI(t, "doctor", "--write-test", "/docs", base)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"[GREEN] Write test in /docs: /docs/.ferry-doctor-", "deleted", "[GREEN] Server clock, measured", "> STOR /docs/.ferry-doctor-"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if list, _ := srv.FS().ReadDir("/docs"); len(list) != 2 {
		t.Errorf("%d files in /docs afterwards, want the 2 there before", len(list))
	}
	code, out, _ = runCLI(t, "doctor", "--write-test", "/no-such-folder", base)
	if code != 1 || !strings.Contains(out, "[RED] Write test in /no-such-folder") {
		t.Errorf("upload into a missing folder: exit %d\n%s", code, out)
	}
}
