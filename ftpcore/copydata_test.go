package ftpcore

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// recordReader returns at most 16 KiB per Read, as a TLS connection does.
type recordReader struct{ r io.Reader }

func (r recordReader) Read(p []byte) (int, error) {
	return r.r.Read(p[:min(len(p), 16<<10)])
}

// sizesWriter remembers the size of every Write.
type sizesWriter struct {
	bytes.Buffer
	sizes []int
}

func (w *sizesWriter) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return w.Buffer.Write(p)
}

func TestCopyDataFillsTheBufferBeforeWriting(t *testing.T) {
	data := testkit.RandomBytes(t, 1<<20+5000)
	var dst sizesWriter
	var reports []int64
	buf := make([]byte, 256<<10)
	n, err := copyDataFlush(&dst, recordReader{bytes.NewReader(data)}, buf, 7, -1,
		func(done, _ int64) { reports = append(reports, done) }, time.Hour)
	if err != nil || n != int64(len(data)) || !bytes.Equal(dst.Bytes(), data) {
		t.Fatalf("copied %d bytes, err %v, equal %v", n, err, bytes.Equal(dst.Bytes(), data))
	}
	want := []int{256 << 10, 256 << 10, 256 << 10, 256 << 10, 5000}
	if len(dst.sizes) != len(want) {
		t.Fatalf("write sizes %v, want %v", dst.sizes, want)
	}
	for i := range want {
		if dst.sizes[i] != want[i] {
			t.Fatalf("write sizes %v, want %v", dst.sizes, want)
		}
	}
	if len(reports) != len(want) || reports[len(reports)-1] != 7+int64(len(data)) {
		t.Fatalf("progress %v", reports)
	}
}

func TestCopyDataWritesWhatItHeldBeforeAReadError(t *testing.T) {
	boom := errors.New("boom")
	src := io.MultiReader(bytes.NewReader(make([]byte, 40<<10)), iotestErrReader{boom})
	var dst sizesWriter
	n, err := copyDataFlush(&dst, recordReader{src}, make([]byte, 256<<10), 0, -1, nil, time.Hour)
	if !errors.Is(err, boom) || n != 40<<10 || dst.Len() != 40<<10 {
		t.Fatalf("n %d, written %d, err %v", n, dst.Len(), err)
	}
}

func TestCopyDataWritesHeldBytesOnceTheyWaited(t *testing.T) {
	// A wait of zero: every read is written at once, as on a slow link.
	var dst sizesWriter
	n, err := copyDataFlush(&dst, recordReader{bytes.NewReader(make([]byte, 64<<10))}, make([]byte, 256<<10), 0, -1, nil, 0)
	if err != nil || n != 64<<10 || len(dst.sizes) != 4 {
		t.Fatalf("n %d, err %v, write sizes %v", n, err, dst.sizes)
	}
}

type iotestErrReader struct{ err error }

func (r iotestErrReader) Read([]byte) (int, error) { return 0, r.err }

// countingConn counts the writes that reach the socket.
type countingConn struct {
	net.Conn
	writes int
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.writes++
	return c.Conn.Write(p)
}

// readingPeer dials a loopback listener and returns the client's end.
// The accepted end, wrapped by wrap when it is not nil (a TLS server), is
// read to its end on a goroutine; what it read comes on the channel (nil
// when nothing could be accepted).
func readingPeer(t *testing.T, wrap func(net.Conn) net.Conn) (net.Conn, <-chan []byte) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	received := make(chan []byte, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			received <- nil
			return
		}
		if wrap != nil {
			c = wrap(c)
		}
		defer c.Close()
		got, _ := io.ReadAll(c)
		received <- got
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return c, received
}

// tlsServer wraps the accepted end of readingPeer in TLS.
func tlsServer(conf *tls.Config) func(net.Conn) net.Conn {
	return func(c net.Conn) net.Conn { return tls.Server(c, conf) }
}

func TestTLSBatchWriterSendsRecordsInBatches(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	a, received := readingPeer(t, tlsServer(serverConf))
	cc := &countingConn{Conn: a}
	ic := newIdleConn(t.Context(), cc, time.Minute)
	defer ic.Close()
	tc := tls.Client(ic, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"})
	if err := tc.HandshakeContext(t.Context()); err != nil {
		t.Fatal(err)
	}
	data := testkit.RandomBytes(t, 2*TransferBufSize)
	w := tlsBatchWriter{tc: tc, ic: ic}
	for i := 0; i < 2; i++ {
		before := cc.writes
		part := data[i*TransferBufSize : (i+1)*TransferBufSize]
		if n, err := w.Write(part); err != nil || n != len(part) {
			t.Fatalf("write %d: %d, %v", i, n, err)
		}
		// 16 records, sent in batches of uploadWrite bytes: one write for
		// each, and one more for what is left at the end.
		want := TransferBufSize / uploadWrite
		if got := cc.writes - before; got < want || got > want+1 {
			t.Fatalf("write %d reached the socket in %d writes, want %d or %d", i, got, want, want+1)
		}
	}
	if err := tc.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if got := <-received; !bytes.Equal(got, data) {
		t.Fatalf("the server read %d bytes, not the %d written", len(got), len(data))
	}
}
