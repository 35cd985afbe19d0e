package queue

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/internal/testkit"
)

// Names Windows cannot store are saved under a look-alike on download (as
// on Windows) and get their own names back on upload; the queue says so
// on the job. With names as they are (Unix), they stay intact.
func TestQueueWindowsNames(t *testing.T) {
	names := map[string]string{"a:b.txt": "colon", "CON": "device", "why?.txt": "question", "dot.": "dot", "ok.txt": "plain"}
	srv := testkit.NewServer(t)
	for n, c := range names {
		testkit.PutFile(t, srv, "/w/"+n, []byte(c), time.Time{})
	}
	testkit.PutFile(t, srv, "/top/CON.txt", []byte("top"), time.Time{})
	if err := srv.FS().Mkdir("/top/back"); err != nil {
		t.Fatal(err)
	}

	t.Run("mapped", func(t *testing.T) {
		top := t.TempDir()
		dest := filepath.Join(top, "w")
		r := newRig(t, srvMap(srv), Options{Names: NamesWindows})
		r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/w"}, Dst: Endpoint{"", dest}, IsDir: true},
			JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/top/CON.txt"}, Dst: Endpoint{"", filepath.Join(top, "CON.txt")}})
		r.q.Start()
		jobs := r.wait(15 * time.Second)
		allDone(t, jobs)
		notes := 0
		for _, j := range jobs {
			if strings.Contains(j.Note, "Windows cannot store") {
				notes++
			}
		}
		if notes != 5 {
			t.Errorf("%d jobs say their name was mapped, want 5: %+v", notes, jobs)
		}
		for n, c := range names {
			local, _ := ftpcore.WindowsName(n)
			testkit.SameBytes(t, local, testkit.ReadFile(t, filepath.Join(dest, local)), []byte(c))
		}
		ents, _ := os.ReadDir(dest)
		for _, e := range ents {
			if strings.ContainsAny(e.Name(), `:?`) || strings.HasSuffix(e.Name(), ".") || e.Name() == "CON" {
				t.Errorf("%q written as is", e.Name())
			}
		}

		// Back up under the server's names.
		mappedTop, _ := ftpcore.WindowsName("CON.txt")
		testkit.SameBytes(t, mappedTop, testkit.ReadFile(t, filepath.Join(top, mappedTop)), []byte("top"))
		r.add(JobSpec{Kind: JobUpload, Src: Endpoint{"", dest}, Dst: Endpoint{"s", "/back"}, IsDir: true},
			JobSpec{Kind: JobUpload, Src: Endpoint{"", filepath.Join(top, mappedTop)}, Dst: Endpoint{"s", "/top/back/" + mappedTop}})
		jobs = r.wait(15 * time.Second)
		allDone(t, jobs)
		for n, c := range names {
			testkit.SameBytes(t, "/back/"+n, testkit.GetFile(t, srv, "/back/"+n), []byte(c))
		}
		testkit.SameBytes(t, "/top/back/CON.txt", testkit.GetFile(t, srv, "/top/back/CON.txt"), []byte("top"))
	})

	t.Run("as is", func(t *testing.T) {
		dest := filepath.Join(t.TempDir(), "w")
		r := newRig(t, srvMap(srv), Options{Names: NamesAsIs})
		r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/w"}, Dst: Endpoint{"", dest}, IsDir: true})
		r.q.Start()
		allDone(t, r.wait(15*time.Second))
		for n, c := range names {
			testkit.SameBytes(t, n, testkit.ReadFile(t, filepath.Join(dest, n)), []byte(c))
		}
	})
}
