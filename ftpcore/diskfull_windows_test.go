//go:build windows

package ftpcore

import (
	"fmt"
	"syscall"
	"testing"
)

func TestIsDiskFullWindows(t *testing.T) {
	for _, code := range []syscall.Errno{39, 112} {
		if !IsDiskFull(fmt.Errorf("write x.part: %w", code)) {
			t.Errorf("errno %d not recognised as a full disk", code)
		}
	}
}
