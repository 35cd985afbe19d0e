package ftptest_test

import (
	"regexp"
	"strings"
	"testing"

	"ferry/ftpcore/ftptest"
)

// Under EndlessFolders every folder, however deep, can be entered and
// lists one more folder; with SameUnique they all share one MLSD unique
// fact, without it each has its own.
func TestEndlessFolders(t *testing.T) {
	unique := regexp.MustCompile(`unique=([0-9A-F]+);[^\r\n]* sub\r\n`)
	for _, same := range []bool{true, false} {
		srv := newServer(t)
		srv.SetFault(ftptest.Fault{EndlessFolders: &ftptest.EndlessFolders{Under: "/loop", SameUnique: same}})
		c := loggedIn(t, srv)
		deep := "/loop" + strings.Repeat("/sub", 40)
		c.expect("CWD "+deep, 250)
		if r := c.expect("PWD", 257); !strings.Contains(r.last(), deep) {
			t.Fatalf("PWD %q, want %s", r, deep)
		}
		if l := c.listing("LIST"); !strings.Contains(l, "drwx") || !strings.HasSuffix(l, " sub\r\n") {
			t.Fatalf("LIST in %s: %q", deep, l)
		}
		first := unique.FindStringSubmatch(c.listing("MLSD /loop"))
		second := unique.FindStringSubmatch(c.listing("MLSD " + deep))
		if first == nil || second == nil {
			t.Fatal("no unique fact for the subfolder")
		}
		if (first[1] == second[1]) != same {
			t.Errorf("same=%v: unique facts %s and %s", same, first[1], second[1])
		}
		c.expect("CWD /elsewhere", 550)
	}
}
