package syncplan

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"ferry/ftpcore/compare"
	"ferry/ftpcore/listing"
)

// walker builds a plan folder by folder.
type walker struct {
	sides [2]Lister
	opt   Options
	plan  *Plan
}

// side is one folder's usable entries by name.
type side struct {
	exists bool
	byName map[string]*listing.Entry
	names  []string
	self   string // the folder's own MLSD unique fact, from its "." entry
}

// list reads folder rel of side s, unless it is known not to exist.
func (w *walker) list(ctx context.Context, s Side, rel string, maybe bool) (side, error) {
	var f side
	if !maybe {
		return f, nil
	}
	ents, exists, err := w.sides[s].List(ctx, rel)
	if err != nil {
		return f, fmt.Errorf("list %s on side %c: %w", rel, 'A'+rune(s), err)
	}
	f.exists = exists
	f.byName = make(map[string]*listing.Entry, len(ents))
	for i := range ents {
		e := &ents[i]
		if e.Name == "." && e.Unique != "" {
			f.self = e.Unique
		}
		if e.Name == "." || e.Name == ".." || e.Type == listing.TypeSpecial {
			continue
		}
		k := key(e.Name, w.opt.Compare.FoldCase)
		if _, dup := f.byName[k]; dup {
			continue
		}
		f.byName[k] = e
		f.names = append(f.names, k)
	}
	return f, nil
}

func key(name string, fold bool) string {
	if fold {
		return strings.ToLower(name)
	}
	return name
}

// unsafe reports whether a name cannot be used on the other side.
func unsafe(e *listing.Entry) bool { return e.Unsafe || listing.UnsafeName(e.Name) }

// walk plans folder rel; maybe[s] is false when side s is known to lack
// it. parents[s] holds the unique facts of side s's folders above rel,
// so that a server showing a folder inside itself is not followed.
func (w *walker) walk(ctx context.Context, rel string, maybe [2]bool, parents [2][]string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var f [2]side
	for s := range f {
		var err error
		if f[s], err = w.list(ctx, Side(s), rel, maybe[s]); err != nil {
			return err
		}
	}
	if rel == "." {
		for _, s := range w.sources() {
			if !f[s].exists {
				return &RootError{Side: s}
			}
		}
	}
	for _, s := range w.sources() {
		if !f[s.Other()].exists && f[s].exists {
			w.add(Item{Action: Mkdir, Parent: path.Dir(rel), Name: path.Base(rel), To: s.Other(), IsDir: true, State: compare.OnlyHere})
		}
	}
	for s := range f {
		if f[s].self != "" {
			parents[s] = append(slices.Clip(parents[s]), f[s].self)
		}
	}
	names := append(slices.Clone(f[0].names), f[1].names...)
	slices.Sort(names)
	names = slices.Compact(names)
	for _, k := range names {
		if err := w.entry(ctx, rel, f[0].byName[k], f[1].byName[k], parents); err != nil {
			return err
		}
	}
	return nil
}

// sources returns the sides copied from.
func (w *walker) sources() []Side {
	switch w.opt.Direction {
	case BToA:
		return []Side{SideB}
	case Both:
		return []Side{SideA, SideB}
	}
	return []Side{SideA}
}

func (w *walker) add(it Item) { w.plan.Items = append(w.plan.Items, it) }

// entry plans one name of folder rel; a or b is nil where it is missing.
func (w *walker) entry(ctx context.Context, rel string, a, b *listing.Entry, parents [2][]string) error {
	ents := [2]*listing.Entry{a, b}
	for s, e := range ents {
		if e == nil || !unsafe(e) {
			continue
		}
		// A source's unsafe name is reported; a destination's is left
		// alone: it can be neither matched nor deleted safely.
		if w.isSource(Side(s)) {
			w.refuse(rel, e, Side(s), ErrUnsafeName)
		}
		return nil
	}
	for s, e := range ents {
		// A source's link that may not be followed is reported.
		if e == nil || e.Type != listing.TypeLink || !w.isSource(Side(s)) || w.opt.FollowLink == nil {
			continue
		}
		if err := w.opt.FollowLink(Side(s), rel, *e); err != nil {
			w.refuse(rel, e, Side(s), err)
			return nil
		}
	}
	for s, e := range ents {
		// A link where the plan writes is never written through nor
		// deleted; the source's entry of that name is refused. Both ways,
		// a link is a source too, but the other side's entry of that name
		// may be the newer one and copied onto it: refused as well.
		if e == nil || e.Type != listing.TypeLink {
			continue
		}
		o := ents[1-s]
		if !w.isSource(Side(s)) {
			if o != nil && w.isSource(Side(1-s)) {
				w.refuse(rel, o, Side(s), ErrLinkInTheWay)
			}
			return nil
		}
		if o != nil && w.isSource(Side(1-s)) {
			w.refuse(rel, o, Side(s), ErrLinkInTheWay)
			return nil
		}
	}
	for s, e := range ents {
		// A folder to walk on a source side: not a loop, not too deep.
		if e == nil || !e.IsDir() || !w.isSource(Side(s)) || ents[1-s] != nil && !ents[1-s].IsDir() {
			continue
		}
		if e.Unique != "" && slices.Contains(parents[s], e.Unique) {
			w.refuse(rel, e, Side(s), ErrFolderLoop)
			return nil
		}
		if w.opt.MaxDepth > 0 && strings.Count(path.Join(rel, e.Name), "/")+1 > w.opt.MaxDepth {
			w.refuse(rel, e, Side(s), ErrTooDeep)
			return nil
		}
	}
	if a != nil && b != nil {
		return w.pair(ctx, rel, a, b, parents)
	}
	s := SideA
	if a == nil {
		s = SideB
	}
	e := ents[s]
	if !w.isSource(s) {
		// Only in the destination of a one-way plan.
		if w.opt.Delete {
			w.add(Item{Action: Delete, Parent: rel, Name: e.Name, To: s, IsDir: e.IsDir(), Size: e.Size, ModTime: e.ModTime})
		}
		return nil
	}
	child := path.Join(rel, e.Name)
	if e.IsDir() {
		maybe := [2]bool{}
		maybe[s] = true
		return w.walk(ctx, child, maybe, descend(parents, ents))
	}
	w.add(copyItem(rel, e, s.Other(), compare.OnlyHere))
	return nil
}

// descend returns the parents' unique facts below a folder: each side's
// own, as its parent's listing gave it (a folder's "." entry, when the
// server sends one, adds it again, harmlessly).
func descend(parents [2][]string, ents [2]*listing.Entry) [2][]string {
	for s, e := range ents {
		if e != nil && e.Unique != "" {
			parents[s] = append(slices.Clip(parents[s]), e.Unique)
		}
	}
	return parents
}

// isSource reports whether the plan copies from side s.
func (w *walker) isSource(s Side) bool { return slices.Contains(w.sources(), s) }

// refuse records an entry the plan will not touch, and why. to is the
// side the entry was read from, or for a link in the way, the side of
// the link.
func (w *walker) refuse(rel string, e *listing.Entry, to Side, why error) {
	w.add(Item{Action: Refuse, Parent: rel, Name: e.Name, To: to, IsDir: e.IsDir(), Reason: why.Error(), Err: why})
}

func copyItem(rel string, src *listing.Entry, to Side, st compare.State) Item {
	return Item{Action: Copy, Parent: rel, Name: src.Name, To: to, Size: src.Size, ModTime: src.ModTime, State: st}
}

// pair plans a name present on both sides.
func (w *walker) pair(ctx context.Context, rel string, a, b *listing.Entry, parents [2][]string) error {
	if a.IsDir() != b.IsDir() {
		w.add(Item{Action: Conflict, Parent: rel, Name: a.Name, To: SideA, IsDir: a.IsDir(), State: compare.TypeMismatch,
			Reason: ErrTypeMismatch.Error(), Err: ErrTypeMismatch})
		return nil
	}
	if a.IsDir() {
		return w.walk(ctx, path.Join(rel, a.Name), [2]bool{true, true}, descend(parents, [2]*listing.Entry{a, b}))
	}
	st := compare.Entries(*a, *b, w.opt.Compare)
	if w.opt.Direction == Both {
		switch st {
		case compare.NewerHere:
			w.add(copyItem(rel, a, SideB, st))
		case compare.OlderHere:
			w.add(copyItem(rel, b, SideA, st.Opposite()))
		case compare.Identical:
			w.plan.UpToDate++
		default:
			why := ErrNeitherNewer
			if w.opt.Compare.Mode == compare.BySize {
				why = ErrSizesDiffer
			}
			w.add(Item{Action: Conflict, Parent: rel, Name: a.Name, To: SideA, Size: a.Size, ModTime: a.ModTime, State: st,
				Reason: why.Error(), Err: why})
		}
		return nil
	}
	src, dst, to := a, b, SideB
	if w.opt.Direction == BToA {
		src, dst, to = b, a, SideA
		st = st.Opposite()
	}
	if w.needCopy(src, dst) {
		w.add(copyItem(rel, src, to, st))
	} else {
		w.plan.UpToDate++
	}
	return nil
}

// needCopy decides a one-way copy over an existing file: a newer source
// always; with OnlyNewer, a file of unknown time too; otherwise any size
// that differs or is unknown. Comparing sizes only, a different size.
func (w *walker) needCopy(src, dst *listing.Entry) bool {
	same := compare.SameSize(*src, *dst)
	if w.opt.Compare.Mode == compare.BySize {
		return !same
	}
	order, known := compare.TimeOrder(*src, *dst, w.opt.Compare.Tolerance)
	if order > 0 {
		return true
	}
	if w.opt.OnlyNewer {
		return !known
	}
	return !same
}
