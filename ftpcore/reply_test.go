package ftpcore

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

var replyCases = []struct {
	name  string
	in    string
	code  int
	lines []string
	err   bool
}{
	{"single", "220 Welcome\r\n", 220, []string{"Welcome"}, false},
	{"bare LF", "200 OK\n", 200, []string{"OK"}, false},
	{"bare code", "226\r\n", 226, []string{""}, false},
	{"multi", "230-Welcome\r\n230-Second\r\n230 Done\r\n", 230, []string{"Welcome", "Second", "Done"}, false},
	{"continuation without code", "230-Welcome\r\n  indented text\r\nplain text\r\n230 Logged in.\r\n", 230,
		[]string{"Welcome", "  indented text", "plain text", "Logged in."}, false},
	{"other code inside", "211-Features:\r\n MLST size*;\r\n 226 not the end\r\n211 End\r\n", 211,
		[]string{"Features:", " MLST size*;", " 226 not the end", "End"}, false},
	{"different code line", "220-Hello\r\n221 not mine\r\n220 Ready\r\n", 220, []string{"Hello", "221 not mine", "Ready"}, false},
	{"code-dash without end", "220-Hello\r\n220-more\r\n", 0, nil, true},
	{"garbage", "hello\r\n", 0, nil, true},
	{"code out of range", "999 what\r\n", 0, nil, true},
	{"short", "22\r\n", 0, nil, true},
	{"bad separator", "220xWelcome\r\n", 0, nil, true},
	{"eof mid line", "220 Wel", 0, nil, true},
	{"empty", "", 0, nil, true},
}

func TestReadReply(t *testing.T) {
	for _, tc := range replyCases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := newReplyReader(strings.NewReader(tc.in)).ReadReply()
			if tc.err {
				if err == nil {
					t.Fatalf("want an error, got %+v", r)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Code != tc.code || !reflect.DeepEqual(r.Lines, tc.lines) {
				t.Fatalf("got %d %q, want %d %q", r.Code, r.Lines, tc.code, tc.lines)
			}
		})
	}
}

func TestReadReplyCaps(t *testing.T) {
	long := "220 " + strings.Repeat("x", MaxReplyLineLen) + "\r\n"
	if _, err := newReplyReader(strings.NewReader(long)).ReadReply(); !errors.Is(err, ErrLineTooLong) {
		t.Fatalf("long line: got %v, want ErrLineTooLong", err)
	}
	many := "220-start\r\n" + strings.Repeat("x\r\n", MaxReplyLines+5) + "220 end\r\n"
	if _, err := newReplyReader(strings.NewReader(many)).ReadReply(); !errors.Is(err, ErrTooManyLines) {
		t.Fatalf("many lines: got %v, want ErrTooManyLines", err)
	}
	var pe *ProtocolError
	if _, err := newReplyReader(strings.NewReader("bogus\r\n")).ReadReply(); !errors.As(err, &pe) {
		t.Fatalf("garbage: got %v, want a ProtocolError", err)
	}
}

func TestReadReplySequence(t *testing.T) {
	rr := newReplyReader(strings.NewReader("150 Opening (5 bytes)\r\n226-Transfer\r\n226 complete\r\n"))
	r1, err := rr.ReadReply()
	if err != nil || r1.Code != 150 {
		t.Fatalf("first: %v %v", r1, err)
	}
	r2, err := rr.ReadReply()
	if err != nil || r2.Code != 226 || r2.Message() != "Transfer\ncomplete" {
		t.Fatalf("second: %v %v", r2, err)
	}
}

func FuzzReadReply(f *testing.F) {
	for _, tc := range replyCases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		rr := newReplyReader(strings.NewReader(string(in)))
		for i := 0; i < 4; i++ {
			r, err := rr.ReadReply()
			if err != nil {
				return
			}
			if r.Code < 100 || r.Code > 599 || len(r.Lines) == 0 || len(r.Lines) > MaxReplyLines+1 {
				t.Fatalf("impossible reply %+v", r)
			}
			for _, l := range r.Lines {
				if strings.ContainsAny(l, "\n") || len(l) > MaxReplyLineLen {
					t.Fatalf("line escaped the caps: %q", l)
				}
			}
		}
	})
}
