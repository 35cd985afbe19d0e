//go:build unix

package ui

import (
	"errors"
	"os"
	"syscall"
)

// processRunning reports whether a process with this id exists.
func processRunning(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// ownedByUser reports whether path belongs to the user running Ferry.
func ownedByUser(path string) bool {
	st, err := os.Lstat(path)
	if err != nil {
		return false
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(sys.Uid) == os.Getuid()
}
