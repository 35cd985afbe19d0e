package ftpcore

import (
	"bytes"
	"context"
	"crypto/tls"
	"net"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// bigSendBuffer dials with a large socket send buffer: the whole tail of
// an upload sits in the kernel when the last write returns.
type bigSendBuffer struct{}

func (bigSendBuffer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err == nil {
		_ = c.(*net.TCPConn).SetWriteBuffer(1 << 20)
	}
	return c, err
}

// TestSlowServerAfterTheLastWrite: a server that slows down once the
// client has handed it every byte still takes them, from the client's
// kernel, a few at a time: the wait for it to finish is not silence
// (where the system tells how much it still has to send).
func TestSlowServerAfterTheLastWrite(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	data := testkit.RandomBytes(t, 1<<20)
	for _, useTLS := range []bool{false, true} {
		t.Run(map[bool]string{false: "plain", true: "TLS"}[useTLS], func(t *testing.T) {
			var opts []ftptest.Option
			var ctls *tls.Config
			if useTLS {
				opts, ctls = append(opts, ftptest.WithTLS(serverConf)), &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
			}
			srv := newServer(t, opts...)
			cfg := idleConfig(t, srv, ctls)
			cfg.Dialer = bigSendBuffer{}
			s := dialT(t, cfg)
			srv.SetFault(ftptest.Fault{Slow: &ftptest.SlowPhase{After: 600 << 10, Every: slowTick, Bytes: 4 << 10, Ticks: slowTicks}})
			start := time.Now()
			if _, err := s.Store(t.Context(), "/u.bin", bytes.NewReader(data), TransferOptions{Type: TypeBinary}); err != nil {
				t.Fatalf("failed after %v: %v", time.Since(start), err)
			}
			if got, _ := srv.FS().ReadFile("/u.bin"); !bytes.Equal(got, data) {
				t.Fatal("upload differs")
			}
			if took := time.Since(start); took < slowTicks*slowTick {
				t.Fatalf("took %v: the slow phase did not happen", took)
			}
		})
	}
}
