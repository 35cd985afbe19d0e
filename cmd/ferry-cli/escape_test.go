package main

import (
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// TestServerTextReachesTheTerminalEscaped: reply text, the transcript and
// remote names in the output carry no control character from the server.
func TestServerTextReachesTheTerminalEscaped(t *testing.T) {
	srv := cliServer(t)
	srv.FS().Mkdir("/hostile")
	srv.FS().WriteFile("/hostile/evil\x1b]0;owned\a\x1b[2J.txt", []byte("x\n"), time.Now())
	srv.SetFault(ftptest.Fault{Replies: map[string]string{
		"RETR": "550 \x1b[2J\x1b]0;owned\a\u009b31mno such file",
	}})
	base := "ftp://alice:pw-s3cret@" + srv.Addr()
	for _, args := range [][]string{
		{"get", base + "/docs/report.bin", t.TempDir()},
		{"get", "--log", base + "/docs/report.bin", t.TempDir()},
		{"mirror", "--dry-run", base + "/hostile", t.TempDir()},
	} {
		_, out, errOut := runCLI(t, args...)
		for _, s := range []string{out, errOut} {
			if strings.ContainsAny(s, "\x1b\a\u009b") {
				t.Errorf("%q printed a control character:\n%q", args[:len(args)-1], s)
			}
		}
		if args[0] == "get" && !strings.Contains(errOut, `\x1b[2J\x1b]0;owned\x07\u009b31mno such file`) {
			t.Errorf("%q: the reply is not shown escaped:\n%s", args[:len(args)-1], errOut)
		}
	}
}
