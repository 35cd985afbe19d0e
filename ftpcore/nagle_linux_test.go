package ftpcore

import (
	"bytes"
	"net"
	"syscall"
	"testing"
	"time"

	"ferry/ftpcore/internal/testkit"
)

// TestUploadTurnsNagleOn: a plain upload leaves TCP_NODELAY off on its data
// socket (Go turns it on for every TCP connection), and every byte
// reaches the other end.
func TestUploadTurnsNagleOn(t *testing.T) {
	c, received := readingPeer(t, nil)
	tcp := c.(*net.TCPConn)
	nodelay := func() int {
		raw, err := tcp.SyscallConn()
		if err != nil {
			t.Fatal(err)
		}
		v := -1
		raw.Control(func(fd uintptr) {
			v, _ = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_NODELAY)
		})
		return v
	}
	if nodelay() == 0 {
		t.Fatal("TCP_NODELAY is already off before the upload: this test sees nothing")
	}
	ic := newIdleConn(t.Context(), c, time.Minute)
	data := testkit.RandomBytes(t, 3*uploadWrite+123)
	var s Session
	if n, err := s.copyUpload(ic, ic, bytes.NewReader(data), 0, int64(len(data)), nil); err != nil || n != int64(len(data)) {
		t.Fatalf("copyUpload: %d, %v", n, err)
	}
	if v := nodelay(); v != 0 {
		t.Errorf("TCP_NODELAY = %d during the upload, want 0 (Nagle on)", v)
	}
	if err := tcp.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if got := <-received; !bytes.Equal(got, data) {
		t.Fatalf("the other end read %d bytes, not the %d sent", len(got), len(data))
	}
	ic.Close()
}
