package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"ferry/ftpcore"
	"ferry/ftpcore/compare"
	"ferry/ftpcore/listing"
	"ferry/ftpcore/queue"
	"ferry/ftpcore/syncplan"
)

// mirror plans with the same planner as the window's Synchronise, so that
// `mirror --dry-run` and the preview agree; this file turns a mirrorSide
// into a syncplan.Lister and the plan back into mirror's steps.

// mirrorLister reads a mirrorSide for the planner. On the destination a
// local link to a folder is a link (never written through nor deleted);
// in the source it is a folder to copy, as mirror has always read it.
type mirrorLister struct {
	side mirrorSide
	dest bool
}

// List returns folder rel's entries in the engine's model, the folder's
// own "." entry included when it carries a unique fact.
func (l mirrorLister) List(ctx context.Context, rel string) ([]listing.Entry, bool, error) {
	ents, exists, err := l.side.list(ctx, rel)
	if err != nil || !exists {
		return nil, exists, err
	}
	out := make([]listing.Entry, len(ents))
	for i, e := range ents {
		out[i] = listing.Entry{Name: e.name, Type: listing.TypeFile, Size: e.size, ModTime: e.modTime, Precision: e.prec,
			Unsafe: e.unsafe, Unique: e.unique}
		switch {
		case e.link && (l.dest || e.outside):
			out[i].Type = listing.TypeLink
		case e.dir:
			out[i].Type = listing.TypeDir
		}
	}
	return out, true, nil
}

// buildMirrorPlan plans making dst a copy of src: newer files, and files
// of another or unknown size unless opt.onlyNewer, are copied.
func buildMirrorPlan(ctx context.Context, src, dst mirrorSide, opt mirrorOptions) (mirrorPlan, error) {
	sp, err := syncplan.Build(ctx, mirrorLister{side: src}, mirrorLister{side: dst, dest: true}, syncplan.Options{
		Direction: syncplan.AToB,
		Delete:    opt.delete,
		OnlyNewer: opt.onlyNewer,
		Compare:   compare.Options{Mode: compare.BySizeAndTime},
		MaxDepth:  queue.MaxTreeDepth,
		// The source's links that lead outside its tree are links; the
		// others read as what they lead to.
		FollowLink: func(s syncplan.Side, rel string, e listing.Entry) error {
			if src.s != nil || s != syncplan.SideA {
				return nil
			}
			return ftpcore.CheckLinkInside(src.root, filepath.Join(src.join(rel), e.Name))
		},
	})
	if errors.Is(err, syncplan.ErrMissingRoot) {
		return mirrorPlan{}, fmt.Errorf("source folder %s not found: %w", src.join("."), err)
	}
	if err != nil {
		return mirrorPlan{}, err
	}
	plan := mirrorPlan{skipped: sp.UpToDate}
	for _, it := range sp.Items {
		switch it.Action {
		case syncplan.Mkdir:
			plan.mkdirs = append(plan.mkdirs, it.Rel())
		case syncplan.Copy:
			plan.copies = append(plan.copies, mirrorCopy{rel: it.Rel(), size: it.Size, mod: it.ModTime})
		case syncplan.Delete:
			plan.deletes = append(plan.deletes, mirrorEntry{name: it.Rel(), dir: it.IsDir, size: it.Size, modTime: it.ModTime})
		case syncplan.Refuse:
			plan.refused = append(plan.refused, refusal(it, src, dst))
		case syncplan.Conflict:
			plan.refused = append(plan.refused, fmt.Sprintf("%s: %s", it.Rel(), it.Reason))
		}
	}
	return plan, nil
}

// refusal words a refused item as mirror reports it, naming the engine's
// own errors where the real run would meet them.
func refusal(it syncplan.Item, src, dst mirrorSide) string {
	switch {
	case errors.Is(it.Err, syncplan.ErrFolderLoop):
		return fmt.Sprintf("%s: %v", src.join(it.Rel()), queue.ErrFolderLoop)
	case errors.Is(it.Err, syncplan.ErrTooDeep):
		return fmt.Sprintf("%s: %v", src.join(it.Rel()), queue.ErrTreeTooDeep)
	case errors.Is(it.Err, syncplan.ErrLinkInTheWay):
		// What the real run would refuse (ftpcore.ErrLinkInPath), the
		// dry run reports: nothing goes through the link.
		return fmt.Sprintf("%s: %v", dst.join(it.Rel()), ftpcore.ErrLinkInPath)
	case errors.Is(it.Err, ftpcore.ErrLinkOutside):
		return fmt.Sprintf("%s: %v", src.join(it.Rel()), it.Err)
	}
	return fmt.Sprintf("%q in %s: unsafe name from the server", it.Name, src.join(it.Parent))
}
