package ftpcore

import (
	"bytes"
	"context"
	"errors"
	"strings"
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
