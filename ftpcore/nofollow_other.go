//go:build !unix

package ftpcore

import (
	"errors"
	"io/fs"
	"os"
)

// openNoFollow refuses a link (or junction) at name: the system offers no
// O_NOFOLLOW, so the name is checked with Lstat before the open and the
// opened file compared with it afterwards, which catches a link put in
// place between the two.
func openNoFollow(name string, flags int, perm os.FileMode) (*os.File, error) {
	before, err := os.Lstat(name)
	switch {
	case err == nil && isLink(before):
		return nil, &LinkError{Path: name}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	f, err := os.OpenFile(name, flags, perm)
	if err != nil {
		return nil, err
	}
	opened, serr := f.Stat()
	after, lerr := os.Lstat(name)
	if serr != nil || lerr != nil || isLink(after) || !os.SameFile(opened, after) {
		f.Close()
		return nil, &LinkError{Path: name}
	}
	return f, nil
}
