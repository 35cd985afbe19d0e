package ftpcore

import (
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// targetSizeAfterSTOR makes a server answer SIZE of name with size once a
// STOR has come: a target that reports what it really stored.
func targetSizeAfterSTOR(name, size string) ftptest.Option {
	var stored atomic.Bool
	return ftptest.WithFault(ftptest.Fault{Hook: func(verb, arg string) ([]byte, bool) {
		if verb == "STOR" && arg == name {
			stored.Store(true)
		}
		if verb == "SIZE" && arg == name && stored.Load() {
			return []byte("213 " + size + "\r\n"), true
		}
		return nil, false
	}})
}

// TestFXPASCIIIsVerified: an ASCII copy is checked against the source's
// size as far as line-ending conversion allows, and the result says when
// it could not be.
func TestFXPASCIIIsVerified(t *testing.T) {
	const text = "a\nb\nc" // 5 bytes, 7 with CRLF line ends
	for _, tc := range []struct {
		name       string
		targetSize string // what the target reports after the copy; "" for the truth
		relay      RelayMode
		wantErr    bool
		verified   bool
	}{
		{"same size", "", RelayNever, false, true},
		{"same size, relayed", "", RelayAlways, false, true},
		{"line ends converted", "7", RelayNever, false, false},
		{"ten times the source", "50", RelayNever, true, false},
		{"ten times the source, relayed", "50", RelayAlways, true, false},
		{"nothing", "0", RelayNever, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var bOpts []ftptest.Option
			if tc.targetSize != "" {
				bOpts = append(bOpts, targetSizeAfterSTOR("/d.txt", tc.targetSize))
			}
			p := newFXPPair(t, nil, bOpts)
			testkit.PutFile(t, p.a, "/s.txt", []byte(text), time.Time{})
			res, err := FXP(t.Context(), p.left, p.righ, "/s.txt", "/d.txt", FXPOptions{Type: TypeASCII, Relay: tc.relay})
			if tc.wantErr {
				if !errors.Is(err, ErrSizeMismatch) {
					t.Fatalf("got %+v, %v; want ErrSizeMismatch", res, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Verified != tc.verified || tc.verified != (res.Unverified == "") {
				t.Fatalf("result %+v", res)
			}
			if !tc.verified && !strings.Contains(res.Unverified, "line endings") {
				t.Fatalf("unverified without saying why: %+v", res)
			}
			want := int64(len(text))
			if tc.targetSize != "" {
				want, _ = strconv.ParseInt(tc.targetSize, 10, 64)
			}
			if res.Bytes != want {
				t.Fatalf("reported %d bytes, the target holds %d", res.Bytes, want)
			}
		})
	}
}

// TestFXPTreeCountsUnverifiedFiles: a folder copy says how many of its
// files could not be checked.
func TestFXPTreeCountsUnverifiedFiles(t *testing.T) {
	p := newFXPPair(t, nil, []ftptest.Option{targetSizeAfterSTOR("/dst/b.txt", "7")})
	testkit.PutFile(t, p.a, "/src/a.bin", []byte("binary"), time.Time{})
	testkit.PutFile(t, p.a, "/src/b.txt", []byte("a\nb\nc"), time.Time{})
	res, err := FXPTree(t.Context(), p.left, p.righ, "/src", "/dst", FXPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 2 || res.Unverified != 1 {
		t.Fatalf("result %+v, want 2 files, 1 unverified", res)
	}
}
