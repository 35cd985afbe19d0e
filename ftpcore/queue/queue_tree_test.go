package queue

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// tree is a small folder tree: relative path -> content ("" ends in / for
// an empty folder).
var testTree = map[string]string{
	"top.txt":                "top level\n",
	"sub/a.bin":              string(testkit.Pattern(70_000, 6)),
	"sub/deeper/b.txt":       "deep\n",
	"sub/deeper/.hidden":     "dotfile\n",
	"name with spaces/c.dat": "spaces\n",
	"empty/":                 "",
}

func putTreeRemote(t *testing.T, srv *ftptest.Server, root string) {
	t.Helper()
	for rel, content := range testTree {
		if strings.HasSuffix(rel, "/") {
			if err := srv.FS().Mkdir(path.Join(root, rel)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		testkit.PutFile(t, srv, path.Join(root, rel), []byte(content), time.Time{})
	}
}

func checkTreeRemote(t *testing.T, srv *ftptest.Server, root string) {
	t.Helper()
	for rel, content := range testTree {
		p := path.Join(root, rel)
		if strings.HasSuffix(rel, "/") {
			if st, err := srv.FS().Stat(p); err != nil || !st.IsDir() {
				t.Errorf("folder %s: %v", p, err)
			}
			continue
		}
		testkit.SameBytes(t, p, testkit.GetFile(t, srv, p), []byte(content))
	}
}

func checkTreeLocal(t *testing.T, root string) {
	t.Helper()
	for rel, content := range testTree {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if strings.HasSuffix(rel, "/") {
			if st, err := os.Stat(p); err != nil || !st.IsDir() {
				t.Errorf("folder %s: %v", p, err)
			}
			continue
		}
		testkit.SameBytes(t, p, testkit.ReadFile(t, p), []byte(content))
	}
}

func allDone(t *testing.T, jobs []Job) {
	t.Helper()
	for _, j := range jobs {
		if j.State != JobDone {
			t.Errorf("job %d %s -> %s: %v %s", j.ID, j.Src, j.Dst, j.State, j.Err)
		}
	}
}

func TestQueueFolderDownload(t *testing.T) {
	srv := testkit.NewServer(t)
	putTreeRemote(t, srv, "/site/tree")
	dest := filepath.Join(t.TempDir(), "tree")
	r := newRig(t, srvMap(srv), Options{Workers: 3})
	ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/site/tree"}, Dst: Endpoint{"", dest}, IsDir: true})
	r.q.Start()
	jobs := r.wait(15 * time.Second)
	allDone(t, jobs)
	checkTreeLocal(t, dest)
	// The folder job comes first, its descendants right after it.
	if jobs[0].ID != ids[0] || len(jobs) != 10 {
		t.Errorf("jobs %d, first %d", len(jobs), jobs[0].ID)
	}
}

func TestQueueFolderUpload(t *testing.T) {
	srv := testkit.NewServer(t)
	src := filepath.Join(t.TempDir(), "tree")
	for rel, content := range testTree {
		p := filepath.Join(src, filepath.FromSlash(rel))
		if strings.HasSuffix(rel, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		testkit.WriteFile(t, p, []byte(content), time.Time{})
	}
	r := newRig(t, srvMap(srv), Options{Workers: 3, TempUpload: true})
	r.add(JobSpec{Kind: JobUpload, Src: Endpoint{"", src}, Dst: Endpoint{"s", "/in/tree"}, IsDir: true})
	r.q.Start()
	allDone(t, r.wait(15*time.Second))
	checkTreeRemote(t, srv, "/in/tree")
}

func TestQueueFolderFXP(t *testing.T) {
	from, to := testkit.NewServer(t), testkit.NewServer(t)
	putTreeRemote(t, from, "/src")
	r := newRig(t, srvMap(from, to), Options{Workers: 2, SiteLimit: func(string) int { return 3 }})
	r.add(JobSpec{Kind: JobFXP, Src: Endpoint{"s", "/src"}, Dst: Endpoint{"t", "/copy"}, IsDir: true})
	r.q.Start()
	allDone(t, r.wait(20*time.Second))
	checkTreeRemote(t, to, "/copy")
}

// TestQueueHostileListing serves listings naming "../evil" and friends:
// those jobs fail with ErrUnsafePath and nothing lands outside the
// destination, while the honest entries still arrive.
func TestQueueHostileListing(t *testing.T) {
	formats := []struct {
		name    string
		opts    []ftptest.Option
		listing string
	}{
		{"MLSD", nil, "type=file;size=5;modify=20240101000000; ../evil\r\n" +
			"type=file;size=5;modify=20240101000000; ..\\evil2\r\n" +
			"type=file;size=5;modify=20240101000000; /tmp/evil3\r\n" +
			"type=dir;modify=20240101000000; ../../up\r\n" +
			"type=file;size=5;modify=20240101000000; ..\r\n" +
			"type=file;size=3;modify=20240101000000; ok.txt\r\n"},
		{"LIST", []ftptest.Option{ftptest.WithoutFeatures("MLST")},
			"-rw-r--r--    1 ftp      ftp             5 Jan 01  2024 ../evil\r\n" +
				"-rw-r--r--    1 ftp      ftp             5 Jan 01  2024 ..\\evil2\r\n" +
				"drwxr-xr-x    2 ftp      ftp          4096 Jan 01  2024 ../../up\r\n" +
				"-rw-r--r--    1 ftp      ftp             3 Jan 01  2024 ok.txt\r\n"},
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			srv := testkit.NewServer(t, append(f.opts, ftptest.WithFault(ftptest.Fault{Listings: map[string][]byte{"/pub": []byte(f.listing)}}))...)
			testkit.PutFile(t, srv, "/pub/ok.txt", []byte("ok\n"), time.Time{})
			// Real files at the places a careless client would fetch.
			testkit.PutFile(t, srv, "/evil", []byte("evil\n"), time.Time{})
			testkit.PutFile(t, srv, "/pub/..\\evil2", []byte("evil\n"), time.Time{})
			parent := t.TempDir()
			dest := filepath.Join(parent, "dest", "pub")
			r := newRig(t, srvMap(srv), Options{})
			r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/pub"}, Dst: Endpoint{"", dest}, IsDir: true})
			r.q.Start()
			jobs := r.wait(15 * time.Second)
			var unsafe int
			for _, j := range jobs {
				switch {
				case strings.HasSuffix(j.Src.Path, "/ok.txt") || j.IsDir && j.Src.Path == "/pub":
					if j.State != JobDone {
						t.Errorf("honest job %s: %v %s", j.Src, j.State, j.Err)
					}
				case j.State == JobFailed && strings.Contains(j.Err, ErrUnsafePath.Error()):
					unsafe++
				default:
					t.Errorf("hostile entry %s ended %v (%s)", j.Src, j.State, j.Err)
				}
			}
			if want := strings.Count(f.listing, "\n") - strings.Count(f.listing, "; ..\r\n") - 1; unsafe != want {
				t.Errorf("%d jobs refused as unsafe, want %d", unsafe, want)
			}
			err := filepath.WalkDir(parent, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dest, p)
				if p != parent && p != filepath.Dir(dest) && !filepath.IsLocal(rel) && rel != "." {
					t.Errorf("written outside the destination: %s", p)
				}
				if !d.IsDir() && filepath.Base(p) != "ok.txt" {
					t.Errorf("unexpected file %s", p)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			testkit.SameBytes(t, "ok.txt", testkit.ReadFile(t, filepath.Join(dest, "ok.txt")), []byte("ok\n"))
		})
	}
}

func TestQueueCheckedJoin(t *testing.T) {
	root := filepath.Join(string(filepath.Separator)+"dl", "dest")
	tests := []struct {
		name string
		ok   bool
	}{
		{"file.txt", true}, {"...", true}, {".hidden", true},
		{"..", false}, {".", false}, {"../evil", false}, {"a/b", false},
		{`..\evil`, false}, {"/etc/passwd", false}, {"", false}, {"a\x00b", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := checkedJoin(root, root, tt.name)
			if (err == nil) != tt.ok {
				t.Fatalf("checkedJoin(%q) = %q, %v", tt.name, p, err)
			}
		})
	}
	if _, err := checkInside(root, filepath.Join(root, "..", "x")); err == nil {
		t.Error("checkInside accepted a path outside the root")
	}
}
