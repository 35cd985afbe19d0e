package ftpcore

import (
	"errors"
	"strings"
	"testing"

	"ferry/ftpcore/ftptest"
)

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain name.txt", "plain name.txt"},
		{"tab\tkept", "tab\tkept"},
		{`C:\back\slash`, `C:\back\slash`},
		{"héllo wörld ✓", "héllo wörld ✓"},
		{"clear\x1b[2Jscreen", `clear\x1b[2Jscreen`},
		{"bell\a", `bell\x07`},
		{"\x1b]0;owned\a", `\x1b]0;owned\x07`},
		{"csi\u009b2J", `csi\u009b2J`},
		{"raw8bit\x9b2J", `raw8bit\x9b2J`},
		{"line\r\nforged", `line\x0d\x0aforged`},
		{"del\x7f", `del\x7f`},
		{"nul\x00", `nul\x00`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"iso\u2066x\u2069", `iso\u2066x\u2069`},
	} {
		got := Printable(tc.in)
		if got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if again := Printable(got); again != got {
			t.Errorf("not idempotent: %q then %q", got, again)
		}
		for _, c := range got {
			if c != '\t' && (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f) {
				t.Errorf("Printable(%q) still holds %U", tc.in, c)
			}
		}
	}
}

func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"a\x1b[2J", "\u009b", "\xff\xfe", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Printable(s)
		if Printable(got) != got {
			t.Fatalf("not idempotent on %q", s)
		}
		for _, c := range got {
			if needsEscape(c, len(string(c))) {
				t.Fatalf("Printable(%q) = %q still holds %U", s, got, c)
			}
		}
	})
}

// TestServerTextIsEscaped: reply text with terminal escapes reaches
// neither an error message nor the transcript raw; the ReplyError keeps
// the server's words for programs, and its lines stay lines.
func TestServerTextIsEscaped(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{RawReplies: map[string][]byte{
		"CWD": []byte("550-\x1b[2J\x1b]0;owned\a\r\n550 gone\x9b31m\r\n"),
	}}))
	var log testLog
	s := dialT(t, testConfig(srv, &log))
	err := s.Cwd(t.Context(), "/x\x1b[1m")
	var re *ReplyError
	if !errors.As(err, &re) || re.Code != 550 || !strings.Contains(re.Msg, "\x1b[2J") {
		t.Fatalf("got %v", err)
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\x1b\a\x9b") || !strings.Contains(msg, `\x1b[2J\x1b]0;owned\x07`+"\n"+`gone\x9b31m`) {
		t.Fatalf("error message %q", msg)
	}
	for _, l := range log.lines {
		if strings.ContainsAny(l.Text, "\x1b\a\x9b\r\n") {
			t.Fatalf("transcript line %q", l.Text)
		}
	}
	if !strings.Contains(log.String(), `CWD /x\x1b[1m`) {
		t.Fatalf("transcript:\n%s", log.String())
	}
}

// TestRefusalOfTLSIsEscaped: the refusal of AUTH TLS that a session keeps
// to show the user carries no control character.
func TestRefusalOfTLSIsEscaped(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{Replies: map[string]string{"AUTH": "500 \x1b]0;owned\a\x1b[2Jnot here"}}))
	cfg := testConfig(srv, nil)
	cfg.TLS = TLSExplicitIfAvailable
	s := dialT(t, cfg)
	if why := s.PlainFallback(); why != `500 \x1b]0;owned\x07\x1b[2Jnot here` {
		t.Fatalf("PlainFallback %q", why)
	}
}
