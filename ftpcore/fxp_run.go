package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"time"
)

// fxpSide is one server's half of a copy in flight.
type fxpSide struct {
	s       *Session
	verb    string // "RETR" or "STOR"
	path    string
	first   Reply // first reply to verb
	final   Reply // the reply that ended verb
	err     error // the control connection failed
	started bool  // a 1xx came
	ended   bool
	aborted bool // ABOR was sent
	order   int  // 1 for the side that ended first
}

func (sd *fxpSide) ok() bool { return sd.err == nil && sd.final.Class() == 2 }

// attempt runs the copy once with the source passive (or the target when
// sourcePassive is false). A refusal means the other direction is worth a
// try; an error ends the copy.
func (j *fxpJob) attempt(ctx context.Context, sourcePassive bool) (FXPResult, *FXPRefusedError, error) {
	pas, act := j.src, j.dst
	if !sourcePassive {
		pas, act = j.dst, j.src
	}
	res := FXPResult{TLS: j.handoff.mode}
	pasvVerb, undo, err := j.roles(ctx, pas, act)
	if err != nil {
		return res, nil, err
	}
	defer undo()
	if pasvVerb == "PASV" && pas.RemoteAddr().Is6() && act.RemoteAddr().Is6() {
		pasvVerb = "EPSV"
	}
	ap, refusal, err := passiveFor(ctx, pas, pasvVerb)
	if err != nil || refusal != nil {
		return res, refusal, err
	}
	portVerb, arg := "EPRT", FormatEPRT(ap)
	if ap.Addr().Is4() {
		portVerb, err = "PORT", nil
		if arg, err = FormatPORT(ap); err != nil {
			return res, nil, err
		}
	}
	r, err := act.conn.cmd(ctx, portVerb, arg)
	if err != nil {
		return res, nil, fmt.Errorf("%s: %w", serverName(act), err)
	}
	if r.Class() != 2 {
		return res, &FXPRefusedError{Server: serverName(act), Cmd: portVerb, Code: r.Code, Msg: r.Message()}, nil
	}
	res.Direction = fmt.Sprintf("%s on %s, %s on %s", pasvVerb, serverName(pas), portVerb, serverName(act))
	j.info(MsgFXPDirection, "PasvVerb", pasvVerb, "Passive", serverName(pas), "PortVerb", portVerb, "Active", serverName(act))
	return j.transfer(ctx, res, sourcePassive)
}

// passiveFor asks the passive side for its data address. The address is
// checked as for the client's own connections: one that differs from the
// control connection's peer is replaced by it unless the session trusts
// PASV addresses, since the other server must reach the same host.
func passiveFor(ctx context.Context, s *Session, verb string) (netip.AddrPort, *FXPRefusedError, error) {
	r, err := s.conn.cmd(ctx, verb, "")
	if err != nil {
		return netip.AddrPort{}, nil, fmt.Errorf("%s: %w", serverName(s), err)
	}
	peer := s.RemoteAddr()
	want := 227
	if verb == "EPSV" {
		want = 229
	}
	if r.Code != want {
		return netip.AddrPort{}, &FXPRefusedError{Server: serverName(s), Cmd: verb, Code: r.Code, Msg: r.Message()}, nil
	}
	if verb == "EPSV" {
		port, err := ParseEPSV(r.Message())
		if err != nil {
			return netip.AddrPort{}, nil, fmt.Errorf("%s: %w", serverName(s), err)
		}
		return netip.AddrPortFrom(peer, port), nil, nil
	}
	announced, err := ParsePASV(r.Message())
	if err != nil {
		return netip.AddrPort{}, nil, fmt.Errorf("%s: %w", serverName(s), err)
	}
	target, replaced := passiveTarget(announced, peer, s.cfg.UsePASVAddress)
	if replaced {
		s.remark(DirInfo, MsgFXPPASVReplaced, "Announced", announced.String(), "Target", target.String())
	}
	return target, nil, nil
}

// transfer sends STOR to the target and RETR to the source, then waits
// for both outcomes. RETR goes out before any reply is read: a passive
// target answers STOR only once the source has connected, which the
// source does only after RETR.
func (j *fxpJob) transfer(ctx context.Context, res FXPResult, sourcePassive bool) (FXPResult, *FXPRefusedError, error) {
	tgt := &fxpSide{s: j.dst, verb: "STOR", path: j.dstPath}
	srcd := &fxpSide{s: j.src, verb: "RETR", path: j.srcPath}
	if err := tgt.s.conn.send(ctx, "STOR", j.dstPath); err != nil {
		return res, nil, fmt.Errorf("%s: %w", serverName(j.dst), err)
	}
	if err := srcd.s.conn.send(ctx, "RETR", j.srcPath); err != nil {
		srcd.err, srcd.ended, srcd.order = err, true, 1
	}
	j.wait(ctx, srcd, tgt)
	if ctx.Err() != nil {
		return res, nil, j.failed(ctx, tgt, ctx.Err())
	}
	if srcd.ok() && tgt.ok() {
		return j.verify(ctx, res, srcd, tgt)
	}
	if err := j.dataTLSFailure(srcd, tgt); err != nil {
		return res, nil, j.failed(ctx, tgt, err)
	}
	// A 425 means the data connection between the servers could not be
	// made: the passive server turned the other one away (bounce
	// protection, see fxp.md: "one strict server, and it is the passive
	// one") or the active one could not reach it. The other server's
	// reply (426, or 226 for an empty file) is only the consequence, and
	// the replies of the two may be read in either order.
	passive, active := srcd, tgt
	if !sourcePassive {
		passive, active = tgt, srcd
	}
	for _, sd := range []*fxpSide{passive, active} {
		if sd.err == nil && sd.final.Code == 425 {
			refusal := &FXPRefusedError{Server: serverName(sd.s), Cmd: sd.verb, Code: 425, Msg: sd.final.Message()}
			j.cleanTarget(ctx, tgt)
			return res, refusal, nil
		}
	}
	culprit := srcd
	if !tgt.ok() && (srcd.ok() || tgt.order == 1) {
		culprit = tgt
	}
	if culprit.err != nil {
		return res, nil, j.failed(ctx, tgt, fmt.Errorf("%s: %w", serverName(culprit.s), culprit.err))
	}
	return res, nil, j.failed(ctx, tgt, fmt.Errorf("%s: %w", serverName(culprit.s), culprit.final.err(culprit.verb)))
}

// verify judges a copy both servers called complete: the target must hold
// as many bytes as the source announced, since a 226 from a target that
// received nothing is what a refused data connection looks like.
func (j *fxpJob) verify(ctx context.Context, res FXPResult, srcd, tgt *fxpSide) (FXPResult, *FXPRefusedError, error) {
	want := j.srcSize
	if want < 0 {
		want = sizeFrom150(srcd.first.Message())
	}
	res, err := j.checkSize(ctx, res, want)
	if err != nil {
		return res, nil, j.failed(ctx, tgt, err)
	}
	if j.opt.Progress != nil && res.Bytes >= 0 {
		j.opt.Progress(res.Bytes, res.Bytes)
	}
	return res, nil, nil
}

// checkSize compares the target's size, asked in TYPE I where SIZE counts
// bytes, with want, the source's. In binary they must be equal. In ASCII
// each server may convert line endings, so equal sizes verify the copy,
// other sizes within what conversion can explain (between half and twice
// the source's) leave it unverified and say so, and sizes beyond that are
// a failure. res.Bytes becomes the target's size when it is known.
func (j *fxpJob) checkSize(ctx context.Context, res FXPResult, want int64) (FXPResult, error) {
	if j.typ != TypeBinary {
		if err := j.dst.setType(ctx, TypeBinary); err != nil {
			return res, fmt.Errorf("%s: %w", serverName(j.dst), err)
		}
	}
	got, err := sizeOf(ctx, j.dst, j.dstPath)
	if err != nil {
		return res, err
	}
	res.Bytes = got
	if got < 0 {
		res.Bytes = want
	}
	mismatch := func(why string) error {
		return fmt.Errorf("%w: %q has %d bytes on %s, %q has %d on %s%s", ErrSizeMismatch,
			j.dstPath, got, serverName(j.dst), j.srcPath, want, serverName(j.src), why)
	}
	switch {
	case got < 0 || want < 0:
		res.Unverified = "a server does not report file sizes"
	case got == want:
		res.Verified = true
	case j.typ == TypeBinary:
		return res, mismatch("")
	case got > 2*want || 2*got < want:
		return res, mismatch(", more than converting line endings can explain")
	default:
		res.Unverified = fmt.Sprintf("an ASCII copy converts line endings, and the sizes differ (%d bytes on %s, %d on %s)",
			want, serverName(j.src), got, serverName(j.dst))
	}
	return res, nil
}

// failed removes the incomplete target file (unless asked to keep it) and
// says in the error what became of it.
func (j *fxpJob) failed(ctx context.Context, tgt *fxpSide, err error) error {
	switch {
	case !j.touched(tgt):
		return err
	case j.opt.KeepPartial:
		return fmt.Errorf("%w (the incomplete %q is kept on %s)", err, j.dstPath, serverName(j.dst))
	case j.cleanTarget(ctx, tgt):
		return fmt.Errorf("%w (the incomplete %q was deleted from %s)", err, j.dstPath, serverName(j.dst))
	}
	return &IncompleteTargetError{Path: j.dstPath, Server: serverName(j.dst), Err: err}
}

// dataTLSFailure recognises a copy that failed because the server playing
// TLS client could not secure the data connection with the other: its
// session dropped, or it ended its command with 425 or 522 (RFC 4217
// §10: the TLS negotiation failed), or the other ended its own with 522.
func (j *fxpJob) dataTLSFailure(srcd, tgt *fxpSide) error {
	c := j.tlsClient
	if c == nil {
		return nil
	}
	sd, other := srcd, tgt
	if c == j.dst {
		sd, other = tgt, srcd
	}
	blamed, cause := c, sd.err
	if cause == nil {
		switch {
		case sd.final.Code == 425 || sd.final.Code == 522:
			cause = sd.final.err(sd.verb)
		case other.err == nil && other.final.Code == 522:
			// The server playing TLS server said the negotiation failed
			// before the client's own reply told why (which one answers
			// first depends on timing): the same failure, seen from the
			// other end.
			blamed, cause = other.s, other.final.err(other.verb)
		default:
			return nil
		}
	}
	return &FXPDataTLSError{Client: serverName(c), Server: serverName(other.s), Mode: j.handoff.mode,
		Err: fmt.Errorf("%s: %w", serverName(blamed), cause)}
}

// touched reports whether the target's STOR may have created or
// truncated the file: it started, or the file was not there before (some
// servers create it before the data connection exists). A file that
// existed and whose STOR never started is the user's, untouched.
func (j *fxpJob) touched(tgt *fxpSide) bool {
	return tgt.started || tgt.ok() || !j.dstExisted
}

// cleanTarget deletes what the target's STOR created.
func (j *fxpJob) cleanTarget(ctx context.Context, tgt *fxpSide) bool {
	if j.opt.KeepPartial || !j.touched(tgt) {
		return false
	}
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), j.dst.cfg.ReplyTimeout)
	defer cancel()
	_, err := j.dst.conn.expect(dctx, 2, "DELE", j.dstPath)
	return err == nil
}

// sideEvent is one reply (or failure) read on a side's control connection.
type sideEvent struct {
	side *fxpSide
	r    Reply
	err  error
}

// wait reads both sides' replies until each transfer command has ended.
// Each side is read by a goroutine of its own without the reply timeout,
// since the final reply comes only when the whole file has moved; this
// goroutine watches the clock, the context and the progress poll, and
// sends ABOR where needed. The control connections are back in step (or
// marked broken) when it returns.
func (j *fxpJob) wait(ctx context.Context, sides ...*fxpSide) {
	events := make(chan sideEvent, 8)
	pending := 0
	var slowest time.Duration
	saved := make([]time.Duration, len(sides))
	for i, sd := range sides {
		slowest = max(slowest, sd.s.cfg.ReplyTimeout)
		saved[i] = sd.s.conn.replyTimeout
		if sd.ended {
			continue
		}
		pending++
		sd.s.conn.replyTimeout = 0
		go func() {
			for {
				r, err := sd.s.conn.read(context.Background())
				events <- sideEvent{side: sd, r: r, err: err}
				if err != nil || r.Class() != 1 {
					return
				}
			}
		}()
	}
	var poll *sizePoller
	if j.opt.Progress != nil && j.opt.PollEvery >= 0 && j.typ == TypeBinary {
		every := j.opt.PollEvery
		if every == 0 {
			every = DefaultFXPPoll
		}
		poll = startSizePoll(ctx, j.dst, j.dstPath, every)
		defer poll.stop()
	}
	var pollCh <-chan int64
	if poll != nil {
		pollCh = poll.ch
	}
	// Until both servers said 1xx, and once one of them has ended, the
	// other gets one reply timeout; the transfer itself has no limit.
	timer := time.NewTimer(slowest)
	defer timer.Stop()
	var force <-chan time.Time
	ended := 0
	for _, sd := range sides {
		if sd.ended {
			ended++
		}
	}
	abortAll := func(why MsgID, kv ...string) {
		for _, sd := range sides {
			if !sd.ended && !sd.aborted {
				sd.s.remark(DirInfo, why, kv...)
				j.sendAbort(sd)
			}
		}
		if force == nil {
			force = time.After(15 * time.Second)
		}
	}
	if ended > 0 {
		abortAll(MsgFXPAbortUnsent)
	}
	done := ctx.Done()
	for pending > 0 {
		select {
		case ev := <-events:
			sd := ev.side
			switch {
			case ev.err != nil:
				sd.err = ev.err
			case ev.r.Class() == 1:
				sd.first, sd.started = ev.r, true
				if allStarted(sides) && ended == 0 {
					timer.Stop()
				}
				continue
			default:
				if !sd.started {
					sd.first = ev.r
				}
				sd.final = ev.r
			}
			sd.ended = true
			ended++
			sd.order = ended
			pending--
			if !sd.ok() {
				abortAll(MsgFXPAbortEnded, "Server", serverName(sd.s), "Verb", sd.verb)
			} else {
				timer.Reset(slowest)
			}
		case <-done:
			done = nil
			abortAll(MsgFXPAbortCancelled)
		case <-timer.C:
			abortAll(MsgFXPAbortNoReply)
		case n := <-pollCh:
			total := j.srcSize
			j.opt.Progress(n, total)
		case <-force:
			// Servers that never answer ABOR lose their session rather
			// than block the copy for ever.
			for _, sd := range sides {
				if !sd.ended {
					_ = sd.s.conn.nc.SetReadDeadline(time.Unix(1, 0))
				}
			}
			force = nil
		}
	}
	// Every reader has returned: the connections are this goroutine's again.
	for i, sd := range sides {
		sd.s.conn.replyTimeout = saved[i]
		if sd.aborted && sd.s.conn.broken == nil {
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			sd.s.syncWithNoop(sctx)
			cancel()
		}
	}
}

func allStarted(sides []*fxpSide) bool {
	for _, sd := range sides {
		if !sd.started && !sd.ended {
			return false
		}
	}
	return true
}

// sendAbort writes ABOR while the side's reader goroutine is blocked in a
// read: only the write half is touched.
func (j *fxpJob) sendAbort(sd *fxpSide) {
	sd.aborted = true
	sd.s.log(DirCommand, "ABOR")
	nc := sd.s.conn.nc
	_ = nc.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := nc.Write([]byte("ABOR\r\n")); err != nil && !errors.Is(err, context.Canceled) {
		sd.s.remark(DirError, MsgFXPAbortFailed, "Err", err.Error())
	}
	_ = nc.SetWriteDeadline(time.Time{})
}
