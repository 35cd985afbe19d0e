package syncplan

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/compare"
	"ferry/ftpcore/listing"
)

var t0 = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// tree is a Lister over a map of "path": "size@minutes" (files) or
// "path/": "" (folders).
type tree map[string]string

func (tr tree) List(_ context.Context, rel string) ([]listing.Entry, bool, error) {
	if rel != "." {
		if _, ok := tr[rel+"/"]; !ok {
			return nil, false, nil
		}
	}
	var out []listing.Entry
	for p, v := range tr {
		dir := strings.HasSuffix(p, "/")
		p = strings.TrimSuffix(p, "/")
		if path.Dir(p) != rel {
			continue
		}
		e := listing.Entry{Name: path.Base(p), Type: listing.TypeFile, Precision: listing.PrecisionSecond, Unsafe: strings.Contains(p, "..")}
		if dir {
			e.Type, e.Size = listing.TypeDir, -1
		} else {
			var size, mins int64
			fmt.Sscanf(v, "%d@%d", &size, &mins)
			e.Size, e.ModTime = size, t0.Add(time.Duration(mins)*time.Minute)
		}
		out = append(out, e)
	}
	return out, true, nil
}

// render writes a plan one item a line: "copy A>B sub/x".
func render(p *Plan) []string {
	var out []string
	for _, it := range p.Items {
		out = append(out, fmt.Sprintf("%s %c>%c %s", it.Action, 'A'+rune(it.From()), 'A'+rune(it.To), it.Rel()))
	}
	return out
}

func TestBuild(t *testing.T) {
	a := tree{
		"same": "10@0", "newer": "5@60", "older": "5@0", "size": "7@0", "onlyA": "1@0",
		"dirA/": "", "dirA/x": "2@0", "dirA/deep/": "", "dirA/deep/y": "3@0",
		"both/": "", "both/z": "4@0", "kind": "1@0", "..evil": "1@0",
	}
	b := tree{
		"same": "10@0", "newer": "5@0", "older": "5@60", "size": "9@0", "onlyB": "1@0",
		"dirB/": "", "dirB/w": "2@0", "both/": "", "both/z": "4@0", "both/gone": "1@0", "kind/": "",
	}
	tests := []struct {
		name string
		opt  Options
		want []string
		up   int
	}{
		{"mirror A to B", Options{Compare: compare.Options{Mode: compare.BySizeAndTime}}, []string{
			"refuse B>A ..evil", "mkdir A>B dirA", "mkdir A>B dirA/deep", "copy A>B dirA/deep/y", "copy A>B dirA/x",
			"conflict B>A kind", "copy A>B newer", "copy A>B onlyA", "copy A>B size",
		}, 3},
		{"mirror with delete", Options{Delete: true, Compare: compare.Options{Mode: compare.BySizeAndTime}}, []string{
			"refuse B>A ..evil", "delete A>B both/gone", "mkdir A>B dirA", "mkdir A>B dirA/deep", "copy A>B dirA/deep/y", "copy A>B dirA/x",
			"delete A>B dirB", "conflict B>A kind", "copy A>B newer", "copy A>B onlyA", "delete A>B onlyB", "copy A>B size",
		}, 3},
		{"only newer", Options{OnlyNewer: true, Compare: compare.Options{Mode: compare.BySizeAndTime}}, []string{
			"refuse B>A ..evil", "mkdir A>B dirA", "mkdir A>B dirA/deep", "copy A>B dirA/deep/y", "copy A>B dirA/x",
			"conflict B>A kind", "copy A>B newer", "copy A>B onlyA",
		}, 4},
		{"by size", Options{Compare: compare.Options{Mode: compare.BySize}}, []string{
			"refuse B>A ..evil", "mkdir A>B dirA", "mkdir A>B dirA/deep", "copy A>B dirA/deep/y", "copy A>B dirA/x",
			"conflict B>A kind", "copy A>B onlyA", "copy A>B size",
		}, 4},
		// The destination's unsafe name is neither matched nor deleted.
		{"B to A with delete", Options{Direction: BToA, Delete: true, Compare: compare.Options{Mode: compare.BySizeAndTime}}, []string{
			"copy B>A both/gone", "delete B>A dirA", "mkdir B>A dirB", "copy B>A dirB/w",
			"conflict B>A kind", "copy B>A older", "delete B>A onlyA", "copy B>A onlyB", "copy B>A size",
		}, 3},
		// Both ways, nothing is deleted and a different size with no newer
		// side is for the user to settle.
		{"both ways", Options{Direction: Both, Delete: true, Compare: compare.Options{Mode: compare.BySizeAndTime}}, []string{
			"refuse B>A ..evil", "copy B>A both/gone", "mkdir A>B dirA", "mkdir A>B dirA/deep", "copy A>B dirA/deep/y", "copy A>B dirA/x",
			"mkdir B>A dirB", "copy B>A dirB/w", "conflict B>A kind", "copy A>B newer", "copy B>A older", "copy A>B onlyA", "copy B>A onlyB",
			"conflict B>A size",
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Build(t.Context(), a, b, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := render(p); !slices.Equal(got, tt.want) {
				t.Errorf("plan:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			if p.UpToDate != tt.up {
				t.Errorf("up to date %d, want %d", p.UpToDate, tt.up)
			}
		})
	}
}

func TestBuildDetails(t *testing.T) {
	a := tree{"f": "5@60", "g": "5@0"}
	b := tree{"f": "9@0", "g": "9@60"}
	p, err := Build(t.Context(), a, b, Options{Compare: compare.Options{Mode: compare.BySizeAndTime}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 2 || p.Items[0].State != compare.NewerHere || p.Items[1].State != compare.OlderHere ||
		p.Items[0].Size != 5 || !p.Items[0].ModTime.Equal(t0.Add(time.Hour)) {
		t.Errorf("items %+v", p.Items)
	}
	if p.Count(Copy) != 2 || p.Count(Delete) != 0 {
		t.Errorf("counts %d copies, %d deletes", p.Count(Copy), p.Count(Delete))
	}
}

func TestBuildMissingRoots(t *testing.T) {
	missing := tree{"x/": ""}
	empty := tree{}
	// A missing destination root is made.
	p, err := Build(t.Context(), tree{"f": "1@0"}, listerAt{empty, "nope"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(p); !slices.Equal(got, []string{"mkdir A>B .", "copy A>B f"}) {
		t.Errorf("plan %q", got)
	}
	// A missing source root is an error.
	_, err = Build(t.Context(), listerAt{missing, "nope"}, empty, Options{})
	var re *RootError
	if !errors.Is(err, ErrMissingRoot) || !errors.As(err, &re) || re.Side != SideA {
		t.Errorf("err = %v", err)
	}
	_, err = Build(t.Context(), empty, listerAt{missing, "nope"}, Options{Direction: Both})
	if !errors.As(err, &re) || re.Side != SideB {
		t.Errorf("both ways: err = %v", err)
	}
}

// listerAt roots a tree at a sub-folder.
type listerAt struct {
	t    tree
	root string
}

func (l listerAt) List(ctx context.Context, rel string) ([]listing.Entry, bool, error) {
	return l.t.List(ctx, path.Join(l.root, rel))
}

var errBroken = errors.New("broken")

type failing struct{ after string }

func (f failing) List(_ context.Context, rel string) ([]listing.Entry, bool, error) {
	if rel == f.after {
		return nil, false, errBroken
	}
	return []listing.Entry{{Name: "sub", Type: listing.TypeDir}}, true, nil
}

func TestBuildErrors(t *testing.T) {
	if _, err := Build(t.Context(), failing{"sub/sub"}, tree{}, Options{}); !errors.Is(err, errBroken) || !strings.Contains(err.Error(), "sub/sub") {
		t.Errorf("err = %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Build(ctx, tree{}, tree{}, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

func TestConflictReasons(t *testing.T) {
	a, b := tree{"f": "5@0"}, tree{"f": "9@0"}
	for _, c := range []struct {
		mode compare.Mode
		want error
	}{{compare.BySize, ErrSizesDiffer}, {compare.BySizeAndTime, ErrNeitherNewer}} {
		p, err := Build(t.Context(), a, b, Options{Direction: Both, Compare: compare.Options{Mode: c.mode}})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 1 || p.Items[0].Action != Conflict || !errors.Is(p.Items[0].Err, c.want) {
			t.Errorf("mode %d: %+v", c.mode, p.Items)
		}
	}
}
