package ftpcore

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"
)

func TestASCIIRules(t *testing.T) {
	r := DefaultASCIIRules()
	cases := map[string]bool{
		"index.html": true, "INDEX.HTML": true, "style.Css": true, "notes.txt": true,
		"Makefile": true, ".htaccess": true, ".config.php": true, "dir/sub/readme": true,
		"photo.jpg": false, "archive.tar.gz": false, "binary.bin": false, ".data.bin": false,
		"report.pdf": false, `C:\dir\x.sql`: true, "weird.": false,
	}
	for name, want := range cases {
		if got := r.IsASCII(name); got != want {
			t.Errorf("IsASCII(%q) = %v, want %v", name, got, want)
		}
	}
	if got := r.Resolve(TypeBinary, "a.txt"); got != TypeBinary {
		t.Errorf("forced binary resolved to %v", got)
	}
	if got := r.Resolve(TypeASCII, "a.jpg"); got != TypeASCII {
		t.Errorf("forced ascii resolved to %v", got)
	}
	custom := NewASCIIRules([]string{".LOG", " md "}, false, false)
	if !custom.IsASCII("x.log") || !custom.IsASCII("README.md") || custom.IsASCII("Makefile") || custom.IsASCII(".profile") {
		t.Errorf("custom rules wrong")
	}
}

func TestNewlineWriter(t *testing.T) {
	cases := []struct{ in, nl, want string }{
		{"a\r\nb\r\n", "\n", "a\nb\n"},
		{"a\r\nb\r\n", "\r\n", "a\r\nb\r\n"},
		{"bare\nlf\n", "\r\n", "bare\r\nlf\r\n"},
		{"lone\rcr\r\n", "\n", "lone\rcr\n"},
		{"ends with cr\r", "\n", "ends with cr\r"},
		{"\r\r\n\n", "\n", "\r\n\n"},
	}
	for _, tc := range cases {
		// One byte at a time proves that a CRLF split across writes is
		// still one line ending.
		for _, chunk := range []int{1, 2, 1000} {
			var out bytes.Buffer
			w := newNewlineWriter(&out, tc.nl)
			for i := 0; i < len(tc.in); i += chunk {
				end := min(i+chunk, len(tc.in))
				if _, err := w.Write([]byte(tc.in[i:end])); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("%q (chunk %d, nl %q): got %q, want %q", tc.in, chunk, tc.nl, out.String(), tc.want)
			}
			if w.written != int64(len(tc.want)) {
				t.Errorf("%q: written %d, want %d", tc.in, w.written, len(tc.want))
			}
		}
	}
}

func TestCRLFReader(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a\nb\n", "a\r\nb\r\n"},
		{"a\r\nb\r\n", "a\r\nb\r\n"},
		{"mixed\r\nand\nlone\r", "mixed\r\nand\r\nlone\r"},
		{"", ""},
		{"\n\n", "\r\n\r\n"},
	}
	for _, tc := range cases {
		got, err := io.ReadAll(newCRLFReader(iotest.OneByteReader(bytes.NewReader([]byte(tc.in)))))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
	// Round trip: upload conversion then download conversion gives back
	// LF text.
	text := "line one\nline two\n\nend"
	wire, _ := io.ReadAll(newCRLFReader(bytes.NewReader([]byte(text))))
	var back bytes.Buffer
	w := newNewlineWriter(&back, "\n")
	w.Write(wire)
	w.Flush()
	if back.String() != text {
		t.Errorf("round trip: %q", back.String())
	}
}
