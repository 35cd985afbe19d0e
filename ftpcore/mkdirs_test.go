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
