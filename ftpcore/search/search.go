// Package search finds files in a folder tree, local or remote, by name
// pattern, size and modification time. The walk is bounded (depth,
// folders listed, results) and stops when its context is cancelled,
// returning what it found so far; it reads the tree only through the
// Lister it is given, so it is safe to run concurrently with different
// Listers.
package search

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"ferry/ftpcore/listing"
)

// Lister lists one folder of the tree. rel is slash-separated from the
// root, "." for the root itself; exists is false for a missing folder.
// Find calls it from one goroutine at a time.
type Lister interface {
	List(ctx context.Context, rel string) (entries []listing.Entry, exists bool, err error)
}

// Defaults for the bounds of a Query left at zero.
const (
	DefaultMaxDepth   = 32
	DefaultMaxFolders = 10_000
	DefaultMaxResults = 5_000
)

// Query says what to look for. Zero fields match anything.
type Query struct {
	// Pattern is a shell pattern for the name (path.Match syntax: *, ?,
	// [a-z]); a pattern without any of those matches names containing
	// it. Case is ignored unless CaseSensitive.
	Pattern       string
	CaseSensitive bool
	// MinSize and MaxSize bound a file's size in bytes (MaxSize 0: no
	// bound). A file of unknown size matches only unbounded queries.
	MinSize, MaxSize int64
	// After and Before bound the modification time; a file without one
	// matches only unbounded queries.
	After, Before time.Time
	// Folders makes folders match by name too (sizes and times are then
	// not checked); by default only files and links are results.
	Folders bool
	// MaxDepth, MaxFolders and MaxResults bound the walk; zero takes the
	// defaults. Depth 1 is the root's own entries.
	MaxDepth, MaxFolders, MaxResults int
	// Progress, when set, hears of each folder about to be listed.
	Progress func(rel string, listed int)
}

// Result is one match: its path from the root and its entry.
type Result struct {
	Rel   string
	Entry listing.Entry
}

// ErrBadPattern is returned, wrapped, for a pattern path.Match refuses.
var ErrBadPattern = path.ErrBadPattern

// Outcome is how a walk ended besides its results.
type Outcome struct {
	// Truncated is set when a bound stopped the walk; Listed counts the
	// folders read.
	Truncated bool
	Listed    int
	// Skipped holds the folders that could not be listed, with why; the
	// walk goes on without them.
	Skipped []error
}

// Find walks the tree of l breadth-first (nearer matches first) and
// returns the matches in walk order. A cancelled ctx ends the walk: the
// results so far come back with ctx's error.
func Find(ctx context.Context, l Lister, q Query) ([]Result, Outcome, error) {
	var out Outcome
	m, err := newMatcher(q)
	if err != nil {
		return nil, out, err
	}
	maxDepth, maxFolders, maxResults := orDefault(q.MaxDepth, DefaultMaxDepth), orDefault(q.MaxFolders, DefaultMaxFolders), orDefault(q.MaxResults, DefaultMaxResults)
	type folder struct {
		rel   string
		depth int
	}
	queue := []folder{{".", 1}}
	var results []Result
	for len(queue) > 0 {
		if err := ctx.Err(); err != nil {
			return results, out, err
		}
		if out.Listed >= maxFolders {
			out.Truncated = true
			break
		}
		f := queue[0]
		queue = queue[1:]
		if q.Progress != nil {
			q.Progress(f.rel, out.Listed)
		}
		ents, exists, err := l.List(ctx, f.rel)
		out.Listed++
		if ctx.Err() != nil {
			// Stopped while this folder was listed: what it held is
			// not reported, as the user asked for no more.
			return results, out, ctx.Err()
		}
		if err != nil {
			if f.rel == "." {
				return nil, out, fmt.Errorf("search: %w", err)
			}
			out.Skipped = append(out.Skipped, fmt.Errorf("%s: %w", f.rel, err))
			continue
		}
		if !exists {
			if f.rel == "." {
				return nil, out, fmt.Errorf("search: %w", ErrNoRoot)
			}
			continue
		}
		for _, e := range ents {
			if e.Name == "." || e.Name == ".." || e.Unsafe || listing.UnsafeName(e.Name) {
				continue
			}
			rel := path.Join(f.rel, e.Name)
			if m.match(&e) {
				results = append(results, Result{Rel: rel, Entry: e})
				if len(results) >= maxResults {
					out.Truncated = true
					return results, out, nil
				}
			}
			if e.IsDir() {
				if f.depth < maxDepth {
					queue = append(queue, folder{rel, f.depth + 1})
				} else {
					out.Truncated = true
				}
			}
		}
	}
	return results, out, nil
}

// ErrNoRoot is returned, wrapped, when the folder to search is missing.
var ErrNoRoot = errors.New("folder not found")

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

// matcher is a Query made ready to test entries.
type matcher struct {
	q       Query
	pattern string
	glob    bool
}

func newMatcher(q Query) (*matcher, error) {
	m := &matcher{q: q, pattern: q.Pattern}
	if !q.CaseSensitive {
		m.pattern = strings.ToLower(m.pattern)
	}
	m.glob = strings.ContainsAny(m.pattern, "*?[")
	if m.glob {
		if _, err := path.Match(m.pattern, ""); err != nil {
			return nil, fmt.Errorf("search pattern %q: %w", q.Pattern, err)
		}
	}
	return m, nil
}

// match tests one entry against the query.
func (m *matcher) match(e *listing.Entry) bool {
	if e.Type == listing.TypeSpecial || e.IsDir() && !m.q.Folders {
		return false
	}
	name := e.Name
	if !m.q.CaseSensitive {
		name = strings.ToLower(name)
	}
	if m.glob {
		if ok, _ := path.Match(m.pattern, name); !ok {
			return false
		}
	} else if !strings.Contains(name, m.pattern) {
		return false
	}
	if e.IsDir() {
		return true
	}
	if m.q.MinSize > 0 && (e.Size < m.q.MinSize) || m.q.MaxSize > 0 && (e.Size < 0 || e.Size > m.q.MaxSize) {
		return false
	}
	if !m.q.After.IsZero() && (e.ModTime.IsZero() || !e.ModTime.After(m.q.After)) {
		return false
	}
	if !m.q.Before.IsZero() && (e.ModTime.IsZero() || !e.ModTime.Before(m.q.Before)) {
		return false
	}
	return true
}
