package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/internal/atomicfile"
)

// queueStateVersion is written in the state file; a newer one is refused
// rather than misread.
const queueStateVersion = 1

// saveDebounce is how long changes gather before the state is written.
const saveDebounce = time.Second

// queueState is the state file's content. It holds site keys, never
// passwords.
type queueState struct {
	Version int          `json:"version"`
	NextID  int64        `json:"next_id"`
	Jobs    []savedJob   `json:"jobs"`
	Saved   time.Time    `json:"saved"`
	Extra   *savedExtras `json:"extra,omitempty"`
}

// savedExtras is room for later fields without a version change.
type savedExtras struct{}

// savedJob is one job as stored.
type savedJob struct {
	ID        int64     `json:"id"`
	Parent    int64     `json:"parent,omitempty"`
	Kind      string    `json:"kind"`
	SrcSite   string    `json:"src_site,omitempty"`
	SrcPath   string    `json:"src"`
	DstSite   string    `json:"dst_site,omitempty"`
	DstPath   string    `json:"dst"`
	Root      string    `json:"root,omitempty"`
	IsDir     bool      `json:"dir,omitempty"`
	Size      int64     `json:"size"`
	ModTime   time.Time `json:"mtime,omitzero"`
	Type      string    `json:"type"`
	Overwrite string    `json:"overwrite"`
	State     string    `json:"state"`
	Done      int64     `json:"done,omitempty"`
	Err       string    `json:"error,omitempty"`
	Attempts  int       `json:"attempts,omitempty"`
	Added     time.Time `json:"added"`
	Started   time.Time `json:"started,omitzero"`
	Finished  time.Time `json:"finished,omitzero"`
}

// stateSaver writes the queue to its state file, atomically, a short
// while after changes and on Close.
type stateSaver struct {
	q      *Queue
	path   string
	signal chan struct{}
	saveMu sync.Mutex // one write at a time
}

func newStateSaver(q *Queue, path string) *stateSaver {
	return &stateSaver{q: q, path: path, signal: make(chan struct{}, 1)}
}

// dirty asks for a save soon.
func (s *stateSaver) dirty() {
	if s.path == "" {
		return
	}
	select {
	case s.signal <- struct{}{}:
	default:
	}
}

// run saves after each burst of changes until ctx ends.
func (s *stateSaver) run(ctx context.Context) {
	if s.path == "" {
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.signal:
		}
		t := time.NewTimer(saveDebounce)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		// A failed save is retried at the next change and at Close,
		// which reports it.
		_ = s.save()
	}
}

// save writes the current queue.
func (s *stateSaver) save() error {
	if s.path == "" {
		return nil
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	st := queueState{Version: queueStateVersion, Saved: time.Now().UTC()}
	s.q.mu.Lock()
	st.NextID = s.q.nextID
	for _, e := range s.q.jobs {
		st.Jobs = append(st.Jobs, encodeJob(e))
	}
	s.q.mu.Unlock()
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("save the transfer queue: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("save the transfer queue: %w", err)
	}
	if err := atomicfile.WriteFile(s.path, data); err != nil {
		return fmt.Errorf("save the transfer queue to %s: %w", s.path, err)
	}
	return nil
}

func encodeJob(e *jobEntry) savedJob {
	state := e.State
	if state == JobActive {
		state = JobQueued // interrupted: runs again, from its .part
	}
	return savedJob{
		ID: e.ID, Parent: e.Parent, Kind: e.Kind.String(),
		SrcSite: e.Src.Site, SrcPath: e.Src.Path, DstSite: e.Dst.Site, DstPath: e.Dst.Path,
		Root: e.root, IsDir: e.IsDir, Size: e.Size, ModTime: e.ModTime,
		Type: e.Type.String(), Overwrite: e.Overwrite.String(), State: state.String(),
		Done: e.Done, Err: e.Err, Attempts: e.Attempts, Added: e.Added,
		Started: e.Started, Finished: e.Finished,
	}
}

// load restores the saved jobs. A missing file is an empty queue; an
// unreadable one is moved aside, never overwritten, and reported.
func (s *stateSaver) load() error {
	if s.path == "" {
		return nil
	}
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var st queueState
	if err == nil {
		err = json.Unmarshal(data, &st)
	}
	if err == nil && st.Version != queueStateVersion {
		err = fmt.Errorf("unknown version %d", st.Version)
	}
	var entries []*jobEntry
	if err == nil {
		entries, err = decodeJobs(st.Jobs)
	}
	if err != nil {
		aside := s.path + ".corrupt-" + time.Now().UTC().Format("20060102T150405.000Z")
		if rerr := os.Rename(s.path, aside); rerr != nil {
			// It cannot be moved: do not let a save replace it either.
			p := s.path
			s.path = ""
			return &CorruptError{Path: p, MovedTo: "(not moved: " + rerr.Error() + ")", Err: err}
		}
		return &CorruptError{Path: s.path, MovedTo: aside, Err: err}
	}
	partProgress(entries)
	q := s.q
	q.mu.Lock()
	defer q.mu.Unlock()
	q.nextID = max(st.NextID, 1)
	for _, e := range entries {
		q.jobs = append(q.jobs, e)
		q.byID[e.ID] = e
		q.nextID = max(q.nextID, e.ID+1)
	}
	return nil
}

func decodeJobs(saved []savedJob) ([]*jobEntry, error) {
	out := make([]*jobEntry, 0, len(saved))
	seen := map[int64]bool{}
	for i, sj := range saved {
		kind, ok := parseName(sj.Kind, JobDownload, JobFXP, JobKind.String)
		state, ok2 := parseName(sj.State, JobQueued, JobWaiting, JobState.String)
		typ, ok3 := parseName(sj.Type, ftpcore.TypeAuto, ftpcore.TypeBinary, ftpcore.TransferType.String)
		ow, err := ParseOverwriteAction(sj.Overwrite)
		if !ok || !ok2 || !ok3 || err != nil || sj.ID <= 0 || seen[sj.ID] {
			return nil, fmt.Errorf("job %d (entry %d) is malformed", sj.ID, i+1)
		}
		seen[sj.ID] = true
		spec := JobSpec{Kind: kind, Src: Endpoint{sj.SrcSite, sj.SrcPath}, Dst: Endpoint{sj.DstSite, sj.DstPath}, IsDir: sj.IsDir}
		if err := checkSpec(spec); err != nil {
			return nil, fmt.Errorf("job %d: %w", sj.ID, err)
		}
		if kind == JobDownload && sj.Root == "" {
			return nil, fmt.Errorf("job %d: no destination folder", sj.ID)
		}
		root := sj.Root
		if kind == JobUpload && !ftpcore.PathWithin(root, sj.SrcPath) {
			root = "" // links are then followed within each folder only
		}
		if state == JobActive {
			state = JobQueued
		}
		out = append(out, &jobEntry{root: root, Job: Job{
			ID: sj.ID, Parent: sj.Parent, Kind: kind, Src: spec.Src, Dst: spec.Dst,
			IsDir: sj.IsDir, Size: sj.Size, ModTime: sj.ModTime, Type: typ, Overwrite: ow,
			State: state, Done: sj.Done, Err: sj.Err, Attempts: sj.Attempts, Added: sj.Added,
			Started: sj.Started, Finished: sj.Finished,
		}})
	}
	return out, nil
}

// parseName finds the value in [lo, hi] whose name is s.
func parseName[T ~uint8](s string, lo, hi T, name func(T) string) (T, bool) {
	for v := lo; v <= hi; v++ {
		if name(v) == s {
			return v, true
		}
	}
	return lo, false
}
