package queue

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// Queue runs transfer jobs: up to Workers at once, each on its own pooled
// session, with retries, overwrite rules, speed limits, coalesced events
// and persistence. All methods are safe for concurrent use; none blocks on
// the network (Close waits for the workers to stop).
type Queue struct {
	opt      Options
	pool     *sessionPool
	down, up *rateLimiter
	events   *eventHub
	saver    *stateSaver

	ctx    context.Context // ends at Close; parent of every job's context
	cancel context.CancelFunc
	wg     sync.WaitGroup // every goroutine the queue started
	jobsWG sync.WaitGroup // running jobs only
	wake   chan struct{}  // capacity 1: something may be runnable
	askMu  sync.Mutex     // one question to the user at a time

	mu       sync.Mutex
	jobs     []*jobEntry
	byID     map[int64]*jobEntry
	nextID   int64
	workers  int
	running  int
	started  bool
	paused   bool
	closed   bool
	defaults map[JobKind]OverwriteAction
	// answered holds the "apply to all" answers to the file-exists
	// question (ExistsAnswer.ApplyToAll): they stand for the rest of the
	// queue, and are forgotten once it has nothing left to do, when jobs
	// are added or retried (see forgetAnswersIfIdle).
	answered map[JobKind]OverwriteAction
	// fxpAll holds the FXP fallback answers given for all of a site
	// pair's jobs (FXPAnswer.ApplyToAll).
	fxpAll map[sitePair]FXPChoice
	wakes  uint64 // calls of Wake so far, see jobEntry.wakeSeen
}

// jobEntry is the queue's own record of a job; q.mu guards it.
type jobEntry struct {
	Job
	root      string             // local folder nothing may be written outside of
	depth     int                // folder levels below the job queued by the caller
	unique    string             // a folder's MLSD unique fact, when known
	cancel    context.CancelFunc // set while active
	stop      error              // why cancel was called
	notBefore time.Time          // retry backoff
	wrote     bool               // an upload attempt reached the server's file
	meter     speedMeter
	wakeSeen  uint64 // q.wakes when the attempt started
	busyTries int    // 421s at connect with the site's limit already at one
	// fxpChoice is the user's answer about an FXP the servers could
	// not make, once fxpDecided.
	fxpChoice  FXPChoice
	fxpDecided bool
}

// errPaused and errClosing say why an active job's context was cancelled.
var (
	errPaused  = errors.New("paused")
	errClosing = errors.New("queue closing")
)

// New creates a queue and restores the jobs saved at opt.StatePath,
// if any: jobs that were active become queued again and resume from their
// .part files. The queue does not run jobs until Start. When the saved
// file is unreadable, it is moved aside and New returns a usable,
// empty queue together with a *CorruptError to show the user.
func New(opt Options) (*Queue, error) {
	if opt.Workers <= 0 {
		opt.Workers = DefaultWorkers
	}
	opt.Workers = min(opt.Workers, MaxWorkers)
	if opt.Retries == 0 {
		opt.Retries = DefaultRetries
	}
	opt.Retries = max(opt.Retries, 0)
	if opt.RetryDelay <= 0 {
		opt.RetryDelay = DefaultRetryDelay
	}
	if opt.EventInterval <= 0 {
		opt.EventInterval = DefaultEventInterval
	}
	ctx, cancel := context.WithCancel(context.Background())
	q := &Queue{
		opt:      opt,
		down:     newRateLimiter(opt.DownloadLimit),
		up:       newRateLimiter(opt.UploadLimit),
		ctx:      ctx,
		cancel:   cancel,
		wake:     make(chan struct{}, 1),
		byID:     map[int64]*jobEntry{},
		nextID:   1,
		workers:  opt.Workers,
		defaults: map[JobKind]OverwriteAction{},
		answered: map[JobKind]OverwriteAction{},
		fxpAll:   map[sitePair]FXPChoice{},
	}
	for k, a := range opt.DefaultOverwrite {
		q.defaults[k] = a
	}
	q.pool = newSessionPool(opt, q.kick)
	q.events = newEventHub(q, opt.OnEvent, opt.EventInterval)
	q.saver = newStateSaver(q, opt.StatePath)
	loadErr := q.saver.load()
	q.wg.Add(4)
	go func() { defer q.wg.Done(); q.schedule() }()
	go func() { defer q.wg.Done(); q.pool.janitor(ctx) }()
	go func() { defer q.wg.Done(); q.events.run(ctx) }()
	go func() { defer q.wg.Done(); q.saver.run(ctx) }()
	return q, loadErr
}

// kick wakes the scheduler without blocking.
func (q *Queue) kick() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// changed records that a job changed; q.mu must be held.
func (q *Queue) changed(e *jobEntry) {
	// Every change of state passes here, so this is where a job learns
	// when it ended (what the Successful and Failed tabs show).
	switch {
	case !e.State.Finished():
		e.Finished = time.Time{}
	case e.Finished.IsZero():
		e.Finished = time.Now()
	}
	q.events.touch(e.ID)
	q.saver.dirty()
}

// Start lets the queue run jobs. Before Start, jobs can be added and
// arranged but none runs, so that the app can show a restored queue first.
func (q *Queue) Start() {
	q.mu.Lock()
	q.started = true
	q.mu.Unlock()
	q.kick()
}

// Pause stops every active job (keeping its .part file for later) and
// starts no new one until Resume. Stopped jobs become JobPaused.
func (q *Queue) Pause() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.paused = true
	for _, e := range q.jobs {
		if e.State == JobActive && e.cancel != nil {
			if e.stop == nil { // a Cancel already under way wins
				e.stop = errPaused
			}
			e.cancel()
		}
	}
}

// Resume undoes Pause: paused jobs are queued again and jobs start.
func (q *Queue) Resume() {
	q.mu.Lock()
	q.paused = false
	for _, e := range q.jobs {
		if e.State == JobPaused {
			e.State = JobQueued
			q.changed(e)
		}
	}
	q.mu.Unlock()
	q.kick()
}

// Paused reports whether Pause is in force.
func (q *Queue) Paused() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.paused
}

// Cancel stops a job: an active one is interrupted, a waiting one will
// not run. It ends JobFailed with the message "cancelled" and can be
// retried. Unknown or finished jobs are left alone.
func (q *Queue) Cancel(id int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e := q.byID[id]
	if e == nil || e.State.Finished() {
		return
	}
	if e.State == JobActive && e.cancel != nil {
		e.stop = ErrJobCancelled
		e.cancel()
		return
	}
	e.State, e.Err = JobFailed, ErrJobCancelled.Error()
	q.changed(e)
}

// Retry queues a failed, skipped or waiting job again, with a fresh count
// of attempts.
func (q *Queue) Retry(id int64) {
	q.mu.Lock()
	if e := q.byID[id]; e != nil && (e.State == JobFailed || e.State == JobSkipped || e.State == JobWaiting) {
		q.requeue(e)
	}
	q.mu.Unlock()
	q.kick()
}

// RetryFailed queues every failed job again.
func (q *Queue) RetryFailed() {
	q.mu.Lock()
	for _, e := range q.jobs {
		if e.State == JobFailed {
			q.requeue(e)
		}
	}
	q.mu.Unlock()
	q.kick()
}

func (q *Queue) requeue(e *jobEntry) {
	q.forgetAnswersIfIdle()
	e.State, e.Err, e.Attempts, e.notBefore = JobQueued, "", 0, time.Time{}
	q.changed(e)
}

// Move moves a job delta places (negative is towards the front), within
// the queue's bounds.
func (q *Queue) Move(id int64, delta int) {
	q.mu.Lock()
	i := q.indexOf(id)
	q.mu.Unlock()
	if i >= 0 {
		q.MoveTo(id, i+delta)
	}
}

// MoveTo moves a job to position index (0 is the front), clamped to the
// queue's bounds. Order decides which waiting job starts next.
func (q *Queue) MoveTo(id int64, index int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	i := q.indexOf(id)
	if i < 0 {
		return
	}
	e := q.jobs[i]
	q.jobs = slices.Delete(q.jobs, i, i+1)
	index = min(max(index, 0), len(q.jobs))
	q.jobs = slices.Insert(q.jobs, index, e)
	q.events.reorder()
	q.saver.dirty()
}

// indexOf finds a job's position; q.mu must be held.
func (q *Queue) indexOf(id int64) int {
	return slices.IndexFunc(q.jobs, func(e *jobEntry) bool { return e.ID == id })
}

// Remove takes a job out of the queue, stopping it first if active. Its
// .part file, if any, is left on disk.
func (q *Queue) Remove(id int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	e := q.byID[id]
	if e == nil {
		return
	}
	if e.State == JobActive && e.cancel != nil {
		e.stop = ErrJobCancelled
		e.cancel()
	}
	q.drop(e)
}

// drop removes an entry from the list; q.mu must be held. A running job's
// goroutine finds it gone and only gives its sessions back.
func (q *Queue) drop(e *jobEntry) {
	if i := q.indexOf(e.ID); i >= 0 {
		q.jobs = slices.Delete(q.jobs, i, i+1)
	}
	delete(q.byID, e.ID)
	q.events.remove(e.ID)
	q.saver.dirty()
}

// ClearFinished removes every done and skipped job; failed ones stay so
// that they can be retried.
func (q *Queue) ClearFinished() {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, e := range slices.Clone(q.jobs) {
		if e.State == JobDone || e.State == JobSkipped {
			q.drop(e)
		}
	}
}

// Jobs returns snapshots of all jobs in queue order.
func (q *Queue) Jobs() []Job {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make([]Job, len(q.jobs))
	for i, e := range q.jobs {
		out[i] = e.snapshot()
	}
	return out
}

// Job returns one job's snapshot.
func (q *Queue) Job(id int64) (Job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if e := q.byID[id]; e != nil {
		return e.snapshot(), true
	}
	return Job{}, false
}

// snapshot copies the public part, with speed figures only while active.
func (e *jobEntry) snapshot() Job {
	j := e.Job
	if j.State != JobActive {
		j.Speed, j.ETA = 0, 0
	}
	return j
}

// SetLimits changes the download and upload speed limits (bytes per
// second, 0 = none); running transfers follow at once.
func (q *Queue) SetLimits(download, upload int64) {
	q.down.setRate(download)
	q.up.setRate(upload)
}

// SetWorkers changes how many jobs run at once (clamped to 1 to
// MaxWorkers). Lowering it lets running jobs finish.
func (q *Queue) SetWorkers(n int) {
	q.mu.Lock()
	q.workers = min(max(n, 1), MaxWorkers)
	q.mu.Unlock()
	q.kick()
}

// SiteLimit returns a site's current connection limit, which a 421 "too
// many connections" may have lowered.
func (q *Queue) SiteLimit(site string) int { return q.pool.limit(site) }

// Close stops the queue: active jobs are interrupted and saved as queued
// (their .part files let the next run resume them), pooled sessions say
// QUIT, a last event is sent and the state is saved. It waits for every
// goroutine the queue started, or until ctx ends.
func (q *Queue) Close(ctx context.Context) error {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return ErrClosed
	}
	q.closed = true
	for _, e := range q.jobs {
		if e.State == JobActive && e.cancel != nil {
			if e.stop == nil {
				e.stop = errClosing
			}
			e.cancel()
		}
	}
	q.mu.Unlock()

	done := make(chan struct{})
	go func() {
		q.jobsWG.Wait()
		q.cancel()
		q.wg.Wait()
		close(done)
	}()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		q.cancel()
		err = fmt.Errorf("close the transfer queue: %w", ctx.Err())
	}
	q.pool.close()
	q.events.flush()
	if serr := q.saver.save(); serr != nil {
		err = errors.Join(err, serr)
	}
	return err
}

// Add queues jobs and returns their IDs in order. A folder spec becomes a
// folder job, expanded when it runs. Specs are checked all first: on
// error nothing is added.
func (q *Queue) Add(specs ...JobSpec) ([]int64, error) {
	roots := make([]string, len(specs))
	notes := make([]jobNote, len(specs))
	specs = slices.Clone(specs)
	for i := range specs {
		notes[i] = q.mapTopLevel(&specs[i])
		sp := specs[i]
		if err := checkSpec(sp); err != nil {
			return nil, err
		}
		switch {
		case sp.Kind == JobDownload:
			root, err := downloadRoot(sp)
			if err != nil {
				return nil, err
			}
			roots[i] = root
		case sp.Kind == JobUpload && sp.IsDir:
			roots[i] = filepath.Clean(sp.Src.Path)
		}
	}
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return nil, ErrClosed
	}
	q.forgetAnswersIfIdle()
	ids := make([]int64, 0, len(specs))
	now := time.Now()
	for i, sp := range specs {
		e := q.newEntry(sp, 0, now)
		e.root = roots[i]
		notes[i].apply(&e.Job)
		q.jobs = append(q.jobs, e)
		q.byID[e.ID] = e
		q.changed(e)
		ids = append(ids, e.ID)
	}
	q.mu.Unlock()
	q.kick()
	return ids, nil
}

// forgetAnswersIfIdle forgets the "apply to all" answers when no job is
// left to run (queued, running, paused or waiting for its server): jobs
// added or retried now start a new queue, whose existing files are asked
// about again. q.mu must be held.
func (q *Queue) forgetAnswersIfIdle() {
	for _, e := range q.jobs {
		switch e.State {
		case JobQueued, JobActive, JobPaused, JobWaiting:
			return
		}
	}
	clear(q.answered)
}

// newEntry builds a queued job with a fresh ID; q.mu must be held.
func (q *Queue) newEntry(sp JobSpec, parent int64, now time.Time) *jobEntry {
	size := sp.Size
	if size <= 0 && !sp.IsDir {
		size = -1
	}
	e := &jobEntry{Job: Job{
		ID: q.nextID, Parent: parent, Kind: sp.Kind, Src: sp.Src, Dst: sp.Dst,
		IsDir: sp.IsDir, Size: size, ModTime: sp.ModTime, Type: sp.Type,
		Overwrite: sp.Overwrite, State: JobQueued, Added: now,
	}}
	q.nextID++
	return e
}

// checkSpec refuses a spec whose ends do not fit its kind.
func checkSpec(sp JobSpec) error {
	bad := func(why string) error {
		return fmt.Errorf("%w: %s %s -> %s: %s", ErrInvalidJob, sp.Kind, sp.Src, sp.Dst, why)
	}
	if sp.Src.Path == "" || sp.Dst.Path == "" {
		return bad("empty path")
	}
	switch sp.Kind {
	case JobDownload:
		if sp.Src.Local() || !sp.Dst.Local() {
			return bad("a download goes from a site to the local disk")
		}
	case JobUpload:
		if !sp.Src.Local() || sp.Dst.Local() {
			return bad("an upload goes from the local disk to a site")
		}
	case JobFXP:
		if sp.Src.Local() || sp.Dst.Local() {
			return bad("FXP goes between two sites")
		}
	default:
		return bad("unknown kind")
	}
	if sp.Overwrite > OverwriteSkip {
		return bad("unknown overwrite action")
	}
	return nil
}
