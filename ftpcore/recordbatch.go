package ftpcore

import (
	"crypto/tls"
	"sync"
)

// recordBatch collects what a TLS connection writes to its socket while one
// large Write is encrypted: the TLS layer writes each record (16 KiB at
// most) with its own system call, and a protected upload would pay one
// call per record. The records go out together when the Write is done, or
// once uploadWrite bytes wait.
type recordBatch struct {
	mu  sync.Mutex
	on  bool   // collecting: a tlsBatchWriter.Write is in progress
	buf []byte // records waiting
}

// tlsBatchWriter writes to a protected data connection through its
// socket's record batch: each Write reaches the socket in as few system
// calls as its size allows, and entirely before Write returns.
type tlsBatchWriter struct {
	tc *tls.Conn
	ic *idleConn
}

func (w tlsBatchWriter) Write(p []byte) (int, error) {
	w.ic.batch.mu.Lock()
	w.ic.batch.on = true
	w.ic.batch.mu.Unlock()
	n, err := w.tc.Write(p)
	w.ic.batch.mu.Lock()
	defer w.ic.batch.mu.Unlock()
	w.ic.batch.on = false
	if ferr := w.ic.flushLocked(); err == nil {
		err = ferr
	}
	return n, err
}

// Write sends p, or adds it to the batch while one is being collected.
func (c *idleConn) Write(p []byte) (int, error) {
	c.batch.mu.Lock()
	defer c.batch.mu.Unlock()
	if !c.batch.on {
		if err := c.flushLocked(); err != nil {
			return 0, err
		}
		return c.write(p)
	}
	if c.batch.buf == nil {
		c.batch.buf = make([]byte, 0, uploadWrite+32<<10)
	}
	c.batch.buf = append(c.batch.buf, p...)
	if len(c.batch.buf) >= uploadWrite {
		if err := c.flushLocked(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// flushLocked sends the records waiting in the batch.
func (c *idleConn) flushLocked() error {
	if len(c.batch.buf) == 0 {
		return nil
	}
	_, err := c.write(c.batch.buf)
	c.batch.buf = c.batch.buf[:0]
	return err
}
