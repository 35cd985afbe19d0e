package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/profile"
)

// TestFXPBetweenServerPanes drags a file, then a folder, from a server in
// the left pane to a server in the right one and checks that the copy went
// from server to server: the target holds the same bytes, the byte
// counters match, and the commands each server got are those of FXP.
func TestFXPBetweenServerPanes(t *testing.T) {
	src := ftptest.NewServer(t, ftptest.WithUser("ferry", "s3cret"))
	dst := ftptest.NewServer(t, ftptest.WithUser("alice", "w0nderland"))
	when := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	files := map[string][]byte{
		"/fxp.bin":           randomBytes(t, 200<<10),
		"/album/one.bin":     randomBytes(t, 70<<10),
		"/album/sub/two.bin": randomBytes(t, 1234),
	}
	for _, d := range []string{"/album", "/album/sub"} {
		if err := src.FS().Mkdir(d); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range files {
		if err := src.FS().WriteFile(name, data, when); err != nil {
			t.Fatal(err)
		}
	}

	h := newHarness(t, t.TempDir())
	left := h.connect(src, "ferry", "s3cret", 0)
	right := h.connect(dst, "alice", "w0nderland", 1)

	// A file.
	srcBefore, dstBefore := src.Stats(), dst.Stats()
	srcSkip, dstSkip := len(src.Transcript()), len(dst.Transcript())
	h.dragRows(left, "fxp.bin", right)
	done, failed := h.queueSettled(1)
	if len(failed) != 0 || len(done) != 1 {
		t.Fatalf("file: %d done, %d failed (%+v)", len(done), len(failed), failed)
	}
	if got, err := dst.FS().ReadFile("/fxp.bin"); err != nil || !bytes.Equal(got, files["/fxp.bin"]) {
		t.Fatalf("the target's copy differs (%d bytes, %v)", len(got), err)
	}
	size := int64(len(files["/fxp.bin"]))
	if n := dst.Stats().BytesReceived - dstBefore.BytesReceived; n != size {
		t.Errorf("the target received %d data bytes, want %d", n, size)
	}
	if n := src.Stats().BytesSent - srcBefore.BytesSent; n != size {
		t.Errorf("the source sent %d data bytes, want %d", n, size)
	}
	checkFXP(t, commandsSince(src, srcSkip), commandsSince(dst, dstSkip), "/fxp.bin", "/fxp.bin")
	if log := h.mw.log.text(); !strings.Contains(log, "fxp: ") {
		t.Errorf("the log does not show the FXP set-up:\n%s", log)
	}
	h.waitFor("right pane shows the copy", func() bool { return right.model.rowOf("fxp.bin") >= 0 })

	// A folder, with a folder inside.
	dstBefore = dst.Stats()
	srcSkip, dstSkip = len(src.Transcript()), len(dst.Transcript())
	h.dragRows(left, "album", right)
	// fxp.bin, then album, one.bin, sub and two.bin.
	done, failed = h.queueSettled(5)
	if len(failed) != 0 || len(done) != 5 {
		t.Fatalf("folder: %d done, %d failed (%+v)", len(done), len(failed), failed)
	}
	var want int64
	for _, name := range []string{"/album/one.bin", "/album/sub/two.bin"} {
		got, err := dst.FS().ReadFile(name)
		if err != nil || !bytes.Equal(got, files[name]) {
			t.Errorf("%s on the target: %d bytes, %v", name, len(got), err)
		}
		want += int64(len(files[name]))
	}
	if n := dst.Stats().BytesReceived - dstBefore.BytesReceived; n != want {
		t.Errorf("the target received %d data bytes for the folder, want %d", n, want)
	}
	srcCmds, dstCmds := commandsSince(src, srcSkip), commandsSince(dst, dstSkip)
	checkFXP(t, srcCmds, dstCmds, "/album/one.bin", "/album/one.bin")
	checkFXP(t, srcCmds, dstCmds, "/album/sub/two.bin", "/album/sub/two.bin")
}

// checkFXP checks in two servers' transcripts that srcPath went straight
// from one to the other: of the connection that got RETR on the source
// and the one that got STOR on the target, one was made passive (PASV or
// EPSV: that server waits for a data connection) and the other active
// (PORT or EPRT: that server dials out), so one server connected to the
// other. A copy through the client would show two passive set-ups (the
// client dials both), or two active ones, and never this mix.
func checkFXP(t *testing.T, src, dst []ftptest.Command, srcPath, dstPath string) {
	t.Helper()
	retr := dataSetup(t, src, "RETR "+srcPath)
	stor := dataSetup(t, dst, "STOR "+dstPath)
	passive := func(v string) bool { return v == "PASV" || v == "EPSV" }
	active := func(v string) bool { return v == "PORT" || v == "EPRT" }
	if !(passive(retr) && active(stor)) && !(active(retr) && passive(stor)) {
		t.Errorf("%s: data set up with %q on the source and %q on the target: not FXP", srcPath, retr, stor)
	}
}

// dataSetup finds line, once and only once, in cmds and returns the verb
// that prepared its data connection: the last PASV, EPSV, PORT or EPRT on
// the same control connection since its previous transfer.
func dataSetup(t *testing.T, cmds []ftptest.Command, line string) string {
	t.Helper()
	at, count := -1, 0
	for i, c := range cmds {
		if c.Line == line {
			if at < 0 {
				at = i
			}
			count++
		}
	}
	if count != 1 {
		var all []string
		for _, c := range cmds {
			all = append(all, c.Line)
		}
		t.Errorf("%q received %d times, want once; commands:\n%s", line, count, strings.Join(all, "\n"))
		return ""
	}
	for i := at - 1; i >= 0; i-- {
		if cmds[i].Conn != cmds[at].Conn {
			continue
		}
		verb, _, _ := strings.Cut(cmds[i].Line, " ")
		switch verb = strings.ToUpper(verb); verb {
		case "PASV", "EPSV", "PORT", "EPRT":
			return verb
		case "RETR", "STOR", "APPE", "STOU", "LIST", "NLST", "MLSD":
			return ""
		}
	}
	return ""
}

// TestSiteRelayOnly: a saved site with "Relay copies with other servers
// through this computer (no FXP)" ticked never copies server to server,
// though both servers would: the copy from it to another server's pane
// goes through this computer, byte-exact, without PORT or EPRT. Before,
// the site's tick box (then "Allow server-to-server copies (FXP) with
// this site") was saved and never read: FXP went ahead either way.
func TestSiteRelayOnly(t *testing.T) {
	src := ftptest.NewServer(t, ftptest.WithAnonymous())
	dst := ftptest.NewServer(t, ftptest.WithUser("alice", "w0nderland"))
	data := randomBytes(t, 150<<10)
	if err := src.FS().WriteFile("/relay.bin", data, time.Time{}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, t.TempDir())
	site, err := h.mw.sites.Add(profile.Site{Name: "No FXP", Host: src.Host(), Port: src.Port(),
		Protocol: ftpcore.TLSNone, Logon: profile.LogonAnonymous, RelayOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	left := h.mw.panes[0]
	h.mw.openSite(site, 0, nil)
	h.waitFor("the site listed", func() bool {
		return left.src != nil && left.src.siteKey() == site.ID && left.dir != "" && left.busy.Hidden
	})
	right := h.connect(dst, "alice", "w0nderland", 1)

	h.dragRows(left, "relay.bin", right)
	done, failed := h.queueSettled(1)
	if len(done) != 1 || len(failed) != 0 {
		t.Fatalf("%d done, %d failed (%+v)", len(done), len(failed), failed)
	}
	if got, err := dst.FS().ReadFile("/relay.bin"); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the target's copy differs (%d bytes, %v)", len(got), err)
	}
	for _, srv := range []*ftptest.Server{src, dst} {
		for _, c := range srv.Transcript() {
			if v, _, _ := strings.Cut(c.Line, " "); v == "PORT" || v == "EPRT" {
				t.Errorf("%s sent to a server: the copy went server to server", c.Line)
			}
		}
	}
}
