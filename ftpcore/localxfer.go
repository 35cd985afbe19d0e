package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"time"
)

// PartSuffix is appended to a download's local name until it is complete.
const PartSuffix = ".part"

// DownloadOptions tune DownloadFile.
type DownloadOptions struct {
	Type TransferType
	// Resume continues from an existing "<local>.part" (binary only).
	Resume bool
	// Size, when positive, is the remote file's size, already known.
	Size     int64
	Progress ProgressFunc
	// WrapWriter, when set, wraps the local file's writer, e.g. to
	// throttle the download.
	WrapWriter func(io.Writer) io.Writer
	// Root is the folder the user chose to download into; the folders
	// between it and the local file must be real folders, not links.
	// Empty means the local file's own folder.
	Root string
	// OnPart, when set, is told what was done with an existing .part file.
	OnPart func(PartDecision)
	// Prefix says that the .part is a file the user chose to resume (the
	// queue's Resume on an existing file renames it so): it is continued
	// whatever its date, and never thrown away. When it cannot be the
	// start of the remote file (larger, or different where they overlap)
	// or the server refuses REST, the download fails, with ErrNotPrefix
	// for the first two, and the .part is left as it was.
	Prefix bool
}

// DownloadFile downloads remotePath to localPath without ever exposing a
// partial file under the final name: the data goes to localPath+".part",
// which is synced and renamed over localPath only after the server's 226
// and the size check. An existing localPath is untouched until then. On
// failure the .part file is kept when it can be resumed (binary).
//
// Nothing is written through a link: a .part that is a symbolic link, or a
// linked folder between opt.Root and localPath, fails with ErrLinkInPath.
// An existing .part is resumed only after planResume's checks, and
// opt.OnPart is told whether it was resumed or restarted.
func DownloadFile(ctx context.Context, s *Session, remotePath, localPath string, opt DownloadOptions) error {
	root := opt.Root
	if root == "" {
		root = filepath.Dir(localPath)
	}
	if err := CheckLocalDest(root, localPath); err != nil {
		return err
	}
	part := localPath + PartSuffix
	typ := s.resolveType(opt.Type, remotePath)
	// Syncing before the rename is what keeps an existing file safe from
	// a crash; a new file has nothing to lose, and sparing its fsync
	// makes trees of small files several times faster.
	_, statErr := os.Lstat(localPath)
	replacing := statErr == nil
	resume := opt.Resume && typ == TypeBinary
	err := downloadInto(ctx, s, remotePath, part, typ, resume, replacing, opt)
	if resume && opt.Prefix && errors.Is(err, errPartMismatch) {
		return fmt.Errorf("%w: the local file differs from the remote file where they overlap", ErrNotPrefix)
	}
	if resume && opt.Prefix && isRESTRefusal(err) {
		// Starting again would truncate the user's file.
		return fmt.Errorf("%w: the server cannot continue a download; the local file was left as it was", err)
	}
	if errors.Is(err, errPartMismatch) {
		if opt.OnPart != nil {
			opt.OnPart(PartDecision{Action: PartRestarted, Part: part, Reason: "its end differs from the remote file",
				Cause: PartDiffers})
		}
		err = downloadInto(ctx, s, remotePath, part, typ, false, replacing, opt)
	}
	if resume && isRESTRefusal(err) {
		s.remark(DirInfo, MsgNoResume)
		err = downloadInto(ctx, s, remotePath, part, typ, false, replacing, opt)
	}
	if err != nil {
		if typ == TypeASCII {
			os.Remove(part) // cannot be resumed
		}
		return err
	}
	if err := os.Rename(part, localPath); err != nil {
		return &OpError{Op: "download", Path: localPath, Err: err}
	}
	return nil
}

func isRESTRefusal(err error) bool {
	var re *ReplyError
	return errors.As(err, &re) && re.Cmd == "REST" && re.Code >= 500
}

// downloadInto runs one RETR into part, continuing it when resume is set
// and planResume agrees. A mismatch in the overlap comes back as
// errPartMismatch, the decision to resume being reported only once the
// overlap has matched.
func downloadInto(ctx context.Context, s *Session, remotePath, part string, typ TransferType, resume, sync bool, opt DownloadOptions) error {
	flags := os.O_RDWR | os.O_CREATE
	if !resume {
		flags |= os.O_TRUNC
	}
	f, err := openPart(part, flags)
	if err != nil {
		return err
	}
	var plan resumePlan
	var decision *PartDecision
	if resume {
		plan, decision, err = planResume(ctx, s, remotePath, part, f, opt.Size, opt.Prefix)
		if err == nil && decision != nil && decision.Action == PartRestarted {
			err = f.Truncate(0)
			if opt.OnPart != nil {
				opt.OnPart(*decision)
			}
			decision = nil
		}
		if err == nil && plan.expect != nil {
			_, err = f.Seek(plan.start+int64(len(plan.expect)), io.SeekStart)
		}
		if err != nil {
			f.Close()
			return &OpError{Op: "download", Path: part, Err: err}
		}
	}
	var w io.Writer = f
	var ow *overlapWriter
	if len(plan.expect) > 0 {
		ow = &overlapWriter{expect: plan.expect, w: f}
		w = ow
	}
	if opt.WrapWriter != nil {
		w = opt.WrapWriter(w)
	}
	_, err = s.Retrieve(ctx, remotePath, w, TransferOptions{Type: typ, Offset: plan.start, Size: opt.Size, Progress: opt.Progress})
	if ow != nil && err == nil && len(ow.expect) > 0 {
		err = errPartMismatch // the remote file ended inside the overlap
	}
	if err == nil && decision != nil && opt.OnPart != nil {
		opt.OnPart(*decision)
	}
	if err == nil && sync {
		// A full disk may only show when the data is flushed.
		if err = f.Sync(); err != nil {
			err = &OpError{Op: "download", Path: part, Err: err}
		}
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = &OpError{Op: "download", Path: part, Err: cerr}
	}
	return err
}

// UploadOptions tune UploadFile.
type UploadOptions struct {
	Type TransferType
	// TempName uploads to "<remote>.part" and renames it over the final
	// name after success, so that a failed upload never replaces a good
	// file with a truncated one. It needs RNFR/RNTO.
	TempName bool
	// Resume continues an interrupted upload from the remote file's size
	// (binary only).
	Resume   bool
	Progress ProgressFunc
	// WrapReader, when set, wraps the local file's reader, e.g. to
	// throttle the upload.
	WrapReader func(io.Reader) io.Reader
	// ModTime, when not zero, is given to the remote file where the server
	// offers MFMT (see TransferOptions.ModTime); a refusal is no error.
	ModTime time.Time
	// Prefix, with Resume, says that the user chose to continue the
	// remote file: one larger than the local file cannot be its start, and
	// the upload fails with ErrNotPrefix instead of replacing it from the
	// beginning. Without it (an interrupted upload of Ferry's own, whose
	// remote copy is then stale) such a file is uploaded again in full.
	Prefix bool
}

// UploadFile uploads localPath to remotePath.
func UploadFile(ctx context.Context, s *Session, localPath, remotePath string, opt UploadOptions) error {
	f, err := os.Open(localPath)
	if err != nil {
		return &OpError{Op: "upload", Path: localPath, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return &OpError{Op: "upload", Path: localPath, Err: err}
	}
	if !st.Mode().IsRegular() {
		return &OpError{Op: "upload", Path: localPath, Err: errors.New("not a regular file")}
	}
	dest := remotePath
	if opt.TempName {
		dest = remotePath + PartSuffix
	}
	typ := s.resolveType(opt.Type, remotePath)
	var offset int64
	if opt.Resume && typ == TypeBinary {
		n, err := s.Size(ctx, dest)
		switch {
		case err != nil || n <= 0:
		case n <= st.Size():
			offset = n
		case opt.Prefix:
			return &OpError{Op: "upload", Path: remotePath, Err: fmt.Errorf(
				"%w: the remote file holds %d bytes, more than the local file's %d", ErrNotPrefix, n, st.Size())}
		}
	}
	if offset > 0 {
		if _, err := f.Seek(offset, io.SeekStart); err != nil {
			return &OpError{Op: "upload", Path: localPath, Err: err}
		}
	}
	xo := TransferOptions{Type: typ, Offset: offset, Size: st.Size(), Progress: opt.Progress}
	if offset > 0 && !s.HasFeature("REST") {
		// Without REST STREAM, APPE is the portable way to continue.
		xo.Append = true
	}
	var r io.Reader = f
	if opt.WrapReader != nil {
		r = opt.WrapReader(f)
	}
	if dest == remotePath {
		xo.ModTime = opt.ModTime
	}
	if _, err := s.Store(ctx, dest, r, xo); err != nil {
		return err
	}
	if dest == remotePath {
		return nil
	}
	if err := replaceRemote(ctx, s, dest, remotePath); err != nil {
		return err
	}
	if !opt.ModTime.IsZero() && s.HasFeature("MFMT") {
		_ = s.SetModTime(ctx, remotePath, opt.ModTime)
	}
	return nil
}

// replaceRemote renames from over to. Servers whose RNTO refuses an
// existing target get the old file deleted first, at the last moment.
func replaceRemote(ctx context.Context, s *Session, from, to string) error {
	err := s.Rename(ctx, from, to)
	if err == nil {
		return nil
	}
	var re *ReplyError
	if !errors.As(err, &re) || re.Code < 500 {
		return err
	}
	if derr := s.Delete(ctx, to); derr != nil {
		return fmt.Errorf("%w (and removing the old %s failed: %v)", err, path.Base(to), derr)
	}
	return s.Rename(ctx, from, to)
}
