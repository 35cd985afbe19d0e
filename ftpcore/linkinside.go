package ftpcore

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// ErrLinkOutside is the error of a symbolic link that leads outside the
// folder being copied from: what it leads to (a key, a password file, a
// whole home folder) is not sent with the folder.
var ErrLinkOutside = errors.New("a symbolic link that leads outside the folder, not followed")

// CheckLinkInside returns nil when the symbolic link at path leads,
// through any chain of links, to something inside root (both resolved);
// otherwise an error wrapping ErrLinkOutside that names where it leads,
// or why that could not be known.
func CheckLinkInside(root, path string) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrLinkOutside, err)
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrLinkOutside, err)
	}
	if !PathWithin(realRoot, target) {
		return fmt.Errorf("%w: it leads to %s", ErrLinkOutside, target)
	}
	return nil
}

// PathWithin reports whether p is root or lies below it, comparing the paths
// as written (no link is followed).
func PathWithin(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return root != "" && err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
