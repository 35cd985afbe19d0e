package main

import (
	"context"
	"strings"
	"sync"
	"time"

	"ferry/ftpcore"
)

// warmSessions logs the queue's transfer sessions in while the mirror
// still lists both sides, plans and creates folders: over a distant link a
// login takes half a dozen round trips, which the first files would
// otherwise wait for. They start once the server has greeted the browsing
// session of their side, so that a server with a connection limit gives
// that one its place first. The queue's Dial takes them before dialling anew; the ones
// nobody took say QUIT when the run ends. Safe for concurrent use.
type warmSessions struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.Mutex
	closed bool
	left   map[string]int // per session name: dialled ahead, not yet taken
	ready  map[string]chan warmSession
}

// warmSession is the outcome of one dial ahead.
type warmSession struct {
	s   *ftpcore.Session
	err error
	at  time.Time // when it was ready
}

// warmStale is how long a session dialled ahead may have waited and still
// be handed out: a server may end a session idle for long (vsftpd after
// 300 s), and a fresh login costs less than a failed first file.
const warmStale = time.Minute

// newWarmSessions returns an empty set; its dials end with ctx or close.
func newWarmSessions(ctx context.Context) *warmSessions {
	wctx, cancel := context.WithCancel(ctx)
	return &warmSessions{ctx: wctx, cancel: cancel, left: map[string]int{}, ready: map[string]chan warmSession{}}
}

// add starts n dials of cfg, whose sessions are taken by cfg.Name (the
// name the queue's pool gives the sessions of a site).
func (w *warmSessions) add(cfg ftpcore.Config, n int, dial func(context.Context, ftpcore.Config) (*ftpcore.Session, error)) {
	ch := make(chan warmSession, n)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || w.ready[cfg.Name] != nil {
		return
	}
	w.ready[cfg.Name], w.left[cfg.Name] = ch, n
	for range n {
		w.wg.Go(func() {
			s, err := dial(w.ctx, cfg)
			ch <- warmSession{s: s, err: err, at: time.Now()}
		})
	}
}

// take returns a session dialled ahead with the configuration named
// name, waiting for one still being dialled. ok is false when none is
// left, or when the dial failed or the session waited too long: the
// caller then dials afresh (and meets any error itself).
func (w *warmSessions) take(ctx context.Context, name string) (s *ftpcore.Session, ok bool) {
	if w == nil {
		return nil, false
	}
	w.mu.Lock()
	if w.left[name] == 0 {
		w.mu.Unlock()
		return nil, false
	}
	w.left[name]--
	ch := w.ready[name]
	w.mu.Unlock()
	select {
	case r := <-ch:
		if r.err != nil {
			return nil, false
		}
		if time.Since(r.at) > warmStale || !r.s.Alive() {
			r.s.Close()
			return nil, false
		}
		return r.s, true
	case <-ctx.Done():
		// The result stays in ch, for close.
		return nil, false
	}
}

// close stops the dials still running and closes, at once, every session
// nobody took. Call it once the queue is closed.
func (w *warmSessions) close() {
	if w == nil {
		return
	}
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	w.cancel()
	w.wg.Wait()
	var closing sync.WaitGroup
	for _, ch := range w.ready {
		for len(ch) > 0 {
			if r := <-ch; r.s != nil {
				closing.Go(func() { r.s.Close() })
			}
		}
	}
	closing.Wait()
}

// onGreeting returns cfg with its transcript also calling f once, when
// the server's first reply is a positive one (its 220 greeting).
func onGreeting(cfg ftpcore.Config, f func()) ftpcore.Config {
	prev := cfg.Transcript
	var once sync.Once
	cfg.Transcript = func(l ftpcore.TranscriptLine) {
		if prev != nil {
			prev(l)
		}
		if l.Dir == ftpcore.DirReply {
			once.Do(func() {
				if strings.HasPrefix(l.Text, "2") {
					f()
				}
			})
		}
	}
	return cfg
}
