package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"testing"
	"time"
)

// stepClock is the idle connection's clock in these tests: every reading
// is a millisecond after the last, so that the figures do not depend on
// how busy the machine is.
type stepClock struct{ t time.Time }

func (c *stepClock) now() time.Time {
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

// deadlineConn is a socket that always has bytes to read and room to
// write, and remembers the deadlines set on it. Reads and writes check
// that the deadline in force leaves at least idle from the clock's last
// reading; failRead and failWrite make the next call fail as a reached
// deadline would.
type deadlineConn struct {
	net.Conn
	t                   *testing.T
	idle                time.Duration
	clock               *stepClock
	read, write         time.Time
	readSets, writeSets int
	failRead, failWrite bool
}

// newDeadlineConn returns an idle connection over a deadlineConn, on a
// stepped clock.
func newDeadlineConn(t *testing.T, ctx context.Context, idle time.Duration) (*idleConn, *deadlineConn) {
	fc := &deadlineConn{t: t, idle: idle, clock: &stepClock{t: time.Now()}}
	ic := newIdleConn(ctx, fc, idle)
	ic.clock = fc.clock.now
	t.Cleanup(func() { ic.Close() })
	return ic, fc
}

func (c *deadlineConn) SetReadDeadline(d time.Time) error {
	c.read = d
	c.readSets++
	return nil
}

func (c *deadlineConn) SetWriteDeadline(d time.Time) error {
	c.write = d
	c.writeSets++
	return nil
}

func (c *deadlineConn) SetDeadline(d time.Time) error {
	c.read, c.write = d, d
	c.readSets++
	c.writeSets++
	return nil
}

func (c *deadlineConn) check(op string, d time.Time) {
	if left := d.Sub(c.clock.t); left < c.idle {
		c.t.Errorf("%s with %v left before the deadline, want at least the idle %v", op, left, c.idle)
	}
}

func (c *deadlineConn) Read(p []byte) (int, error) {
	if c.failRead {
		c.failRead = false
		return 0, fmt.Errorf("read: %w", os.ErrDeadlineExceeded)
	}
	c.check("read", c.read)
	return len(p), nil
}

func (c *deadlineConn) Write(p []byte) (int, error) {
	if c.failWrite && len(p) > 1 {
		// Half the bytes went before the deadline: a slow link.
		c.failWrite = false
		return len(p) / 2, fmt.Errorf("write: %w", os.ErrDeadlineExceeded)
	}
	c.check("write", c.write)
	return len(p), nil
}

func (c *deadlineConn) Close() error { return nil }

// TestIdleDeadlineIsPushedSeldomAndNeverShort: reads and writes of one
// record each set their deadline far fewer times than they run, and every
// one runs with at least the idle timeout ahead of it, so that a timeout
// still means that long without a byte.
func TestIdleDeadlineIsPushedSeldomAndNeverShort(t *testing.T) {
	const idle = time.Minute
	ic, fc := newDeadlineConn(t, t.Context(), idle)
	record := make([]byte, 16<<10)
	const ops = 20000
	start := fc.clock.t
	for range ops {
		if _, err := ic.Read(record); err != nil {
			t.Fatal(err)
		}
		if _, err := ic.write(record); err != nil {
			t.Fatal(err)
		}
	}
	// One set per refresh that went by, and the first.
	most := int(fc.clock.t.Sub(start)/idleRefresh(idle)) + 1
	if fc.readSets > most || fc.writeSets > most || fc.readSets == 0 || fc.writeSets == 0 {
		t.Fatalf("%d reads and writes set the read deadline %d times and the write deadline %d times, want at most %d",
			ops, fc.readSets, fc.writeSets, most)
	}
}

// TestIdleDeadlineAfterItWasReached: a read or write that reached its
// deadline makes the next one set a fresh deadline at once; a write that
// moved bytes before its deadline goes on with the rest.
func TestIdleDeadlineAfterItWasReached(t *testing.T) {
	const idle = time.Minute
	ic, fc := newDeadlineConn(t, t.Context(), idle)
	buf := make([]byte, 1024)
	if _, err := ic.Read(buf); err != nil {
		t.Fatal(err)
	}
	fc.failRead = true
	_, err := ic.Read(buf)
	var idleErr *DataIdleError
	if !errors.As(err, &idleErr) {
		t.Fatalf("read past its deadline: %v, want a DataIdleError", err)
	}
	sets := fc.readSets
	if _, err := ic.Read(buf); err != nil || fc.readSets != sets+1 {
		t.Fatalf("read after the deadline: err %v, deadline set %d times more, want once", err, fc.readSets-sets)
	}

	if _, err := ic.write(buf); err != nil {
		t.Fatal(err)
	}
	fc.failWrite = true
	sets = fc.writeSets
	if n, err := ic.write(buf); err != nil || n != len(buf) || fc.writeSets != sets+1 {
		t.Fatalf("slow write: %d bytes, err %v, deadline set %d times more, want once", n, err, fc.writeSets-sets)
	}
}

// TestIdleDeadlineCancelWithinARefresh: a cancel stops the next read and
// write at once, though their deadlines are recent.
func TestIdleDeadlineCancelWithinARefresh(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	ic, _ := newDeadlineConn(t, ctx, time.Minute)
	buf := make([]byte, 1024)
	if _, err := ic.Read(buf); err != nil {
		t.Fatal(err)
	}
	if _, err := ic.write(buf); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := ic.Read(buf); !errors.Is(err, context.Canceled) {
		t.Fatalf("read after cancel: %v", err)
	}
	if _, err := ic.write(buf); !errors.Is(err, context.Canceled) {
		t.Fatalf("write after cancel: %v", err)
	}
}

// TestIdleDeadlineAfterTheTLSLayerSetOne: a deadline set through the
// connection (as the TLS layer bounds its close_notify) is replaced by
// the idle one at the next operation, however recent the last.
func TestIdleDeadlineAfterTheTLSLayerSetOne(t *testing.T) {
	const idle = time.Minute
	ic, fc := newDeadlineConn(t, t.Context(), idle)
	buf := make([]byte, 1024)
	if _, err := ic.Read(buf); err != nil {
		t.Fatal(err)
	}
	if _, err := ic.write(buf); err != nil {
		t.Fatal(err)
	}
	short := time.Now().Add(5 * time.Second)
	for name, set := range map[string]func(time.Time) error{
		"SetDeadline": ic.SetDeadline, "SetReadDeadline": ic.SetReadDeadline, "SetWriteDeadline": ic.SetWriteDeadline,
	} {
		_ = set(short)
		before := fc.read
		if _, err := ic.Read(buf); err != nil {
			t.Fatal(err)
		}
		if _, err := ic.write(buf); err != nil {
			t.Fatal(err)
		}
		if fc.read.Equal(short) || fc.write.Equal(short) {
			t.Fatalf("after %s: the 5 s deadline stayed (read %v, write %v, before %v)", name, fc.read, fc.write, before)
		}
	}
}
