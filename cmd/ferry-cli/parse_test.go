package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestRunParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		in   string
		want []string // expected output lines, exactly
	}{
		{
			name: "unix with year rule and link",
			args: []string{"--now", "2027-01-05T10:00:00Z"},
			in:   "total 8\r\n-rw-r--r--   1 a b 5 Jan  7 08:00 jan7\r\nlrwxrwxrwx   1 a b 3 Jan  6 09:30 l -> t x\r\nnonsense line\r\n",
			want: []string{
				`{"name":"jan7","type":"file","size":5,"mtime":"2026-01-07T08:00:00Z","target":null,"line":2,"precision":"minute","perm":"rw-r--r--","owner":"a","group":"b"}`,
				`{"name":"l","type":"link","size":3,"mtime":"2027-01-06T09:30:00Z","target":"t x","line":3,"precision":"minute","perm":"rwxrwxrwx","owner":"a","group":"b"}`,
				`{"unparsed":"nonsense line"}`,
			},
		},
		{
			name: "time zone applies to LIST, not MLSD",
			args: []string{"--now", "2026-03-01T00:00:00Z", "--tz", "+01:00"},
			in:   "-rw-r--r--   1 a b 5 Feb  2 10:44 list\ntype=dir;modify=20260202104400; mlsd\n",
			want: []string{
				`{"name":"list","type":"file","size":5,"mtime":"2026-02-02T09:44:00Z","target":null,"line":1,"precision":"minute","perm":"rw-r--r--","owner":"a","group":"b"}`,
				`{"name":"mlsd","type":"dir","size":null,"mtime":"2026-02-02T10:44:00Z","target":null,"line":2,"precision":"second"}`,
			},
		},
		{
			name: "iana zone, device, hostile and latin-1 names",
			args: []string{"--now", "2026-03-01T00:00:00Z", "--tz", "Europe/Berlin"},
			in:   "crw--w----   1 root tty 4,  65 Feb 11 06:30 tty\"1\n-rw-r--r--   1 a b 5 Feb  2 10:44 ../x\n-rw-r--r--   1 a b 5 Feb  2  2025 caf\xe9\n",
			want: []string{
				`{"name":"tty\"1","type":"file","size":null,"mtime":"2026-02-11T05:30:00Z","target":null,"line":1,"precision":"minute","special":true,"perm":"rw--w----","owner":"root","group":"tty"}`,
				`{"name":"../x","type":"file","size":5,"mtime":"2026-02-02T09:44:00Z","target":null,"line":2,"precision":"minute","unsafe":true,"perm":"rw-r--r--","owner":"a","group":"b"}`,
				`{"name":"caf\ufffd","type":"file","size":5,"mtime":"2025-02-01T23:00:00Z","target":null,"line":3,"precision":"day","perm":"rw-r--r--","owner":"a","group":"b","name_base64":"Y2Fm6Q=="}`,
			},
		},
		{
			name: "mvs hint",
			args: []string{"--server-type", "mvs"},
			in:   "STUBJOB\n",
			want: []string{`{"name":"STUBJOB","type":"file","size":null,"mtime":null,"target":null,"line":1,"precision":"none"}`},
		},
		{
			name: "zvm hint",
			args: []string{"--server-type", "zvm"},
			in:   "PROFILE  EXEC     V        72       31        1 2026-02-20 11:07:33 191\n",
			want: []string{`{"name":"PROFILE.EXEC","type":"file","size":2232,"mtime":"2026-02-20T11:07:33Z","target":null,"line":1,"precision":"second","size_approx":true,"owner":"191"}`},
		},
		{
			name: "day first",
			args: []string{"--day-first", "--now", "2026-03-01T00:00:00Z"},
			in:   "03-02-26  10:00AM  7 a b\n",
			want: []string{`{"name":"a b","type":"file","size":7,"mtime":"2026-02-03T10:00:00Z","target":null,"line":1,"precision":"minute"}`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := runParse(tc.args, strings.NewReader(tc.in), &out, &errb); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for _, line := range got {
				var v map[string]any
				if err := json.Unmarshal([]byte(line), &v); err != nil {
					t.Errorf("invalid JSON %q: %v", line, err)
				}
			}
		})
	}
}

func TestRunParseBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--server-type", "amiga"},
		{"--tz", "Mars/Olympus"},
		{"--tz", "+99:00"},
		{"--now", "yesterday"},
		{"--bogus"},
		{"extra-arg"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := runParse(args, strings.NewReader(""), &out, &errb); code != 2 || errb.Len() == 0 || out.Len() != 0 {
				t.Errorf("exit %d, stderr %q, stdout %q", code, errb.String(), out.String())
			}
		})
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"plain", "quote\" back\\slash", "ctl\x01\t\r\n", "日本語 ✓", "bad\xff\xfe", "sep\u2028"} {
		b := appendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q -> %s: %v", s, b, err)
		}
		want := strings.ToValidUTF8(s, "\ufffd")
		if s == "bad\xff\xfe" {
			want = "bad\ufffd\ufffd"
		}
		if got != want {
			t.Errorf("%q round-trips to %q", s, got)
		}
	}
}
