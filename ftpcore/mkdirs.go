package ftpcore

import (
	"context"
	"fmt"
)

// mkdirsBatch is the most MKD commands written together: their replies
// then fit the sockets' buffers while the commands are still being
// written, so neither side waits on the other.
const mkdirsBatch = 32

// Mkdirs creates each of dirs in turn with MKD and returns one error per
// folder, nil for the ones created. A parent must come before its
// children. On a server that answers commands sent together in turn
// (Pipelining), the commands go several in one write and a tree of
// folders costs a round trip instead of one a folder; the replies still
// answer the commands one by one, in order. It returns early, with the
// error of the failure for the rest, when the connection fails. Like every
// method, it is for one goroutine at a time.
func (s *Session) Mkdirs(ctx context.Context, dirs []string) []error {
	errs := make([]error, len(dirs))
	if err := s.lock(); err != nil {
		for i := range errs {
			errs[i] = &OpError{Op: "mkd", Path: dirs[i], Err: err}
		}
		return errs
	}
	defer s.unlock()
	step := 1
	if s.pipelined {
		step = mkdirsBatch
	}
	for start := 0; start < len(dirs); start += step {
		batch := dirs[start:min(start+step, len(dirs))]
		cmds := make([]command, len(batch))
		for i, d := range batch {
			cmds[i] = command{"MKD", d}
		}
		err := s.conn.sendBatch(ctx, cmds...)
		for i, d := range batch {
			if err == nil {
				var r Reply
				if r, err = s.conn.read(ctx); err == nil {
					if r.Class() != 2 {
						errs[start+i] = &OpError{Op: "mkd", Path: d, Err: r.err("MKD")}
					}
					continue
				}
			}
			errs[start+i] = &OpError{Op: "mkd", Path: d, Err: err}
		}
		if err != nil {
			for i := start + len(batch); i < len(dirs); i++ {
				errs[i] = &OpError{Op: "mkd", Path: dirs[i], Err: fmt.Errorf("not sent: %w", err)}
			}
			break
		}
	}
	return errs
}

// mkdirOrFind creates dir, or finds it there already: MKD and, when that
// fails, a probe with CWD that comes back. Where the server pipelines and
// the current directory is known, the three go in one write, so that a
// folder costs one round trip whether it was there or not (MkdirAll of a
// tree that exists). The CWD back is sent whatever the first CWD gets: it
// returns to where the session was in either case.
func (s *Session) mkdirOrFind(ctx context.Context, dir string) error {
	back := s.cwd
	if !s.pipelined || back == "" {
		err := s.Mkdir(ctx, dir)
		if err == nil || s.isDir(ctx, dir) {
			return nil
		}
		return err
	}
	if err := s.lock(); err != nil {
		return &OpError{Op: "mkd", Path: dir, Err: err}
	}
	defer s.unlock()
	if err := s.conn.sendBatch(ctx, command{"MKD", dir}, command{"CWD", dir}, command{"CWD", back}); err != nil {
		return &OpError{Op: "mkd", Path: dir, Err: err}
	}
	s.cwd = ""
	var rs [3]Reply
	for i := range rs {
		r, err := s.conn.read(ctx)
		if err != nil {
			return &OpError{Op: "mkd", Path: dir, Err: err}
		}
		rs[i] = r
	}
	// MKD answers 257 and CWD 250 (or 200): a reply of the other kind
	// where one was due is a server out of turn, and nothing it said can
	// be trusted to belong to its command.
	if rs[0].Code == 250 || rs[1].Code == 257 || rs[2].Code == 257 {
		err := &ProtocolError{Msg: fmt.Sprintf("replies %d, %d, %d out of turn: MKD and CWD were sent together", rs[0].Code, rs[1].Code, rs[2].Code)}
		s.remark(DirError, MsgConnectionFailed, "Err", err.Error())
		s.conn.fail(err)
		return &OpError{Op: "mkd", Path: dir, Err: err}
	}
	if rs[2].Class() == 2 {
		s.cwd = back
	}
	if rs[0].Class() == 2 || rs[1].Class() == 2 {
		return nil
	}
	return &OpError{Op: "mkd", Path: dir, Err: rs[0].err("MKD")}
}
