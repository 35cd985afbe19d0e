package ftpcore

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"ferry/ftpcore/ftptest"
)

var placeholderRE = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// TestRemarkTemplatesRender checks that every remark renders as
// text/template (which a window's translation layer uses) renders it.
func TestRemarkTemplatesRender(t *testing.T) {
	ids := MsgIDs()
	if len(ids) < 20 {
		t.Fatalf("only %d remarks", len(ids))
	}
	for _, id := range ids {
		t.Run(string(id), func(t *testing.T) {
			tmpl := id.Template()
			if tmpl == "" {
				t.Fatal("no English template")
			}
			args := map[string]string{}
			for _, m := range placeholderRE.FindAllStringSubmatch(tmpl, -1) {
				args[m[1]] = "<" + m[1] + " {{.X}}>" // a value that looks like a placeholder stays a value
			}
			want := new(bytes.Buffer)
			if err := template.Must(template.New("").Parse(tmpl)).Execute(want, args); err != nil {
				t.Fatal(err)
			}
			if got := id.Render(args); got != want.String() {
				t.Errorf("Render = %q, text/template says %q", got, want)
			}
		})
	}
	if got := MsgID("remark.unknown").Render(nil); got != "" {
		t.Errorf("an unknown remark renders %q", got)
	}
}

// TestRemarksCarryTheirIdentity: every line the engine writes on its own
// has an ID, and its Text is the ID's English with the same arguments.
func TestRemarksCarryTheirIdentity(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{
		Replies: map[string]string{"EPSV": "502 no", "MLSD": "500 no"},
	}))
	log := &testLog{}
	s := dialT(t, testConfig(srv, log))
	if _, err := s.List(t.Context(), "/", ListDirOptions{}); err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	log.mu.Lock()
	defer log.mu.Unlock()
	var seen []MsgID
	for _, l := range log.lines {
		switch l.Dir {
		case DirCommand, DirReply:
			if l.Msg != "" || l.Args != nil {
				t.Errorf("%s %q carries a remark's identity %q", l.Dir, l.Text, l.Msg)
			}
			continue
		}
		if l.Msg == "" {
			t.Errorf("remark %q has no ID", l.Text)
			continue
		}
		if want := l.Msg.Render(l.Args); l.Text != want {
			t.Errorf("remark %s: Text %q, its template says %q", l.Msg, l.Text, want)
		}
		seen = append(seen, l.Msg)
		if l.Msg == MsgConnecting && l.Args["Addr"] != srv.Addr() {
			t.Errorf("connecting to %q, want %q", l.Args["Addr"], srv.Addr())
		}
	}
	for _, id := range []MsgID{MsgConnecting, MsgEPSVRefused, MsgMLSDRefused} {
		if !slices.Contains(seen, id) {
			t.Errorf("no %s remark in\n%s", id, log.linesText())
		}
	}
}

func (l *testLog) linesText() string {
	var b bytes.Buffer
	for _, x := range l.lines {
		b.WriteString(x.Dir.String() + " " + x.Text + "\n")
	}
	return b.String()
}

// TestRemarkArgumentsEscaped: a server's words inside a remark reach the
// transcript escaped, in the arguments a window fills its own template
// with as in the English Text.
func TestRemarkArgumentsEscaped(t *testing.T) {
	srv := newServer(t, ftptest.WithFault(ftptest.Fault{
		Replies: map[string]string{"AUTH": "534 no\x1b]0;owned\x07 TLS \u202eexe.txt"},
	}))
	log := &testLog{}
	cfg := testConfig(srv, log)
	cfg.TLS = TLSExplicitIfAvailable
	dialT(t, cfg)
	log.mu.Lock()
	defer log.mu.Unlock()
	found := false
	for _, l := range log.lines {
		if l.Msg != MsgNotEncrypted {
			continue
		}
		found = true
		const want = `534 no\x1b]0;owned\x07 TLS \u202eexe.txt`
		if l.Args["Reply"] != want {
			t.Errorf("argument %q, want %q", l.Args["Reply"], want)
		}
		if !strings.Contains(l.Text, want) {
			t.Errorf("Text %q lacks the escaped reply", l.Text)
		}
	}
	if !found {
		t.Fatalf("no NOT ENCRYPTED remark in\n%s", log.linesText())
	}
}

// TestRemarkEscapesEveryArgument: remark escapes what its caller passes,
// whether or not the caller escaped it already.
func TestRemarkEscapesEveryArgument(t *testing.T) {
	var got TranscriptLine
	s := &Session{cfg: Config{Transcript: func(l TranscriptLine) { got = l }}}
	s.remark(DirError, MsgConnectionFailed, "Err", "bad\x1b[2Jname\r\n")
	const want = `bad\x1b[2Jname\x0d\x0a`
	if got.Args["Err"] != want || got.Text != want {
		t.Errorf("argument %q, Text %q; want both %q", got.Args["Err"], got.Text, want)
	}
}
