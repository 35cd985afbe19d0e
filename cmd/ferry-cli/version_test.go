package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestVersionPrintsTheLinkedVersion(t *testing.T) {
	old := version
	version = "9.8.7 (build 6)"
	t.Cleanup(func() { version = old })
	for _, arg := range []string{"--version", "version"} {
		t.Run(arg, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{arg}, strings.NewReader(""), &stdout, &stderr)
			if code != 0 || stdout.String() != "ferry-cli 9.8.7 (build 6)\n" || stderr.Len() != 0 {
				t.Fatalf("run(%s) = %d, stdout %q, stderr %q", arg, code, stdout.String(), stderr.String())
			}
		})
	}
}
