//go:build interop

package ui

// The synchronisation preview run against the real servers of
// .ci/servers/with-servers.sh (make test): the plan is carried out
// through the queue and the result compared byte for byte on the
// server's disk. Without servers.json the test fails rather than pass.

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/interoptest"
	"ferry/ftpcore/syncplan"
)

func TestInteropSyncPreview(t *testing.T) {
	for _, srv := range interoptest.Servers(t) {
		t.Run(srv.Name, func(t *testing.T) { testInteropSync(t, srv) })
	}
}

func testInteropSync(t *testing.T, srv interoptest.Server) {
	local, _, files := syncTrees(t)
	delete(files, "kind") // a conflict, left alone: checked by TestSyncPreview
	if err := os.Remove(filepath.Join(local, "kind")); err != nil {
		t.Fatal(err)
	}
	cfg := ftpcore.Config{
		Addr: net.JoinHostPort(srv.Host, fmt.Sprint(srv.Port)), User: srv.User, Password: srv.Password,
		ConnectTimeout: 10 * time.Second, ReplyTimeout: 20 * time.Second,
	}
	ctx := t.Context()
	s, err := ftpcore.Dial(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dir := fmt.Sprintf("/upload/sync-%s-%d", srv.Name, time.Now().UnixNano())
	// The server's side: one identical file, two of another size, a
	// stale file and a stale folder.
	for _, d := range []string{dir, dir + "/oldir"} {
		if err := s.Mkdir(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	for name, c := range map[string]string{"same.txt": "identical!", "size.txt": "ninenine9", "older.txt": "sixsix",
		"stale.txt": "gone soon", "oldir/x": "x"} {
		if _, err := s.Store(ctx, dir+"/"+name, strings.NewReader(c), ftpcore.TransferOptions{}); err != nil {
			t.Fatal(err)
		}
	}

	h := newHarness(t, local)
	h.mw.connect(quickKey(cfg), cfg, 1, dir)
	right := h.mw.panes[1]
	h.waitFor("the server's folder", func() bool { return right.src != nil && !right.src.local() && right.dir == dir && right.busy.Hidden })
	h.mw.setActive(h.mw.panes[0])

	sp := h.mw.openSync()
	must := func(cond bool, format string, args ...any) {
		t.Helper()
		if !cond {
			t.Fatalf(format, args...)
		}
	}
	must(sp != nil, "no preview")
	sp.del.SetChecked(true)
	waitPlan(h, sp)
	must(sp.plan != nil && sp.plan[0].Action != syncplan.Conflict, "plan %q", previewLines(h, sp))
	// A copy over a newer file starts unticked: the user ticks it. The
	// server's copies were stored after the local tree was written, so
	// both files that differ are newer there.
	tapRow(t, h, sp, "older.txt")
	tapRow(t, h, sp, "size.txt")
	sp.start()
	h.waitFor("the upload", func() bool {
		tot := h.mw.queue.Totals()
		_, err := os.Stat(filepath.Join(srv.Home, dir, "stale.txt"))
		return tot.Queued == 0 && tot.Active == 0 && tot.Done+tot.Failed >= 7 && err != nil
	})
	if tot := h.mw.queue.Totals(); tot.Failed != 0 {
		for _, j := range h.mw.queue.Jobs() {
			t.Logf("%s: %v %s", j.Src.Path, j.State, j.Err)
		}
		t.Fatalf("totals %+v", tot)
	}
	for rel, data := range files {
		got, err := os.ReadFile(filepath.Join(srv.Home, dir, filepath.FromSlash(rel)))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s on %s's disk: %d bytes, %v; want %d bytes", rel, srv.Name, len(got), err, len(data))
		}
	}
	if _, err := os.Stat(filepath.Join(srv.Home, dir, "oldir")); err == nil {
		t.Error("the stale folder was kept")
	}

	// Planned again from the server's own listing, nothing is left to do.
	h.waitFor("the panes refreshed", func() bool { return right.model.rowOf("stale.txt") < 0 && right.busy.Hidden })
	sp = h.mw.openSync()
	sp.del.SetChecked(true)
	waitPlan(h, sp)
	must(len(sp.plan) == 0, "second plan: %q", previewLines(h, sp))
	sp.dlg.Hide()

	// And back down, right to left, into an empty folder.
	down := t.TempDir()
	h.mw.panes[0].navigate(down)
	h.waitFor("the empty folder", func() bool { return h.mw.panes[0].dir == down && h.mw.panes[0].busy.Hidden })
	sp = h.mw.openSync()
	sp.direction.SetSelectedIndex(1)
	waitPlan(h, sp)
	before := h.mw.queue.Totals().Done
	sp.start()
	h.waitFor("the download", func() bool {
		tot := h.mw.queue.Totals()
		return tot.Queued == 0 && tot.Active == 0 && tot.Done+tot.Failed >= before+len(files)
	})
	for rel, data := range files {
		got, err := os.ReadFile(filepath.Join(down, filepath.FromSlash(rel)))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s downloaded from %s: %d bytes, %v; want %d bytes", rel, srv.Name, len(got), err, len(data))
		}
	}
}
