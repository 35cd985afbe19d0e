package ftpcore

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

func TestIsDiskFull(t *testing.T) {
	full := &fs.PathError{Op: "write", Path: "x.part", Err: syscall.ENOSPC}
	if !IsDiskFull(fmt.Errorf("download: %w", full)) {
		t.Error("ENOSPC not recognised")
	}
	if IsDiskFull(errors.New("no space")) || IsDiskFull(syscall.ENOENT) {
		t.Error("another error taken for a full disk")
	}
}
