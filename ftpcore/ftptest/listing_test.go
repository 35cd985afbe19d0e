package ftptest_test

import (
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// seededServer builds the tree real servers were captured with, at the
// capture's clock, with vsftpd's numeric owner.
func seededServer(t *testing.T, opts ...ftptest.Option) *ftptest.Server {
	t.Helper()
	now := time.Date(2026, 11, 27, 15, 25, 42, 0, time.UTC)
	hourAgo := now.Add(-time.Hour)
	srv := newServer(t, append([]ftptest.Option{
		ftptest.WithClock(func() time.Time { return now }),
		ftptest.WithOwner("1001", "1001"),
	}, opts...)...)
	fsys := srv.FS()
	files := map[string]int{
		"/readme.txt": 44, "/big.bin": 3145851, "/empty.txt": 0, "/.hidden": 32,
		"/two  spaces  inside.txt": 22, "/script.sh": 18, "/private.txt": 9,
		"/dir with spaces/inner file.txt": 6, "/nested/a/sibling.txt": 8,
	}
	for name, size := range files {
		must(t, fsys.WriteFile(name, make([]byte, size), hourAgo))
	}
	must(t, fsys.WriteFile("/old.txt", make([]byte, 17), time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)))
	must(t, fsys.Chmod("/script.sh", 0o755))
	must(t, fsys.Chmod("/private.txt", 0o600))
	must(t, fsys.Symlink("/link-to-readme", "readme.txt"))
	must(t, fsys.Lchtimes("/link-to-readme", hourAgo))
	must(t, fsys.Mkdir("/upload"))
	must(t, fsys.Mkdir("/nested/a/b"))
	for _, dir := range []string{"/upload", "/nested", "/nested/a", "/nested/a/b", "/dir with spaces"} {
		must(t, fsys.Chtimes(dir, hourAgo))
	}
	return srv
}

func TestListMatchesVsftpd(t *testing.T) {
	srv := seededServer(t)
	c := loggedIn(t, srv)
	got := c.listing("LIST")
	// Lines as vsftpd 3.0.3 printed them for the same tree.
	want := []string{
		"-rw-r--r--    1 1001     1001      3145851 Nov 27 14:25 big.bin",
		"drwxr-xr-x    2 1001     1001         4096 Nov 27 14:25 dir with spaces",
		"-rw-r--r--    1 1001     1001            0 Nov 27 14:25 empty.txt",
		"lrwxrwxrwx    1 1001     1001           10 Nov 27 14:25 link-to-readme -> readme.txt",
		"drwxr-xr-x    3 1001     1001         4096 Nov 27 14:25 nested",
		"-rw-r--r--    1 1001     1001           17 Feb 03  2001 old.txt",
		"-rw-------    1 1001     1001            9 Nov 27 14:25 private.txt",
		"-rw-r--r--    1 1001     1001           44 Nov 27 14:25 readme.txt",
		"-rwxr-xr-x    1 1001     1001           18 Nov 27 14:25 script.sh",
		"-rw-r--r--    1 1001     1001           22 Nov 27 14:25 two  spaces  inside.txt",
		"drwxr-xr-x    2 1001     1001         4096 Nov 27 14:25 upload",
	}
	if got != strings.Join(want, "\r\n")+"\r\n" {
		t.Errorf("LIST:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}

	tests := []struct {
		cmd       string
		wantLines []string
	}{
		{"LIST -a", []string{
			"drwxr-xr-x    5 1001     1001         4096 Nov 27 15:25 .",
			"drwxr-xr-x    5 1001     1001         4096 Nov 27 15:25 ..",
			"-rw-r--r--    1 1001     1001           32 Nov 27 14:25 .hidden",
		}},
		{"LIST -la nested/a", []string{
			"drwxr-xr-x    3 1001     1001         4096 Nov 27 14:25 .",
			"drwxr-xr-x    3 1001     1001         4096 Nov 27 14:25 ..",
			"drwxr-xr-x    2 1001     1001         4096 Nov 27 14:25 b",
			"-rw-r--r--    1 1001     1001            8 Nov 27 14:25 sibling.txt",
		}},
		{"LIST dir with spaces", []string{"-rw-r--r--    1 1001     1001            6 Nov 27 14:25 inner file.txt"}},
		{"LIST big.bin", []string{"-rw-r--r--    1 1001     1001      3145851 Nov 27 14:25 big.bin"}},
		{"LIST missing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			got := c.listing(tt.cmd)
			lines := strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n")
			if len(tt.wantLines) == 0 {
				if got != "" {
					t.Errorf("%s: %q, want nothing", tt.cmd, got)
				}
				return
			}
			for i, w := range tt.wantLines {
				if i >= len(lines) || lines[i] != w {
					t.Errorf("%s line %d: %q, want %q", tt.cmd, i, lines, w)
				}
			}
		})
	}
}

func TestNlstMlsdMlst(t *testing.T) {
	srv := seededServer(t)
	c := loggedIn(t, srv)
	nlst := c.listing("NLST")
	wantNames := "big.bin\r\ndir with spaces\r\nempty.txt\r\nlink-to-readme\r\nnested\r\nold.txt\r\nprivate.txt\r\n" +
		"readme.txt\r\nscript.sh\r\ntwo  spaces  inside.txt\r\nupload\r\n"
	if nlst != wantNames {
		t.Errorf("NLST %q", nlst)
	}
	if got := c.listing("NLST -a nested/a"); got != "b\r\nsibling.txt\r\n" {
		t.Errorf("NLST -a nested/a %q", got)
	}

	mlsd := c.listing("MLSD")
	lines := strings.Split(strings.TrimSuffix(mlsd, "\r\n"), "\r\n")
	if len(lines) != 14 {
		t.Fatalf("MLSD gave %d lines: %q", len(lines), mlsd)
	}
	byName := map[string]string{}
	for _, l := range lines {
		facts, name, ok := strings.Cut(l, "; ")
		if !ok {
			t.Fatalf("MLSD line without \"; \": %q", l)
		}
		byName[name] = facts + ";"
	}
	checks := map[string][]string{
		".":              {"type=cdir;", "perm=flcdmpe;", "UNIX.mode=0755;"},
		"..":             {"type=pdir;"},
		".hidden":        {"type=file;", "size=32;"},
		"readme.txt":     {"modify=20261127142542;", "perm=adfrw;", "size=44;", "type=file;", "UNIX.mode=0644;"},
		"old.txt":        {"modify=20010203040506;"},
		"private.txt":    {"UNIX.mode=0600;"},
		"link-to-readme": {"type=OS.unix=symlink;", "size=10;"},
		"nested":         {"type=dir;"},
	}
	for name, facts := range checks {
		for _, f := range facts {
			if !strings.Contains(byName[name], f) {
				t.Errorf("MLSD %q: %q lacks %q", name, byName[name], f)
			}
		}
	}
	if strings.Contains(byName["nested"], "size=") {
		t.Errorf("MLSD gives a size for a directory: %q", byName["nested"])
	}
	c.pasv()
	if r := c.cmd("MLSD readme.txt"); r.String() != "501 readme.txt: Not a directory" {
		t.Errorf("MLSD on a file: %q", r)
	}

	r := c.expect("MLST readme.txt", 250)
	if len(r.lines) != 3 || r.lines[0] != "250-Start of list for readme.txt" || r.last() != "250 End of list" ||
		!strings.HasPrefix(r.lines[1], " modify=20261127142542;perm=adfrw;size=44;type=file;") ||
		!strings.HasSuffix(r.lines[1], "; /readme.txt") {
		t.Errorf("MLST %q", r)
	}
	c.expect("MLST missing", 550)
}

func TestChmodShowsInListing(t *testing.T) {
	srv := seededServer(t)
	c := loggedIn(t, srv)
	c.expect("SITE CHMOD 744 readme.txt", 200)
	if got := c.listing("LIST readme.txt"); !strings.HasPrefix(got, "-rwxr--r-- ") {
		t.Errorf("LIST after SITE CHMOD 744: %q", got)
	}
	if fi, err := srv.FS().Stat("/readme.txt"); err != nil || fi.Mode().Perm() != 0o744 {
		t.Errorf("FS mode after SITE CHMOD: %v %v", fi, err)
	}
}
