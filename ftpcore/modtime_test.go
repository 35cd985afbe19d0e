package ftpcore

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// TestStoreModTime: an upload given a time leaves the file with it; where
// the server pipelines, MFMT goes with SIZE and the next EPSV (no round
// trip of its own), elsewhere after them. A refusal is remarked, the
// upload still succeeds and the session stays in step.
func TestStoreModTime(t *testing.T) {
	when := time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		style   ftptest.PipelineStyle
		refuse  bool
		ahead   bool // MFMT sent with SIZE
		wantSet bool
	}{
		{"pipelined", ftptest.PipelineInOrder, false, true, true},
		{"one at a time", ftptest.PipelineDiscard, false, false, true},
		{"refused", ftptest.PipelineInOrder, true, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := ftptest.Fault{Pipelined: tc.style}
			if tc.refuse {
				f.Replies = map[string]string{"MFMT": "550 Not allowed."}
			}
			srv := newServer(t, ftptest.WithFault(f))
			log := &testLog{}
			s := dialT(t, testConfig(srv, log))
			ctx := t.Context()
			data := testkit.RandomBytes(t, 2000)
			for _, name := range []string{"/a.bin", "/b.bin"} {
				opt := TransferOptions{Type: TypeBinary, Size: int64(len(data)), ModTime: when}
				if _, err := s.Store(ctx, name, bytes.NewReader(data), opt); err != nil {
					t.Fatalf("store %s: %v\n%s", name, err, log)
				}
				got, _ := srv.FS().ReadFile(name)
				if !bytes.Equal(got, data) {
					t.Fatalf("%s: %d bytes on the server, want %d", name, len(got), len(data))
				}
				st, err := srv.FS().Stat(name)
				if err != nil {
					t.Fatal(err)
				}
				if set := st.ModTime().Equal(when); set != tc.wantSet {
					t.Errorf("%s: time %v on the server", name, st.ModTime())
				}
			}
			if got := sentTogether(log, "SIZE|MFMT"); got != tc.ahead {
				t.Errorf("MFMT sent with SIZE: %v, want %v\n%s", got, tc.ahead, log)
			}
			if tc.refuse && !strings.Contains(log.String(), "keeps the server's time") {
				t.Errorf("the refusal was not remarked:\n%s", log)
			}
		})
	}
}
