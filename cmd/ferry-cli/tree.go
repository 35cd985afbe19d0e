package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/dustin/go-humanize"

	"ferry/ftpcore"
	"ferry/ftpcore/queue"
)

// Folder trees (get -r, put -r and mirror) run through the engine's
// transfer queue: parallel sessions, retries, .part files and the checks
// on hostile names come with it.

// treeRun is one batch of jobs run to completion by a queue.
type treeRun struct {
	sites    map[string]remote // site key -> where and how to connect
	cf       *connFlags
	parallel int
	stderr   io.Writer
	// overwrite is the default action of every kind of job.
	overwrite queue.OverwriteAction
	tempName  bool
	// warm, when set, holds sessions logged in ahead for the queue.
	warm *warmSessions
}

// queueConfig is how the queue's sessions connect to site. Its Name is
// the one the queue's pool would give them, and says which sessions
// dialled ahead (warmSessions) fit.
func (tr treeRun) queueConfig(site string) (ftpcore.Config, error) {
	r, ok := tr.sites[site]
	if !ok {
		return ftpcore.Config{}, fmt.Errorf("unknown site %q", site)
	}
	cfg := r.cfg
	cfg.Name = "queue: " + site
	if tr.cf.log {
		cfg.Transcript = transcriptPrinter(tr.stderr, true)
	}
	return cfg, nil
}

// dial opens one of the queue's sessions: one logged in ahead when there
// is one, else a new one.
func (tr treeRun) dial(ctx context.Context, cfg ftpcore.Config) (*ftpcore.Session, error) {
	if s, ok := tr.warm.take(ctx, cfg.Name); ok {
		return s, nil
	}
	return tr.dialNew(ctx, cfg)
}

// dialNew dials a new session for the queue; a fall back to clear text
// is said on stderr.
func (tr treeRun) dialNew(ctx context.Context, cfg ftpcore.Config) (*ftpcore.Session, error) {
	s, err := ftpcore.Dial(ctx, cfg)
	if err == nil {
		tr.cf.warnPlain(s, cfg.Addr, tr.stderr)
	}
	return s, err
}

// treeSummary counts how a run ended.
type treeSummary struct {
	Done, Failed, Skipped int
	Bytes                 int64
	Elapsed               time.Duration
	Failures              []string
}

// run queues specs, waits for the queue to drain and reports on stderr:
// a progress line on a terminal, and each failure.
func (tr treeRun) run(ctx context.Context, specs []queue.JobSpec) (treeSummary, error) {
	start := time.Now()
	defaults := map[queue.JobKind]queue.OverwriteAction{}
	for _, k := range []queue.JobKind{queue.JobDownload, queue.JobUpload, queue.JobFXP} {
		defaults[k] = tr.overwrite
	}
	drained := make(chan struct{}, 1)
	q, err := queue.New(queue.Options{
		Workers:          tr.parallel,
		SiteLimit:        func(string) int { return tr.parallel },
		DefaultOverwrite: defaults,
		TempUpload:       tr.tempName,
		Resolve: func(_ context.Context, site string) (ftpcore.Config, error) {
			return tr.queueConfig(site)
		},
		OnEvent: func(ev queue.Event) {
			if ev.Totals.Queued == 0 && ev.Totals.Active == 0 {
				select {
				case drained <- struct{}{}:
				default:
				}
			}
		},
		EventInterval: 50 * time.Millisecond,
		Dial:          tr.dial,
	})
	if err != nil {
		return treeSummary{}, err
	}
	defer q.Close(context.Background())
	if _, err := q.Add(specs...); err != nil {
		return treeSummary{}, err
	}
	q.Start()
	live := isTerminal(tr.stderr) && !tr.cf.log
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
wait:
	for {
		select {
		case <-ctx.Done():
			break wait
		case <-drained:
			if t := q.Totals(); t.Queued == 0 && t.Active == 0 {
				break wait
			}
		case <-tick.C:
			t := q.Totals()
			if t.Queued == 0 && t.Active == 0 {
				break wait
			}
			if live {
				fmt.Fprintf(tr.stderr, "\r%d/%d files, %s, %s/s   ", t.Done+t.Skipped+t.Failed,
					t.Done+t.Skipped+t.Failed+t.Queued+t.Active+t.Paused,
					humanize.IBytes(uint64(t.BytesDone)), humanize.IBytes(uint64(t.Speed)))
			}
		}
	}
	if live {
		fmt.Fprint(tr.stderr, "\r\033[K")
	}
	cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := q.Close(cctx); err != nil {
		return treeSummary{}, err
	}
	sum := treeSummary{Elapsed: time.Since(start)}
	for _, j := range q.Jobs() {
		if j.IsDir {
			if j.State == queue.JobFailed {
				sum.Failed++
				sum.Failures = append(sum.Failures, fmt.Sprintf("%s: %s", j.Src.Path, j.Err))
			}
			continue
		}
		switch j.State {
		case queue.JobDone:
			sum.Done++
			sum.Bytes += max(j.Size, 0)
		case queue.JobSkipped:
			sum.Skipped++
		default:
			sum.Failed++
			sum.Failures = append(sum.Failures, fmt.Sprintf("%s: %s", j.Src.Path, j.Err))
		}
	}
	if ctx.Err() != nil {
		return sum, fmt.Errorf("interrupted; .part files are kept and the next run resumes them: %w", ctx.Err())
	}
	return sum, nil
}

// report prints a summary line and the failures; it returns an error
// when anything failed.
func (s treeSummary) report(w io.Writer, verb string) error {
	rate := float64(s.Bytes) / max(s.Elapsed.Seconds(), 1e-3)
	fmt.Fprintf(w, "%s: %d files, %s in %s (%s/s); %d skipped, %d failed\n", verb, s.Done,
		humanize.IBytes(uint64(s.Bytes)), s.Elapsed.Round(time.Millisecond), humanize.IBytes(uint64(rate)), s.Skipped, s.Failed)
	for _, f := range s.Failures {
		fmt.Fprintf(w, "  failed: %s\n", ftpcore.Printable(fmt.Sprint(f)))
	}
	if s.Failed > 0 {
		return fmt.Errorf("%d transfers failed", s.Failed)
	}
	return nil
}

// treeFlags are the options get -r and put -r add.
type treeFlags struct {
	parallel int
}

func (f *treeFlags) register(fs interface {
	IntVar(p *int, name string, value int, usage string)
}) {
	fs.IntVar(&f.parallel, "parallel", queue.DefaultWorkers, "with -r: transfers at once (1-10)")
}

// getTree downloads the remote folder at rawURL into local (or into a
// folder of its name in the current directory, or inside local when
// local is an existing folder).
func getTree(ctx context.Context, rawURL, local string, cf *connFlags, tf *treeFlags, stderr io.Writer) error {
	r, err := parseRemote(rawURL, cf, os.Getenv, stderr)
	if err != nil {
		return err
	}
	dest, err := localTarget(strings.TrimSuffix(r.path, "/"), local, true)
	if err != nil {
		return err
	}
	tr := treeRun{sites: map[string]remote{"src": r}, cf: cf, parallel: tf.parallel, stderr: stderr, overwrite: queue.Overwrite}
	sum, err := tr.run(ctx, []queue.JobSpec{{
		Kind: queue.JobDownload, IsDir: true, Type: mustType(cf),
		Src: queue.Endpoint{Site: "src", Path: r.path}, Dst: queue.Endpoint{Path: dest},
	}})
	if err != nil {
		return err
	}
	return sum.report(stderr, "get")
}

// putTree uploads the local folder into rawURL: into the URL's folder
// itself, or below it under the local name when the URL ends in "/".
func putTree(ctx context.Context, local, rawURL string, cf *connFlags, tf *treeFlags, tempName bool, stderr io.Writer) error {
	r, err := parseRemote(rawURL, cf, os.Getenv, stderr)
	if err != nil {
		return err
	}
	st, err := os.Stat(local)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a folder", local)
	}
	dest := r.path
	if strings.HasSuffix(dest, "/") {
		abs, err := filepath.Abs(local)
		if err != nil {
			return err
		}
		dest = path.Join(dest, filepath.Base(abs))
	}
	tr := treeRun{sites: map[string]remote{"dst": r}, cf: cf, parallel: tf.parallel, stderr: stderr, overwrite: queue.Overwrite, tempName: tempName}
	sum, err := tr.run(ctx, []queue.JobSpec{{
		Kind: queue.JobUpload, IsDir: true, Type: mustType(cf),
		Src: queue.Endpoint{Path: local}, Dst: queue.Endpoint{Site: "dst", Path: dest},
	}})
	if err != nil {
		return err
	}
	return sum.report(stderr, "put")
}
