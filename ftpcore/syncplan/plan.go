package syncplan

import (
	"context"
	"errors"
	"fmt"
	"path"
	"time"

	"ferry/ftpcore/compare"
	"ferry/ftpcore/listing"
)

// Lister lists one folder of a tree. rel is slash-separated from the
// tree's root, "." for the root itself. A missing folder is not an error:
// List returns exists false. Build calls it from one goroutine at a time.
type Lister interface {
	List(ctx context.Context, rel string) (entries []listing.Entry, exists bool, err error)
}

// Side names one of the two trees.
type Side uint8

// The two sides, in the order given to Build.
const (
	SideA Side = iota
	SideB
)

// Other returns the other side.
func (s Side) Other() Side { return 1 - s }

// Direction says which way a synchronisation copies.
type Direction uint8

// The directions: AToB makes B like A (a mirror), BToA the reverse, and
// Both copies each side's new and newer files to the other.
const (
	AToB Direction = iota
	BToA
	Both
)

// Action is what an item of a plan does.
type Action uint8

// The actions, in the order a plan runs them: folders, copies, deletions.
// Conflict and Refuse are not run: they say what was left and why.
const (
	Mkdir Action = iota
	Copy
	Delete
	Conflict
	Refuse
)

// String names the action in English.
func (a Action) String() string {
	return [...]string{"mkdir", "copy", "delete", "conflict", "refuse"}[a]
}

// Options tune a plan. The zero value mirrors A onto B, comparing sizes
// only, deleting nothing.
type Options struct {
	Direction Direction
	// Delete removes from the destination what the source lacks; it
	// applies to AToB and BToA only.
	Delete bool
	// OnlyNewer copies over an existing file only when the source's is
	// newer (or either time is unknown), whatever the sizes.
	OnlyNewer bool
	// Compare decides which files differ; its Mode chooses between sizes,
	// and sizes and times.
	Compare compare.Options
	// MaxDepth refuses folders deeper than this below the roots (1 is a
	// root's own sub-folders); 0 means no bound.
	MaxDepth int
	// FollowLink, when set, is asked about each symbolic link (TypeLink)
	// read from a source side, rel its folder: an error refuses the link
	// with that error, nil plans it as any entry. Nil follows every link,
	// as a server's links are: what a server serves is its own choice,
	// while a local link may lead out of the folder being copied.
	FollowLink func(s Side, rel string, e listing.Entry) error
}

// Item is one step of a plan.
type Item struct {
	Action Action
	// Parent is the folder holding the entry, slash-separated from the
	// roots; Name is the entry's name as listed.
	Parent, Name string
	// To is the side written: where a folder is made, a file copied to,
	// an entry deleted. For a Conflict or Refuse, the side the entry was
	// read from (A for a conflict between both).
	To    Side
	IsDir bool
	// Size and ModTime are the source file's, for a copy; the entry's,
	// for a deletion.
	Size    int64
	ModTime time.Time
	// State is how the source entry compares with the destination's (an
	// OlderHere copy replaces a newer file); for a conflict, how A's
	// compares with B's.
	State compare.State
	// Reason says in English why a Conflict or Refuse item is one; Err
	// is the same as a value to test with errors.Is (ErrUnsafeName,
	// ErrFolderLoop, ErrTooDeep, ErrLinkInTheWay, ErrTypeMismatch,
	// ErrNeitherNewer, ErrSizesDiffer, or what Options.FollowLink said).
	Reason string
	Err    error
}

// Why a Conflict or Refuse item was not planned as a step.
var (
	ErrUnsafeName   = errors.New("unsafe name")
	ErrFolderLoop   = errors.New("the folder is one of its own parents (a loop)")
	ErrTooDeep      = errors.New("the folder is deeper than the plan follows")
	ErrLinkInTheWay = errors.New("a symbolic link is in the way on the destination")
	ErrTypeMismatch = errors.New("a file on one side is a folder on the other")
	ErrNeitherNewer = errors.New("the sizes differ and neither file is newer")
	// ErrSizesDiffer is a conflict found comparing sizes only, both ways.
	ErrSizesDiffer = errors.New("the sizes differ")
)

// Rel returns the item's path from the roots, slash-separated.
func (it Item) Rel() string { return path.Join(it.Parent, it.Name) }

// From returns the side a copy reads.
func (it Item) From() Side { return it.To.Other() }

// Plan is the outcome of Build: items in walk order (a folder's own
// Mkdir before what goes in it, names sorted within a folder), and the
// count of files found up to date.
type Plan struct {
	Items    []Item
	UpToDate int
}

// Count returns how many items have action a.
func (p *Plan) Count(a Action) int {
	n := 0
	for _, it := range p.Items {
		if it.Action == a {
			n++
		}
	}
	return n
}

// ErrMissingRoot is returned, wrapped in a *RootError, when the source's
// root folder (either root, both ways) does not exist.
var ErrMissingRoot = errors.New("folder not found")

// RootError names the side whose root is missing.
type RootError struct{ Side Side }

func (e *RootError) Error() string {
	return fmt.Sprintf("root folder of side %c: %v", 'A'+rune(e.Side), ErrMissingRoot)
}

// Unwrap returns ErrMissingRoot.
func (e *RootError) Unwrap() error { return ErrMissingRoot }

// Build walks the trees of a and b and returns the plan that carries
// out opt. Listing errors end the walk and are returned wrapped.
func Build(ctx context.Context, a, b Lister, opt Options) (*Plan, error) {
	w := walker{sides: [2]Lister{a, b}, opt: opt, plan: &Plan{}}
	if err := w.walk(ctx, ".", [2]bool{true, true}, [2][]string{}); err != nil {
		return nil, err
	}
	return w.plan, nil
}
