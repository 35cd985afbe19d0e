package queue

import (
	"context"
	"fmt"
	"path"
	"sync"
	"time"

	"ferry/ftpcore"
)

// sessionPool keeps the transfer queue's sessions, per site, within each
// site's connection limit. A job first reserves a slot (without blocking,
// so that the scheduler can pick another job when a site is full), then
// gets a session for it, idle or freshly dialled, and finally releases it.
// Idle sessions are reused and closed after idleClose. Safe for
// concurrent use.
type sessionPool struct {
	dial      func(ctx context.Context, cfg ftpcore.Config) (*ftpcore.Session, error)
	resolve   func(ctx context.Context, site string) (ftpcore.Config, error)
	limitOf   func(site string) int
	idleClose time.Duration
	onFree    func() // told when a slot frees up; must not block

	mu     sync.Mutex
	sites  map[string]*sitePool
	closed bool
	gen    uint64 // bumped by renew: sessions of an older one are not reused
}

// sitePool is one site's share of the pool.
type sitePool struct {
	limit int
	busy  int // slots reserved: sessions in use or being dialled
	open  int // sessions that exist, in use or idle
	idle  []pooledSession
}

// pooledSession is a session with what the pool knows about it.
type pooledSession struct {
	s    *ftpcore.Session
	home string // the login directory, to resolve relative paths
	used time.Time
	gen  uint64 // the pool's gen when it was dialled
	// reused is set on a session taken from the idle ones, which the
	// server may have ended meanwhile (an idle timeout's 421); replies
	// is how many replies it would have read then with nothing owed.
	reused  bool
	replies int64
}

// endedIdle reports whether err, a job's failure on ps, shows that the
// server had ended ps while it was idle, before the job's commands
// reached it: the connection closed without running the failed command
// (ftpcore.NeverRan), and at most one reply came since ps left the idle
// ones (the 421 itself, or the reply to a command that changes nothing).
func (ps pooledSession) endedIdle(err error) bool {
	return ps.reused && !ps.s.Alive() && ps.s.Replies()-ps.replies <= 1 && ftpcore.NeverRan(err)
}

func newSessionPool(opt Options, onFree func()) *sessionPool {
	p := &sessionPool{
		dial:      opt.Dial,
		resolve:   opt.Resolve,
		limitOf:   opt.SiteLimit,
		idleClose: opt.IdleClose,
		onFree:    onFree,
		sites:     map[string]*sitePool{},
	}
	if p.dial == nil {
		p.dial = ftpcore.Dial
	}
	if p.idleClose <= 0 {
		p.idleClose = DefaultIdleClose
	}
	return p
}

// site returns the site's share, creating it; p.mu must be held.
func (p *sessionPool) site(key string) *sitePool {
	sp := p.sites[key]
	if sp == nil {
		limit := DefaultSiteLimit
		if p.limitOf != nil {
			if n := p.limitOf(key); n > 0 {
				limit = n
			}
		}
		sp = &sitePool{limit: limit}
		p.sites[key] = sp
	}
	return sp
}

// reserve takes one slot on every given site, or none when any is full.
func (p *sessionPool) reserve(keys ...string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	want := map[string]int{}
	for _, k := range keys {
		want[k]++
	}
	for k, n := range want {
		if sp := p.site(k); sp.busy+n > sp.limit {
			return false
		}
	}
	for k, n := range want {
		p.site(k).busy += n
	}
	return true
}

// unreserve gives back a slot that was never turned into a session.
func (p *sessionPool) unreserve(key string) {
	p.mu.Lock()
	p.site(key).busy--
	p.mu.Unlock()
	p.onFree()
}

// get turns a reserved slot into a session: an idle one that is still
// alive, or a new one. On error the slot is given back.
func (p *sessionPool) get(ctx context.Context, key string) (pooledSession, error) {
	var stale []*ftpcore.Session
	p.mu.Lock()
	sp := p.site(key)
	var got *pooledSession
	for len(sp.idle) > 0 {
		ps := sp.idle[len(sp.idle)-1]
		sp.idle = sp.idle[:len(sp.idle)-1]
		if ps.s.Alive() && ps.gen == p.gen {
			ps.reused, ps.replies = true, ps.s.RepliesDue()
			got = &ps
			break
		}
		stale = append(stale, ps.s)
		sp.open--
	}
	p.mu.Unlock()
	for _, s := range stale {
		s.Close()
	}
	if got != nil {
		return *got, nil
	}
	ps, err := p.open(ctx, key)
	if err != nil {
		p.unreserve(key)
		return pooledSession{}, err
	}
	p.mu.Lock()
	sp.open++
	p.mu.Unlock()
	return ps, nil
}

// open resolves the site and dials it.
func (p *sessionPool) open(ctx context.Context, key string) (pooledSession, error) {
	if p.resolve == nil {
		return pooledSession{}, fmt.Errorf("site %q: the queue has no Resolve function", key)
	}
	p.mu.Lock()
	gen := p.gen
	p.mu.Unlock()
	cfg, err := p.resolve(ctx, key)
	if err != nil {
		return pooledSession{}, fmt.Errorf("site %q: %w", key, err)
	}
	if cfg.Name == "" {
		cfg.Name = "queue: " + key
	}
	s, err := p.dial(ctx, cfg)
	if err != nil {
		return pooledSession{}, &dialError{site: key, err: err}
	}
	home, err := s.Pwd(ctx)
	if err != nil {
		home = "/"
	}
	return pooledSession{s: s, home: home, gen: gen}, nil
}

// renew retires every session open now: the idle ones are closed at once,
// those in use when their job gives them back. The sessions dialled from
// then on resolve their site anew (new settings apply to them).
func (p *sessionPool) renew() {
	p.mu.Lock()
	p.gen++
	p.mu.Unlock()
	p.closeIdle(time.Time{}, true)
}

// release gives a session back. A healthy one is kept for reuse while the
// site is within its limit; any other is closed.
func (p *sessionPool) release(key string, ps pooledSession, healthy bool) {
	p.mu.Lock()
	sp := p.site(key)
	sp.busy--
	// A slot reserved meanwhile will take this session, so the count
	// that must stay within the limit is of sessions, not of slots.
	keep := healthy && !p.closed && ps.s.Alive() && sp.open <= sp.limit && ps.gen == p.gen
	if keep {
		ps.used = time.Now()
		sp.idle = append(sp.idle, ps)
	} else {
		sp.open--
	}
	p.mu.Unlock()
	if !keep {
		ps.s.Close()
	}
	p.onFree()
}

// lower reduces a site's limit after a 421 "too many connections" at
// connect, never below one. The server has just said it takes no more
// sessions than the ones this pool holds open, so the limit becomes that
// number (at most one less than before): how many refusals it takes to get
// there must not depend on whether other workers happened to reuse an
// idle session in between. It reports whether the limit went down.
func (p *sessionPool) lower(key string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	sp := p.site(key)
	if sp.limit <= 1 {
		return false
	}
	sp.limit = max(1, min(sp.limit-1, sp.open))
	return true
}

// limit returns a site's current connection limit.
func (p *sessionPool) limit(key string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.site(key).limit
}

// closeIdle closes sessions idle since before cutoff (all of them with
// the zero time) and returns how many it closed.
func (p *sessionPool) closeIdle(cutoff time.Time, all bool) int {
	var victims []*ftpcore.Session
	p.mu.Lock()
	for _, sp := range p.sites {
		kept := sp.idle[:0]
		for _, ps := range sp.idle {
			if all || ps.used.Before(cutoff) {
				victims = append(victims, ps.s)
				sp.open--
			} else {
				kept = append(kept, ps)
			}
		}
		sp.idle = kept
	}
	p.mu.Unlock()
	var wg sync.WaitGroup
	for _, s := range victims {
		wg.Go(func() { s.Close() })
	}
	wg.Wait()
	return len(victims)
}

// janitor closes idle sessions until ctx ends.
func (p *sessionPool) janitor(ctx context.Context) {
	t := time.NewTicker(max(p.idleClose/4, 10*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			p.closeIdle(now.Add(-p.idleClose), false)
		}
	}
}

// close shuts the pool: idle sessions say QUIT now, sessions in use when
// they come back.
func (p *sessionPool) close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.closeIdle(time.Time{}, true)
}

// remotePath makes a remote path absolute against the login directory.
func (ps pooledSession) remotePath(p string) string {
	if path.IsAbs(p) {
		return p
	}
	return path.Join(ps.home, p)
}

// dialError marks a failure to open a pooled session, so that a 421 at
// login lowers the site's limit instead of failing the job.
type dialError struct {
	site string
	err  error
}

func (e *dialError) Error() string { return "connect to " + e.site + ": " + e.err.Error() }
func (e *dialError) Unwrap() error { return e.err }
