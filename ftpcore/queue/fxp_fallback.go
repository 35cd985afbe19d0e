package queue

import (
	"context"
	"errors"
	"fmt"

	"ferry/ftpcore"
)

// When two servers cannot copy between themselves and the FXP relay mode
// is ftpcore.RelayAsk, the queue puts an FXPQuestion to Options.AskFXP,
// as it asks about an existing file: the worker waits for the answer,
// cancellable, one question at a time. The answer holds for the job's
// later attempts; the attempt that failed left no target behind.

// FXPChoice is the user's answer to an FXPQuestion.
type FXPChoice uint8

// The answers to an FXPQuestion.
const (
	// FXPCancel fails the job with the reason FXP was impossible.
	FXPCancel FXPChoice = iota
	// FXPRelayThrough copies through this computer: RETR from the source
	// streamed into STOR on the target, each with its own TLS.
	FXPRelayThrough
	// FXPClearData copies server to server with unprotected data between
	// them (PROT C); offered only when FXPQuestion.ClearData is set.
	FXPClearData
)

// String returns "cancel", "relay" or "clear".
func (c FXPChoice) String() string {
	switch c {
	case FXPRelayThrough:
		return "relay"
	case FXPClearData:
		return "clear"
	}
	return "cancel"
}

// FXPAnswer is the user's reply to an FXPQuestion.
type FXPAnswer struct {
	Choice FXPChoice
	// ApplyToAll gives the same answer, without asking, for the later FXP
	// jobs between the same two sites: the servers refuse every file for
	// the same reason. Forgotten when the relay mode changes.
	ApplyToAll bool
}

// sitePair names the two sites of an FXP job, source first.
type sitePair struct{ src, dst string }

// FXPQuestion is put to Options.AskFXP when the servers of an FXP job
// cannot copy between themselves.
type FXPQuestion struct {
	Job Job
	// Reason is why: a refused PASV, PORT or data connection, no way to
	// agree on TLS roles, a certificate one server refused on the data
	// connection... Its text names the servers.
	Reason error
	// ClearData says whether unprotected data between the servers would
	// get round Reason (it is a matter of TLS between them).
	ClearData bool
}

// errFXPDeclined is the error of a job whose FXP fallback the user
// declined; it is not retried.
var errFXPDeclined = errors.New("server-to-server copy impossible, and no fallback chosen")

// fxpAgainError ends an attempt whose FXP fallback the user just chose:
// the job runs again at once on fresh sessions (a server may have dropped
// its own), without counting the attempt.
type fxpAgainError struct{ err error }

func (e *fxpAgainError) Error() string { return e.err.Error() }
func (e *fxpAgainError) Unwrap() error { return e.err }

// fxpFallback asks what to do about err, an FXP attempt that could not
// work, and returns the error that ends the attempt.
func (q *Queue) fxpFallback(ctx context.Context, e *jobEntry, j Job, err error, clearHelps bool) error {
	q.removeIncomplete(ctx, j, err)
	choice := FXPCancel
	if q.opt.AskFXP != nil {
		// One question at a time; an answer for all the pair's jobs given
		// meanwhile answers this one too.
		q.askMu.Lock()
		pair := sitePair{j.Src.Site, j.Dst.Site}
		q.mu.Lock()
		c, known := q.fxpAll[pair]
		q.mu.Unlock()
		if !known || (c == FXPClearData && !clearHelps) {
			ans, aerr := q.opt.AskFXP(ctx, FXPQuestion{Job: j, Reason: err, ClearData: clearHelps})
			if aerr != nil {
				q.askMu.Unlock()
				return fmt.Errorf("asking about %s: %w", j.Dst, aerr)
			}
			c = ans.Choice
			if ans.ApplyToAll {
				q.mu.Lock()
				q.fxpAll[pair] = c
				q.mu.Unlock()
			}
		}
		q.askMu.Unlock()
		if c == FXPClearData && !clearHelps {
			c = FXPCancel
		}
		choice = c
	}
	if choice == FXPCancel {
		return fmt.Errorf("%w: %w", errFXPDeclined, err)
	}
	q.mu.Lock()
	e.fxpChoice, e.fxpDecided = choice, true
	q.mu.Unlock()
	return &fxpAgainError{err: err}
}

// removeIncomplete deletes a target file the failed copy may have left
// and could not delete itself (its session was gone), on a session of
// its own; once it is deleted, err says so instead of "may remain".
func (q *Queue) removeIncomplete(ctx context.Context, j Job, err error) {
	var inc *ftpcore.IncompleteTargetError
	if !errors.As(err, &inc) {
		return
	}
	ps, oerr := q.pool.open(ctx, j.Dst.Site)
	if oerr != nil {
		return
	}
	defer ps.s.Close()
	if ps.s.Delete(ctx, inc.Path) == nil {
		inc.Deleted = true
	}
}

// fxpOptions applies the relay mode and the user's earlier choice.
func (q *Queue) fxpOptions(e *jobEntry) (opt ftpcore.FXPOptions, ask bool) {
	if only := q.opt.RelayOnly; only != nil && (only(e.Src.Site) || only(e.Dst.Site)) {
		return ftpcore.FXPOptions{Relay: ftpcore.RelayAlways}, false
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	opt.Relay = q.opt.FXPRelay
	if opt.Relay == ftpcore.RelayAsk {
		opt.Relay, ask = ftpcore.RelayNever, true
	}
	choice, decided := e.fxpChoice, e.fxpDecided
	if all, ok := q.fxpAll[sitePair{e.Src.Site, e.Dst.Site}]; ok && !decided && ask && all != FXPCancel {
		// The answer given for all of this pair's copies: no attempt
		// that is bound to be refused first.
		choice, decided = all, true
	}
	if decided {
		ask = false
		switch choice {
		case FXPRelayThrough:
			opt.Relay = ftpcore.RelayAlways
		case FXPClearData:
			opt.ClearData = true
		}
	}
	return opt, ask
}
