package listing

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseListing feeds arbitrary bytes to Parse under every
// server-type hint, seeded from the table of listParse cases, and checks the
// promises the rest of Ferry relies on, and that a compact parse gives the
// same entries.
func FuzzParseListing(f *testing.F) {
	for _, tc := range append(append([]listCase(nil), listCases...), rareListCases...) {
		f.Add(tc.in, uint8(tc.hint), tc.dayFirst)
	}
	f.Fuzz(func(t *testing.T, in string, hint uint8, dayFirst bool) {
		opt := Options{
			Now:        time.Date(2027, 1, 5, 10, 0, 0, 0, time.UTC),
			Location:   time.FixedZone("", -5*3600),
			ServerType: ServerType(hint % uint8(lastServerType+1)),
			DayFirst:   dayFirst,
			MaxLineLen: 512,
		}
		l, err := Parse(strings.NewReader(in), opt)
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		lines := strings.Count(in, "\n") + strings.Count(in, "\r") + 1
		if n := len(l.Entries) + len(l.Unparsed) + l.Skipped; n > lines {
			t.Fatalf("%d results from at most %d lines", n, lines)
		}
		last := 0
		for _, e := range l.Entries {
			if e.Line <= last {
				t.Fatalf("entry lines out of order: %d after %d", e.Line, last)
			}
			last = e.Line
			if e.Unsafe != UnsafeName(e.Name) {
				t.Fatalf("%q: Unsafe = %v", e.Name, e.Unsafe)
			}
			if e.Name == "." || e.Name == ".." {
				t.Fatalf("dot entry returned")
			}
			if e.Size < -1 {
				t.Fatalf("%q: size %d", e.Name, e.Size)
			}
			if (e.Precision == PrecisionNone) != e.ModTime.IsZero() {
				t.Fatalf("%q: precision %d with time %v", e.Name, e.Precision, e.ModTime)
			}
			if !nameFromLine(e.Raw, e.Name) || !strings.Contains(in, strings.SplitN(e.Raw, "\n", 2)[0]) {
				t.Fatalf("name %q not from its line %q", e.Name, e.Raw)
			}
			if e.Target != "" && e.Type != TypeLink {
				t.Fatalf("%q: target on a %v", e.Name, e.Type)
			}
		}
		for _, u := range l.Unparsed {
			if len(u.Text) > opt.MaxLineLen || u.Reason == "" {
				t.Fatalf("unparsed %+v", u)
			}
		}
		// A compact parse gives the same, Raw aside.
		opt.Compact = true
		c, err := Parse(strings.NewReader(in), opt)
		if err != nil {
			t.Fatalf("compact Parse: %v", err)
		}
		if len(c.Entries) != len(l.Entries) || len(c.Unparsed) != len(l.Unparsed) || c.Skipped != l.Skipped {
			t.Fatalf("compact: %d entries, %d unparsed, %d skipped; plain %d, %d, %d",
				len(c.Entries), len(c.Unparsed), c.Skipped, len(l.Entries), len(l.Unparsed), l.Skipped)
		}
		for i, e := range l.Entries {
			e.Raw = ""
			if c.Entries[i] != e {
				t.Fatalf("compact entry %+v, plain %+v", c.Entries[i], e)
			}
		}
		for i, u := range l.Unparsed {
			if c.Unparsed[i] != u {
				t.Fatalf("compact unparsed %+v, plain %+v", c.Unparsed[i], u)
			}
		}
	})
}

// nameFromLine reports whether name is text of its line, or for z/VM the
// file name and type of the line joined by a dot.
func nameFromLine(raw, name string) bool {
	if strings.Contains(raw, name) {
		return true
	}
	i := strings.LastIndexByte(name, '.')
	return i > 0 && strings.HasPrefix(raw, name[:i]) && strings.Contains(raw, name[i+1:])
}
