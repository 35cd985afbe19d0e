package ui

import (
	"strconv"
	"strings"
	"testing"

	"ferry/ftpcore"
	"ferry/ftpcore/profile"
	"ferry/ftpcore/queue"
)

// TestServerNames: two servers on one host are told apart by their
// ports in the queue's rows and in the log; a saved site goes by its
// name.
func TestServerNames(t *testing.T) {
	a, b := newServer(t), newServer(t)
	h := newHarness(t, localTree(t))
	left := h.connect(a, "ferry", "s3cret", 0)
	right := h.connect(b, "ferry", "s3cret", 1)
	la, lb := h.mw.serverLabel(left.src.siteKey()), h.mw.serverLabel(right.src.siteKey())
	if la != "127.0.0.1:"+strconv.Itoa(a.Port()) || lb != "127.0.0.1:"+strconv.Itoa(b.Port()) {
		t.Fatalf("labels %q and %q", la, lb)
	}
	job := queue.Job{Src: queue.Endpoint{Site: left.src.siteKey(), Path: "/readme.txt"},
		Dst: queue.Endpoint{Site: right.src.siteKey(), Path: "/in/readme.txt"}}
	if got := h.mw.jobLabel(job); got != la+":/readme.txt  →  "+lb+":/in/readme.txt" {
		t.Errorf("queue row %q", got)
	}
	sessions := map[string]bool{}
	lines, _ := h.mw.log.snapshot()
	for _, l := range lines {
		sessions[l.Session] = true
	}
	if !sessions[la] || !sessions[lb] {
		t.Errorf("log sessions %v, want %q and %q", sessions, la, lb)
	}

	site, err := h.mw.sites.Add(profile.Site{Name: "Build server", Host: "ftp.example.org", Protocol: ftpcore.TLSExplicit})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.mw.serverLabel(site.ID); got != "Build server" {
		t.Errorf("saved site named %q", got)
	}
	if got := addrLabel("ftp.example.org:21"); got != "ftp.example.org" || !strings.Contains(addrLabel("h:2121"), "2121") {
		t.Errorf("addrLabel %q", got)
	}
}
