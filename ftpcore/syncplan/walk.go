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

// walk plans folder rel; maybe[s] is false when side s is known to lack it.
func (w *walker) walk(ctx context.Context, rel string, maybe [2]bool) error {
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
	names := append(slices.Clone(f[0].names), f[1].names...)
	slices.Sort(names)
	names = slices.Compact(names)
	for _, k := range names {
		if err := w.entry(ctx, rel, f[0].byName[k], f[1].byName[k]); err != nil {
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
func (w *walker) entry(ctx context.Context, rel string, a, b *listing.Entry) error {
	ents := [2]*listing.Entry{a, b}
	for s, e := range ents {
		if e == nil || !unsafe(e) {
			continue
		}
		// A source's unsafe name is reported; a destination's is left
		// alone: it can be neither matched nor deleted safely.
		if slices.Contains(w.sources(), Side(s)) {
			w.add(Item{Action: Refuse, Parent: rel, Name: e.Name, To: Side(s), IsDir: e.IsDir(), Reason: "unsafe name"})
		}
		return nil
	}
	if a != nil && b != nil {
		return w.pair(ctx, rel, a, b)
	}
	s := SideA
	if a == nil {
		s = SideB
	}
	e := ents[s]
	if !slices.Contains(w.sources(), s) {
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
		return w.walk(ctx, child, maybe)
	}
	w.add(copyItem(rel, e, s.Other(), compare.OnlyHere))
	return nil
}

func copyItem(rel string, src *listing.Entry, to Side, st compare.State) Item {
	return Item{Action: Copy, Parent: rel, Name: src.Name, To: to, Size: src.Size, ModTime: src.ModTime, State: st}
}

// pair plans a name present on both sides.
func (w *walker) pair(ctx context.Context, rel string, a, b *listing.Entry) error {
	if a.IsDir() != b.IsDir() {
		w.add(Item{Action: Conflict, Parent: rel, Name: a.Name, To: SideA, IsDir: a.IsDir(), State: compare.TypeMismatch,
			Reason: "a file on one side is a folder on the other"})
		return nil
	}
	if a.IsDir() {
		return w.walk(ctx, path.Join(rel, a.Name), [2]bool{true, true})
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
			w.add(Item{Action: Conflict, Parent: rel, Name: a.Name, To: SideA, Size: a.Size, ModTime: a.ModTime, State: st,
				Reason: "the sizes differ and neither file is newer"})
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
