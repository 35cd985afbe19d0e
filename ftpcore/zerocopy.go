package ftpcore

import (
	"context"
	"io"
	"net"
	"os"
	"time"
)

// zeroCopyChunk is how much one splice(2) or sendfile(2) call may move
// before the loop reports progress, refreshes the idle deadline and looks
// at the context again.
const zeroCopyChunk = 4 << 20

// arm sets the idle deadline for the next operation and reports whether
// the transfer was cancelled; the order (deadline, then flag) matches the
// canceller's (flag, then past deadline), so a cancel is never missed.
func (c *idleConn) arm() error {
	_ = c.Conn.SetDeadline(time.Now().Add(c.idle))
	if c.cancelled.Load() {
		return context.Canceled
	}
	return nil
}

// copyDownload moves a binary download to dst. A plain TCP connection
// into a local file goes through os.File.ReadFrom, which splices socket
// to file in the kernel; anything else is copied through the session's
// buffer.
func (s *Session) copyDownload(dst io.Writer, c *idleConn, offset, total int64, progress ProgressFunc) (int64, error) {
	f, ok := dst.(*os.File)
	tcp, ok2 := c.Conn.(*net.TCPConn)
	if !ok || !ok2 {
		return copyData(dst, c, s.buffer(), offset, total, progress)
	}
	var n int64
	for {
		if err := c.arm(); err != nil {
			return n, err
		}
		m, err := f.ReadFrom(io.LimitReader(tcp, zeroCopyChunk))
		n += m
		if m > 0 && progress != nil {
			progress(offset+n, total)
		}
		if err != nil || m < zeroCopyChunk {
			return n, err // m short of the chunk with no error: the server closed
		}
	}
}

// copyUpload moves a binary upload from src. A local file onto a plain TCP
// connection goes through net.TCPConn.ReadFrom, which uses sendfile(2).
func (s *Session) copyUpload(c *idleConn, src io.Reader, offset, total int64, progress ProgressFunc) (int64, error) {
	f, ok := src.(*os.File)
	tcp, ok2 := c.Conn.(*net.TCPConn)
	if !ok || !ok2 {
		return copyData(c, src, s.buffer(), offset, total, progress)
	}
	var n int64
	for {
		if err := c.arm(); err != nil {
			return n, err
		}
		m, err := tcp.ReadFrom(io.LimitReader(f, zeroCopyChunk))
		n += m
		if m > 0 && progress != nil {
			progress(offset+n, total)
		}
		if err != nil || m < zeroCopyChunk {
			return n, err
		}
	}
}
