package queue

import (
	"fmt"
	"path/filepath"
	"strings"

	"ferry/ftpcore/listing"
)

// The only ways the queue builds or accepts a local path from a server's
// name: a name must be a single safe component (see UnsafeName), and the
// joined path must stay inside the destination the user chose, whatever
// the name or a tampered state file says.

// checkedJoin joins a name from a remote listing to a local folder.
func checkedJoin(root, dir, name string) (string, error) {
	if listing.UnsafeName(name) {
		return "", fmt.Errorf("%w: %q", ErrUnsafePath, name)
	}
	return checkInside(root, filepath.Join(dir, name))
}

// checkInside verifies that p is root or lies below it, lexically, and
// returns it cleaned.
func checkInside(root, p string) (string, error) {
	root, p = filepath.Clean(root), filepath.Clean(p)
	rel, err := filepath.Rel(root, p)
	if err != nil || (rel != "." && !filepath.IsLocal(rel)) {
		return "", fmt.Errorf("%w: %s is outside %s", ErrUnsafePath, p, root)
	}
	return p, nil
}

// downloadRoot checks a download spec's destination, whoever built it: no
// ".." in the path as given, a last name that is a safe local name, and a
// place inside the spec's Root (so that a server's "../x" joined to the
// folder the user chose is refused even when the join cleaned it). It
// returns the folder nothing of the job may be written outside of.
func downloadRoot(sp JobSpec) (string, error) {
	for _, c := range strings.FieldsFunc(sp.Dst.Path, func(r rune) bool { return r == '/' || r == filepath.Separator }) {
		if c == ".." {
			return "", fmt.Errorf("%w: %s", ErrUnsafePath, sp.Dst.Path)
		}
	}
	dst := filepath.Clean(sp.Dst.Path)
	root := sp.Root
	switch {
	case root != "":
		root = filepath.Clean(root)
	case sp.IsDir:
		root = dst
	default:
		root = filepath.Dir(dst)
	}
	if dst == root && !sp.IsDir {
		return "", fmt.Errorf("%w: %s is the destination folder itself", ErrUnsafePath, dst)
	}
	if dst != root && listing.UnsafeName(filepath.Base(dst)) {
		return "", fmt.Errorf("%w: %q", ErrUnsafePath, filepath.Base(dst))
	}
	if _, err := checkInside(root, dst); err != nil {
		return "", err
	}
	return root, nil
}
