package ftpcore

import (
	"context"
	"errors"
	"testing"
	"time"

	"ferry/ftpcore/ftptest"
)

// TestCertificateQuestionNotTimed: while TrustCert waits for the user, no
// deadline runs on its context (the connect timeout must not close the
// question); once answered, the connection completes.
func TestCertificateQuestionNotTimed(t *testing.T) {
	serverConf, _ := ftptest.NewTLSConfig(t)
	srv := newServer(t, ftptest.WithTLS(serverConf))
	cfg := testConfig(srv, nil)
	cfg.TLS = TLSExplicit
	cfg.ConnectTimeout = time.Hour // a deadline, were it running, would show
	asked := 0
	cfg.TrustCert = func(ctx context.Context, _ CertInfo) (bool, error) {
		asked++
		if d, ok := ctx.Deadline(); ok {
			t.Errorf("the certificate question runs under a deadline (%v)", time.Until(d))
		}
		return ctx.Err() == nil, ctx.Err()
	}
	s := dialT(t, cfg)
	if asked != 1 {
		t.Fatalf("asked %d times", asked)
	}
	if _, err := s.List(t.Context(), "/", ListDirOptions{}); err != nil {
		t.Fatal(err)
	}
}

// TestConnectClock: a paused clock has no deadline and does not end; a
// resumed one runs the whole timeout again; a clock that runs out ends
// with context.DeadlineExceeded, as context.WithTimeout does.
func TestConnectClock(t *testing.T) {
	c := newConnectClock(t.Context(), time.Hour)
	defer c.stop()
	if _, ok := c.Deadline(); !ok {
		t.Fatal("a running clock has no deadline")
	}
	resume := c.pause()
	if _, ok := c.Deadline(); ok {
		t.Fatal("a paused clock has a deadline")
	}
	before := time.Now()
	resume()
	if d, ok := c.Deadline(); !ok || d.Sub(before) < time.Hour {
		t.Fatalf("resumed clock deadline %v, %v: want the whole timeout again", d, ok)
	}

	short := newConnectClock(t.Context(), time.Nanosecond)
	defer short.stop()
	<-short.Done()
	if !errors.Is(short.Err(), context.DeadlineExceeded) {
		t.Fatalf("err %v", short.Err())
	}

	parent, cancel := context.WithCancel(t.Context())
	cancelled := newConnectClock(parent, time.Hour)
	defer cancelled.stop()
	cancelled.pause()
	cancel()
	<-cancelled.Done()
	if !errors.Is(cancelled.Err(), context.Canceled) {
		t.Fatalf("a paused clock ignores its caller's cancel: %v", cancelled.Err())
	}
}
