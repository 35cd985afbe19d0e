package main

import (
	"bytes"
	"strings"
	"testing"
)

// The value the packages link in (-X main.version) is checked on the built
// binaries by .ci/package/release-check.sh; here, the commands that print it.
func TestVersionPrintsTheLinkedVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		t.Run(arg, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{arg}, strings.NewReader(""), &stdout, &stderr)
			if want := "ferry-cli " + version + "\n"; code != 0 || stdout.String() != want || stderr.Len() != 0 {
				t.Fatalf("run(%s) = %d, stdout %q, stderr %q; want 0, %q, \"\"", arg, code, stdout.String(), stderr.String(), want)
			}
		})
	}
}
