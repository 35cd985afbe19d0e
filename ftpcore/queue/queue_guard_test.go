package queue

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// A folder download never writes through a link in the destination tree:
// a linked subfolder fails its jobs with ErrLinkInPath and the folder it
// points to stays empty; the rest of the tree arrives.
func TestQueueFolderDownloadRefusesLinkedSubfolder(t *testing.T) {
	srv := testkit.NewServer(t)
	putTreeRemote(t, srv, "/site/tree")
	dest := filepath.Join(t.TempDir(), "tree")
	outside := t.TempDir()
	if err := os.MkdirAll(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dest, "sub")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	r := newRig(t, srvMap(srv), Options{Workers: 2})
	r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/site/tree"}, Dst: Endpoint{"", dest}, IsDir: true})
	r.q.Start()
	jobs := r.wait(15 * time.Second)
	refused := 0
	for _, j := range jobs {
		if strings.HasPrefix(j.Src.Path, "/site/tree/sub") {
			if j.State != JobFailed || !strings.Contains(j.Err, ftpcore.ErrLinkInPath.Error()) {
				t.Errorf("job %s: %v %q, want a failure naming the link", j.Src.Path, j.State, j.Err)
			}
			refused++
		} else if j.State != JobDone {
			t.Errorf("job %s: %v %s", j.Src.Path, j.State, j.Err)
		}
	}
	if refused == 0 {
		t.Error("no job for the linked folder")
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Fatalf("written through the link: %v", ents)
	}
	testkit.SameBytes(t, "top.txt", testkit.ReadFile(t, filepath.Join(dest, "top.txt")), []byte(testTree["top.txt"]))
}

// A top-level download whose NAME.part is a link fails without writing
// to the link's target.
func TestQueueDownloadRefusesLinkedPart(t *testing.T) {
	srv := testkit.NewServer(t)
	testkit.PutFile(t, srv, "/f.bin", []byte("from the server"), time.Time{})
	dir, outside := t.TempDir(), t.TempDir()
	victim := filepath.Join(outside, "victim")
	testkit.WriteFile(t, victim, []byte("keep me"), time.Time{})
	if err := os.Symlink(victim, filepath.Join(dir, "f.bin.part")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	r := newRig(t, srvMap(srv), Options{})
	ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"", filepath.Join(dir, "f.bin")}})
	r.q.Start()
	r.wait(15 * time.Second)
	if j := r.job(ids[0]); j.State != JobFailed || !strings.Contains(j.Err, ftpcore.ErrLinkInPath.Error()) {
		t.Fatalf("job %v %q, want a failure naming the link", j.State, j.Err)
	}
	if got := testkit.ReadFile(t, victim); string(got) != "keep me" {
		t.Fatalf("the link's target was written: %q", got)
	}
}

// Every download's destination is checked when it is queued, whoever
// built it: a server's "../x" joined to the chosen folder is refused.
func TestQueueChecksTopLevelDestination(t *testing.T) {
	dir := t.TempDir()
	r := newRig(t, nil, Options{})
	for _, sp := range []JobSpec{
		{Kind: JobDownload, Src: Endpoint{"s", "/x"}, Dst: Endpoint{"", filepath.Join(dir, "../../etc/x")}, Root: dir},
		{Kind: JobDownload, Src: Endpoint{"s", "/x"}, Dst: Endpoint{"", dir + "/../x"}},
		{Kind: JobDownload, Src: Endpoint{"s", "/d"}, Dst: Endpoint{"", filepath.Join(dir, "..")}, Root: dir, IsDir: true},
		{Kind: JobDownload, Src: Endpoint{"s", "/x"}, Dst: Endpoint{"", dir}, Root: dir},
	} {
		if _, err := r.q.Add(sp); !errors.Is(err, ErrUnsafePath) {
			t.Errorf("Add(%s -> %s, root %q) = %v, want ErrUnsafePath", sp.Src, sp.Dst.Path, sp.Root, err)
		}
	}
	if n := len(r.q.Jobs()); n != 0 {
		t.Fatalf("%d jobs queued", n)
	}
}

// A server on which every folder holds a folder cannot keep a folder
// download going for ever: a folder seen again (MLSD unique fact) stops at
// once, and without that fact the depth limit stops it.
func TestQueueEndlessFolders(t *testing.T) {
	tests := []struct {
		name    string
		endless ftptest.EndlessFolders
		noMLSD  bool
		want    error
		maxJobs int
	}{
		{"MLSD unique fact", ftptest.EndlessFolders{Under: "/loop", SameUnique: true}, false, ErrFolderLoop, 3},
		{"new unique each level", ftptest.EndlessFolders{Under: "/loop"}, false, ErrTreeTooDeep, MaxTreeDepth + 2},
		{"LIST", ftptest.EndlessFolders{Under: "/loop", SameUnique: true}, true, ErrTreeTooDeep, MaxTreeDepth + 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := []ftptest.Option{ftptest.WithFault(ftptest.Fault{EndlessFolders: &tt.endless})}
			if tt.noMLSD {
				opts = append(opts, ftptest.WithoutFeatures("MLST"))
			}
			srv := testkit.NewServer(t, opts...)
			dest := filepath.Join(t.TempDir(), "loop")
			r := newRig(t, srvMap(srv), Options{Workers: 1})
			r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/loop"}, Dst: Endpoint{"", dest}, IsDir: true})
			r.q.Start()
			jobs := r.wait(60 * time.Second)
			if len(jobs) > tt.maxJobs {
				t.Fatalf("%d jobs, want at most %d", len(jobs), tt.maxJobs)
			}
			last := jobs[len(jobs)-1]
			if last.State != JobFailed || !strings.Contains(last.Err, strings.SplitN(tt.want.Error(), ";", 2)[0]) {
				t.Fatalf("last job %s: %v %q, want %q", last.Src.Path, last.State, last.Err, tt.want)
			}
		})
	}
}

// A stale .part is restarted, and the job says so.
func TestQueueStalePartNote(t *testing.T) {
	srv := testkit.NewServer(t)
	data := testkit.RandomBytes(t, 100<<10)
	testkit.PutFile(t, srv, "/f.bin", data, time.Now().Add(-time.Hour))
	dir := t.TempDir()
	local := filepath.Join(dir, "f.bin")
	testkit.WriteFile(t, local+ftpcore.PartSuffix, testkit.RandomBytes(t, 80<<10), time.Time{})
	r := newRig(t, srvMap(srv), Options{})
	ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/f.bin"}, Dst: Endpoint{"", local}})
	r.q.Start()
	r.wait(15 * time.Second)
	j := r.job(ids[0])
	if j.State != JobDone {
		t.Fatalf("job %v %s", j.State, j.Err)
	}
	testkit.SameBytes(t, "downloaded", testkit.ReadFile(t, local), data)
	if !strings.Contains(j.Note, "restarting") {
		t.Errorf("note %q, want it to say the .part was restarted", j.Note)
	}
}
