package ftpcore

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
	"ferry/ftpcore/internal/testkit"
)

// The idle timeout of these tests, and a slow phase that moves a few
// bytes every tick, the tick far under the timeout, for several timeouts
// in all: a transfer that counts the timeout per chunk, per record or per
// write fails; one that counts silence does not.
// The idle timeout is also the sessions' reply timeout: seven transfers
// run side by side under -race, and on a loaded 2-core machine a 150
// once came more than 600 ms after its RETR.
const (
	idleTimeout = 1500 * time.Millisecond
	slowTick    = 100 * time.Millisecond
	slowTicks   = 60 // 6 s, four timeouts
)

// smallSendBuffer dials with a small socket send buffer, so that an
// upload's writes wait for the server instead of filling megabytes of
// kernel memory. The connection keeps its concrete type.
type smallSendBuffer struct{}

func (smallSendBuffer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
	if err == nil {
		_ = c.(*net.TCPConn).SetWriteBuffer(16 << 10)
	}
	return c, err
}

func idleConfig(t *testing.T, srv *ftptest.Server, pool *tls.Config) Config {
	cfg := testConfig(srv, nil)
	cfg.ReplyTimeout = idleTimeout
	cfg.Dialer = smallSendBuffer{}
	if pool != nil {
		cfg.TLS, cfg.TLSConfig = TLSExplicit, pool
	}
	return cfg
}

// TestIdleTimeoutMeansSilence: a server that sends (or reads) fast, then
// a few bytes at a time, never silent for long, must not fail any data
// path, and a truly silent one fails with a DataIdleError that names no
// local file.
func TestIdleTimeoutMeansSilence(t *testing.T) {
	serverConf, pool := ftptest.NewTLSConfig(t)
	clientTLS := &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	data := testkit.RandomBytes(t, 1<<20)
	down := &ftptest.SlowPhase{After: 64 << 10, Every: slowTick, Bytes: 1, Ticks: slowTicks}
	up := &ftptest.SlowPhase{After: 64 << 10, Every: slowTick, Bytes: 4 << 10, Ticks: slowTicks}
	for _, tc := range []struct {
		name   string
		tls    bool
		upload bool
		file   bool // through an *os.File: splice(2) on plain TCP downloading
	}{
		{"download zero-copy", false, false, true},
		{"download into a ReaderFrom", false, false, false},
		{"download buffered", false, false, false},
		{"download TLS", true, false, true},
		{"upload from a file", false, true, true},
		{"upload buffered", false, true, false},
		{"upload TLS", true, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var opts []ftptest.Option
			var ctls *tls.Config
			if tc.tls {
				opts, ctls = append(opts, ftptest.WithTLS(serverConf)), clientTLS
			}
			srv := newServer(t, opts...)
			srv.FS().WriteFile("/f.bin", data, time.Now())
			s := dialT(t, idleConfig(t, srv, ctls))
			dir := t.TempDir()
			start := time.Now()
			var err error
			switch {
			case tc.upload:
				srv.SetFault(ftptest.Fault{Slow: up})
				var src io.Reader = bytes.NewReader(data)
				if tc.file {
					p := filepath.Join(dir, "src.bin")
					os.WriteFile(p, data, 0o644)
					f, ferr := os.Open(p)
					if ferr != nil {
						t.Fatal(ferr)
					}
					defer f.Close()
					src = f
				}
				_, err = s.Store(t.Context(), "/u.bin", src, TransferOptions{Type: TypeBinary})
				if got, _ := srv.FS().ReadFile("/u.bin"); err == nil && !bytes.Equal(got, data) {
					t.Fatal("upload differs")
				}
			default:
				srv.SetFault(ftptest.Fault{Slow: down})
				var buf bytes.Buffer
				var dst io.Writer = &buf
				if tc.name == "download buffered" {
					dst = struct{ io.Writer }{&buf} // no ReadFrom
				}
				var f *os.File
				if tc.file {
					if f, err = os.Create(filepath.Join(dir, "f.bin.part")); err != nil {
						t.Fatal(err)
					}
					defer f.Close()
					dst = f
				}
				_, err = s.Retrieve(t.Context(), "/f.bin", dst, TransferOptions{Type: TypeBinary})
				if f != nil {
					got, _ := os.ReadFile(f.Name())
					buf.Write(got)
				}
				if err == nil && !bytes.Equal(buf.Bytes(), data) {
					t.Fatal("download differs")
				}
			}
			if err != nil {
				t.Fatalf("slow but never silent for %v, failed after %v: %v", idleTimeout, time.Since(start), err)
			}
			if took := time.Since(start); took < slowTicks*slowTick {
				t.Fatalf("took %v: the slow phase did not happen", took)
			}
		})
	}
}

// TestSilentDataConnection: a pause longer than the idle timeout fails the
// download with a DataIdleError, worded as such and not as a failure to
// write the local file, and leaves the session usable.
func TestSilentDataConnection(t *testing.T) {
	srv := newServer(t)
	srv.FS().WriteFile("/f.bin", testkit.RandomBytes(t, 1<<20), time.Now())
	s := dialT(t, idleConfig(t, srv, nil))
	srv.SetFault(ftptest.Fault{Slow: &ftptest.SlowPhase{After: 64 << 10, Every: 3 * idleTimeout, Ticks: 1}})
	f, err := os.Create(filepath.Join(t.TempDir(), "f.bin.part"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = s.Retrieve(t.Context(), "/f.bin", f, TransferOptions{Type: TypeBinary})
	var idle *DataIdleError
	if !errors.As(err, &idle) || !IsTemporary(err) {
		t.Fatalf("got %v, want a DataIdleError", err)
	}
	if strings.Contains(err.Error(), "part") {
		t.Fatalf("the error blames the local file: %v", err)
	}
	srv.SetFault(ftptest.Fault{})
	if err := s.Noop(t.Context()); err != nil {
		t.Fatalf("session after the idle failure: %v", err)
	}
}

// TestSlowRelay: an FXP relay through the client to a target that reads
// slowly completes (a slow source is a download like any other).
func TestSlowRelay(t *testing.T) {
	data := testkit.RandomBytes(t, 1<<20)
	a, b := newServer(t), newServer(t)
	a.FS().WriteFile("/f.bin", data, time.Now())
	src := dialT(t, idleConfig(t, a, nil))
	dst := dialT(t, idleConfig(t, b, nil))
	b.SetFault(ftptest.Fault{Slow: &ftptest.SlowPhase{After: 64 << 10, Every: slowTick, Bytes: 4 << 10, Ticks: slowTicks}})
	res, err := FXP(t.Context(), src, dst, "/f.bin", "/g.bin", FXPOptions{Relay: RelayAlways, Type: TypeBinary})
	if err != nil {
		t.Fatalf("slow relay: %v", err)
	}
	if got, _ := b.FS().ReadFile("/g.bin"); !res.Relayed || !bytes.Equal(got, data) {
		t.Fatalf("relayed %+v; target differs", res)
	}
}
