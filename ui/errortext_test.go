package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"syscall"
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
		{fmt.Errorf("dial %q: %w", "127.0.0.1:2121", &net.OpError{Op: "dial", Net: "tcp",
			Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2121}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}),
			"The server refused the connection. (127.0.0.1:2121)"},
		// The known error in the middle of a chain leaves one separator.
		{&ftpcore.OpError{Op: "tls", Path: "127.0.0.1:2121", Err: fmt.Errorf("%w: %v", ftpcore.ErrCertificateRejected, "x509: unknown authority")},
			`The server's certificate is not trusted. (tls "127.0.0.1:2121": x509: unknown authority)`},
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

// TestJobMessageText: a job's error, kept as text, is shown in the
// user's words as errorText would put it: a server's refusal with the
// server's words, a known error translated with its detail, and anything
// else as it came.
func TestJobMessageText(t *testing.T) {
	for _, tc := range []struct{ msg, want string }{
		{`retr "/locked.txt": ftp: RETR: 550 Can't open /locked.txt: Permission denied`,
			"The server refused (550 Can't open /locked.txt: Permission denied)"},
		// Of the dialler's words, the address is what tells the user
		// something.
		{`dial "127.0.0.1:1": dial tcp 127.0.0.1:1: connect: ` + syscall.ECONNREFUSED.Error(),
			`The server refused the connection. (127.0.0.1:1)`},
		{`dial "ftp.example.com:21": dial tcp 192.0.2.7:21: connect: ` + syscall.EHOSTUNREACH.Error(),
			`The server cannot be reached. (ftp.example.com:21, 192.0.2.7:21)`},
		{queue.ErrDestinationExists.Error(), queue.ErrDestinationExists.Error()},
		// A folder upload's skipped links say so first, then where to.
		{ftpcore.ErrLinkOutside.Error() + ": it leads to /etc/passwd",
			"A link that leads outside the folder: not sent. (it leads to /etc/passwd)"},
		{queue.ErrLinkNotFollowed.Error(), "A link to a folder: not followed."},
		{"something new", "something new"},
	} {
		if got := jobMessageText(tc.msg); got != tc.want {
			t.Errorf("jobMessageText(%q) = %q, want %q", tc.msg, got, tc.want)
		}
	}
}
