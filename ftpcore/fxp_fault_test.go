package ftpcore

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

func TestFXPCancelAbortsBothAndKeepsSessions(t *testing.T) {
	p := newFXPPair(t, []ftptest.Option{ftptest.WithFault(ftptest.Fault{DataRate: 256 << 10})}, nil)
	data := testkit.RandomBytes(t, 4<<20)
	testkit.PutFile(t, p.a, "/big.bin", data, time.Time{})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	_, err := FXP(ctx, p.left, p.righ, "/big.bin", "/big.bin", FXPOptions{
		PollEvery: 20 * time.Millisecond,
		Progress: func(done, _ int64) {
			if done > 0 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	for _, srv := range []*ftptest.Server{p.a, p.b} {
		if indexOf(srv.Commands(), "ABOR") < 0 {
			t.Errorf("no ABOR in %q", srv.Commands())
		}
	}
	if _, err := p.b.FS().Stat("/big.bin"); err == nil {
		t.Error("the partial target file was left behind")
	}
	// Both sessions still work, for another copy too.
	small := testkit.RandomBytes(t, 1000)
	testkit.PutFile(t, p.a, "/small.bin", small, time.Time{})
	p.a.SetFault(ftptest.Fault{})
	if _, err := FXP(t.Context(), p.left, p.righ, "/small.bin", "/small.bin", FXPOptions{}); err != nil {
		t.Fatalf("copy after cancel: %v", err)
	}
	if !bytes.Equal(testkit.GetFile(t, p.b, "/small.bin"), small) {
		t.Fatal("second copy differs")
	}
}

func TestFXPLateSourceFailureCleansTheTarget(t *testing.T) {
	for _, tc := range []struct {
		name    string
		fault   ftptest.Fault
		refused bool // the passive source turned the target away
	}{
		{"data cut after 1000 bytes", ftptest.Fault{DropData: &ftptest.DataDrop{After: 1000}}, false},
		{"data cut before any byte", ftptest.Fault{DropData: &ftptest.DataDrop{After: 0}}, false},
		{"strict passive source", ftptest.Fault{Replies: map[string]string{
			"RETR": "425 Unable to build data connection: Permission denied"}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newFXPPair(t, []ftptest.Option{ftptest.WithFault(tc.fault)}, nil)
			testkit.PutFile(t, p.a, "/s.bin", testkit.RandomBytes(t, 64<<10), time.Time{})
			_, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{})
			if err == nil {
				t.Fatal("copy succeeded")
			}
			var r *FXPRefusedError
			if got := errors.As(err, &r); got != tc.refused {
				t.Fatalf("error %v: refusal %v, want %v", err, got, tc.refused)
			}
			if tc.refused && (r.Server != "left" || r.Cmd != "RETR" || r.Code != 425) {
				t.Errorf("refusal %+v", r)
			}
			if !tc.refused && !strings.Contains(err.Error(), "deleted") {
				t.Errorf("error %q does not say the target file was deleted", err)
			}
			if _, err := p.b.FS().Stat("/d.bin"); err == nil {
				t.Error("the empty or partial target file was left behind")
			}
			if err := p.left.Noop(t.Context()); err != nil {
				t.Error(err)
			}
			if err := p.righ.Noop(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestFXPKeepPartialReportsTheFile(t *testing.T) {
	p := newFXPPair(t, []ftptest.Option{ftptest.WithFault(ftptest.Fault{DropData: &ftptest.DataDrop{After: 500}})}, nil)
	data := testkit.RandomBytes(t, 10000)
	testkit.PutFile(t, p.a, "/s.bin", data, time.Time{})
	_, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{KeepPartial: true})
	if err == nil || !strings.Contains(err.Error(), "is kept on right") {
		t.Fatalf("error %v", err)
	}
	// The source's 426 makes Ferry send ABOR to the target at once, which
	// may stop it before it read all 500 bytes the source sent: the kept
	// file is a prefix of at most that much.
	if got := testkit.GetFile(t, p.b, "/d.bin"); len(got) > 500 || !bytes.Equal(got, data[:len(got)]) {
		t.Errorf("kept file has %d bytes, want a prefix of the 500 sent", len(got))
	}
}

func TestFXPSizeMismatchFails(t *testing.T) {
	// The source announces 10 bytes more than it sends: both servers say
	// 226, only the size check sees the loss.
	p := newFXPPair(t, []ftptest.Option{ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"SIZE": "213 10010"}})}, nil)
	testkit.PutFile(t, p.a, "/s.bin", testkit.RandomBytes(t, 10000), time.Time{})
	_, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{})
	if !errors.Is(err, ErrSizeMismatch) {
		t.Fatalf("error %v, want ErrSizeMismatch", err)
	}
	if _, err := p.b.FS().Stat("/d.bin"); err == nil {
		t.Error("the short target file was left behind")
	}
}

func TestFXPOverwriteCallback(t *testing.T) {
	for _, allow := range []bool{false, true} {
		t.Run(map[bool]string{false: "skip", true: "overwrite"}[allow], func(t *testing.T) {
			p := newFXPPair(t, nil, nil)
			data := testkit.RandomBytes(t, 3000)
			testkit.PutFile(t, p.a, "/s.bin", data, time.Time{})
			testkit.PutFile(t, p.b, "/d.bin", []byte("old"), time.Time{})
			var asked [2]int64
			_, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{
				Overwrite: func(_ context.Context, srcSize, dstSize int64) (bool, error) {
					asked = [2]int64{srcSize, dstSize}
					return allow, nil
				},
			})
			if asked != [2]int64{3000, 3} {
				t.Errorf("Overwrite asked with %v, want [3000 3]", asked)
			}
			want := []byte("old")
			if allow {
				want = data
				if err != nil {
					t.Fatal(err)
				}
			} else if !errors.Is(err, ErrFXPSkipped) {
				t.Fatalf("error %v, want ErrFXPSkipped", err)
			}
			if !bytes.Equal(testkit.GetFile(t, p.b, "/d.bin"), want) {
				t.Error("target content wrong")
			}
		})
	}
}

func TestFXPTreeRecreatesTheFolder(t *testing.T) {
	p := newFXPPair(t, nil, nil)
	files := map[string][]byte{
		"/tree/a.bin":                testkit.RandomBytes(t, 5000),
		"/tree/empty.bin":            {},
		"/tree/sub/b.bin":            testkit.RandomBytes(t, 70000),
		"/tree/sub/deeper/c.bin":     testkit.RandomBytes(t, 10),
		"/tree/with space/d e.bin":   testkit.RandomBytes(t, 300),
		"/tree/sub/deeper/.hidden.b": testkit.RandomBytes(t, 42),
	}
	for name, data := range files {
		testkit.PutFile(t, p.a, name, data, time.Time{})
	}
	if err := p.a.FS().Mkdir("/tree/empty-dir"); err != nil {
		t.Fatal(err)
	}
	res, err := FXPTree(t.Context(), p.left, p.righ, "/tree", "/copy/of/tree", FXPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != len(files) || res.Dirs != 5 || res.Relayed != 0 {
		t.Errorf("result %+v", res)
	}
	for name, data := range files {
		if got := testkit.GetFile(t, p.b, "/copy/of"+name); !bytes.Equal(got, data) {
			t.Errorf("%s differs", name)
		}
	}
	if fi, err := p.b.FS().Stat("/copy/of/tree/empty-dir"); err != nil || !fi.IsDir() {
		t.Errorf("empty-dir not recreated: %v", err)
	}
	// Listings use data connections, one per folder; the files none.
	if d, _ := p.dialer.tally(p.a.Addr(), p.b.Addr()); len(d) != 5 {
		t.Errorf("data connections %v, want the 5 listings only", d)
	}
}

// TestFXPOverwriteKeepsTheOldTargetUntilDone: a copy over an existing file
// goes to a temporary name, renamed over the old file only once complete.
// A copy that fails leaves the old file as it was (its STOR would have
// truncated it), one that succeeds leaves no temporary file, and a server
// whose RNTO will not replace a file gets the old one deleted at the last
// moment.
func TestFXPOverwriteKeepsTheOldTargetUntilDone(t *testing.T) {
	old := []byte("the user's old file")
	for _, tc := range []struct {
		name        string
		srcFault    ftptest.Fault
		dstFault    ftptest.Fault
		ok          bool
		takenPart   bool // someone else's "d.bin.part" is on the target
		deleteFirst bool // RNTO refuses an existing target
	}{
		{name: "data cut after 1000 bytes", srcFault: ftptest.Fault{DropData: &ftptest.DataDrop{After: 1000}}},
		{name: "data cut before any byte", srcFault: ftptest.Fault{DropData: &ftptest.DataDrop{After: 0}}},
		{name: "complete", ok: true},
		{name: "complete, .part taken", ok: true, takenPart: true},
		{name: "complete, RNTO does not replace", ok: true, deleteFirst: true,
			dstFault: ftptest.Fault{Hook: refuseRNTOOver("/d.bin")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newFXPPair(t, []ftptest.Option{ftptest.WithFault(tc.srcFault)}, []ftptest.Option{ftptest.WithFault(tc.dstFault)})
			data := testkit.RandomBytes(t, 64<<10)
			testkit.PutFile(t, p.a, "/s.bin", data, time.Time{})
			testkit.PutFile(t, p.b, "/d.bin", old, time.Time{})
			if tc.takenPart {
				testkit.PutFile(t, p.b, "/d.bin.part", []byte("not ours"), time.Time{})
			}
			_, err := FXP(t.Context(), p.left, p.righ, "/s.bin", "/d.bin", FXPOptions{})
			if (err == nil) != tc.ok {
				t.Fatalf("copy: %v", err)
			}
			want := old
			if tc.ok {
				want = data
			}
			if got := testkit.GetFile(t, p.b, "/d.bin"); !bytes.Equal(got, want) {
				t.Fatalf("target holds %d bytes, want %d (ok %v)", len(got), len(want), tc.ok)
			}
			cmds := p.b.Commands()
			if i := indexOf(cmds, "STOR"); i < 0 || !strings.HasPrefix(cmds[i], "STOR /d.bin.") {
				t.Errorf("the copy did not go to a temporary name: %q", cmds)
			}
			for _, name := range []string{"/d.bin.part", "/d.bin.1.part"} {
				_, serr := p.b.FS().Stat(name)
				if kept := serr == nil; kept != (tc.takenPart && name == "/d.bin.part") {
					t.Errorf("%s on the target: %v", name, kept)
				}
			}
			if tc.takenPart && string(testkit.GetFile(t, p.b, "/d.bin.part")) != "not ours" {
				t.Error("someone else's .part was overwritten")
			}
			if tc.deleteFirst && indexOf(cmds, "DELE /d.bin") < 0 {
				t.Errorf("no DELE of the old file before the second RNTO: %q", cmds)
			}
		})
	}
}

// refuseRNTOOver answers RNTO onto name with 553 while name exists, as
// servers that never replace a file on rename do.
func refuseRNTOOver(name string) func(verb, arg string) ([]byte, bool) {
	var deleted atomic.Bool
	return func(verb, arg string) ([]byte, bool) {
		switch {
		case verb == "DELE" && arg == name:
			deleted.Store(true)
		case verb == "RNTO" && arg == name && !deleted.Load():
			return []byte("553 Rename failed: target exists.\r\n"), true
		}
		return nil, false
	}
}
