package ftpcore

import (
	"bytes"
	"crypto/tls"
	"encoding/binary"
	"net"
	"sync"
	"testing"

	"ferry/ftpcore/ftptest"
)

// recordingConn keeps what is written through it once recording is on.
type recordingConn struct {
	net.Conn
	mu  sync.Mutex
	on  bool
	out bytes.Buffer
}

func (c *recordingConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	if c.on {
		c.out.Write(p)
	}
	c.mu.Unlock()
	return c.Conn.Write(p)
}

// TestDataRecordsAreFullFromTheStart: the first bytes of a protected
// upload go in 16 KiB records, not in the small records Go's TLS starts a
// connection with.
func TestDataRecordsAreFullFromTheStart(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	a, received := readingPeer(t, tlsServer(serverConf))
	rc := &recordingConn{Conn: a}
	st := newTLSState(&tls.Config{RootCAs: pool}, "127.0.0.1")
	tc, err := st.handshakeData(t.Context(), rc)
	if err != nil {
		t.Fatal(err)
	}
	rc.mu.Lock()
	rc.on = true
	rc.mu.Unlock()
	data := make([]byte, 4*16<<10)
	for i := range data {
		data[i] = byte(i)
	}
	if _, err := tc.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := tc.Close(); err != nil {
		t.Fatal(err)
	}
	if got := <-received; !bytes.Equal(got, data) {
		t.Fatalf("server got %d bytes, want the %d sent", len(got), len(data))
	}
	// Records: type, version, 2-byte length. The data fills four records
	// of 16 KiB plus the content type and the AEAD tag; the close_notify
	// alert follows.
	wire := rc.out.Bytes()
	var sizes []int
	for len(wire) >= 5 {
		n := int(binary.BigEndian.Uint16(wire[3:5]))
		sizes = append(sizes, n)
		wire = wire[min(len(wire), 5+n):]
	}
	if len(sizes) != 5 {
		t.Fatalf("record sizes %v, want four full ones and the alert", sizes)
	}
	for _, n := range sizes[:4] {
		if n < 16<<10 {
			t.Fatalf("record sizes %v, want four of 16 KiB and more", sizes)
		}
	}
}
