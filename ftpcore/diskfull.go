package ftpcore

import (
	"errors"
	"syscall"
)

// IsDiskFull reports whether err says the local disk has no room left:
// ENOSPC, and on Windows ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL too.
func IsDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || isDiskFullOS(err)
}
