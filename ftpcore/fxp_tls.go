package ftpcore

import (
	"context"
	"fmt"
	"time"
)

// tlsHandoff records how two protected servers can set up TLS between
// themselves. Both are TLS servers by default; one must play the client:
// "SSCN ON" switches a server to the client role for its next data
// connections, whichever way it opens them; CPSV is a PASV after which the
// server accepts the connection and then acts as TLS client.
type tlsHandoff struct {
	mode             string // "", "SSCN", "CPSV" or "clear"
	sscnSrc, sscnDst bool
	cpsvSrc, cpsvDst bool
}

// possible reports whether the roles can be set up with the source as the
// passive side (or the target, when sourcePassive is false).
func (h tlsHandoff) possible(sourcePassive bool) bool {
	if h.mode != "CPSV" {
		return true
	}
	if sourcePassive {
		return h.cpsvSrc
	}
	return h.cpsvDst
}

// sscnOn tells whether s may be switched with SSCN.
func (h tlsHandoff) sscnOn(j *fxpJob, s *Session) bool {
	if s == j.src {
		return h.sscnSrc
	}
	return h.sscnDst
}

// prepareTLS decides how the data connection between the servers is
// protected and returns what undoes the changes made to the sessions. An
// error means FXP cannot go on (the user did not allow clear data).
func (j *fxpJob) prepareTLS(ctx context.Context) (restore func(), err error) {
	noop := func() {}
	sp, dp := j.src.protP, j.dst.protP
	if j.opt.ClearData && (sp || dp) {
		return j.switchClear(ctx)
	}
	switch {
	case !sp && !dp:
		return noop, nil
	case sp && dp:
		j.handoff.sscnSrc = probeSSCN(ctx, j.src)
		j.handoff.sscnDst = probeSSCN(ctx, j.dst)
		j.handoff.cpsvSrc = j.src.HasFeature("CPSV")
		j.handoff.cpsvDst = j.dst.HasFeature("CPSV")
		switch {
		case j.handoff.sscnSrc || j.handoff.sscnDst:
			j.handoff.mode = "SSCN"
			return noop, nil
		case j.handoff.cpsvSrc || j.handoff.cpsvDst:
			j.handoff.mode = "CPSV"
			return noop, nil
		}
		reason := fmt.Errorf("%w: asked %q and %q", ErrFXPNoTLSHandoff, serverName(j.src), serverName(j.dst))
		return j.clearData(ctx, reason)
	default:
		prot, clear := j.src, j.dst
		if dp {
			prot, clear = j.dst, j.src
		}
		reason := fmt.Errorf("%w: %q protects its data, %q cannot", ErrFXPMixedProtection, serverName(prot), serverName(clear))
		return j.clearData(ctx, reason)
	}
}

// probeSSCN asks "SSCN OFF", the state every session starts in: a server
// that accepts it knows SSCN, whether FEAT lists it or not.
func probeSSCN(ctx context.Context, s *Session) bool {
	r, err := s.conn.cmd(ctx, "SSCN", "OFF")
	return err == nil && r.Class() == 2
}

// clearData asks the user whether this one copy may run with PROT C and
// switches the protected sessions to it; restore switches them back.
func (j *fxpJob) clearData(ctx context.Context, reason error) (func(), error) {
	if j.opt.AllowClearData == nil {
		return nil, reason
	}
	ok, err := j.opt.AllowClearData(ctx, reason)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, reason
	}
	return j.switchClear(ctx)
}

// switchClear switches the protected sessions to PROT C for this copy;
// restore switches them back.
func (j *fxpJob) switchClear(ctx context.Context) (func(), error) {
	var switched []*Session
	restore := func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		for _, s := range switched {
			if _, err := s.conn.expect(rctx, 2, "PROT", "P"); err == nil {
				s.protP = true
			} else {
				s.remark(DirError, MsgFXPReprotect, "Err", err.Error())
			}
		}
	}
	for _, s := range []*Session{j.src, j.dst} {
		if !s.protP {
			continue
		}
		if _, err := s.conn.expect(ctx, 2, "PROT", "C"); err != nil {
			restore()
			return nil, fmt.Errorf("%s: %w", serverName(s), err)
		}
		s.protP = false
		switched = append(switched, s)
	}
	j.handoff.mode = "clear"
	j.info(MsgFXPClearData)
	j.tlsClient = nil
	return restore, nil
}

// roles sets up the TLS roles for one direction and returns the passive
// command to use and what undoes the setup.
func (j *fxpJob) roles(ctx context.Context, pas, act *Session) (pasvVerb string, undo func(), err error) {
	undo = func() {}
	j.tlsClient = nil
	switch j.handoff.mode {
	case "CPSV":
		j.tlsClient = pas
		return "CPSV", undo, nil
	case "SSCN":
		// The connecting server as TLS client is the usual arrangement;
		// the listening one can take the role as well.
		who := act
		if !j.handoff.sscnOn(j, act) {
			who = pas
		}
		if _, err := who.conn.expect(ctx, 2, "SSCN", "ON"); err != nil {
			return "", undo, fmt.Errorf("%s: %w", serverName(who), err)
		}
		j.tlsClient = who
		undo = func() {
			// Left on, the server would play TLS client with Ferry too.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			if _, err := who.conn.expect(rctx, 2, "SSCN", "OFF"); err != nil {
				who.remark(DirError, MsgFXPSSCNOff, "Err", err.Error())
			}
		}
		return "PASV", undo, nil
	}
	return "PASV", undo, nil
}
