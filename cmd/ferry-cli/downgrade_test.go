package main

import (
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
)

// A saved site on "TLS if available": a server that refuses AUTH TLS is
// used in clear text with a warning on stderr (no --log needed); once the
// server has accepted TLS, the site refuses to fall back, and says how to
// allow it.
func TestCLITLSDowngrade(t *testing.T) {
	sitesTestEnv(t)
	t.Setenv("FERRY_PASSWORD", "pw")
	conf, _ := ftptest.NewTLSConfig(t)
	srv := ftptest.NewServer(t, ftptest.WithUser("u", "pw"), ftptest.WithTLS(conf))
	fp := "--fingerprint=" + ftpcore.Fingerprint(conf.Certificates[0].Certificate[0])
	for _, name := range []string{"seen", "fresh"} {
		mustSites(t, "", "add", name, "ftp://u@"+srv.Addr()+"/", "--tls", "explicit-if-available")
	}
	if code, out, errs := runCLI(t, "ls", fp, "seen:/"); code != 0 || strings.Contains(errs, "warning") {
		t.Fatalf("ls over TLS: exit %d\n%s%s", code, out, errs)
	}

	srv.SetFault(ftptest.RefuseTLS())
	code, out, errs := runCLI(t, "ls", fp, "fresh:/")
	if code != 0 || !strings.Contains(errs, "refused TLS") || !strings.Contains(errs, "clear text") {
		t.Fatalf("ls of a site never seen with TLS: exit %d, want 0 with a warning\nstdout: %s\nstderr: %s", code, out, errs)
	}
	// One line per server, however many sessions the command opens.
	if err := srv.FS().WriteFile("/f.txt", []byte("x"), time.Time{}); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCLI(t, "mirror", "fresh:/", t.TempDir())
	if n := strings.Count(errs, "refused TLS"); code != 0 || n != 1 {
		t.Fatalf("mirror: exit %d, %d warnings, want one\nstdout: %s\nstderr: %s", code, n, out, errs)
	}
	code, out, errs = runCLI(t, "ls", fp, "seen:/")
	if code == 0 || !strings.Contains(errs, "offered it before") || !strings.Contains(errs, "plain FTP") {
		t.Fatalf("ls of a site seen with TLS: exit %d, want a refusal saying how to allow clear text\nstdout: %s\nstderr: %s", code, out, errs)
	}
}
