package ftpcore

import (
	"errors"
	"testing"

	"ferry/ftpcore/ftptest"
)

// TestMkdirs: folders are created in order, a failure is that folder's
// alone, and the session stays in step; where the server pipelines, the
// commands go together, elsewhere one at a time.
func TestMkdirs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		style ftptest.PipelineStyle
	}{
		{"pipelined", ftptest.PipelineInOrder},
		{"one at a time", ftptest.PipelineDiscard},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, ftptest.WithFault(ftptest.Fault{Pipelined: tc.style}))
			log := &testLog{}
			s := dialT(t, testConfig(srv, log))
			dirs := []string{"/a", "/a/b", "/missing/c", "/a/d"}
			errs := s.Mkdirs(t.Context(), dirs)
			if len(errs) != len(dirs) {
				t.Fatalf("%d errors for %d folders", len(errs), len(dirs))
			}
			for i, d := range dirs {
				var re *ReplyError
				failed := d == "/missing/c"
				if failed != (errs[i] != nil) || failed && !errors.As(errs[i], &re) {
					t.Errorf("%s: %v", d, errs[i])
				}
			}
			for _, d := range []string{"/a", "/a/b", "/a/d"} {
				if err := s.Cwd(t.Context(), d); err != nil {
					t.Errorf("%s was not created: %v", d, err)
				}
			}
			if p, err := s.Pwd(t.Context()); err != nil || p != "/a/d" {
				t.Fatalf("out of step after the folders: %q, %v", p, err)
			}
			if tc.style == ftptest.PipelineInOrder {
				if !sentTogether(log, "MKD /a|MKD /a/b") {
					t.Errorf("the MKD commands were not sent together:\n%s", log)
				}
			} else {
				oneAtATime(t, log, "reconnecting to send one at a time")
			}
		})
	}
}

// TestMkdirAllRoundTrips: where the server pipelines and the session knows
// its directory, MkdirAll costs one round trip a folder, new or already
// there, and comes back to where it was; missing parents are made too.
func TestMkdirAllRoundTrips(t *testing.T) {
	srv := newServer(t)
	log := &testLog{}
	s := dialT(t, testConfig(srv, log))
	ctx := t.Context()
	if _, err := s.Pwd(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dir   string
		turns int
	}{
		{"/n", 1},         // new
		{"/n", 1},         // there already
		{"/p/q/r", 3 + 2}, // /p/q/r and /p/q fail, /p is made, then /p/q and /p/q/r
	} {
		from := log.len()
		if err := s.MkdirAll(ctx, tc.dir); err != nil {
			t.Fatalf("%s: %v", tc.dir, err)
		}
		if n := turns(log, from); n != tc.turns {
			t.Errorf("%s: %d round trips, want %d\n%s", tc.dir, n, tc.turns, log)
		}
		if st, err := srv.FS().Stat(tc.dir); err != nil || !st.IsDir() {
			t.Errorf("%s is not a folder on the server: %v", tc.dir, err)
		}
	}
	if p, err := s.Pwd(ctx); err != nil || p != "/" {
		t.Fatalf("the session was left in %q (%v)", p, err)
	}
}

// TestMkdirAllOutOfTurn: a server that passed the pipelining test and
// then answers MKD and its CWD probe in the wrong order ends the session
// with a ProtocolError; its replies are never taken for one another.
func TestMkdirAllOutOfTurn(t *testing.T) {
	for name, style := range map[string]ftptest.PipelineStyle{"out of turn": ftptest.PipelineOutOfTurn, "closes": ftptest.PipelineClose} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t)
			s := dialT(t, testConfig(srv, nil))
			ctx := t.Context()
			if _, err := s.Pwd(ctx); err != nil {
				t.Fatal(err)
			}
			srv.SetFault(ftptest.Fault{Pipelined: style})
			err := s.MkdirAll(ctx, "/n")
			var pe *ProtocolError
			if err == nil || style == ftptest.PipelineOutOfTurn && !errors.As(err, &pe) {
				t.Fatalf("got %v", err)
			}
			if s.Alive() {
				t.Fatal("the session stays in use")
			}
		})
	}
}
