package queue

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"ferry/ftpcore"
	"ferry/ftpcore/listing"
)

// childJob is one entry of a folder, about to become a job: a spec, or a
// failure to show (a hostile name) that must not run.
type childJob struct {
	spec   JobSpec
	err    error
	skip   string  // why the entry is skipped, shown in the Skipped list
	unique string  // a folder's MLSD unique fact, when given
	note   jobNote // a name mapped for the other side
}

// expand runs a folder job: it creates the destination folder, lists the
// source and queues one job per entry right after the folder job and its
// earlier children, so that the tree keeps its order and every folder
// exists before its files are written.
func (q *Queue) expand(ctx context.Context, e *jobEntry, j Job, root string, sess []pooledSession) error {
	var (
		kids []childJob
		self string
		err  error
	)
	switch j.Kind {
	case JobDownload:
		kids, self, err = expandDownload(ctx, j, root, sess[0], q.mapNames())
	case JobUpload:
		kids, err = expandUpload(ctx, j, root, sess[0], q.mapNames())
	default:
		kids, self, err = expandFXP(ctx, j, sess[0], sess[1])
	}
	if err != nil {
		return err
	}
	q.mu.Lock()
	if e.unique == "" {
		e.unique = self
	}
	q.mu.Unlock()
	q.addChildren(e, kids)
	return nil
}

// cdirUnique is the listed folder's own unique fact, from its "." entry.
func cdirUnique(ents []listing.Entry) string {
	for _, ent := range ents {
		if ent.Name == "." {
			return ent.Unique
		}
	}
	return ""
}

// guardTree fails a subfolder that would make the tree endless: one
// deeper than MaxTreeDepth, or one whose unique fact is that of a folder
// it lies in (a link back up the tree); q.mu held.
func (q *Queue) guardTree(parent, child *jobEntry, unique string) {
	child.depth = parent.depth + 1
	child.unique = unique
	if !child.IsDir || child.State == JobFailed {
		return
	}
	if child.depth > MaxTreeDepth {
		child.State, child.Err = JobFailed, ErrTreeTooDeep.Error()
		return
	}
	if unique == "" {
		return
	}
	for p := parent; p != nil; p = q.byID[p.Parent] {
		if p.unique == unique {
			child.State, child.Err = JobFailed, fmt.Sprintf("%v: %s", ErrFolderLoop, p.Src.Path)
			return
		}
		if p.Parent == 0 {
			return
		}
	}
}

func expandDownload(ctx context.Context, j Job, root string, ps pooledSession, mapNames bool) ([]childJob, string, error) {
	local, err := checkInside(root, j.Dst.Path)
	if err != nil {
		return nil, "", err
	}
	if err := ftpcore.MkdirInside(root, local); err != nil {
		return nil, "", err
	}
	remote := ps.remotePath(j.Src.Path)
	l, err := ps.s.List(ctx, remote, ftpcore.ListDirOptions{Hidden: true})
	if err != nil {
		return nil, "", err
	}
	var kids []childJob
	for _, ent := range l.Entries {
		if ent.Name == "." || ent.Name == ".." {
			continue // the folder itself and its parent, not hostile
		}
		spec := JobSpec{
			Kind:      JobDownload,
			Src:       Endpoint{Site: j.Src.Site, Path: path.Join(remote, ent.Name)},
			IsDir:     ent.IsDir(),
			Size:      ent.Size,
			ModTime:   entryTime(ent),
			Type:      j.Type,
			Overwrite: j.Overwrite,
		}
		if ent.Type == listing.TypeSpecial {
			continue
		}
		name, note := localName(ent.Name, mapNames)
		dst, jerr := checkedJoin(root, local, name)
		if jerr == nil && ent.Unsafe {
			jerr = fmt.Errorf("%w: %q", ErrUnsafePath, ent.Name)
		}
		if jerr != nil {
			// Shown as a failed job, with the server's name for it, and
			// pointing nowhere on the local disk.
			spec.Src.Path = remote + "/" + ent.Name
			spec.Dst.Path = local
			kids = append(kids, childJob{spec: spec, err: jerr})
			continue
		}
		spec.Dst.Path = dst
		kids = append(kids, childJob{spec: spec, unique: ent.Unique, note: note})
	}
	return kids, cdirUnique(l.Entries), nil
}

// entryTime is a listed date worth comparing: a day-precise date is too
// coarse to set on a local file.
func entryTime(e listing.Entry) time.Time {
	if e.Precision < listing.PrecisionMinute {
		return time.Time{}
	}
	return e.ModTime
}

// expandUpload lists a local folder being uploaded. A symbolic link to a
// file is followed only when the file lies inside root, the folder the
// upload started from: a link to a file elsewhere (a key, a password
// file) is not sent to the server with the folder, nor is a link to a
// folder (it may loop back on the tree); both are listed as skipped, with
// the reason. root "" (a queue saved before uploads had one) is the
// folder itself.
func expandUpload(ctx context.Context, j Job, root string, ps pooledSession, mapNames bool) ([]childJob, error) {
	remote := ps.remotePath(j.Dst.Path)
	if err := ps.s.MkdirAll(ctx, remote); err != nil {
		return nil, err
	}
	ents, err := os.ReadDir(j.Src.Path)
	if err != nil {
		return nil, &ftpcore.OpError{Op: "upload", Path: j.Src.Path, Err: err}
	}
	if root == "" {
		root = j.Src.Path
	}
	var kids []childJob
	for _, de := range ents {
		full := filepath.Join(j.Src.Path, de.Name())
		name, note := remoteName(de.Name(), mapNames)
		spec := JobSpec{Kind: JobUpload, Src: Endpoint{Path: full}, Dst: Endpoint{Site: j.Dst.Site, Path: path.Join(remote, name)},
			Type: j.Type, Overwrite: j.Overwrite}
		st, err := os.Stat(full) // follows links, checked below
		if err != nil {
			spec.Dst.Path = remote
			kids = append(kids, childJob{spec: spec, err: err})
			continue
		}
		if !st.IsDir() && !st.Mode().IsRegular() {
			continue
		}
		spec.IsDir, spec.Size, spec.ModTime = st.IsDir(), st.Size(), st.ModTime()
		if spec.IsDir {
			spec.Size = 0 // a folder's own size says nothing of its content
		}
		if ftpcore.IsLinkMode(de.Type()) { // a Windows junction too
			if why := linkNotFollowed(root, full, st.IsDir() && de.Type()&os.ModeSymlink != 0); why != "" {
				kids = append(kids, childJob{spec: spec, skip: why, note: note})
				continue
			}
		}
		kids = append(kids, childJob{note: note, spec: spec})
	}
	return kids, nil
}

// linkNotFollowed says why the link at full, inside a folder being
// uploaded from root, is not followed ("" when it is: one that leads
// inside root, and not a symbolic link to a folder, which may loop).
func linkNotFollowed(root, full string, dirLink bool) string {
	if dirLink {
		return ErrLinkNotFollowed.Error()
	}
	if err := ftpcore.CheckLinkInside(root, full); err != nil {
		return err.Error()
	}
	return ""
}

func expandFXP(ctx context.Context, j Job, src, dst pooledSession) ([]childJob, string, error) {
	from, to := src.remotePath(j.Src.Path), dst.remotePath(j.Dst.Path)
	if err := dst.s.MkdirAll(ctx, to); err != nil {
		return nil, "", err
	}
	l, err := src.s.List(ctx, from, ftpcore.ListDirOptions{Hidden: true})
	if err != nil {
		return nil, "", err
	}
	var kids []childJob
	for _, ent := range l.Entries {
		if ent.Type == listing.TypeSpecial || ent.Name == "." || ent.Name == ".." {
			continue
		}
		spec := JobSpec{
			Kind:      JobFXP,
			Src:       Endpoint{Site: j.Src.Site, Path: path.Join(from, ent.Name)},
			Dst:       Endpoint{Site: j.Dst.Site, Path: path.Join(to, ent.Name)},
			IsDir:     ent.IsDir(),
			Size:      ent.Size,
			ModTime:   entryTime(ent),
			Type:      j.Type,
			Overwrite: j.Overwrite,
		}
		var err error
		if ent.Unsafe || listing.UnsafeName(ent.Name) {
			// A remote name with "/" would land elsewhere on the target.
			spec.Src.Path, spec.Dst.Path = from+"/"+ent.Name, to
			err = fmt.Errorf("%w: %q", ErrUnsafePath, ent.Name)
		}
		kids = append(kids, childJob{spec: spec, err: err, unique: ent.Unique})
	}
	return kids, cdirUnique(l.Entries), nil
}

// addChildren inserts a folder's entries after the folder job and any
// jobs already descended from it.
func (q *Queue) addChildren(parent *jobEntry, kids []childJob) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.byID[parent.ID] != parent {
		return
	}
	at := q.indexOf(parent.ID) + 1
	for at < len(q.jobs) && q.descends(q.jobs[at], parent.ID) {
		at++
	}
	now := time.Now()
	added := make([]*jobEntry, 0, len(kids))
	for _, k := range kids {
		e := q.newEntry(k.spec, parent.ID, now)
		e.root = parent.root
		k.note.apply(&e.Job)
		if k.skip != "" {
			e.State, e.Err = JobSkipped, k.skip
		}
		if k.err != nil {
			e.State, e.Err = JobFailed, k.err.Error()
			if errors.Is(k.err, ErrUnsafePath) {
				e.Size = 0
			}
		}
		q.guardTree(parent, e, k.unique)
		q.byID[e.ID] = e
		added = append(added, e)
		q.changed(e)
	}
	q.jobs = slices.Insert(q.jobs, at, added...)
	q.events.reorder()
}

// descends reports whether e comes from the folder job id; q.mu held.
func (q *Queue) descends(e *jobEntry, id int64) bool {
	for p := e.Parent; p != 0; {
		if p == id {
			return true
		}
		pe := q.byID[p]
		if pe == nil {
			return false
		}
		p = pe.Parent
	}
	return false
}
