package search

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/listing"
)

var t0 = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// tree is a Lister over "path": size (files, modified size days after
// t0) and "path/" (folders); "broken/" fails to list.
type tree map[string]int64

var errBroken = errors.New("broken")

func (tr tree) List(_ context.Context, rel string) ([]listing.Entry, bool, error) {
	if rel == "broken" {
		return nil, false, errBroken
	}
	if _, ok := tr[rel+"/"]; rel != "." && !ok {
		return nil, false, nil
	}
	var out []listing.Entry
	for p, size := range tr {
		dir := strings.HasSuffix(p, "/")
		p = strings.TrimSuffix(p, "/")
		if path.Dir(p) != rel {
			continue
		}
		e := listing.Entry{Name: path.Base(p), Type: listing.TypeFile, Size: size, ModTime: t0.Add(time.Duration(size) * 24 * time.Hour)}
		if dir {
			e.Type, e.Size, e.ModTime = listing.TypeDir, -1, time.Time{}
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b listing.Entry) int { return strings.Compare(a.Name, b.Name) })
	return out, true, nil
}

var seeded = tree{
	"readme.txt": 10, "Notes.TXT": 3, "big.iso": 900, "docs/": 0, "docs/a.txt": 5, "docs/b.md": 7,
	"docs/deep/": 0, "docs/deep/c.txt": 1, "docs/deep/deeper/": 0, "docs/deep/deeper/d.txt": 2, "broken/": 0, "txt/": 0,
}

func rels(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Rel)
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name      string
		q         Query
		want      []string
		truncated bool
	}{
		{"substring, any case", Query{Pattern: "txt"}, []string{"Notes.TXT", "readme.txt", "docs/a.txt", "docs/deep/c.txt", "docs/deep/deeper/d.txt"}, false},
		{"glob", Query{Pattern: "*.md"}, []string{"docs/b.md"}, false},
		{"case-sensitive", Query{Pattern: "*.TXT", CaseSensitive: true}, []string{"Notes.TXT"}, false},
		{"folders too", Query{Pattern: "txt", Folders: true}, []string{"Notes.TXT", "readme.txt", "txt", "docs/a.txt", "docs/deep/c.txt", "docs/deep/deeper/d.txt"}, false},
		{"size", Query{MinSize: 5, MaxSize: 100}, []string{"readme.txt", "docs/a.txt", "docs/b.md"}, false},
		{"time", Query{Pattern: "*.txt", After: t0.Add(2 * 24 * time.Hour), Before: t0.Add(20 * 24 * time.Hour)}, []string{"Notes.TXT", "readme.txt", "docs/a.txt"}, false},
		{"depth", Query{Pattern: ".txt", MaxDepth: 2}, []string{"Notes.TXT", "readme.txt", "docs/a.txt"}, true},
		{"results", Query{Pattern: ".txt", MaxResults: 2}, []string{"Notes.TXT", "readme.txt"}, true},
		{"folders listed", Query{Pattern: ".txt", MaxFolders: 1}, []string{"Notes.TXT", "readme.txt"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, out, err := Find(t.Context(), seeded, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(rels(got), tt.want) {
				t.Errorf("found %q, want %q", rels(got), tt.want)
			}
			if out.Truncated != tt.truncated {
				t.Errorf("truncated %v, want %v", out.Truncated, tt.truncated)
			}
		})
	}
}

func TestFindFailures(t *testing.T) {
	_, out, err := Find(t.Context(), seeded, Query{Pattern: "x"})
	if err != nil || len(out.Skipped) != 1 || !errors.Is(out.Skipped[0], errBroken) {
		t.Errorf("err %v, skipped %v", err, out.Skipped)
	}
	if _, _, err := Find(t.Context(), seeded, Query{Pattern: "[a-"}); !errors.Is(err, ErrBadPattern) {
		t.Errorf("bad pattern: %v", err)
	}
	root := tree{} // no "x/" folder
	if _, _, err := Find(t.Context(), subtree{root, "x"}, Query{}); !errors.Is(err, ErrNoRoot) {
		t.Errorf("missing root: %v", err)
	}
	if _, _, err := Find(t.Context(), subtree{seeded, "broken"}, Query{}); !errors.Is(err, errBroken) {
		t.Errorf("broken root: %v", err)
	}
}

// subtree roots a tree at a folder.
type subtree struct {
	t    tree
	root string
}

func (s subtree) List(ctx context.Context, rel string) ([]listing.Entry, bool, error) {
	return s.t.List(ctx, path.Join(s.root, rel))
}

func TestFindCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	var seen []string
	got, out, err := Find(ctx, seeded, Query{Pattern: ".txt", Progress: func(rel string, listed int) {
		seen = append(seen, fmt.Sprintf("%s@%d", rel, listed))
		if rel == "docs/deep" {
			cancel() // the user presses Stop while this folder is listed
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if !slices.Equal(rels(got), []string{"Notes.TXT", "readme.txt", "docs/a.txt"}) || out.Listed != 5 {
		t.Errorf("found %q after %d folders (%q)", rels(got), out.Listed, seen)
	}
}
