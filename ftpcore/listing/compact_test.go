package listing

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestParseCompact: a compact parse gives what a plain one gives, Raw
// aside, on every capture of a real server and on a listing that mixes
// formats, a two-line VMS entry and junk.
func TestParseCompact(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "listings", "*.txt"))
	if err != nil || len(files) < 20 {
		t.Fatalf("captures: %v (%d files)", err, len(files))
	}
	inputs := map[string]string{
		"mixed": "junk one\n-rw-r--r--   1 a b 1 Feb  2 10:44 a\nlrwxrwxrwx   1 a b 1 Feb  2 10:44 l -> /t\n" +
			"type=file;size=3;modify=20260202104400;unique=801U1; m\nX.TXT;1\n  1  2-MAR-2026\n02-02-26  10:44AM       <DIR>          d\n",
	}
	for _, f := range files {
		in, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(f)] = string(in)
	}
	now := time.Date(2026, 11, 27, 15, 25, 0, 0, time.UTC)
	for name, in := range inputs {
		plain, err := Parse(strings.NewReader(in), Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		small, err := Parse(strings.NewReader(in), Options{Now: now, Compact: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(plain.Entries) == 0 && name == "mixed" {
			t.Fatal("the mixed listing gave no entry")
		}
		for i := range plain.Entries {
			if plain.Entries[i].Raw == "" {
				t.Errorf("%s: plain entry %d has no Raw", name, i)
			}
			plain.Entries[i].Raw = ""
		}
		if !reflect.DeepEqual(plain.Entries, small.Entries) {
			t.Errorf("%s: compact entries differ:\n%+v\n%+v", name, small.Entries, plain.Entries)
		}
		if !reflect.DeepEqual(plain.Unparsed, small.Unparsed) || plain.Skipped != small.Skipped {
			t.Errorf("%s: compact unparsed %+v skipped %d, want %+v %d", name, small.Unparsed, small.Skipped, plain.Unparsed, plain.Skipped)
		}
	}
}

// TestParseCompactFreesText: no string of a compact result points into
// the listing's text, so nothing keeps the text alive once parsed.
func TestParseCompactFreesText(t *testing.T) {
	var b strings.Builder
	for i := range 2_000 {
		fmt.Fprintf(&b, "modify=20260102030400;perm=adfrw;size=%d;type=file;unique=803U%d;UNIX.owner=1000; file-%06d.dat\r\n", i, i, i)
	}
	b.WriteString("-rw-r--r--   1 owner group 1 Feb  2 10:44 unix\r\nlrwxrwxrwx   1 a b 1 Feb  2 10:44 l -> /t\r\njunk\r\nX.TXT;1\r\n  1  2-MAR-2026\r\n")
	text := b.String()
	start := uintptr(unsafe.Pointer(unsafe.StringData(text)))
	inText := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return s != "" && p >= start && p < start+uintptr(len(text))
	}
	for _, compact := range []bool{false, true} {
		l, err := newListParser(Options{Compact: compact}).parse(text)
		if err != nil || len(l.Entries) != 2_003 || len(l.Unparsed) != 1 {
			t.Fatalf("%v, %d entries, %d unparsed", err, len(l.Entries), len(l.Unparsed))
		}
		held := 0
		for _, e := range l.Entries {
			for _, s := range []string{e.Name, e.Perm, e.Owner, e.Group, e.Target, e.Raw, e.Unique} {
				if inText(s) {
					held++
				}
			}
		}
		if inText(l.Unparsed[0].Text) {
			held++
		}
		switch {
		case compact && held > 0:
			t.Errorf("a compact result has %d strings in the listing's text", held)
		case !compact && held < 2_003*2:
			t.Errorf("a plain result has only %d strings in the listing's text: this test no longer sees where they point", held)
		}
	}
}
