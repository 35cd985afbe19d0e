package syncplan

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"ferry/ftpcore/listing"
)

// endless lists a folder "sub" in every folder, each with the unique
// fact same (a loop of links on a server) or a fresh one.
type endless struct{ same bool }

func (e endless) List(_ context.Context, rel string) ([]listing.Entry, bool, error) {
	unique := "U"
	if !e.same {
		unique = rel + "/sub"
	}
	return []listing.Entry{{Name: "sub", Type: listing.TypeDir, Unique: unique}}, true, nil
}

func TestBuildGuards(t *testing.T) {
	t.Run("loop", func(t *testing.T) {
		p, err := Build(t.Context(), endless{same: true}, tree{}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := render(p)
		if !slices.Equal(got, []string{"mkdir A>B sub", "refuse B>A sub/sub"}) || !errors.Is(p.Items[1].Err, ErrFolderLoop) {
			t.Errorf("plan %q, last %v", got, p.Items[len(p.Items)-1].Err)
		}
	})
	t.Run("depth", func(t *testing.T) {
		p, err := Build(t.Context(), endless{}, tree{}, Options{MaxDepth: 3})
		if err != nil {
			t.Fatal(err)
		}
		last := p.Items[len(p.Items)-1]
		if p.Count(Mkdir) != 3 || !errors.Is(last.Err, ErrTooDeep) || last.Rel() != "sub/sub/sub/sub" {
			t.Errorf("plan %q, last %v", render(p), last.Err)
		}
	})
	t.Run("link in the destination", func(t *testing.T) {
		a := tree{"x/": "", "x/f": "1@0", "y": "1@0"}
		b := linked{tree{"y": "2@0"}, []string{"x", "z"}}
		p, err := Build(t.Context(), a, b, Options{Delete: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := render(p); !slices.Equal(got, []string{"refuse A>B x", "copy A>B y"}) || !errors.Is(p.Items[0].Err, ErrLinkInTheWay) {
			t.Errorf("plan %q", got)
		}
	})
}

// TestBuildBothWaysNeverWritesThroughALink: synchronising both ways, a
// link on either side is never the target of the other side's file of
// that name, newer or older (a server's STOR would write through the link
// into the file it points to); a link alone on one side is copied from,
// as in one direction.
func TestBuildBothWaysNeverWritesThroughALink(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b Lister
		want []string
	}{
		{"link on B, newer file on A", tree{"x": "5@100", "y": "1@0"}, linked{tree{}, []string{"x"}},
			[]string{"refuse A>B x", "copy A>B y"}},
		{"link on B, older file on A", tree{"x": "5@0"}, linked{tree{}, []string{"x"}}, []string{"refuse A>B x"}},
		{"link on A, file on B", linked{tree{}, []string{"x"}}, tree{"x": "5@100"}, []string{"refuse B>A x"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Build(t.Context(), tc.a, tc.b, Options{Direction: Both})
			if err != nil {
				t.Fatal(err)
			}
			if got := render(p); !slices.Equal(got, tc.want) || !errors.Is(p.Items[0].Err, ErrLinkInTheWay) {
				t.Errorf("plan %q (%v), want %q", got, p.Items[0].Err, tc.want)
			}
		})
	}
}

// linked adds symbolic links to a tree's root.
type linked struct {
	t     tree
	links []string
}

func (l linked) List(ctx context.Context, rel string) ([]listing.Entry, bool, error) {
	ents, ok, err := l.t.List(ctx, rel)
	if rel == "." {
		for _, n := range l.links {
			ents = append(ents, listing.Entry{Name: n, Type: listing.TypeLink, Target: strings.Repeat("../", 3)})
		}
	}
	return ents, ok, err
}

// TestBuildFollowLink: a source's link that Options.FollowLink refuses is
// a refusal with its error, on whichever side is the source; one it lets
// through is copied as before; the destination's links are not asked
// about.
func TestBuildFollowLink(t *testing.T) {
	errOutside := errors.New("leads outside")
	var asked []string
	opt := Options{FollowLink: func(s Side, rel string, e listing.Entry) error {
		asked = append(asked, fmt.Sprintf("%c %s/%s", 'A'+rune(s), rel, e.Name))
		if e.Name == "out" {
			return errOutside
		}
		return nil
	}}
	a := linked{tree{"f": "1@0"}, []string{"out", "in"}}
	p, err := Build(t.Context(), a, linked{tree{}, []string{"theirs"}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	got := render(p)
	slices.Sort(got)
	if want := []string{"copy A>B f", "copy A>B in", "refuse B>A out"}; !slices.Equal(got, want) {
		t.Errorf("plan %q, want %q", got, want)
	}
	for _, it := range p.Items {
		if it.Name == "out" && (!errors.Is(it.Err, errOutside) || it.Reason != errOutside.Error()) {
			t.Errorf("out refused with %v (%q)", it.Err, it.Reason)
		}
	}
	slices.Sort(asked)
	if want := []string{"A ./in", "A ./out"}; !slices.Equal(asked, want) {
		t.Errorf("asked about %q, want %q (not the destination's link)", asked, want)
	}

	asked = nil
	opt.Direction = BToA
	p, err = Build(t.Context(), tree{}, a, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := render(p); !slices.Contains(got, "refuse A>B out") || slices.Contains(got, "copy B>A out") {
		t.Errorf("B to A: plan %q", got)
	}
}
