package queue

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/internal/testkit"
)

// TestQueueResumeUserFile: "Resume" onto an existing file continues it
// with REST when it is the start of the source, whatever its date, and
// leaves it untouched (the job failed, never "complete") when it cannot
// be: larger than the source, or different where the resume checks it.
func TestQueueResumeUserFile(t *testing.T) {
	remoteTime := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	big := testkit.Pattern(1<<20, 1)
	small := testkit.Pattern(3000, 2)
	different := testkit.Pattern(300<<10, 9)
	tests := []struct {
		name      string
		remote    []byte
		local     []byte
		localTime time.Time
		wantState JobState
		wantErr   error  // the job's failure
		wantREST  string // the REST sent, "" for none
	}{
		// A file Ferry downloaded earlier carries the server's date: the
		// server's copy grew since, so it is newer. Still a prefix.
		{"prefix older than the remote file", big, big[:300<<10], remoteTime.Add(-time.Hour), JobDone, nil, "REST 241664"},
		{"prefix newer than the remote file", big, big[:300<<10], remoteTime.Add(time.Hour), JobDone, nil, "REST 241664"},
		// Under the 64 KiB overlap: half is checked, the rest skipped.
		{"small prefix", small, small[:1200], remoteTime.Add(time.Hour), JobDone, nil, "REST 600"},
		{"larger", small, testkit.Pattern(5000, 7), remoteTime.Add(time.Hour), JobFailed, ErrResumeLarger, ""},
		{"not a prefix", big, different, remoteTime.Add(time.Hour), JobFailed, ftpcore.ErrNotPrefix, "REST 241664"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := testkit.NewServer(t)
			testkit.PutFile(t, srv, "/pub/file.bin", tt.remote, remoteTime)
			dir := t.TempDir()
			local := filepath.Join(dir, "file.bin")
			testkit.WriteFile(t, local, tt.local, tt.localTime)
			r := newRig(t, srvMap(srv), Options{})
			ids := r.add(JobSpec{Kind: JobDownload, Src: Endpoint{"s", "/pub/file.bin"}, Dst: Endpoint{"", local},
				Size: int64(len(tt.remote)), ModTime: remoteTime, Overwrite: OverwriteResume})
			r.q.Start()
			r.wait(10 * time.Second)
			j := r.job(ids[0])
			if j.State != tt.wantState {
				t.Fatalf("state %v (%q), want %v", j.State, j.Err, tt.wantState)
			}
			cmds := srv.Commands()
			rest := slices.IndexFunc(cmds, func(c string) bool { return strings.HasPrefix(c, "REST ") })
			switch {
			case tt.wantREST == "" && rest >= 0:
				t.Errorf("sent %s: %q", cmds[rest], cmds)
			case tt.wantREST != "" && (rest < 0 || cmds[rest] != tt.wantREST):
				t.Errorf("want %s: %q", tt.wantREST, cmds)
			}
			if tt.wantErr == nil {
				testkit.SameBytes(t, "resumed file", testkit.ReadFile(t, local), tt.remote)
				return
			}
			if !strings.Contains(j.Err, strings.TrimPrefix(tt.wantErr.Error(), "ftp: ")) {
				t.Errorf("job error %q, want %q", j.Err, tt.wantErr)
			}
			testkit.SameBytes(t, "local file", testkit.ReadFile(t, local), tt.local)
			if _, err := os.Lstat(local + ftpcore.PartSuffix); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a .part is left: %v", err)
			}
		})
	}
}

// TestQueueResumeUpload: "Resume" onto a remote file larger than the local
// one fails and leaves it alone; onto its start, it sends the rest.
func TestQueueResumeUpload(t *testing.T) {
	data := testkit.Pattern(200<<10, 3)
	tests := []struct {
		name      string
		remote    []byte
		wantState JobState
		want      []byte
	}{
		{"larger", testkit.Pattern(300<<10, 5), JobFailed, testkit.Pattern(300<<10, 5)},
		{"prefix", data[:50<<10], JobDone, data},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := testkit.NewServer(t)
			testkit.PutFile(t, srv, "/pub/file.bin", tt.remote, time.Now())
			local := filepath.Join(t.TempDir(), "file.bin")
			testkit.WriteFile(t, local, data, time.Now())
			r := newRig(t, srvMap(srv), Options{})
			ids := r.add(JobSpec{Kind: JobUpload, Src: Endpoint{"", local}, Dst: Endpoint{"s", "/pub/file.bin"}, Overwrite: OverwriteResume})
			r.q.Start()
			r.wait(10 * time.Second)
			j := r.job(ids[0])
			if j.State != tt.wantState {
				t.Fatalf("state %v (%q), want %v", j.State, j.Err, tt.wantState)
			}
			if tt.wantState == JobFailed && j.Err != ErrResumeLarger.Error() {
				t.Errorf("job error %q", j.Err)
			}
			testkit.SameBytes(t, "remote file", testkit.GetFile(t, srv, "/pub/file.bin"), tt.want)
			if tt.wantState == JobDone && !slices.Contains(srv.Commands(), "REST 51200") {
				t.Errorf("not continued: %q", srv.Commands())
			}
		})
	}
}
