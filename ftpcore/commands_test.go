package ftpcore

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/listing"
)

func TestParsePWD(t *testing.T) {
	cases := []struct{ in, want string }{
		{`"/pub" is current directory.`, "/pub"},
		{`"/a ""quoted"" dir" is cwd`, `/a "quoted" dir`},
		{`"/dir with spaces"`, "/dir with spaces"},
		{`/noquotes is the current directory`, "/noquotes"},
	}
	for _, tc := range cases {
		got, err := parsePWD(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parsePWD(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := parsePWD(`"/unterminated`); err == nil {
		t.Error("unterminated quote accepted")
	}
}

func TestParseMDTM(t *testing.T) {
	got, err := parseMDTM("20260301120000.125")
	want := time.Date(2026, 3, 1, 12, 0, 0, 125e6, time.UTC)
	if err != nil || !got.Equal(want) {
		t.Fatalf("got %v %v, want %v", got, err, want)
	}
	for _, bad := range []string{"2026030112", "2026130112000", "abcdefghijklmn", ""} {
		if _, err := parseMDTM(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSizeFrom150(t *testing.T) {
	cases := map[string]int64{
		"Opening BINARY mode data connection for big.bin (3145851 bytes).": 3145851,
		"Opening BINARY mode data connection for a (b) (12 bytes)":         12,
		"Opening ASCII mode data connection for file list":                 -1,
		"Opening data connection (x bytes)":                                -1,
	}
	for in, want := range cases {
		if got := sizeFrom150(in); got != want {
			t.Errorf("sizeFrom150(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestCheckArgAndMask(t *testing.T) {
	for _, bad := range []string{"a\r\nDELE x", "a\nb", "a\rb", "a\x00b"} {
		if err := checkArg(bad); !errors.Is(err, ErrUnsafeArgument) {
			t.Errorf("checkArg(%q) = %v", bad, err)
		}
	}
	if err := checkArg("file with spaces; and ünïcode.txt"); err != nil {
		t.Errorf("ordinary name refused: %v", err)
	}
	if got := maskedLine("PASS", "s3cret"); got != "PASS ****" {
		t.Errorf("PASS shown as %q", got)
	}
	if got := maskedLine("ACCT", "acc"); got != "ACCT ****" {
		t.Errorf("ACCT shown as %q", got)
	}
	if got := maskedLine("RETR", "x"); got != "RETR x" {
		t.Errorf("RETR shown as %q", got)
	}
}

func TestUnsafeName(t *testing.T) {
	unsafe := []string{"", " ", "\t", ".", "..", "../x", "a/b", `a\b`, "/abs", "a\x00", "a\nb", "a\rb"}
	for _, n := range unsafe {
		if !listing.UnsafeName(n) {
			t.Errorf("%q judged safe", n)
		}
	}
	for _, n := range []string{"...", ".hidden", "a..b", " lead", "trail ", "résumé 日本語.txt"} {
		if listing.UnsafeName(n) {
			t.Errorf("%q judged unsafe", n)
		}
	}
}

// What goes on the wire is checked after the name is written in the
// server's character set: in UTF-16 "\u0a0d\u0a0a" is the bytes CR LF.
func TestCheckArgAfterCharset(t *testing.T) {
	c := &ctrlConn{charset: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)}
	if _, err := c.line("DELE", "\u0a0d\u0a0aRMD x"); !errors.Is(err, ErrUnsafeArgument) {
		t.Errorf("UTF-16 name with CR LF bytes: %v", err)
	}
	c.charset = charmap.ISO8859_1
	if got, err := c.line("DELE", "caf\u00e9"); err != nil || got != "DELE caf\xe9\r\n" {
		t.Errorf("ISO-8859-1 name: %q, %v", got, err)
	}
	// Dial refuses such a character set before it dials anything.
	_, err := Dial(context.Background(), Config{Addr: "127.0.0.1:1", Charset: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)})
	if !errors.Is(err, ErrCharsetNotASCII) {
		t.Errorf("Dial with UTF-16: %v", err)
	}
	if !ASCIICompatible(charmap.Windows1252) || ASCIICompatible(charmap.CodePage037) {
		t.Error("ASCIICompatible is wrong about windows-1252 or EBCDIC 037")
	}
}

// TestSizeAfterTextTransfer: SIZE gives the stored size also after a text
// transfer left the session in TYPE A, on a server that refuses SIZE in
// TYPE A (ProFTPD): its 550 would read as "no such file".
func TestSizeAfterTextTransfer(t *testing.T) {
	srv := newServer(t, ftptest.WithRefuseSizeInASCII())
	s := dialT(t, testConfig(srv, nil))
	var buf bytes.Buffer
	if _, err := s.Retrieve(t.Context(), "/readme.txt", &buf, TransferOptions{}); err != nil {
		t.Fatal(err)
	}
	n, err := s.Size(t.Context(), "/readme.txt")
	if err != nil || n != int64(len("hello\nworld\n")) {
		t.Fatalf("Size = %d, %v; want %d", n, err, len("hello\nworld\n"))
	}
}
