package ui

import (
	"context"
	"errors"
	"io/fs"
	"path"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
	"ferry/ftpcore/queue"
	"ferry/ftpcore/syncplan"
)

// paneLister lets the planner read a folder tree of a pane's source,
// rooted at the folder the pane showed when the plan began. It runs on a
// worker goroutine, as paneSource methods must.
type paneLister struct {
	src  paneSource
	root string
}

// List lists root/rel with hidden files. A missing folder is reported
// as such, not as an error. Links stay links: the planner never writes
// through one nor deletes one on the side it writes to.
func (l paneLister) List(ctx context.Context, rel string) ([]listing.Entry, bool, error) {
	res, err := l.src.list(ctx, l.path(rel), true)
	if err != nil {
		if code := ftpcore.ReplyCode(err); code == 550 || code == 450 || errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		return nil, false, err
	}
	return res.Entries, true, nil
}

// path returns the source's own path of rel.
func (l paneLister) path(rel string) string {
	if rel == "." || rel == "" {
		return l.root
	}
	return l.src.join(l.root, rel)
}

// syncSides are the two panes' sources and folders a plan was made for;
// side A is the left pane.
type syncSides [2]paneLister

// followLink refuses a local link that leads outside the folder the plan
// began in (what it leads to, a key or a whole home folder, is not sent
// with the folder); a server's links are followed.
func (s syncSides) followLink(side syncplan.Side, rel string, e listing.Entry) error {
	l := s[side]
	if !l.src.local() {
		return nil
	}
	return ftpcore.CheckLinkInside(l.root, l.src.join(l.path(rel), e.Name))
}

// jobKind returns how a copy to side to travels.
func (s syncSides) jobKind(to syncplan.Side) queue.JobKind {
	from := s[to.Other()]
	switch {
	case !from.src.local() && !s[to].src.local():
		return queue.JobFXP
	case from.src.local():
		return queue.JobUpload
	}
	return queue.JobDownload
}

// spec returns the queue job of a copy item.
func (s syncSides) spec(it syncplan.Item) queue.JobSpec {
	from, to := s[it.From()], s[it.To]
	root := ""
	if to.src.local() {
		// A local folder replaced by a link after the plan was made must
		// not take the download outside the folder the plan was made for.
		root = to.root
	}
	return queue.JobSpec{
		Kind:      s.jobKind(it.To),
		Root:      root,
		Src:       queue.Endpoint{Site: from.src.siteKey(), Path: from.path(it.Rel())},
		Dst:       queue.Endpoint{Site: to.src.siteKey(), Path: to.path(it.Rel())},
		Size:      it.Size,
		ModTime:   it.ModTime,
		Overwrite: queue.Overwrite, // the plan already chose to replace it
	}
}

// runPlan carries out the chosen items of a plan on a worker goroutine:
// folders first (those chosen, and those a chosen copy needs, parents
// first), then the copies through the queue (add), then the deletions.
// It returns the failures joined.
func (s syncSides) runPlan(ctx context.Context, plan []syncplan.Item, chosen []bool, add func([]queue.JobSpec) error) error {
	need := map[string]bool{}
	var specs []queue.JobSpec
	for i, it := range plan {
		if !chosen[i] {
			continue
		}
		switch it.Action {
		case syncplan.Mkdir:
			need[planDirKey(it.To, it.Rel())] = true
		case syncplan.Copy:
			specs = append(specs, s.spec(it))
		default:
			continue
		}
		for d := it.Parent; d != "." && d != "/" && d != ""; d = path.Dir(d) {
			need[planDirKey(it.To, d)] = true
		}
	}
	var errs []error
	for _, it := range plan {
		if it.Action == syncplan.Mkdir && need[planDirKey(it.To, it.Rel())] {
			if err := s[it.To].src.mkdir(ctx, s[it.To].path(it.Rel())); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(specs) > 0 {
		if err := add(specs); err != nil {
			errs = append(errs, err)
		}
	}
	for i, it := range plan {
		if chosen[i] && it.Action == syncplan.Delete {
			if err := s[it.To].src.remove(ctx, s[it.To].path(it.Rel()), it.IsDir); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// sideKey names a folder of one side.
func planDirKey(side syncplan.Side, rel string) string { return string(rune('A'+side)) + rel }
