//go:build linux

package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"ferry/cmd/ferry/internal/glpreload"
)

// TestMain runs the app's main instead of the tests when asked to, so
// that a test can start the real program as a child process.
func TestMain(m *testing.M) {
	if os.Getenv("FERRY_TEST_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	if os.Getenv("FERRY_TEST_GL_PRELOAD") == "1" {
		reportGLPreload()
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

// TestMainRetriesDisplayThatHangsUp: an X server that closes each new
// connection at once is asked displayTries times before Ferry says there
// is no display (Xvfb closed about one connection in 30 while another
// client polled it, and the window did not open).
func TestMainRetriesDisplayThatHangsUp(t *testing.T) {
	if err := os.MkdirAll("/tmp/.X11-unix", 0o1777); err != nil {
		t.Fatal(err)
	}
	var ln net.Listener
	display := ""
	for n := 4800; n < 4900 && ln == nil; n++ {
		path := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			continue
		}
		l, err := net.Listen("unix", path)
		if err != nil {
			continue
		}
		ln, display = l, fmt.Sprintf(":%d", n)
	}
	if ln == nil {
		t.Fatal("no free X display number in 4800-4899")
	}
	defer ln.Close()
	accepted := make(chan int)
	go func() {
		n := 0
		for {
			c, err := ln.Accept()
			if err != nil {
				accepted <- n
				return
			}
			n++
			c.Close()
		}
	}()
	home := t.TempDir()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "FERRY_TEST_RUN_MAIN=1", "DISPLAY="+display, "WAYLAND_DISPLAY=",
		"HOME="+home, "XDG_CONFIG_HOME="+home+"/.config")
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1; output:\n%s", err, out)
	}
	if !strings.Contains(string(out), "cannot open a window: no display") {
		t.Errorf("output lacks the no-display message:\n%s", out)
	}
	ln.Close()
	if n := <-accepted; n != displayTries {
		t.Errorf("the display was asked %d times, want %d", n, displayTries)
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

// reportGLPreload waits for the preload thread started with this process
// and prints what it did: its state, whether Mesa's GLX library was in
// the process before this asked for it, and whether it can be loaded.
func reportGLPreload() {
	for glpreload.State() == "loading" {
		time.Sleep(time.Millisecond)
	}
	const lib = "libGLX_mesa.so.0"
	fmt.Println(glpreload.State(), glpreload.LibraryLoaded(lib), glpreload.LibraryLoadable(lib))
}

// TestGLPreload starts the program as a child and reads what its preload
// of Mesa's libraries did: by default they are in the process before GLFW
// asks for them (where Mesa is installed: the test machine's GL packages
// bring it), and nothing is loaded when the user turns it off, another GLX
// vendor is asked for, or the program only prints its version or help.
func TestGLPreload(t *testing.T) {
	run := func(args []string, env ...string) (state string, loaded, loadable bool) {
		t.Helper()
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "FERRY_TEST_GL_PRELOAD=1", "FERRY_NO_GL_PRELOAD=",
			"__GLX_VENDOR_LIBRARY_NAME=", "LIBGL_DRIVERS_PATH=", "MESA_LOADER_DRIVER_OVERRIDE=")
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v %v: %v\n%s", args, env, err, out)
		}
		if _, err := fmt.Sscan(string(out), &state, &loaded, &loadable); err != nil {
			t.Fatalf("%v %v: cannot read %q: %v", args, env, out, err)
		}
		return state, loaded, loadable
	}
	if _, err := os.Stat("/proc/driver/nvidia"); err == nil {
		state, loaded, _ := run(nil)
		if state != "off" || loaded {
			t.Errorf("with NVIDIA's driver: preload %s, Mesa loaded %v; want off, false", state, loaded)
		}
		return
	}
	state, loaded, loadable := run(nil)
	if state != "done" || loaded != loadable {
		t.Errorf("by default: preload %s, Mesa loaded %v (loadable %v); want done, loaded as loadable", state, loaded, loadable)
	}
	if !loadable {
		t.Logf("Mesa's %s cannot be loaded on this machine: only the preload's state was checked", "libGLX_mesa.so.0")
	}
	for _, c := range []struct {
		args []string
		env  []string
	}{
		{nil, []string{"FERRY_NO_GL_PRELOAD=1"}},
		{nil, []string{"__GLX_VENDOR_LIBRARY_NAME=nvidia"}},
		{nil, []string{"LIBGL_DRIVERS_PATH=/nowhere"}},
		{[]string{"--version"}, nil},
		{[]string{"--help"}, nil},
	} {
		state, loaded, _ := run(c.args, c.env...)
		if state != "off" || loaded {
			t.Errorf("%v %v: preload %s, Mesa loaded %v; want off, false", c.args, c.env, state, loaded)
		}
	}
	// The value "mesa" is Mesa itself: the preload stays on.
	if state, _, _ := run(nil, "__GLX_VENDOR_LIBRARY_NAME=mesa"); state != "done" {
		t.Errorf("__GLX_VENDOR_LIBRARY_NAME=mesa: preload %s, want done", state)
	}
}
