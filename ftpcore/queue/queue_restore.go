package queue

import (
	"os"

	"ferry/ftpcore"
)

// partProgress sets the progress of restored downloads from their .part
// files: the saved figure is up to a second old at a crash, while the
// .part holds every byte that will not be fetched again. Only a regular
// file inside the job's destination folder counts, and never for more
// than the job's size (a .part is not trusted: a symlink or a larger file
// is something else, and the download starts over).
func partProgress(entries []*jobEntry) {
	for _, e := range entries {
		if e.Kind != JobDownload || e.IsDir || e.State.Finished() {
			continue
		}
		e.Done = partSize(e.root, e.Dst.Path, e.Size)
	}
}

// partSize returns the usable size of dst's .part file, or 0.
func partSize(root, dst string, size int64) int64 {
	local, err := checkInside(root, dst)
	if err != nil {
		return 0
	}
	st, err := os.Lstat(local + ftpcore.PartSuffix)
	if err != nil || !st.Mode().IsRegular() {
		return 0
	}
	if size >= 0 && st.Size() > size {
		return 0
	}
	return st.Size()
}
