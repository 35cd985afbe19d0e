package ui

import (
	"testing"

	"ferry/ftpcore/listing"
)

// View/Edit of an entry whose name is not a safe local name ("../x" from a
// hostile listing) queues nothing: joined to the temporary folder, it
// would write elsewhere.
func TestEditRefusesUnsafeName(t *testing.T) {
	srv := newServer(t)
	h := newHarness(t, localTree(t))
	var opened []string
	h.mw.edits.openFile = func(path string) error {
		opened = append(opened, path)
		return nil
	}
	p := h.connect(srv, "ferry", "s3cret", 1)
	for _, name := range []string{"../../escape.txt", `..\escape.txt`, ".."} {
		h.mw.edits.open(p, listing.Entry{Name: name, Unsafe: listing.UnsafeName(name)})
		if jobs := h.mw.queue.Jobs(); len(jobs) != 0 {
			t.Fatalf("View/Edit of %q queued %+v", name, jobs)
		}
	}
	if len(opened) != 0 {
		t.Fatalf("opened %v", opened)
	}
}
