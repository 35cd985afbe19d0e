package ftpcore

import (
	"bytes"
	"context"
	"time"
)

// sizePoller asks a target's SIZE at a steady pace on a control connection
// of its own, while the target's main connection is busy with STOR.
type sizePoller struct {
	ch     chan int64 // the latest size; older ones are dropped
	cancel context.CancelFunc
	done   chan struct{}
}

// startSizePoll dials a second session with s's configuration. It trusts
// exactly the certificate s's user already accepted, so that nobody is
// asked twice. Failures only mean no progress: the copy goes on.
func startSizePoll(ctx context.Context, s *Session, p string, every time.Duration) *sizePoller {
	cfg := s.cfg
	cfg.Name = serverName(s) + " (progress)"
	cfg.KeepAlive = 0
	if s.tls != nil && s.tls.leaf != nil {
		leaf := s.tls.leaf
		cfg.TrustCert = func(_ context.Context, info CertInfo) (bool, error) {
			return bytes.Equal(info.DER, leaf), nil
		}
	}
	pctx, cancel := context.WithCancel(ctx)
	sp := &sizePoller{ch: make(chan int64, 1), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(sp.done)
		ps, err := Dial(pctx, cfg)
		if err != nil {
			return
		}
		defer ps.Close()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-pctx.Done():
				return
			case <-t.C:
			}
			n, err := ps.Size(pctx, p)
			if err != nil {
				if !ps.Alive() {
					return
				}
				continue // the file may not exist yet
			}
			sp.publish(n)
		}
	}()
	return sp
}

// publish replaces any unread size by n; the poller is the only sender.
func (sp *sizePoller) publish(n int64) {
	select {
	case sp.ch <- n:
	default:
		select {
		case <-sp.ch:
		default:
		}
		sp.ch <- n
	}
}

// stop ends the polling and closes its connection.
func (sp *sizePoller) stop() {
	sp.cancel()
	<-sp.done
}
