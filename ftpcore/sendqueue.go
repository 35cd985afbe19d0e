package ftpcore

// The send queue of a data connection's socket tells a slow server from a
// silent one when this side has nothing to read or cannot hand the kernel
// more bytes: while the queue shrinks, the server is taking data.

// queueMark is how many of the bytes written on a socket its peer had not
// yet acknowledged at one moment, and whether the system could tell.
type queueMark struct {
	unsent int
	known  bool
}

// markQueue takes the send queue's length now (SIOCOUTQ, see unsent).
func (c *idleConn) markQueue() queueMark {
	n, ok := unsent(c.Conn)
	return queueMark{unsent: n, known: ok}
}

// drainedSince reports whether the socket's send queue shrank since *m was
// taken, and moves *m to now: the server is still taking bytes, slowly, so
// the link is not silent although this side saw nothing move before its
// deadline. After a cancel it is always false.
func (c *idleConn) drainedSince(m *queueMark) bool {
	if !m.known || c.cancelled.Load() {
		return false
	}
	now, ok := unsent(c.Conn)
	if !ok || now >= m.unsent {
		return false
	}
	m.unsent = now
	return true
}
