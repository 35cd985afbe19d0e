package queue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

// execute runs one attempt of a job on sessions taken from the pool (its
// slots were reserved by the scheduler) and gives them back.
func (q *Queue) execute(ctx context.Context, e *jobEntry) (err error) {
	q.mu.Lock()
	j := e.Job
	root := e.root
	q.mu.Unlock()

	sites := e.sites()
	sess := make([]pooledSession, len(sites))
	for i, site := range sites {
		ps, gerr := q.pool.get(ctx, site)
		if gerr != nil {
			for _, rest := range sites[i+1:] {
				q.pool.unreserve(rest)
			}
			for k := range i {
				q.pool.release(sites[k], sess[k], true)
			}
			return gerr
		}
		sess[i] = ps
	}
	defer func() {
		// A session that answered a reply is still in step; one whose
		// connection broke is not kept (release checks Alive).
		for i, site := range sites {
			q.pool.release(site, sess[i], true)
		}
	}()

	switch {
	case j.IsDir:
		err = q.expand(ctx, e, j, root, sess)
	case j.Kind == JobDownload:
		err = q.download(ctx, e, j, root, sess[0])
	case j.Kind == JobUpload:
		err = q.upload(ctx, e, j, sess[0])
	default:
		err = q.fxp(ctx, e, j, sess[0], sess[1])
	}
	for _, ps := range sess {
		if err != nil && ps.endedIdle(err) {
			return &staleSessionError{err: err}
		}
	}
	return err
}

// staleSessionError is a job's failure on an idle session the server had
// ended before the job's command reached it: the job runs again at once,
// on a new session, and the attempt does not count.
type staleSessionError struct{ err error }

func (e *staleSessionError) Error() string { return e.err.Error() }
func (e *staleSessionError) Unwrap() error { return e.err }

// download runs one download attempt.
func (q *Queue) download(ctx context.Context, e *jobEntry, j Job, root string, ps pooledSession) error {
	local, err := checkInside(root, j.Dst.Path)
	if err != nil {
		return err
	}
	remote := ps.remotePath(j.Src.Path)
	typ := ps.s.ResolveType(j.Type, remote)
	resume := true
	// prefix: the user's file was renamed to the .part to be continued;
	// it gets its name back if the download does not complete.
	prefix := false
	if st, serr := os.Stat(local); serr == nil {
		if st.IsDir() {
			return &ftpcore.OpError{Op: "download", Path: local, Err: errors.New("a folder is in the way")}
		}
		src := FileInfo{Exists: true, Size: j.Size, ModTime: j.ModTime}
		dst := FileInfo{Exists: true, Size: st.Size(), ModTime: st.ModTime()}
		var v overwriteVerdict
		local, v, err = q.applyOverwrite(ctx, e, j, typ, src, dst, func() FileInfo { return remoteInfo(ctx, ps.s, remote, src) },
			local, filepath.Separator, localExists)
		if err != nil {
			return err
		}
		if v == verdictResume {
			if typ == ftpcore.TypeBinary {
				if _, perr := os.Stat(local + ftpcore.PartSuffix); errors.Is(perr, fs.ErrNotExist) {
					// The user says the file is the start of this one:
					// it becomes the .part that DownloadFile continues.
					if err := os.Rename(local, local+ftpcore.PartSuffix); err != nil {
						return &ftpcore.OpError{Op: "download", Path: local, Err: err}
					}
					prefix = true
				}
			}
		}
	}
	err = ftpcore.DownloadFile(ctx, ps.s, remote, local, ftpcore.DownloadOptions{
		Type:     j.Type,
		Resume:   resume,
		Size:     max(j.Size, 0),
		Root:     root,
		Prefix:   prefix,
		OnPart:   func(d ftpcore.PartDecision) { q.note(e, partNote(d)) },
		Progress: func(done, total int64) { q.progress(e, done, total) },
		WrapWriter: func(w io.Writer) io.Writer {
			if q.opt.WrapLocalWriter != nil {
				w = q.opt.WrapLocalWriter(w)
			}
			return &limitedWriter{ctx: ctx, w: w, l: q.down}
		},
	})
	if err != nil {
		if prefix {
			// Never left under a name the user did not give it: with its
			// own name back (longer by what was checked and added, if
			// anything), a retry asks again or follows the rule.
			if _, lerr := os.Lstat(local); errors.Is(lerr, fs.ErrNotExist) {
				_ = os.Rename(local+ftpcore.PartSuffix, local)
			}
		}
		if ftpcore.IsDiskFull(err) {
			return fmt.Errorf("%w: %w", ErrDiskFull, err)
		}
		return err
	}
	if !j.ModTime.IsZero() {
		// Keep the server's date, so that "overwrite if newer" and
		// mirrors compare like with like next time.
		_ = os.Chtimes(local, j.ModTime, j.ModTime)
	}
	return nil
}

// upload runs one upload attempt.
func (q *Queue) upload(ctx context.Context, e *jobEntry, j Job, ps pooledSession) error {
	local := j.Src.Path
	st, err := os.Stat(local)
	if err != nil {
		return &ftpcore.OpError{Op: "upload", Path: local, Err: err}
	}
	remote := ps.remotePath(j.Dst.Path)
	typ := ps.s.ResolveType(j.Type, remote)
	q.mu.Lock()
	if e.Size != st.Size() {
		e.Size = st.Size()
		q.changed(e)
	}
	resume := typ == ftpcore.TypeBinary && (q.opt.TempUpload || e.wrote)
	q.mu.Unlock()
	tempName := q.opt.TempUpload
	prefix := false

	action := q.action(j)
	if action != Overwrite {
		src := FileInfo{Exists: true, Size: st.Size(), ModTime: st.ModTime()}
		dst := remoteInfo(ctx, ps.s, remote, FileInfo{Size: -1})
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var v overwriteVerdict
		remote, v, err = q.applyOverwrite(ctx, e, j, typ, src, dst, func() FileInfo { return src },
			remote, '/', func(p string) (bool, error) { return remoteExists(ctx, ps.s, p) })
		if err != nil {
			return err
		}
		if v == verdictResume {
			resume, tempName, prefix = typ == ftpcore.TypeBinary, false, true
		}
	}
	q.mu.Lock()
	e.wrote = true
	q.mu.Unlock()
	err = ftpcore.UploadFile(ctx, ps.s, local, remote, ftpcore.UploadOptions{
		Type:     j.Type,
		TempName: tempName,
		Resume:   resume,
		Prefix:   prefix,
		Progress: func(done, total int64) { q.progress(e, done, total) },
		WrapReader: func(r io.Reader) io.Reader {
			return &limitedReader{ctx: ctx, r: r, l: q.up}
		},
		// With the size check where the server pipelines: no round trip.
		ModTime: st.ModTime(),
	})
	return err
}

// note records something the queue did on its own for a job.
func (q *Queue) note(e *jobEntry, n jobNote) {
	q.mu.Lock()
	n.apply(&e.Job)
	q.changed(e)
	q.mu.Unlock()
}

// retarget records that a job writes to another name (rename rule).
func (q *Queue) retarget(e *jobEntry, dst string) {
	q.mu.Lock()
	e.Dst.Path = dst
	q.changed(e)
	q.mu.Unlock()
}

// action is the job's overwrite action with defaults applied.
func (q *Queue) action(j Job) OverwriteAction {
	if j.Overwrite != OverwriteDefault {
		return j.Overwrite
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if a, ok := q.answered[j.Kind]; ok && a != OverwriteDefault {
		return a
	}
	if a, ok := q.defaults[j.Kind]; ok && a != OverwriteDefault {
		return a
	}
	return OverwriteAsk
}

// decide applies the overwrite rule to an existing destination, asking the
// user when the rule says so. more fills in source details (size, date)
// that only some rules need and that cost a round trip.
func (q *Queue) decide(ctx context.Context, j Job, ascii bool, src, dst FileInfo, more func() FileInfo) (v overwriteVerdict, reason string, asked time.Duration, err error) {
	action := q.action(j)
	if action == OverwriteIfNewer || action == OverwriteAsk ||
		((action == OverwriteIfSizeDiffers || action == OverwriteResume) && src.Size < 0) {
		src = more()
	}
	v, reason = overwriteRule(action, src, dst)
	if v != verdictAsk {
		return v, reason, 0, nil
	}
	// One question at a time; an "apply to all" given meanwhile answers
	// this one too. asked is the time waited for the answers, the others'
	// included.
	waiting := time.Now()
	q.askMu.Lock()
	defer q.askMu.Unlock()
	if a := q.action(j); a != OverwriteAsk {
		v, reason = overwriteRule(a, src, dst)
		return v, reason, time.Since(waiting), nil
	}
	if q.opt.Ask == nil {
		return verdictSkip, ErrDestinationExists.Error(), 0, nil
	}
	ans, err := q.opt.Ask(ctx, ExistsQuestion{Job: j, Src: src, Dst: dst, ASCII: ascii})
	asked = time.Since(waiting)
	if err != nil {
		return verdictSkip, "", asked, fmt.Errorf("asking about %s: %w", j.Dst, err)
	}
	if ans.Action == OverwriteDefault || ans.Action == OverwriteAsk {
		ans.Action = OverwriteSkip
	}
	if ans.ApplyToAll {
		q.mu.Lock()
		q.answered[j.Kind] = ans.Action
		q.mu.Unlock()
	}
	v, reason = overwriteRule(ans.Action, src, dst)
	return v, reason, asked, nil
}

// applyOverwrite decides what a job does about its existing destination
// dst (see decide) and carries out the verdicts every kind of job shares: a
// skip comes back as a *skipError, a refusal as its error, a rename as a free name beside dst
// (separated by sep, probed with exists) recorded on the job. It returns
// where to write and the verdict, whose resume the caller carries out.
func (q *Queue) applyOverwrite(ctx context.Context, e *jobEntry, j Job, typ ftpcore.TransferType, src, dst FileInfo, more func() FileInfo,
	dstPath string, sep byte, exists func(string) (bool, error)) (string, overwriteVerdict, error) {
	v, reason, asked, err := q.decide(ctx, j, typ == ftpcore.TypeASCII, src, dst, more)
	if asked > 0 {
		// The time spent reading the question is the user's, not the
		// transfer's: the clock shown for the job leaves it out.
		q.mu.Lock()
		e.Started = e.Started.Add(asked)
		q.mu.Unlock()
	}
	if err != nil {
		return dstPath, v, err
	}
	switch v {
	case verdictSkip:
		return dstPath, v, &skipError{reason: reason}
	case verdictFail:
		return dstPath, v, ErrResumeLarger
	case verdictRename:
		if dstPath, err = freeName(dstPath, sep, exists); err != nil {
			return dstPath, v, err
		}
		q.retarget(e, dstPath)
	}
	return dstPath, v, nil
}

// remoteInfo completes what is known of a remote file with SIZE and MDTM.
// The size is the one stored, as a listing shows it, also for a text
// (TYPE A) transfer whose line ends may be converted: it is what the user
// sees and can compare (see ExistsQuestion.ASCII).
func remoteInfo(ctx context.Context, s *ftpcore.Session, p string, known FileInfo) FileInfo {
	info := known
	if info.Size < 0 || !info.Exists {
		n, err := s.Size(ctx, p)
		switch {
		case err == nil:
			info.Exists = true
			info.Size = n
		case ftpcore.ReplyCode(err) == 550:
			return FileInfo{Size: -1}
		default:
			// No SIZE: fall back on MDTM to learn whether it exists.
		}
	}
	if info.ModTime.IsZero() {
		if t, err := s.ModTime(ctx, p); err == nil {
			info.Exists, info.ModTime, info.Precision = true, t, listing.PrecisionSecond
		}
	}
	return info
}

// remoteExists probes a remote name with SIZE, then MDTM.
func remoteExists(ctx context.Context, s *ftpcore.Session, p string) (bool, error) {
	_, err := s.Size(ctx, p)
	if err == nil {
		return true, nil
	}
	if ftpcore.ReplyCode(err) == 0 {
		return false, err
	}
	if _, err := s.ModTime(ctx, p); err == nil {
		return true, nil
	} else if ftpcore.ReplyCode(err) == 0 {
		return false, err
	}
	return false, nil
}

func localExists(p string) (bool, error) {
	_, err := os.Lstat(p)
	if err == nil {
		return true, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return false, err
}
