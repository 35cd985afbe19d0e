//go:build windows

package ftpcore

import (
	"errors"
	"syscall"
)

// Windows' own codes for a full disk (winerror.h); Go maps neither to
// ENOSPC.
const (
	errorHandleDiskFull syscall.Errno = 39
	errorDiskFull       syscall.Errno = 112
)

func isDiskFullOS(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}
