package queue

import (
	"fmt"
	"path/filepath"

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
