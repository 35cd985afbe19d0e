package doctor

import (
	"strings"
	"testing"

	"ferry/ftpcore/ftptest"
)

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"UNIX Type: L8", "UNIX Type: L8"},
		{"a\x1b[31mred", `a\x1b[31mred`},
		{"over\rwrite", `over\x0dwrite`},
		{"tab\tkept", "tab\tkept"},
		{"bidi\u202egnp.exe", `bidi\u202egnp.exe`},
		{"c1\u009bx", `c1\u009bx`},
	} {
		if got := clean(tc.in); got != tc.want {
			t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestHostileRepliesAreCleaned: escape sequences in a server's replies
// reach neither the evidence nor the findings.
func TestHostileRepliesAreCleaned(t *testing.T) {
	srv := newTestServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{
		"SYST": "215 UNIX\x1b]0;pwned\x07 Type: L8",
	}}))
	rep := run(t, plainConfig(srv), nil)
	text := rep.Text(TextOptions{})
	if strings.ContainsAny(text, "\x1b\x07") {
		t.Errorf("control characters in the text:\n%q", text)
	}
	l := want(t, rep, "syst", Green, "doctor.syst.ok")
	if !strings.Contains(l.Detail.String(), `\x1b]0;pwned\x07`) {
		t.Errorf("SYST detail: %q", l.Detail.String())
	}
}
