package ftpcore

import (
	"bytes"
	"crypto/tls"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// BenchmarkTransfer measures the engine's data path against the in-process
// server: downloads into a local file (the zero-copy path), into memory
// (the buffered path) and uploads from a local file. The figure that
// compares with other clients comes from `make bench` (a real vsftpd);
// this one catches regressions in the engine alone.
func BenchmarkTransfer(b *testing.B) {
	benchTransfer(b, false)
}

// BenchmarkTransferTLS is BenchmarkTransfer over explicit TLS with the data
// protected (PROT P): the buffered path both ways, through records.
func BenchmarkTransferTLS(b *testing.B) {
	benchTransfer(b, true)
}

func benchTransfer(b *testing.B, useTLS bool) {
	const size = 32 << 20
	opts := []ftptest.Option{ftptest.WithUser("u", "p")}
	cfg := Config{User: "u", Password: "p"}
	if useTLS {
		serverConf, pool := ftptest.NewTLSConfig(b)
		opts = append(opts, ftptest.WithTLS(serverConf))
		cfg.TLS, cfg.TLSConfig = TLSExplicit, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	}
	srv := ftptest.NewServer(b, opts...)
	cfg.Addr = srv.Addr()
	data := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	if err := srv.FS().WriteFile("/big.bin", data, time.Now()); err != nil {
		b.Fatal(err)
	}
	s, err := Dial(b.Context(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	dir := b.TempDir()
	src := filepath.Join(dir, "src.bin")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		b.Fatal(err)
	}

	b.Run("download-file", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			if err := DownloadFile(b.Context(), s, "/big.bin", filepath.Join(dir, "dst.bin"), DownloadOptions{Size: size}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("download-memory", func(b *testing.B) {
		b.SetBytes(size)
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			if _, err := s.Retrieve(b.Context(), "/big.bin", struct{ io.Writer }{&buf}, TransferOptions{Size: size}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("upload-file", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			if err := UploadFile(b.Context(), s, src, "/up.bin", UploadOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
