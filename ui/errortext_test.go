package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"ferry/ftpcore"
	"ferry/ftpcore/queue"
)

// TestErrorText checks that the engine's errors reach the window as
// sentences, wrapped ones keeping their details and a server's refusal
// its own words.
func TestErrorText(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{ftpcore.ErrTLSUnavailable, "The server does not offer TLS."},
		{fmt.Errorf("%w: ../evil", queue.ErrUnsafePath), "The server sent a file name that is not safe to use. (../evil)"},
		{&ftpcore.OpError{Op: "list", Err: &ftpcore.ReplyError{Cmd: "LIST", Code: 550, Msg: "No such directory"}},
			"The server refused (550 No such directory)"},
		{fmt.Errorf("open: %w", fs.ErrPermission), "Permission denied. (open)"},
		{errors.New("something new"), "something new"},
	}
	for _, tt := range tests {
		if got := errorText(tt.err); got != tt.want {
			t.Errorf("errorText(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if got := whatFailed("Cannot delete", fs.ErrNotExist); got != "Cannot delete: The file or folder does not exist." {
		t.Errorf("whatFailed: %q", got)
	}
}
