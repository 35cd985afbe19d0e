package ftpcore

import (
	"io"
	"time"
)

// copyFlushAfter bounds how long bytes read may wait in the buffer for
// more to come before they are written and reported: progress stays
// smooth on a slow link.
const copyFlushAfter = 100 * time.Millisecond

// copyData moves bytes from src to dst, reporting progress. Reads fill the
// buffer before it is written: a TLS connection returns one record (at
// most 16 KiB) per read, and writing each record to the local file on its
// own costs a system call per record. The buffer is written when full, at
// the end of the data, before an error is returned, and when bytes have
// waited longer than copyFlushAfter. Errors say on which side they
// happened, so that a full local disk reads as such.
func copyData(dst io.Writer, src io.Reader, buf []byte, offset, total int64, progress ProgressFunc) (int64, error) {
	return copyDataFlush(dst, src, buf, offset, total, progress, copyFlushAfter)
}

// copyDataFlush is copyData with the wait before held bytes are written.
func copyDataFlush(dst io.Writer, src io.Reader, buf []byte, offset, total int64, progress ProgressFunc, flushAfter time.Duration) (int64, error) {
	var n int64
	held := 0 // bytes read into buf and not yet written
	since := time.Time{}
	flush := func() error {
		nw, werr := dst.Write(buf[:held])
		n += int64(nw)
		if werr == nil && nw != held {
			werr = io.ErrShortWrite
		}
		held = 0
		if werr != nil {
			return &writeError{err: werr}
		}
		if progress != nil {
			progress(offset+n, total)
		}
		return nil
	}
	for {
		nr, rerr := src.Read(buf[held:])
		if nr > 0 {
			if held == 0 {
				since = time.Now()
			}
			held += nr
		}
		if held > 0 && (held == len(buf) || rerr != nil || time.Since(since) >= flushAfter) {
			if err := flush(); err != nil {
				return n, err
			}
		}
		if rerr == io.EOF {
			return n, nil
		}
		if rerr != nil {
			return n, rerr
		}
	}
}
