package listing

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files of TestParseListingGolden")

// goldenEntry is the form of an entry in the golden files.
type goldenEntry struct {
	Line     int    `json:"line"`
	Name     string `json:"name,omitempty"`
	Type     string `json:"type,omitempty"`
	Size     *int64 `json:"size,omitempty"`
	MTime    string `json:"mtime,omitempty"`
	Target   string `json:"target,omitempty"`
	Owner    string `json:"owner,omitempty"`
	Group    string `json:"group,omitempty"`
	Perm     string `json:"perm,omitempty"`
	Unsafe   bool   `json:"unsafe,omitempty"`
	Unparsed string `json:"unparsed,omitempty"`
}

// TestParseListingGolden parses the captures of vsftpd, ProFTPD and
// Pure-FTPd in testdata/listings and compares with the reviewed .json
// beside each. The servers' clock read 2026-11-27 15:25 UTC.
func TestParseListingGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "listings", "*.txt"))
	if err != nil || len(files) < 20 {
		t.Fatalf("captures: %v (%d files)", err, len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			l, err := Parse(bytes.NewReader(in), Options{Now: time.Date(2026, 11, 27, 15, 25, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false)
			l.Each(func(e *Entry) {
				g := goldenEntry{Line: e.Line, Name: e.Name, Type: e.Type.String(), Target: e.Target,
					Owner: e.Owner, Group: e.Group, Perm: e.Perm, Unsafe: e.Unsafe}
				if e.Size >= 0 {
					g.Size = &e.Size
				}
				if e.Precision != PrecisionNone {
					g.MTime = e.ModTime.UTC().Format(time.RFC3339Nano)
				}
				enc.Encode(g)
			}, func(u *UnparsedLine) {
				enc.Encode(goldenEntry{Line: u.Line, Unparsed: u.Text})
			})
			golden := strings.TrimSuffix(f, ".txt") + ".json"
			if *updateGolden {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("output differs from %s:\n%s", golden, got.String())
			}
		})
	}
}

func TestParseListingLineEnds(t *testing.T) {
	const a = "-rw-r--r--   1 a b 1 Feb  2 10:44 a"
	const b = "-rw-r--r--   1 a b 2 Feb  2 10:44 b"
	for _, tc := range []struct {
		name string
		in   string
	}{
		{"lf", a + "\n" + b + "\n"},
		{"crlf", a + "\r\n" + b + "\r\n"},
		{"bare cr", a + "\r" + b + "\r"},
		{"no final end", a + "\r\n" + b},
		{"bom", "\xEF\xBB\xBF" + a + "\r\n" + b},
		{"mixed", a + "\r" + b + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// One byte per Read: line ends must not depend on read boundaries.
			l, err := Parse(iotest.OneByteReader(strings.NewReader(tc.in)), Options{Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Entries) != 2 || l.Entries[0].Name != "a" || l.Entries[1].Name != "b" || len(l.Unparsed) != 0 || l.Skipped != 0 {
				t.Fatalf("got %+v", l)
			}
			if l.Entries[0].Line != 1 || l.Entries[1].Line != 2 || l.Entries[1].Raw != b {
				t.Errorf("lines %d, %d, raw %q", l.Entries[0].Line, l.Entries[1].Line, l.Entries[1].Raw)
			}
		})
	}
}

func TestParseListingCaps(t *testing.T) {
	good := "-rw-r--r--   1 a b 1 Feb  2 10:44 ok\n"
	t.Run("long line reported, rest parsed", func(t *testing.T) {
		long := "-rw-r--r--   1 a b 1 Feb  2 10:44 " + strings.Repeat("x", 100) + "\n"
		l, err := Parse(strings.NewReader(long+good), Options{MaxLineLen: 64})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Entries) != 1 || len(l.Unparsed) != 1 || len(l.Unparsed[0].Text) != 64 || l.Unparsed[0].Reason != reasonTooLong {
			t.Fatalf("got %+v", l)
		}
	})
	t.Run("entry cap", func(t *testing.T) {
		l, err := Parse(strings.NewReader(strings.Repeat(good, 5)), Options{MaxEntries: 3})
		if !errors.Is(err, ErrTooManyEntries) {
			t.Fatalf("err = %v, want ErrTooManyEntries", err)
		}
		if len(l.Entries) != 4 {
			t.Errorf("kept %d entries", len(l.Entries))
		}
	})
	t.Run("byte cap", func(t *testing.T) {
		l, err := Parse(strings.NewReader(strings.Repeat(good, 5)), Options{MaxBytes: int64(len(good) * 2)})
		if !errors.Is(err, ErrTooLarge) || len(l.Entries) != 2 {
			t.Fatalf("err = %v, %d entries", err, len(l.Entries))
		}
	})
	t.Run("read error", func(t *testing.T) {
		boom := errors.New("connection reset")
		l, err := Parse(iotest.ErrReader(boom), Options{})
		if !errors.Is(err, boom) || l == nil {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestListingEachKeepsOrder(t *testing.T) {
	in := "junk one\n-rw-r--r--   1 a b 1 Feb  2 10:44 a\nLONG.NAME;1\njunk two\n-rw-r--r--   1 a b 1 Feb  2 10:44 b\nX.TXT;1\n  1  2-MAR-2026\n"
	l, err := Parse(strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	l.Each(func(e *Entry) { got = append(got, "e:"+e.Name) }, func(u *UnparsedLine) { got = append(got, "u:"+u.Text) })
	want := "u:junk one e:a u:LONG.NAME;1 u:junk two e:b e:X.TXT;1"
	if strings.Join(got, " ") != want {
		t.Errorf("order = %q, want %q", strings.Join(got, " "), want)
	}
	if e := l.Entries[2]; e.Line != 6 || e.Raw != "X.TXT;1\n  1  2-MAR-2026" {
		t.Errorf("VMS two-line entry: line %d raw %q", e.Line, e.Raw)
	}
}

func TestParseListingLocation(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	in := "-rw-r--r--   1 a b 1 Feb  2 10:44 list\ntype=file;modify=20260202104400; mlsd\n+m1770029040,r,\teplf"
	l, err := Parse(strings.NewReader(in), Options{Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Location: berlin})
	if err != nil || len(l.Entries) != 3 {
		t.Fatalf("%v %+v", err, l)
	}
	for i, want := range []string{"2026-02-02T09:44:00Z", "2026-02-02T10:44:00Z", "2026-02-02T10:44:00Z"} {
		if got := l.Entries[i].ModTime.UTC().Format(time.RFC3339); got != want {
			t.Errorf("%s: %s, want %s", l.Entries[i].Name, got, want)
		}
	}
}

func TestParseServerType(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ServerType
	}{{"auto", ServerAuto}, {"unix", ServerUnix}, {"DOS", ServerDOS}, {"vms", ServerVMS}, {"mvs", ServerMVS},
		{"os400", ServerOS400}, {"netware", ServerNetWare}, {"os2", ServerOS2}, {"eplf", ServerEPLF}, {"mlsd", ServerMLSD},
		{"zvm", ServerZVM}, {"HPNonStop", ServerHPNonStop}} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseServerType(tc.in)
			if err != nil || got != tc.want {
				t.Fatalf("ParseServerType(%q) = %v, %v", tc.in, got, err)
			}
			if !strings.EqualFold(got.String(), tc.in) {
				t.Errorf("String() = %q", got.String())
			}
		})
	}
	if _, err := ParseServerType("amiga"); !errors.Is(err, ErrUnknownServerType) {
		t.Errorf("err = %v, want ErrUnknownServerType", err)
	}
}

func TestServerTypeFromSYST(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ServerType
	}{
		{"UNIX Type: L8", ServerUnix},
		{"215 UNIX Type: L8", ServerUnix},
		{"Windows_NT", ServerDOS},
		{"MVS is the operating system of this server. FTP Server is running on z/OS.", ServerMVS},
		{"OS/400 is the remote operating system. The TCP/IP version is \"V7R4M0\".", ServerOS400},
		{"VMS V8.4 is the operating system", ServerVMS},
		{"UNIX Type: L8 Version: BSD-44", ServerUnix},
		{"NETWARE Type: L8", ServerNetWare},
		{"OS/2", ServerOS2},
		{"z/VM is the operating system of this server.", ServerZVM},
		{"NONSTOP Guardian", ServerHPNonStop},
		{"Plan 9", ServerAuto},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := ServerTypeFromSYST(tc.in); got != tc.want {
				t.Errorf("ServerTypeFromSYST(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestPermFromOctal(t *testing.T) {
	cases := map[string]string{"0755": "rwxr-xr-x", "644": "rw-r--r--", "4755": "rwsr-xr-x", "1777": "rwxrwxrwt", "2640": "rw-r-S---", "0": "---------"}
	for in, want := range cases {
		if got, ok := permFromOctal(in); !ok || got != want {
			t.Errorf("permFromOctal(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "9", "07a5", "1234567"} {
		if _, ok := permFromOctal(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestMLSDYearOne checks that a modify fact of year 1 (Go's zero time,
// which stands for "unknown") or any year before 1900 is read as no time,
// not as a known date a comparison would trust.
func TestMLSDYearOne(t *testing.T) {
	for _, v := range []string{"00010101000000", "18991231235959"} {
		l, err := Parse(strings.NewReader("type=file;size=1;modify="+v+"; f\r\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []Entry
		l.Each(func(e *Entry) { got = append(got, *e) }, nil)
		if len(got) != 1 || got[0].Precision != PrecisionNone || !got[0].ModTime.IsZero() {
			t.Errorf("modify=%s: %+v", v, got)
		}
	}
	l, err := Parse(strings.NewReader("type=file;size=1;modify=19000101000000; f\r\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	l.Each(func(e *Entry) {
		if e.Precision != PrecisionSecond || e.ModTime.Year() != 1900 {
			t.Errorf("1900: %+v", e)
		}
	}, nil)
}
