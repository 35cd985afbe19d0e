package queue

import (
	"context"
	"errors"

	"ferry/ftpcore"
)

// fxp runs one server-to-server attempt. The overwrite rules are the
// queue's own, applied with SIZE and MDTM on the target before the copy.
func (q *Queue) fxp(ctx context.Context, e *jobEntry, j Job, src, dst pooledSession) error {
	from, to := src.remotePath(j.Src.Path), dst.remotePath(j.Dst.Path)
	typ := src.s.ResolveType(j.Type, from)
	replacing := false
	if q.action(j) != Overwrite {
		target := remoteInfo(ctx, dst.s, to, FileInfo{Size: -1})
		// FXP finds an existing target with SIZE; this covers servers
		// without it, whose file the listing shows.
		replacing = target.Exists
		if ctx.Err() != nil {
			return ctx.Err()
		}
		known := FileInfo{Exists: true, Size: j.Size, ModTime: j.ModTime}
		// A resume verdict starts the copy again: FXP has no portable
		// resume (REST on both servers is not widely honoured).
		var err error
		var v overwriteVerdict
		to, v, err = q.applyOverwrite(ctx, e, j, typ, known, target, func() FileInfo { return remoteInfo(ctx, src.s, from, known) },
			to, '/', func(p string) (bool, error) { return remoteExists(ctx, dst.s, p) })
		if err != nil {
			return err
		}
		if v == verdictRename {
			replacing = false // a free name beside the old file
			j.Dst.Path = to   // as retargeted: a question below names it
		}
	}
	opt, ask := q.fxpOptions(e)
	opt.Type = j.Type
	opt.TempName = q.opt.TempUpload || replacing
	opt.ModTime = j.ModTime
	opt.Progress = func(done, total int64) { q.progress(e, done, total) }
	_, err := ftpcore.FXP(ctx, src.s, dst.s, from, to, opt)
	if errors.Is(err, ftpcore.ErrFXPSkipped) {
		return &skipError{reason: ErrDestinationExists.Error()}
	}
	if impossible, clearHelps := ftpcore.FXPImpossible(err); impossible && ask && ctx.Err() == nil {
		return q.fxpFallback(ctx, e, j, err, clearHelps)
	}
	return err
}
