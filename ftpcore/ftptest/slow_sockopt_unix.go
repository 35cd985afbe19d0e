//go:build unix

package ftptest

import "syscall"

// shapeLink makes a passive data socket behave like one over a real link
// rather than loopback: a segment size of an Ethernet path (loopback's
// 64 KiB would let the receive window reopen only 64 KiB at a time) and a
// receive buffer of rcvbuf bytes, so that a slow reader slows the sender.
func shapeLink(fd uintptr, rcvbuf int) error {
	if err := syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_MAXSEG, 1400); err != nil {
		return err
	}
	return syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, rcvbuf)
}
