package queue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/internal/atomicfile"
	"ferry/ftpcore/listing"
)

// This file holds the transfer queue's public vocabulary. The Queue type
// and its methods are in queue_control.go; workers, folder expansion,
// events and persistence each have their own queue_*.go file; sessions per
// site come from pool.go, the destination-exists rules from overwrite.go
// and speed limits from ratelimit.go.
//
// The queue turns the user's drags and clicks into jobs that finish
// whatever happens on the way: N jobs run at once, each on a session of its
// own taken from a per-site pool (never a pane's browsing session);
// temporary failures are retried with backoff and resumed with REST;
// downloads go through "name.part" and uploads, when TempUpload is set,
// through a temporary remote name; local paths built from server names are
// checked so that nothing is written outside the chosen destination; the
// list of jobs is saved atomically and restored at the next start.

// JobKind says which way a job moves data.
type JobKind uint8

// The kinds of jobs.
const (
	// JobDownload copies a remote file (or folder tree) to the local disk.
	JobDownload JobKind = iota
	// JobUpload copies a local file (or folder tree) to a server.
	JobUpload
	// JobFXP copies between two servers, the data going from one to the
	// other directly (see FXP).
	JobFXP
)

// String returns "download", "upload" or "fxp".
func (k JobKind) String() string {
	switch k {
	case JobUpload:
		return "upload"
	case JobFXP:
		return "fxp"
	}
	return "download"
}

// JobState is where a job stands.
type JobState uint8

// The states of a job. Queued and Paused jobs wait; Active runs; Done,
// Failed and Skipped are final until Retry. Waiting jobs wait for the
// user to connect to one of their servers again (see Queue.Wake).
const (
	JobQueued JobState = iota
	JobActive
	JobPaused
	JobDone
	JobFailed
	JobSkipped
	// JobWaiting is a job whose server Options.Resolve could not
	// give (ErrSiteUnavailable): a quick connection restored from an
	// earlier run, say, whose password was never saved. It neither runs
	// nor uses up retries until Queue.Wake names one of its sites.
	JobWaiting
)

// String returns "queued", "active", "paused", "done", "failed",
// "skipped" or "waiting".
func (s JobState) String() string {
	switch s {
	case JobWaiting:
		return "waiting"
	case JobActive:
		return "active"
	case JobPaused:
		return "paused"
	case JobDone:
		return "done"
	case JobFailed:
		return "failed"
	case JobSkipped:
		return "skipped"
	}
	return "queued"
}

// Finished reports whether the state is final (done, failed or skipped).
func (s JobState) Finished() bool { return s == JobDone || s == JobFailed || s == JobSkipped }

// OverwriteAction says what to do when a job's destination file exists.
type OverwriteAction uint8

// The overwrite actions. The zero value, OverwriteDefault, stands for the
// direction's default (Options.DefaultOverwrite) in a JobSpec.
const (
	// OverwriteDefault defers to Options.DefaultOverwrite for the
	// job's kind, which itself defaults to OverwriteAsk.
	OverwriteDefault OverwriteAction = iota
	// OverwriteAsk asks Options.Ask, showing both files' sizes and
	// dates; the answer may apply to every later question of that kind.
	OverwriteAsk
	// Overwrite replaces the destination (only once the new data is
	// complete: the old file stays intact until then).
	Overwrite
	// OverwriteIfNewer replaces the destination when the source is newer,
	// at the precision both dates share; otherwise the job is skipped.
	// Unknown dates count as newer.
	OverwriteIfNewer
	// OverwriteIfSizeDiffers replaces the destination when the sizes
	// differ (or either is unknown); otherwise the job is skipped. The
	// sizes are as stored on each side, also for a text transfer: equal
	// ones are left alone, different ones (which line ends converted
	// may explain) count as differing, since nothing tells them apart.
	OverwriteIfSizeDiffers
	// OverwriteResume treats the destination as the start of the source
	// and sends the rest (binary only; ASCII jobs start again). A
	// destination as large as the source is left alone; a larger one
	// fails the job with ErrResumeLarger, as does (for a download) one
	// that differs from the source where the resume checks them
	// (ftpcore.ErrNotPrefix): either is left as it was.
	OverwriteResume
	// OverwriteRename writes to a free name beside the destination:
	// "name (1).ext", "name (2).ext", ...
	OverwriteRename
	// OverwriteSkip leaves the destination alone and marks the job skipped.
	OverwriteSkip
)

// String names the action as a settings file or a command line would.
func (a OverwriteAction) String() string {
	switch a {
	case OverwriteAsk:
		return "ask"
	case Overwrite:
		return "overwrite"
	case OverwriteIfNewer:
		return "if-newer"
	case OverwriteIfSizeDiffers:
		return "if-size-differs"
	case OverwriteResume:
		return "resume"
	case OverwriteRename:
		return "rename"
	case OverwriteSkip:
		return "skip"
	}
	return "default"
}

// ParseOverwriteAction reads a name written by OverwriteAction.String.
func ParseOverwriteAction(s string) (OverwriteAction, error) {
	for a := OverwriteDefault; a <= OverwriteSkip; a++ {
		if a.String() == s {
			return a, nil
		}
	}
	return OverwriteDefault, fmt.Errorf("unknown overwrite action %q", s)
}

// Endpoint is one end of a job: a path on the local disk (Site "") or on
// a server. Site is a key that Options.Resolve turns into a Config:
// the app passes a saved site's ID, or for a quick connection a key such
// as "ftp://user@host:port" (never a password: keys are persisted).
// Remote paths should be absolute; a relative one is taken from the login
// directory.
type Endpoint struct {
	Site string
	Path string
}

// Local reports whether the endpoint is on the local disk.
func (e Endpoint) Local() bool { return e.Site == "" }

// String returns "path" or "site:path", for messages.
func (e Endpoint) String() string {
	if e.Site == "" {
		return e.Path
	}
	return e.Site + ":" + e.Path
}

// JobSpec is what the caller asks for: a file or a folder to copy. A
// download's Src is remote and Dst local, an upload's the other way, an
// FXP's both remote. Dst is the full destination path (not the folder
// holding it). A folder (IsDir) becomes a folder job that, when run,
// creates the destination folder and queues one job per entry right after
// itself, so folders are always created before their files.
type JobSpec struct {
	Kind  JobKind
	Src   Endpoint
	Dst   Endpoint
	IsDir bool
	// Size is the source's size when known (-1 or 0 when not); it saves a
	// SIZE round trip and drives the progress figures.
	Size int64
	// ModTime is the source's modification time when known; it saves an
	// MDTM round trip for OverwriteIfNewer.
	ModTime time.Time
	// Type forces ASCII or binary; TypeAuto follows the site's settings
	// and the file name.
	Type ftpcore.TransferType
	// Overwrite is the action when the destination exists;
	// OverwriteDefault uses the direction's default.
	Overwrite OverwriteAction
	// Root, for a download, is the local folder the user chose: nothing
	// is written outside it, and the folders between it and Dst must be
	// real folders, not links. A Dst that a hostile name joined to Root
	// carried elsewhere ("../x") is refused by Add. Empty means Dst's
	// folder (Dst itself for a folder job). A folder upload's root is its
	// Src, set by Add: links inside it are followed only to files within.
	Root string
}

// Job is a snapshot of one queued transfer, as Queue.Jobs and Event
// give it. It is a plain value: changing it changes nothing in the queue.
type Job struct {
	ID int64
	// Parent is the folder job that created this one, or 0.
	Parent    int64
	Kind      JobKind
	Src, Dst  Endpoint
	IsDir     bool
	Size      int64 // bytes, -1 when unknown
	ModTime   time.Time
	Type      ftpcore.TransferType
	Overwrite OverwriteAction
	State     JobState
	Done      int64         // bytes transferred so far, resume offset included
	Speed     float64       // bytes per second, smoothed; 0 unless active
	ETA       time.Duration // 0 when unknown or not active
	// Err is the last failure's message (the server's own words for a
	// reply), why the job was skipped, or which server a waiting job
	// waits for; "" otherwise.
	Err string
	// Note is what the queue did on its own that the user should know:
	// a stale .part restarted, a name changed for the local disk.
	Note string
	// NoteID identifies the note for a window to translate, with its
	// arguments; "" when there is no note.
	NoteID   NoteID
	NoteArgs NoteArgs
	// Attempts counts the tries so far, retries included; one that found
	// its server unavailable (JobWaiting) does not count.
	Attempts int
	// Added is when the job entered the queue.
	Added time.Time
	// Started is when its latest attempt began; zero if it never ran.
	Started time.Time
	// Finished is when it ended done, failed or skipped; zero until then
	// and again once it is queued anew.
	Finished time.Time
}

// FileInfo is what an overwrite question or rule knows of a file.
type FileInfo struct {
	Exists    bool
	Size      int64 // -1 when unknown
	ModTime   time.Time
	Precision listing.TimePrecision
}

// ExistsQuestion is put to Options.Ask when a job's destination
// exists and its action is OverwriteAsk.
type ExistsQuestion struct {
	Job      Job
	Src, Dst FileInfo
	// ASCII says the transfer is a text one (TYPE A), whose line ends may
	// be converted: the sizes are each side's as stored, and the same
	// text can differ in size where the two sides end lines differently.
	// "Overwrite if the size differs" still leaves equal sizes alone.
	ASCII bool
}

// ExistsAnswer is the user's reply to an ExistsQuestion. Action must not
// be OverwriteDefault or OverwriteAsk (either counts as OverwriteSkip).
// ApplyToAll makes the action the default of that job kind for the rest of
// the queue, so that no further question of that kind is asked until the
// queue has nothing left to run (queued, running, paused or waiting);
// jobs added or retried after that are asked about again.
type ExistsAnswer struct {
	Action     OverwriteAction
	ApplyToAll bool
}

// Totals sums up the queue for a status bar.
type Totals struct {
	Queued, Active, Paused, Done, Failed, Skipped int
	// Waiting counts the JobWaiting jobs, which are not in Queued.
	Waiting int
	// Bytes is the known size of all file jobs not skipped or failed;
	// BytesDone how much of it has moved.
	Bytes, BytesDone int64
	// Speed is the sum of the active jobs' speeds, in bytes per second.
	Speed float64
	// ETA is the time left at that speed, 0 when unknown.
	ETA time.Duration
}

// Event tells observers what changed since the last event. Jobs
// holds the latest snapshot of each changed job, in queue order; Removed
// the IDs of jobs that left the queue; Reordered is set when jobs moved,
// in which case the observer should re-read Queue.Jobs for the order.
type Event struct {
	Jobs      []Job
	Removed   []int64
	Reordered bool
	Totals    Totals
}

// Defaults and bounds of Options.
const (
	DefaultWorkers    = 2
	MaxWorkers        = 10
	DefaultRetries    = 2
	DefaultRetryDelay = 5 * time.Second
	DefaultSiteLimit  = 2
	DefaultIdleClose  = 60 * time.Second
	// DefaultEventInterval is how often at most OnEvent is called.
	DefaultEventInterval = 150 * time.Millisecond
	// MaxTreeDepth is how many folder levels below the one queued a folder
	// job follows.
	MaxTreeDepth = 100
)

// Options configure a Queue. Zero fields take the documented
// defaults; the functions are called from queue goroutines, possibly
// several at once, and must be safe for that.
type Options struct {
	// Workers is how many jobs run at once: 1 to MaxWorkers, default
	// DefaultWorkers.
	Workers int
	// Retries is how many times a temporary failure (4xx, timeout, dropped
	// connection) is retried; default DefaultRetries, negative means none.
	Retries int
	// RetryDelay is the wait before the first retry, doubled for each
	// further one; default DefaultRetryDelay.
	RetryDelay time.Duration
	// Resolve turns a site key into a Config, password included. It is
	// required for any job with a remote end. An error matching
	// ErrSiteUnavailable (the server is known but cannot be reached
	// without the user, who has to connect to it first) makes the job
	// JobWaiting instead of failing it; Queue.Wake runs it again.
	Resolve func(ctx context.Context, site string) (ftpcore.Config, error)
	// SiteLimit gives a site's maximum number of connections; nil or a
	// value below 1 means DefaultSiteLimit. A 421 "too many connections"
	// lowers the limit for the rest of the run.
	SiteLimit func(site string) int
	// RelayOnly reports whether copies with a site must go through this
	// computer, never server to server: an FXP job with such a site, at
	// either end, relays from the start. Called without the queue's lock;
	// nil means none.
	RelayOnly func(site string) bool
	// Ask decides about an existing destination when the action is
	// OverwriteAsk. It blocks until the user answers (the queue puts one
	// question at a time) and must return when ctx is cancelled. Nil
	// skips such jobs.
	Ask func(ctx context.Context, q ExistsQuestion) (ExistsAnswer, error)
	// DefaultOverwrite is each kind's action for jobs whose spec says
	// OverwriteDefault; a missing kind means OverwriteAsk.
	DefaultOverwrite map[JobKind]OverwriteAction
	// TempUpload uploads to "<name>.part" and renames it with RNFR/RNTO
	// once complete, so that a failed upload never replaces a good file.
	TempUpload bool
	// FXPRelay says whether an FXP job the servers refuse may be relayed
	// through this machine (see FXPOptions.Relay). With RelayAsk, AskFXP
	// decides (nil counts as RelayNever). SetFXPRelay changes it.
	FXPRelay ftpcore.RelayMode
	// AskFXP decides, when FXPRelay is RelayAsk, what becomes of an FXP
	// job whose servers cannot copy between themselves: relay it, copy it
	// with clear data between the servers, or fail it. It blocks until
	// the user answers (one question at a time, shared with Ask) and must
	// return when ctx is cancelled.
	AskFXP func(ctx context.Context, q FXPQuestion) (FXPAnswer, error)
	// DownloadLimit and UploadLimit cap the bytes per second of all
	// downloads together and all uploads together; 0 means no limit.
	DownloadLimit, UploadLimit int64
	// StatePath is the JSON file the queue is saved to and restored from;
	// "" keeps the queue in memory only.
	StatePath string
	// OnEvent is told about changes, coalesced to at most one call per
	// EventInterval. It is called from a single queue goroutine and must
	// not block.
	OnEvent func(Event)
	// EventInterval is the coalescing period; default DefaultEventInterval.
	EventInterval time.Duration
	// IdleClose closes pooled sessions unused for this long; default
	// DefaultIdleClose.
	IdleClose time.Duration
	// Dial opens a session; nil means Dial. Tests inject their own.
	Dial func(ctx context.Context, cfg ftpcore.Config) (*ftpcore.Session, error)
	// Names says whether server names Windows cannot store are mapped to
	// look-alikes on download and back on upload (ftpcore.WindowsName);
	// the default, NamesAuto, maps them on Windows only.
	Names NameMapping
	// WrapLocalWriter, when set, wraps every local file a download writes;
	// tests use it to inject a full disk.
	WrapLocalWriter func(w io.Writer) io.Writer
}

// NameMapping chooses how file names cross between a server and the
// local disk.
type NameMapping int

// The name mappings.
const (
	// NamesAuto maps names Windows cannot store when running on Windows,
	// and keeps every name as it is elsewhere.
	NamesAuto NameMapping = iota
	// NamesWindows always maps them, as for a Windows disk.
	NamesWindows
	// NamesAsIs never maps a name.
	NamesAsIs
)

// Errors a job can fail with, to be tested with errors.Is.
var (
	// ErrUnsafePath is returned when a name from a server would put a
	// local file outside the chosen destination ("..", "/", "\" ...).
	ErrUnsafePath = errors.New("unsafe file name from the server")
	// ErrDiskFull is returned when the local disk has no room left; the
	// destination's previous content is intact.
	ErrDiskFull = errors.New("the local disk is full")
	// ErrFolderLoop is the failure of a folder the server shows again
	// inside itself (the same MLSD "unique" fact as one of its parents).
	ErrFolderLoop = errors.New("the folder is one of its own parents (a loop on the server); not followed")
	// ErrTreeTooDeep is the failure of a folder deeper than MaxTreeDepth.
	ErrTreeTooDeep = fmt.Errorf("the folder tree is more than %d levels deep (a loop on the server?); not followed", MaxTreeDepth)
	// ErrLinkNotFollowed is the reason of a symbolic link to a folder that
	// a folder upload skips (one to a file outside the uploaded folder is
	// skipped with ftpcore.ErrLinkOutside).
	ErrLinkNotFollowed = errors.New("a symbolic link to a folder, not followed")
	// ErrJobCancelled is the error of a job stopped with Queue.Cancel.
	ErrJobCancelled = errors.New("cancelled")
	// ErrClosed is returned by calls on a closed Queue.
	ErrClosed = errors.New("the transfer queue is closed")
	// ErrDestinationExists is the reason of a job skipped because its
	// destination exists and nobody could be asked.
	ErrDestinationExists = errors.New("the destination exists")
	// ErrResumeLarger is the failure of a job told to resume onto a
	// destination larger than its source: that cannot be the start of
	// the source, and it is neither complete nor replaced unless the user
	// chooses to overwrite it.
	ErrResumeLarger = errors.New("the destination is larger than the source, so it cannot be resumed; choose Overwrite to replace it")
	// ErrInvalidJob is returned by Queue.Add for a spec whose ends do not
	// fit its kind (a download from the local disk, an empty path, ...).
	ErrInvalidJob = errors.New("invalid transfer job")
	// ErrSiteUnavailable is for Options.Resolve to return (wrapped
	// or not) when it cannot give a site's Config until the user connects
	// to it: the job waits (JobWaiting) rather than fails.
	ErrSiteUnavailable = errors.New("not connected to the server in this session")
	// ErrCorrupt is matched by errors.Is for a *CorruptError.
	ErrCorrupt = errors.New("the saved transfer queue is unreadable")
)

// CorruptError reports a state file New could not read. The
// file was moved aside to MovedTo (never overwritten) and the queue
// starts empty.
type CorruptError struct {
	Path    string
	MovedTo string
	Err     error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("the saved transfer queue %s is unreadable (%v); it was moved to %s", e.Path, e.Err, e.MovedTo)
}

// Unwrap returns the cause.
func (e *CorruptError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrCorrupt) and errors.Is(err,
// atomicfile.ErrCorrupt), which is profile.ErrCorruptFile, true.
func (e *CorruptError) Is(target error) bool {
	return target == ErrCorrupt || target == atomicfile.ErrCorrupt
}
