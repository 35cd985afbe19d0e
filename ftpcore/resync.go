package ftpcore

import (
	"context"
	"io"
	"time"
)

// abortAndResync sends ABOR, reads the replies it draws, then brings the
// dialogue back in step with a NOOP whose 200 is the last reply to expect.
// Servers answer in different orders: 426 for the transfer then 226 for
// the ABOR, 226 for a finished transfer then 225, or 225 alone. The NOOP
// goes out only after the ABOR's replies, because some servers (Pure-FTPd)
// discard what arrives while they abort. If that fails the session is
// marked broken.
func (s *Session) abortAndResync() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if s.conn.broken != nil {
		return
	}
	if err := s.conn.send(ctx, "ABOR", ""); err != nil {
		return
	}
	r, err := s.conn.read(ctx)
	if err != nil {
		s.conn.fail(err)
		return
	}
	if r.Class() == 4 || r.Class() == 5 {
		// The transfer's failure; the ABOR's own reply follows.
		if _, err := s.conn.read(ctx); err != nil {
			s.conn.fail(err)
			return
		}
	}
	s.syncWithNoop(ctx)
}

// resync brings the dialogue back in step after a failure between a 1xx
// and the data connection.
func (s *Session) resync() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if s.conn.broken == nil {
		s.syncWithNoop(ctx)
	}
}

// syncWithNoop sends NOOP and reads until its 200: whatever came before
// belonged to the commands it follows. Reply counts cannot be trusted
// after ABOR (servers answer it with one reply or two), so owed starts
// afresh. A failure within ctx marks the session broken.
func (s *Session) syncWithNoop(ctx context.Context) {
	if err := s.conn.send(ctx, "NOOP", ""); err != nil {
		return
	}
	for i := 0; i < 6; i++ {
		r, err := s.conn.read(ctx)
		if err != nil {
			s.conn.fail(err)
			return
		}
		if r.Code == 200 {
			s.conn.owed = 0
			s.conn.early = false
			return
		}
	}
	s.conn.fail(&ProtocolError{Msg: "could not resynchronise after an aborted transfer"})
}

// settle reads the replies that a cancelled call left owed, so that the
// next command gets its own. A transfer that the server started after its
// caller gave up (a 1xx among them) is aborted, once its data connection
// is complete: closed before, it would fail the server's TLS handshake,
// which vsftpd and Pure-FTPd answer by ending the session. Each read
// waits at most the reply timeout, and a server silent for that long
// loses its session.
func (s *Session) settle() {
	orphan := s.orphan
	s.orphan = nil
	if orphan != nil {
		defer orphan.close()
	}
	for s.conn.owed > 0 && s.conn.broken == nil {
		if s.conn.early && s.conn.owed == 1 && orphan == nil {
			return // an EPSV sent ahead: the next command reads it
		}
		r, err := s.conn.read(context.Background())
		if err != nil {
			return
		}
		if r.Class() == 1 {
			s.remark(DirInfo, MsgResyncAbort)
			if orphan != nil {
				s.dropData(orphan)
			}
			s.abortAndResync()
			return
		}
	}
}

// dropData completes a data connection nobody wants any more (accept,
// TLS handshake) and closes it, as a finished transfer would.
func (s *Session) dropData(d *dataOpener) {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.ReplyTimeout)
	defer cancel()
	c, _, err := s.finishData(ctx, d)
	if err != nil {
		s.remark(DirInfo, MsgResyncDataFailed, "Err", err.Error())
		return
	}
	if !d.upload {
		// A first byte of the download: the server is past its side of
		// the handshake (ProFTPD may end the session when the connection
		// goes while it still writes its TLS 1.3 tickets).
		_, _ = io.CopyN(io.Discard, c, 1)
	}
	c.Close()
}
