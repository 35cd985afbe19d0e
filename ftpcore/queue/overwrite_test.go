package queue

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
	"ferry/ftpcore/listing"
)

func TestOverwriteRule(t *testing.T) {
	t0 := time.Date(2024, 5, 1, 10, 30, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	tests := []struct {
		name     string
		action   OverwriteAction
		src, dst FileInfo
		want     overwriteVerdict
	}{
		{"missing destination is written", OverwriteSkip, FileInfo{Exists: true, Size: 5}, FileInfo{}, verdictWrite},
		{"overwrite", Overwrite, FileInfo{Size: 5}, FileInfo{Exists: true, Size: 9}, verdictWrite},
		{"if newer: newer", OverwriteIfNewer, FileInfo{ModTime: at(time.Hour)}, FileInfo{Exists: true, ModTime: t0}, verdictWrite},
		{"if newer: older", OverwriteIfNewer, FileInfo{ModTime: t0}, FileInfo{Exists: true, ModTime: at(time.Hour)}, verdictSkip},
		{"if newer: same", OverwriteIfNewer, FileInfo{ModTime: t0}, FileInfo{Exists: true, ModTime: t0}, verdictSkip},
		{"if newer: same minute at minute precision", OverwriteIfNewer,
			FileInfo{ModTime: at(40 * time.Second), Precision: listing.PrecisionSecond},
			FileInfo{Exists: true, ModTime: at(10 * time.Second), Precision: listing.PrecisionMinute}, verdictSkip},
		{"if newer: unknown date", OverwriteIfNewer, FileInfo{}, FileInfo{Exists: true, ModTime: t0}, verdictWrite},
		{"if size differs: differs", OverwriteIfSizeDiffers, FileInfo{Size: 5}, FileInfo{Exists: true, Size: 6}, verdictWrite},
		{"if size differs: same", OverwriteIfSizeDiffers, FileInfo{Size: 5}, FileInfo{Exists: true, Size: 5}, verdictSkip},
		{"if size differs: unknown", OverwriteIfSizeDiffers, FileInfo{Size: -1}, FileInfo{Exists: true, Size: 5}, verdictWrite},
		{"resume: shorter", OverwriteResume, FileInfo{Size: 10}, FileInfo{Exists: true, Size: 4}, verdictResume},
		{"resume: complete", OverwriteResume, FileInfo{Size: 10}, FileInfo{Exists: true, Size: 10}, verdictSkip},
		{"resume: larger", OverwriteResume, FileInfo{Size: 10}, FileInfo{Exists: true, Size: 11}, verdictFail},
		{"rename", OverwriteRename, FileInfo{Size: 1}, FileInfo{Exists: true, Size: 1}, verdictRename},
		{"skip", OverwriteSkip, FileInfo{Size: 1}, FileInfo{Exists: true, Size: 2}, verdictSkip},
		{"ask", OverwriteAsk, FileInfo{Size: 1}, FileInfo{Exists: true, Size: 2}, verdictAsk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _ := overwriteRule(tt.action, tt.src, tt.dst); got != tt.want {
				t.Errorf("overwriteRule(%s) = %d, want %d", tt.action, got, tt.want)
			}
		})
	}
}

func TestOverwriteFreeName(t *testing.T) {
	taken := map[string]bool{"/d/a (1).txt": true, "/d/.profile (1)": false}
	exists := func(p string) (bool, error) { return taken[p], nil }
	tests := []struct{ in, want string }{
		{"/d/a.txt", "/d/a (2).txt"},
		{"/d/.profile", "/d/.profile (1)"},
		{"/d/archive.tar.gz", "/d/archive.tar (1).gz"},
		{"noext", "noext (1)"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := freeName(tt.in, '/', exists)
			if err != nil || got != tt.want {
				t.Errorf("freeName(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestOverwriteActionNames(t *testing.T) {
	for a := OverwriteDefault; a <= OverwriteSkip; a++ {
		got, err := ParseOverwriteAction(a.String())
		if err != nil || got != a {
			t.Errorf("round trip of %v: %v, %v", a, got, err)
		}
	}
	if _, err := ParseOverwriteAction("clobber"); err == nil {
		t.Error("ParseOverwriteAction accepted an unknown name")
	}
}

// TestQueueOverwriteDownload runs every rule against an existing local
// file, through the queue and a server.
func TestQueueOverwriteDownload(t *testing.T) {
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	recent := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	remote := testkit.Pattern(3000, 1)
	tests := []struct {
		name       string
		action     OverwriteAction
		local      []byte
		localTime  time.Time
		answer     *ExistsAnswer
		wantState  JobState
		wantFinal  []byte // content of the original name
		wantRename bool
	}{
		{"overwrite", Overwrite, []byte("old"), recent, nil, JobDone, remote, false},
		{"if newer, remote newer", OverwriteIfNewer, []byte("old"), old.Add(-time.Hour), nil, JobDone, remote, false},
		{"if newer, local newer", OverwriteIfNewer, []byte("old"), recent, nil, JobSkipped, []byte("old"), false},
		{"if size differs, differs", OverwriteIfSizeDiffers, []byte("old"), recent, nil, JobDone, remote, false},
		{"if size differs, same", OverwriteIfSizeDiffers, testkit.Pattern(3000, 9), recent, nil, JobSkipped, testkit.Pattern(3000, 9), false},
		{"resume", OverwriteResume, remote[:1200], recent, nil, JobDone, remote, false},
		{"rename", OverwriteRename, []byte("old"), recent, nil, JobDone, []byte("old"), true},
		{"skip", OverwriteSkip, []byte("old"), recent, nil, JobSkipped, []byte("old"), false},
		{"ask, overwrite", OverwriteAsk, []byte("old"), recent, &ExistsAnswer{Action: Overwrite}, JobDone, remote, false},
		{"ask, skip", OverwriteAsk, []byte("old"), recent, &ExistsAnswer{Action: OverwriteSkip}, JobSkipped, []byte("old"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := testkit.NewServer(t)
			testkit.PutFile(t, srv, "/pub/file.bin", remote, old)
			dir := t.TempDir()
			local := filepath.Join(dir, "file.bin")
			testkit.WriteFile(t, local, tt.local, tt.localTime)
			var asked []ExistsQuestion
			opt := Options{}
			if tt.answer != nil {
				opt.Ask = func(ctx context.Context, q ExistsQuestion) (ExistsAnswer, error) {
					asked = append(asked, q)
					return *tt.answer, nil
				}
			}
			r := newRig(t, srvMap(srv), opt)
			ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/pub/file.bin"}, Dst: Endpoint{"", local}, Overwrite: tt.action})
			r.q.Start()
			r.wait(10 * time.Second)
			j := r.job(ids[0])
			if j.State != tt.wantState {
				t.Fatalf("state %v (%s), want %v", j.State, j.Err, tt.wantState)
			}
			testkit.SameBytes(t, "original name", testkit.ReadFile(t, local), tt.wantFinal)
			renamed := filepath.Join(dir, "file (1).bin")
			if tt.wantRename {
				testkit.SameBytes(t, "renamed file", testkit.ReadFile(t, renamed), remote)
				if j.Dst.Path != renamed {
					t.Errorf("job destination %q, want %q", j.Dst.Path, renamed)
				}
			} else if _, err := os.Stat(renamed); err == nil {
				t.Errorf("%s exists", renamed)
			}
			if tt.answer != nil {
				if len(asked) != 1 || asked[0].Dst.Size != int64(len(tt.local)) || asked[0].Src.Size != int64(len(remote)) {
					t.Errorf("questions %+v", asked)
				}
			}
		})
	}
}
