//go:build !unix

package ui

import "os"

// processRunning reports whether a process with this id exists: on
// Windows, finding a process opens it, which fails once it has ended.
func processRunning(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

// ownedByUser is true: the user's temporary folder is private to them.
func ownedByUser(string) bool { return true }
