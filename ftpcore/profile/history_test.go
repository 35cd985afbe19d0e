package profile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/ftpcore"
)

func TestHistoryKeepsTheLastTenMostRecentFirst(t *testing.T) {
	dir := t.TempDir()
	h, err := OpenHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		if err := h.Remember(QuickEntry{Host: fmt.Sprintf("h%d.example", i), User: "u", Protocol: ftpcore.TLSExplicit}); err != nil {
			t.Fatal(err)
		}
	}
	// Connecting again to one already there moves it first, no duplicate.
	if err := h.Remember(QuickEntry{Host: "h5.example", User: "u", Protocol: ftpcore.TLSExplicit}); err != nil {
		t.Fatal(err)
	}
	want := []string{"h5", "h11", "h10", "h9", "h8", "h7", "h6", "h4", "h3", "h2"}
	check := func(got []QuickEntry) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%d entries, want %d: %v", len(got), len(want), got)
		}
		for i, e := range got {
			if e.Host != want[i]+".example" || e.Protocol != ftpcore.TLSExplicit || e.User != "u" {
				t.Errorf("entry %d is %+v, want host %s.example", i, e, want[i])
			}
		}
	}
	check(h.Entries())
	again, err := OpenHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	check(again.Entries())
}

func TestHistoryRefusesAndDropsBadEntries(t *testing.T) {
	dir := t.TempDir()
	h, _ := OpenHistory(dir)
	for _, e := range []QuickEntry{{}, {Host: "a\r\nb"}, {Host: "h", User: "x\n"}, {Host: "h", Port: 70000}, {Host: strings.Repeat("h", 300)}} {
		if err := h.Remember(e); !errors.Is(err, ErrBadHistoryEntry) {
			t.Errorf("Remember(%q) = %v, want ErrBadHistoryEntry", e.String(), err)
		}
	}
	// A file written by someone else: only the sound entry survives.
	hostile := `{"version": 1, "quick": [{"host": "ok.example", "protocol": "ftps"},
		{"host": "evil\r\nDELE x", "protocol": "ftp"}, {"host": "p.example", "protocol": "gopher"}, {"host": ""}]}`
	if err := os.WriteFile(filepath.Join(dir, HistoryFileName), []byte(hostile), 0o600); err != nil {
		t.Fatal(err)
	}
	h, err := OpenHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Entries(); len(got) != 1 || got[0] != (QuickEntry{Host: "ok.example", Protocol: ftpcore.TLSImplicit}) {
		t.Errorf("entries %+v, want only ok.example", got)
	}
}

func TestHistoryDamagedFileIsSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, HistoryFileName)
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	h, err := OpenHistory(dir)
	var corrupt *CorruptFileError
	if !errors.As(err, &corrupt) {
		t.Fatalf("OpenHistory = %v, want a CorruptFileError", err)
	}
	if len(h.Entries()) != 0 {
		t.Errorf("entries %v from a damaged file", h.Entries())
	}
	if err := h.Remember(QuickEntry{Host: "h.example"}); err != nil {
		t.Fatalf("Remember after a damaged file: %v", err)
	}
	matches, _ := filepath.Glob(path + "*")
	if len(matches) < 2 {
		t.Errorf("the damaged file was not kept aside: %v", matches)
	}
}
