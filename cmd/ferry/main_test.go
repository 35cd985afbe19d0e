//go:build linux

package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain runs the app's main instead of the tests when asked to, so
// that a test can start the real program as a child process.
func TestMain(m *testing.M) {
	if os.Getenv("FERRY_TEST_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestMainQuietWithoutDisplay starts the app where no X display answers,
// in the "C" locale of a container: it must say why it cannot open a
// window and exit with status 1, with no stack trace, and Fyne must not
// log an error about the locale (ferry/ui/quietlocale runs first).
func TestMainQuietWithoutDisplay(t *testing.T) {
	display := ""
	for n := 4711; n < 4800; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n)); os.IsNotExist(err) {
			display = fmt.Sprintf(":%d", n)
			break
		}
	}
	if display == "" {
		t.Fatal("no free X display number in 4711-4799")
	}
	home := t.TempDir()
	cmd := exec.Command(os.Args[0])
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "DISPLAY", "WAYLAND_DISPLAY", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "HOME", "XDG_CONFIG_HOME":
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = append(env, "FERRY_TEST_RUN_MAIN=1", "DISPLAY="+display, "LANG=C.UTF-8",
		"HOME="+home, "XDG_CONFIG_HOME="+home+"/.config")
	out, err := cmd.CombinedOutput()
	text := string(out)
	exit, ok := err.(*exec.ExitError)
	if !ok || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1; output:\n%s", err, text)
	}
	for _, want := range []string{
		"ferry: cannot open a window: no display (DISPLAY=\"" + display + "\"",
		"X11: Failed to open display " + display,
		"needs a graphical session",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"panic", "goroutine ", "locale"} {
		if strings.Contains(text, bad) {
			t.Errorf("output holds %q:\n%s", bad, text)
		}
	}
}

// TestMainHelpAndVersion: --help and --version answer on standard
// output and open no window (no display is given).
func TestMainHelpAndVersion(t *testing.T) {
	for arg, want := range map[string]string{"--help": "usage: ferry [URL [URL]]", "-h": "ferry-cli", "--version": "ferry dev"} {
		cmd := exec.Command(os.Args[0], arg)
		cmd.Env = append(os.Environ(), "FERRY_TEST_RUN_MAIN=1", "DISPLAY=", "WAYLAND_DISPLAY=")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || !strings.Contains(string(out), want) || stderr.Len() != 0 {
			t.Errorf("ferry %s: %v, stdout %q, stderr %q; want %q on stdout", arg, err, out, stderr.String(), want)
		}
	}
}
