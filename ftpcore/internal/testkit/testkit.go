// Package testkit is the one set of helpers for tests that run sessions,
// transfers and queues against an in-process ftptest server: a server with
// the test user, files put on it and read back, local files, test data,
// and comparisons that report sizes and checksums instead of bytes.
package testkit

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// The account NewServer creates; tests log in with it.
const (
	User     = "alice"
	Password = "s3cret-pw"
)

// NewServer starts an ftptest server with the User/Password account
// followed by opts. It stops at the test's cleanup.
func NewServer(t testing.TB, opts ...ftptest.Option) *ftptest.Server {
	t.Helper()
	return ftptest.NewServer(t, append([]ftptest.Option{ftptest.WithUser(User, Password)}, opts...)...)
}

// PutFile stores data at p on the server, dated mtime (zero means the
// server clock's now).
func PutFile(t testing.TB, srv *ftptest.Server, p string, data []byte, mtime time.Time) {
	t.Helper()
	if err := srv.FS().WriteFile(p, data, mtime); err != nil {
		t.Fatal(err)
	}
}

// GetFile returns the content of p on the server.
func GetFile(t testing.TB, srv *ftptest.Server, p string) []byte {
	t.Helper()
	b, err := srv.FS().ReadFile(p)
	if err != nil {
		t.Fatalf("server file %s: %v", p, err)
	}
	return b
}

// RandomBytes returns n random bytes.
func RandomBytes(t testing.TB, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// Pattern returns n bytes that differ from one position to the next, so
// that a misplaced resume shows; seed tells two patterns apart.
func Pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7+i/251) ^ seed
	}
	return b
}

// ReadFile returns the content of the local file p.
func ReadFile(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// WriteFile creates the local file p with its folders, dated mtime unless
// that is zero.
func WriteFile(t testing.TB, p string, data []byte, mtime time.Time) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if !mtime.IsZero() {
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
}

// SameBytes fails the test when got differs from want, naming what and
// both sizes and checksums.
func SameBytes(t testing.TB, what string, got, want []byte) {
	t.Helper()
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: got %d bytes (sha256 %x), want %d bytes (sha256 %x)", what,
			len(got), sha256.Sum256(got), len(want), sha256.Sum256(want))
	}
}

// WaitFor polls cond until it holds, and fails the test when it still
// does not after timeout.
func WaitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
