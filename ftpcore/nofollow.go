package ftpcore

import "os"

// OpenNoFollow opens name as os.OpenFile does, refusing a symbolic link in
// its last element with a *LinkError.
func OpenNoFollow(name string, flags int, perm os.FileMode) (*os.File, error) {
	return openNoFollow(name, flags, perm)
}
