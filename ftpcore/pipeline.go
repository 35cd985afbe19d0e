package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
)

// Pipelining: a command sent before the previous one is answered saves a
// round trip, which over a distant link is most of the time a small file
// takes. RFC 959 servers read commands in turn, so the replies come in the
// order of the commands and ctrlConn.owed keeps counting them; settle and
// the resync after a cancel work unchanged. Some servers read one command
// per read of the socket and drop the rest, answer out of turn, or hang up.
// Each session therefore tries it once after login, with commands whose
// replies cannot be mistaken for one another, and sends one command at a
// time from then on unless the server passed. A transfer sent pipelined
// still checks that each reply fits its command; one that does not ends
// the session with a *ProtocolError rather than a file read or written
// under another command's reply.

// errNoPipelining ends a session whose server failed the pipelining
// test; Dial dials again without pipelining.
var errNoPipelining = errors.New("ftp: the server does not answer commands sent together in turn")

// probePipelining sends SYST and TYPE I in one write, then STAT once the
// first reply is in: a server that pipelines answers 215 (or SYST's
// refusal), 200, then STAT's reply. Anything else (TYPE dropped or
// answered first, the connection closed) fails with errNoPipelining: the
// dialogue may be out of step, so the session is given up and Dial starts
// a new one that sends one command at a time. It records SYST's answer as
// open did before, and binary type as the current one.
func (s *Session) probePipelining(ctx context.Context) error {
	if s.cfg.NoPipelining {
		if r, err := s.conn.cmd(ctx, "SYST", ""); err == nil && r.Class() == 2 {
			s.syst = r.Message()
		}
		return nil
	}
	if err := s.conn.sendBatch(ctx, command{"SYST", ""}, command{"TYPE", "I"}); err != nil {
		return err
	}
	syst, err := s.conn.read(ctx)
	if err != nil {
		return s.probeFailed(ctx, err)
	}
	if syst.Class() == 1 || syst.Code == 200 {
		return s.probeFailed(ctx, nil)
	}
	if err := s.conn.send(ctx, "STAT", ""); err != nil {
		return s.probeFailed(ctx, err)
	}
	// TYPE's 200 comes next; a server that dropped TYPE answers STAT.
	if typ, err := s.conn.read(ctx); err != nil || typ.Code != 200 {
		return s.probeFailed(ctx, err)
	}
	if stat, err := s.conn.read(ctx); err != nil || stat.Class() == 1 || stat.Code == 200 {
		return s.probeFailed(ctx, err)
	}
	if syst.Class() == 2 {
		s.syst = syst.Message()
	}
	s.curType = 'I'
	s.pipelined = true
	return nil
}

// probeFailed gives the session up after a failed pipelining test, unless
// the caller's context is what cut it short.
func (s *Session) probeFailed(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return err
	}
	s.remark(DirInfo, MsgPipelineRetry)
	return errNoPipelining
}

// Pipelining reports whether the session sends a transfer's commands
// together: the server answered commands sent together in turn.
func (s *Session) Pipelining() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.pipelined
}

// canPipeline tells whether startTransfer may send EPSV and the transfer
// command together: passive mode, a server that pipelines and that has
// accepted EPSV on this session already.
func (s *Session) canPipeline() bool {
	return s.pipelined && s.epsvOK && !s.noEPSV && !s.cfg.DisableEPSV && s.cfg.DataMode != Active
}

// startPipelined is startTransfer with EPSV and the transfer command sent
// in one write, or the command alone when an EPSV went ahead already (see
// sendEarly): the data connection opens while the command is on its way.
// An upload in ahead, when not nil, is written on it before the reply is
// read (see sendAhead). ok is false when the server refused EPSV this
// time: nothing started, and the caller goes on one command at a time.
func (s *Session) startPipelined(ctx context.Context, verb, arg string, ahead *upAhead) (t *dataTransfer, ok bool, err error) {
	if s.conn.early {
		s.conn.early = false
		err = s.conn.send(ctx, verb, arg)
	} else {
		err = s.conn.sendBatch(ctx, command{"EPSV", ""}, command{verb, arg})
	}
	if err != nil {
		return nil, true, err
	}
	// A cancel waits for the 229 and the data connection: the server
	// waits for that connection before it answers the transfer command,
	// and a cancel there is one settle knows how to finish (an orphan).
	nctx := context.WithoutCancel(ctx)
	r, err := s.conn.read(nctx)
	if err != nil {
		return nil, true, err
	}
	if r.Code != 229 {
		return nil, false, s.pipelineRefused(ctx, verb, r)
	}
	port, err := ParseEPSV(r.Message())
	if err != nil {
		// The server waits for a data connection we cannot make.
		s.conn.fail(err)
		return nil, true, err
	}
	target := netip.AddrPortFrom(addrOf(s.nc.RemoteAddr()), port)
	dctx, cancel := context.WithTimeout(nctx, s.cfg.ConnectTimeout)
	c, err := s.cfg.Dialer.DialContext(dctx, "tcp", target.String())
	cancel()
	if err != nil {
		return nil, true, s.noDataConn(nctx, verb, fmt.Errorf("data connection to %s: %w", target, err))
	}
	d := &dataOpener{conn: c}
	if ahead != nil && canHalfClose(c) {
		d = s.sendAhead(ctx, c, ahead)
	}
	t, err = s.transferReply(ctx, verb, d)
	return t, true, err
}

// sendEarly sends the next transfer's EPSV as soon as a transfer's data
// connection is closed at both ends, before its 226 is read: the 229 then follows the
// 226 without a round trip of its own. The next transfer sends its command
// alone; any other command finds the 229 owed and settle reads it.
func (s *Session) sendEarly(ctx context.Context) {
	if s.conn.early || !s.canPipeline() {
		return
	}
	if err := s.conn.send(ctx, "EPSV", ""); err == nil {
		s.conn.early = true
	}
}

// sendChecksEarly sends an upload's SIZE (when sizeOf is set), its MFMT
// (when mfmt is set) and the next transfer's EPSV once the server has
// closed the data connection, before the 226 is read: the server has
// read the whole file then, and answers them after its 226. Not earlier:
// Pure-FTPd answers a command that arrives while it still reads the data
// with "500 Unknown command", ahead of the 226. It reports whether they
// went.
func (s *Session) sendChecksEarly(ctx context.Context, sizeOf, mfmt string) bool {
	if s.conn.early || !s.canPipeline() {
		return false
	}
	var cmds []command
	if sizeOf != "" {
		cmds = append(cmds, command{"SIZE", sizeOf})
	}
	if mfmt != "" {
		cmds = append(cmds, command{"MFMT", mfmt})
	}
	if err := s.conn.sendBatch(ctx, append(cmds, command{"EPSV", ""})...); err != nil {
		return false
	}
	s.conn.early = true
	return true
}

// dropEarly reads the reply to an EPSV sent ahead that no transfer uses.
func (c *ctrlConn) dropEarly(ctx context.Context) error {
	if !c.early {
		return nil
	}
	c.early = false
	r, err := c.read(ctx)
	if err != nil {
		c.early = c.broken == nil // still owed after a cancel
		return err
	}
	if r.Code != 229 && r.Class() != 4 && r.Class() != 5 {
		err := &ProtocolError{Msg: fmt.Sprintf("reply %d does not answer EPSV", r.Code)}
		c.say(DirError, MsgConnectionFailed, "Err", err.Error())
		c.fail(err)
		return err
	}
	return nil
}

// noDataConn reads the transfer command's reply when the data connection
// could not be made: a server that refused the command at once (and closed
// its port) says why; one that started answers after its own wait, and is
// aborted. A server silent for the reply timeout loses the session.
func (s *Session) noDataConn(ctx context.Context, verb string, dialErr error) error {
	r, err := s.conn.read(ctx)
	if err != nil {
		return errors.Join(dialErr, err)
	}
	switch r.Class() {
	case 1:
		s.abortAndResync()
		return dialErr
	case 4, 5:
		return r.err(verb)
	}
	return dialErr
}

// pipelineRefused reads the transfer command's reply after EPSV was not
// answered with 229. Both refused is a server that wants PASV, or that
// reads no command during a transfer's end; a transfer command answered
// as if it had come first is a server out of turn.
func (s *Session) pipelineRefused(ctx context.Context, verb string, epsv Reply) error {
	if epsv.Class() == 4 || epsv.Class() == 5 {
		r, err := s.conn.read(ctx)
		if err != nil {
			return err
		}
		if r.Class() == 4 || r.Class() == 5 {
			s.remark(DirInfo, MsgPipelineOff)
			s.pipelined = false
			return nil
		}
		epsv = r
	}
	err := &ProtocolError{Msg: fmt.Sprintf("reply %d out of turn: EPSV and %s were sent together", epsv.Code, verb)}
	s.remark(DirError, MsgConnectionFailed, "Err", err.Error())
	s.conn.fail(err)
	return err
}
