package ftpcore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckLinkInside: a link is followed only to what lies inside the
// root, through relative and absolute targets and chains of links; one
// that leads out, directly or through another link, or nowhere, is not.
func TestCheckLinkInside(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "root")
	for _, d := range []string{filepath.Join(root, "sub"), filepath.Join(base, "out")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{filepath.Join(root, "f"), filepath.Join(base, "out", "g"), filepath.Join(base, "rootless")} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"rel-in":   "f",
		"abs-in":   filepath.Join(root, "f"),
		"dir-in":   "sub",
		"sub/up":   "../f",
		"chain-in": "rel-in",
		"rel-out":  "../out/g",
		"abs-out":  filepath.Join(base, "out"),
		"chain":    "rel-out",
		"prefix":   "../rootless", // a sibling whose name starts like root's
		"nowhere":  "missing",
	}
	for l, target := range links {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(l))); err != nil {
			t.Fatal(err)
		}
	}
	for l := range links {
		err := CheckLinkInside(root, filepath.Join(root, filepath.FromSlash(l)))
		inside := strings.HasSuffix(l, "-in") || l == "sub/up"
		if inside != (err == nil) || (err != nil && !errors.Is(err, ErrLinkOutside)) {
			t.Errorf("%s: %v", l, err)
		}
	}
}
