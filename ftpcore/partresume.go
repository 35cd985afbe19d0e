package ftpcore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// PartAction is what DownloadFile did with an existing .part file.
type PartAction int

// The actions on an existing .part file.
const (
	// PartResumed: the .part matched the remote file where they overlap,
	// and the download continued after it.
	PartResumed PartAction = iota + 1
	// PartRestarted: the .part could not be the start of the remote file
	// (larger, older, or different where they overlap) and was replaced.
	PartRestarted
)

// PartDecision tells what DownloadFile made of an existing .part file,
// for the user: DownloadOptions.OnPart receives it.
type PartDecision struct {
	Action PartAction
	Part   string // the .part file
	Size   int64  // its size when found
	Offset int64  // where the download continued (PartResumed)
	Reason string // why it was restarted (PartRestarted), in English
	// Cause is Reason as a value, for a window to put in its own words;
	// Remote is the remote file's size when Cause is PartLarger.
	Cause  PartCause
	Remote int64
}

// PartCause is why a .part file was restarted.
type PartCause int

// The causes of a restart.
const (
	PartLarger  PartCause = iota + 1 // larger than the remote file
	PartOlder                        // the remote file changed after it was written
	PartDiffers                      // its end differs from the remote file
)

// String says what happened in a sentence.
func (d PartDecision) String() string {
	if d.Action == PartResumed {
		return fmt.Sprintf("resuming %s at %d bytes (checked against the server)", d.Part, d.Offset)
	}
	return fmt.Sprintf("restarting %s from the beginning: %s", d.Part, d.Reason)
}

// resumeOverlap is how much of an existing .part is downloaded again and
// compared before the download continues after it (at most half of it).
const resumeOverlap = 64 << 10

// errPartMismatch stops a resumed download whose overlap differs from the
// .part file.
var errPartMismatch = errors.New("the .part file differs from the remote file")

// resumePlan is where a download starts and what it must find there.
type resumePlan struct {
	start  int64  // REST offset
	expect []byte // the .part's bytes from start on, to be compared
}

// planResume decides whether the .part file part (opened as f) can be
// continued: it is restarted when larger than the remote file or older
// than it (MDTM), and otherwise continued a little before its end, the
// overlap to be compared with what arrives. It is the one rule for every
// caller of DownloadFile: ferry-cli and the queue.
//
// With prefix (DownloadOptions.Prefix) the .part is the user's own file:
// its date says nothing about it (a finished download carries the
// server's date, and a file that grew since is newer), so only the
// overlap checks it; and it is never restarted: larger than the remote
// file, it fails with ErrNotPrefix.
func planResume(ctx context.Context, s *Session, remotePath, part string, f *os.File, size int64, prefix bool) (resumePlan, *PartDecision, error) {
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return resumePlan{}, nil, nil
	}
	have := st.Size()
	restart := func(cause PartCause, why string) (resumePlan, *PartDecision, error) {
		return resumePlan{}, &PartDecision{Action: PartRestarted, Part: part, Size: have, Reason: why,
			Cause: cause, Remote: size}, nil
	}
	if size <= 0 && s.HasFeature("SIZE") {
		if n, err := s.Size(ctx, remotePath); err == nil {
			size = n
		} else if ctx.Err() != nil {
			return resumePlan{}, nil, ctx.Err()
		}
	}
	if size > 0 && have > size {
		if prefix {
			return resumePlan{}, nil, fmt.Errorf("%w: the local file holds %d bytes, more than the remote file's %d",
				ErrNotPrefix, have, size)
		}
		return restart(PartLarger, fmt.Sprintf("it holds %d bytes, more than the remote file's %d", have, size))
	}
	if !prefix && s.HasFeature("MDTM") {
		if mt, err := s.ModTime(ctx, remotePath); err == nil && mt.After(st.ModTime()) {
			return restart(PartOlder, "the remote file changed after it was written")
		} else if ctx.Err() != nil {
			return resumePlan{}, nil, ctx.Err()
		}
	}
	// The overlap is at most half of what is there, so that a resume
	// always skips something: a small file is continued too, not fetched
	// again in full.
	start := have - min(resumeOverlap, have/2)
	expect := make([]byte, have-start)
	if _, err := f.ReadAt(expect, start); err != nil {
		return resumePlan{}, nil, &OpError{Op: "download", Path: part, Err: err}
	}
	return resumePlan{start: start, expect: expect},
		&PartDecision{Action: PartResumed, Part: part, Size: have, Offset: have}, nil
}

// overlapWriter compares the first bytes of a resumed download with the
// end of the .part file, then writes the rest after it.
type overlapWriter struct {
	expect []byte
	w      io.Writer
}

func (o *overlapWriter) Write(p []byte) (int, error) {
	n := 0
	if len(o.expect) > 0 {
		k := min(len(p), len(o.expect))
		if !bytes.Equal(p[:k], o.expect[:k]) {
			return 0, errPartMismatch
		}
		o.expect, p, n = o.expect[k:], p[k:], k
	}
	if len(p) == 0 {
		return n, nil
	}
	m, err := o.w.Write(p)
	return n + m, err
}
