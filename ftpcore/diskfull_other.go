//go:build !windows

package ftpcore

// isDiskFullOS has nothing to add to ENOSPC here: the numbers Windows uses
// for a full disk mean other things elsewhere.
func isDiskFullOS(error) bool { return false }
