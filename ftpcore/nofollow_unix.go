//go:build unix

package ftpcore

import (
	"errors"
	"os"
	"syscall"
)

// openNoFollow opens name with O_NOFOLLOW: the kernel refuses a symbolic
// link in the last component (ELOOP, or EMLINK on some BSDs), so no race
// between a check and the open can redirect the write.
func openNoFollow(name string, flags int, perm os.FileMode) (*os.File, error) {
	f, err := os.OpenFile(name, flags|syscall.O_NOFOLLOW, perm)
	if errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.EMLINK) {
		if fi, lerr := os.Lstat(name); lerr == nil && isLink(fi) {
			return nil, &LinkError{Path: name}
		}
	}
	return f, err
}
