package ftpcore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrLinkInPath is returned when a download would write through a
// symbolic link (or, on Windows, a junction) that Ferry did not create: a
// NAME.part that is a link, or a linked folder inside the destination
// tree. Such a link can point anywhere, so Ferry refuses rather than
// follow it.
var ErrLinkInPath = errors.New("a symbolic link is in the way, and Ferry does not write through links it did not create")

// LinkError says which path is a link.
type LinkError struct {
	Path string
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s: %v; remove or rename it and try again", e.Path, ErrLinkInPath)
}

// Unwrap makes errors.Is(err, ErrLinkInPath) true.
func (e *LinkError) Unwrap() error { return ErrLinkInPath }

// isLink reports whether fi is a symbolic link or another kind of
// redirection.
func isLink(fi fs.FileInfo) bool { return IsLinkMode(fi.Mode()) }

// IsLinkMode reports whether a file of mode m is a symbolic link or
// another kind of redirection (a Windows junction shows as irregular),
// to be checked before it is followed.
func IsLinkMode(m fs.FileMode) bool { return m&(fs.ModeSymlink|fs.ModeIrregular) != 0 }

// CheckLocalDest verifies that p lies inside root (lexically) and that
// every folder between root and p that exists is a real folder, not a
// link. root itself is the user's choice and may be reached through links.
// A folder that does not exist yet is fine: MkdirInside creates it. It is
// safe for concurrent use.
func CheckLocalDest(root, p string) error {
	rel, err := relInside(root, p)
	if err != nil {
		return err
	}
	cur := filepath.Clean(root)
	dirs := splitRel(filepath.Dir(rel))
	for _, c := range dirs {
		cur = filepath.Join(cur, c)
		fi, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return &OpError{Op: "download", Path: cur, Err: err}
		}
		if isLink(fi) {
			return &LinkError{Path: cur}
		}
		if !fi.IsDir() {
			return &OpError{Op: "download", Path: cur, Err: errors.New("not a folder")}
		}
	}
	return nil
}

// MkdirInside creates root if needed, then dir and the folders leading to
// it below root, one at a time, and checks each (found or made) with Lstat: a link anywhere
// below root is refused with a *LinkError. It is safe for concurrent use.
func MkdirInside(root, dir string) error {
	rel, err := relInside(root, dir)
	if err != nil {
		return err
	}
	cur := filepath.Clean(root)
	// The root is the user's choice: it may be reached through links.
	if err := os.MkdirAll(cur, 0o755); err != nil {
		return &OpError{Op: "mkdir", Path: cur, Err: err}
	}
	for _, c := range splitRel(rel) {
		cur = filepath.Join(cur, c)
		if err := os.Mkdir(cur, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return &OpError{Op: "mkdir", Path: cur, Err: err}
		}
		fi, err := os.Lstat(cur)
		if err != nil {
			return &OpError{Op: "mkdir", Path: cur, Err: err}
		}
		if isLink(fi) {
			return &LinkError{Path: cur}
		}
		if !fi.IsDir() {
			return &OpError{Op: "mkdir", Path: cur, Err: errors.New("a file is in the way")}
		}
	}
	return nil
}

// ErrOutsideDest is returned when a local path does not lie inside the
// destination folder the user chose.
var ErrOutsideDest = errors.New("outside the destination folder")

func relInside(root, p string) (string, error) {
	rel, err := filepath.Rel(filepath.Clean(root), filepath.Clean(p))
	if err != nil || (rel != "." && !filepath.IsLocal(rel)) {
		return "", fmt.Errorf("%s: %w %s", p, ErrOutsideDest, root)
	}
	return rel, nil
}

func splitRel(rel string) []string {
	if rel == "." || rel == "" {
		return nil
	}
	var parts []string
	for rel != "." && rel != string(filepath.Separator) && rel != "" {
		parts = append([]string{filepath.Base(rel)}, parts...)
		rel = filepath.Dir(rel)
	}
	return parts
}

// openPart opens a download's .part file without following a link in its
// place (see openNoFollow for how each system does it).
func openPart(part string, flags int) (*os.File, error) {
	f, err := openNoFollow(part, flags, 0o644)
	if err != nil {
		var le *LinkError
		if errors.As(err, &le) {
			return nil, err
		}
		return nil, &OpError{Op: "download", Path: part, Err: err}
	}
	return f, nil
}
