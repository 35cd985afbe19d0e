package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCPUProfileIsWrittenWhenAsked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.prof")
	var stderr bytes.Buffer
	stop := startCPUProfile(path, &stderr)
	var out bytes.Buffer
	if status := run([]string{"--version"}, strings.NewReader(""), &out, &stderr); status != 0 {
		t.Fatalf("status %d", status)
	}
	stop()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A pprof profile is gzipped protobuf.
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b || stderr.Len() != 0 {
		t.Fatalf("profile of %d bytes starting %x, stderr %q", len(b), b[:min(len(b), 2)], stderr.String())
	}
}

func TestCPUProfileOffOrUnwritable(t *testing.T) {
	var stderr bytes.Buffer
	startCPUProfile("", &stderr)()
	if stderr.Len() != 0 {
		t.Fatalf("no profile asked, stderr %q", stderr.String())
	}
	bad := filepath.Join(t.TempDir(), "missing", "cpu.prof")
	startCPUProfile(bad, &stderr)()
	if !strings.Contains(stderr.String(), cpuProfileEnv) {
		t.Fatalf("unwritable profile not reported: %q", stderr.String())
	}
	if _, err := os.Stat(bad); err == nil {
		t.Fatal("profile file created in a missing folder")
	}
}
