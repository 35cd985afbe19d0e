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

// TestQueueFolderUploadLinks: a folder upload follows a symbolic link to
// a file only when the file lies inside the uploaded folder (from the
// folder itself or from a subfolder). A link to a file elsewhere, such as
// a key beside the project, and a link to a folder are not sent: each is
// listed as skipped with the reason, and the rest of the tree arrives.
func TestQueueFolderUploadLinks(t *testing.T) {
	srv := testkit.NewServer(t)
	base := t.TempDir()
	secret := filepath.Join(base, "secret.key")
	testkit.WriteFile(t, secret, []byte("private"), time.Time{})
	up := filepath.Join(base, "site")
	testkit.WriteFile(t, filepath.Join(up, "a.bin"), []byte("aaaa"), time.Time{})
	testkit.WriteFile(t, filepath.Join(up, "sub", "b.txt"), []byte("bb"), time.Time{})
	for link, target := range map[string]string{
		"inner":        "a.bin",
		"sub/up-link":  "../a.bin",
		"outside":      secret,
		"outside-rel":  "../secret.key",
		"sub/dir-link": "..",
		"folder-link":  "sub",
		"dangling":     "nowhere",
		"sub-ok2":      "sub/b.txt",
	} {
		if err := os.Symlink(target, filepath.Join(up, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	r := newRig(t, srvMap(srv), Options{Workers: 2})
	r.add(JobSpec{Kind: JobUpload, Src: Endpoint{"", up}, Dst: Endpoint{"s", "/site"}, IsDir: true})
	r.q.Start()
	jobs := r.wait(15 * time.Second)

	for name, want := range map[string]string{"a.bin": "aaaa", "inner": "aaaa", "sub/b.txt": "bb", "sub/up-link": "aaaa", "sub-ok2": "bb"} {
		if got := testkit.GetFile(t, srv, "/site/"+name); string(got) != want {
			t.Errorf("/site/%s holds %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"outside", "outside-rel", "folder-link", "sub/dir-link"} {
		if _, err := srv.FS().Stat("/site/" + name); err == nil {
			t.Errorf("/site/%s was sent", name)
		}
	}
	realSecret, err := filepath.EvalSymlinks(secret)
	if err != nil {
		t.Fatal(err)
	}
	skipped := map[string]string{}
	for _, j := range jobs {
		if j.State == JobSkipped {
			skipped[strings.TrimPrefix(filepath.ToSlash(j.Src.Path), filepath.ToSlash(up)+"/")] = j.Err
		}
	}
	for name, why := range map[string]string{
		"outside":      ftpcore.ErrLinkOutside.Error() + ": it leads to " + realSecret,
		"outside-rel":  ftpcore.ErrLinkOutside.Error() + ": it leads to " + realSecret,
		"folder-link":  ErrLinkNotFollowed.Error(),
		"sub/dir-link": ErrLinkNotFollowed.Error(),
	} {
		if got := skipped[name]; got != why {
			t.Errorf("%s skipped with %q, want %q", name, got, why)
		}
	}
	if len(skipped) != 4 {
		t.Errorf("skipped %v, want the four links above", skipped)
	}
}

// TestQueueUploadRootFromState: a folder upload read back from the
// queue's file keeps its root only when the root holds the job's source;
// a root elsewhere (a damaged or edited file) is not trusted.
func TestQueueUploadRootFromState(t *testing.T) {
	ok := decodeRoot(t, "/home/u/site", "/home/u/site/sub")
	if ok != "/home/u/site" {
		t.Errorf("root %q, want /home/u/site", ok)
	}
	for _, root := range []string{"/etc", "/home/u/site/sub/deeper", "/home/u/sit", "../x"} {
		if got := decodeRoot(t, root, "/home/u/site/sub"); got != "" {
			t.Errorf("root %q kept as %q for a source outside it", root, got)
		}
	}
}

// decodeRoot reads back one upload folder job saved with root and src.
func decodeRoot(t *testing.T, root, src string) string {
	t.Helper()
	es, err := decodeJobs([]savedJob{{ID: 1, Kind: JobUpload.String(), State: JobQueued.String(), Type: "auto",
		Overwrite: OverwriteDefault.String(), SrcPath: src, DstSite: "s", DstPath: "/d", IsDir: true, Root: root}})
	if err != nil {
		t.Fatal(err)
	}
	return es[0].root
}
