package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// ProgressFunc receives the bytes done so far (including a resume offset)
// and the total when known (-1 otherwise). It is called on the goroutine
// running the transfer, often: it must be quick and must not block.
type ProgressFunc func(done, total int64)

// TransferOptions tune one Retrieve or Store.
type TransferOptions struct {
	// Type forces ASCII or binary; TypeAuto follows the session's
	// configuration and then the file name.
	Type TransferType
	// Offset resumes at this byte with REST (binary only). For Store, the
	// remote file must hold exactly Offset bytes already, and the reader
	// must be positioned at Offset.
	Offset int64
	// Append uses APPE instead of REST and STOR: the server adds the data
	// at the end of the remote file, which holds Offset bytes.
	Append bool
	// Progress, when set, is told how the transfer advances.
	Progress ProgressFunc
	// Size, when positive, is the full size of the file being
	// transferred; it saves a SIZE round trip and serves as the total.
	Size int64
	// ModTime, when not zero, is given to the uploaded file with MFMT once
	// the upload is complete (Store, on servers that list MFMT). Where the
	// server pipelines, MFMT goes with the size check and costs no round
	// trip of its own. A refusal is remarked in the transcript, not an
	// error of the upload.
	ModTime time.Time
}

// TransferBufSize is the size of the buffer file data is copied through:
// large enough to keep loopback transfers near the speed of the kernel,
// small enough to stay responsive to cancellation.
const TransferBufSize = 256 << 10

// resolveType decides TYPE A or I for a file name.
func (s *Session) resolveType(t TransferType, name string) TransferType {
	if t == TypeAuto {
		t = s.cfg.TransferType
	}
	return s.cfg.ASCII.Resolve(t, name)
}

// ResolveType tells which type a transfer of name would use with t.
func (s *Session) ResolveType(t TransferType, name string) TransferType {
	return s.resolveType(t, name)
}

// setType sends TYPE when the wanted type differs from the current one.
func (s *Session) setType(ctx context.Context, t TransferType) error {
	want := byte('I')
	if t == TypeASCII {
		want = 'A'
	}
	if s.curType == want {
		return nil
	}
	if _, err := s.conn.expect(ctx, 2, "TYPE", string(want)); err != nil {
		s.curType = 0
		return err
	}
	s.curType = want
	return nil
}

// dataTransfer is one command with a data connection in flight.
type dataTransfer struct {
	s      *Session
	verb   string
	opener *dataOpener
	conn   net.Conn  // what the data is read from or written to
	idle   *idleConn // its socket, under any TLS layer
	total  int64     // from the 150 reply, or -1
	upload bool      // data flows to the server
	// doneAt is the 2xx that answered the command at once, with no 1xx
	// and no data connection; 0 otherwise.
	doneAt int
	early  bool // send the next transfer's EPSV before reading the 226
	// sizeOf, for an upload, is the path whose SIZE goes with the next
	// EPSV before the 226 is read, and mfmt the argument of an MFMT that
	// goes with them; checksSent says they went.
	sizeOf     string
	mfmt       string
	checksSent bool
	ended      bool // the upload and its end went ahead of the 1xx
}

// startTransfer opens the data connection, sends REST when offset > 0 and
// the transfer command, and waits for the server's 1xx. Without REST, on a
// server that pipelines, EPSV and the command go out together, and an
// upload in ahead (nil for others) may go before the 1xx.
func (s *Session) startTransfer(ctx context.Context, verb, arg string, offset int64, ahead *upAhead) (*dataTransfer, error) {
	if offset == 0 && s.canPipeline() {
		t, ok, err := s.startPipelined(ctx, verb, arg, ahead)
		if ok || err != nil {
			return t, err
		}
	}
	d, err := s.openData(ctx)
	if err != nil {
		return nil, err
	}
	if offset > 0 {
		if _, err := s.conn.expect(ctx, 3, "REST", strconv.FormatInt(offset, 10)); err != nil {
			d.close()
			return nil, err
		}
	}
	if err := s.conn.send(ctx, verb, arg); err != nil {
		d.close()
		return nil, err
	}
	if ahead != nil && offset == 0 && d.conn != nil && canHalfClose(d.conn) {
		d = s.sendAhead(ctx, d.conn, ahead)
	}
	return s.transferReply(ctx, verb, d)
}

// transferReply reads the reply to a transfer command already sent, with
// its data connection d ready, and completes the data connection after a
// 1xx.
func (s *Session) transferReply(ctx context.Context, verb string, d *dataOpener) (*dataTransfer, error) {
	fail := func(err error) (*dataTransfer, error) {
		d.close()
		return nil, err
	}
	r, err := s.conn.read(ctx)
	if err != nil {
		if s.conn.broken == nil && s.conn.owed > 0 {
			// Cancelled with the reply owed: the server may still open
			// the transfer, and a TLS server ends the session when the
			// data handshake it then starts fails. settle finishes it.
			d.upload = verb == "STOR" || verb == "APPE" || verb == "STOU"
			s.orphan = d
			return nil, err
		}
		return fail(err)
	}
	if r.Class() != 1 {
		if r.Class() == 2 && r.Code != 227 && r.Code != 229 {
			// Nothing to send (some servers answer an empty listing so).
			d.close()
			return &dataTransfer{s: s, verb: verb, total: 0, doneAt: r.Code}, nil
		}
		if r.Class() == 2 || r.Class() == 3 {
			perr := &ProtocolError{Msg: fmt.Sprintf("reply %d does not answer %s", r.Code, verb)}
			s.conn.fail(perr)
			return fail(perr)
		}
		return fail(r.err(verb))
	}
	c, ic, err := s.finishData(ctx, d)
	if err != nil {
		d.close()
		s.resync()
		return nil, err
	}
	return &dataTransfer{s: s, verb: verb, opener: d, conn: c, idle: ic, total: sizeFrom150(r.Message())}, nil
}

// sizeFrom150 reads "(N bytes)" from a 150 reply, as vsftpd and ProFTPD
// word it; -1 when absent.
func sizeFrom150(text string) int64 {
	i := strings.LastIndex(text, " bytes)")
	if i < 0 {
		return -1
	}
	j := strings.LastIndexByte(text[:i], '(')
	if j < 0 {
		return -1
	}
	n, err := strconv.ParseInt(text[j+1:i], 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// finish closes the data connection and reads the final reply, which must
// be 226 or 250.
func (t *dataTransfer) finish(ctx context.Context) error {
	if t.conn == nil {
		return nil // answered with 2xx at once
	}
	var cerr error
	if t.upload {
		cerr = closeUpload(t.conn, t.idle, t.ended)
	} else {
		cerr = t.conn.Close()
	}
	if t.sizeOf != "" || t.mfmt != "" {
		t.checksSent = t.s.sendChecksEarly(ctx, t.sizeOf, t.mfmt)
	} else if t.early {
		t.s.sendEarly(ctx)
	}
	r, err := t.s.conn.read(ctx)
	if err != nil {
		return err
	}
	if r.Class() != 2 {
		return r.err(t.verb)
	}
	if cerr != nil && !errors.Is(cerr, net.ErrClosed) {
		// The server says done, but the TLS close_notify or the TCP close
		// failed: the data may be short. Let the size check decide.
		t.s.remark(DirInfo, MsgDataCloseFailed, "Err", cerr.Error())
	}
	return nil
}

// abort stops a transfer in flight: the data connection is closed first,
// so that servers that read no command while sending notice at once, then
// ABOR is sent and the dialogue is brought back in step.
func (t *dataTransfer) abort() {
	if t.conn != nil {
		t.conn.Close()
	}
	t.s.abortAndResync()
}

// Retrieve downloads path into w (RETR), resuming at opt.Offset with REST.
// It returns the bytes written to w in this call (after line-ending
// conversion in ASCII). Cancelling ctx aborts the transfer with ABOR and
// leaves the session usable.
func (s *Session) Retrieve(ctx context.Context, path string, w io.Writer, opt TransferOptions) (int64, error) {
	if err := s.lock(); err != nil {
		return 0, &OpError{Op: "retr", Path: path, Err: err}
	}
	defer s.unlock()
	n, err := s.retrieve(ctx, path, w, opt)
	if err != nil {
		return n, &OpError{Op: "retr", Path: path, Err: err}
	}
	return n, nil
}

func (s *Session) retrieve(ctx context.Context, path string, w io.Writer, opt TransferOptions) (int64, error) {
	typ := s.resolveType(opt.Type, path)
	if typ == TypeASCII && opt.Offset > 0 {
		return 0, ErrASCIIResume
	}
	if err := s.setType(ctx, typ); err != nil {
		return 0, err
	}
	total := int64(-1)
	if opt.Size > 0 {
		total = opt.Size
	} else if typ == TypeBinary && s.HasFeature("SIZE") {
		r, err := s.conn.cmd(ctx, "SIZE", path)
		if err != nil {
			return 0, err
		}
		if r.Code == 213 {
			if v, perr := strconv.ParseInt(strings.TrimSpace(r.Message()), 10, 64); perr == nil && v >= 0 {
				total = v
			}
		}
	}
	t, err := s.startTransfer(ctx, "RETR", path, opt.Offset, nil)
	if err != nil {
		return 0, err
	}
	t.early = true
	if t.conn == nil {
		if err := s.checkNoData(ctx, path, total, t.doneAt); err != nil {
			return 0, err
		}
	}
	if total < 0 && t.total >= 0 && typ == TypeBinary {
		total = t.total
	}
	progressTotal := total
	if typ == TypeASCII {
		progressTotal = t.total // the server's estimate, for the bar only
	}
	var dst io.Writer = w
	var nw *newlineWriter
	if typ == TypeASCII {
		nw = newNewlineWriter(w, s.localNewline())
		dst = nw
	}
	var n int64
	if t.conn != nil {
		if nw != nil {
			n, err = copyData(dst, t.conn, s.buffer(), opt.Offset, progressTotal, opt.Progress)
		} else {
			n, err = s.copyDownload(dst, t.conn, t.idle, opt.Offset, progressTotal, opt.Progress)
		}
		if err == nil && nw != nil {
			err = nw.Flush()
		}
		if nw != nil {
			n = nw.written
		}
	}
	if err != nil {
		t.abort()
		return n, transferErr(ctx, err)
	}
	if err := t.finish(ctx); err != nil {
		return n, err
	}
	if typ == TypeBinary && total >= 0 && opt.Offset+n != total {
		return n, fmt.Errorf("%w: got %d bytes, server reports %d", ErrSizeMismatch, opt.Offset+n, total)
	}
	return n, nil
}

// checkNoData accepts a RETR the server answered as complete at once,
// without a 1xx and without data, only for a file known to be empty:
// otherwise a broken or hostile server would have an existing local file
// replaced by an empty one. total is the size known so far (-1 when
// not); SIZE is asked when it is unknown, in TYPE I (see Size).
func (s *Session) checkNoData(ctx context.Context, path string, total int64, code int) error {
	if total < 0 && s.HasFeature("SIZE") {
		r, err := s.sizeLocked(ctx, path)
		if err != nil && ReplyCode(err) == 0 {
			return err
		}
		if err == nil {
			if v, perr := strconv.ParseInt(strings.TrimSpace(r.Message()), 10, 64); perr == nil && v >= 0 {
				total = v
			}
		}
	}
	if total == 0 {
		return nil
	}
	if total > 0 {
		return fmt.Errorf("%w: reply %d without 150, and the file has %d bytes", ErrNoData, code, total)
	}
	return fmt.Errorf("%w: reply %d without 150, and the file's size is unknown", ErrNoData, code)
}

// Store uploads r to path (STOR, or APPE with opt.Append), resuming at
// opt.Offset with REST. It returns the bytes read from r. In binary mode
// the result is checked with SIZE when the server offers it.
func (s *Session) Store(ctx context.Context, path string, r io.Reader, opt TransferOptions) (int64, error) {
	if err := s.lock(); err != nil {
		return 0, &OpError{Op: "stor", Path: path, Err: err}
	}
	defer s.unlock()
	n, err := s.store(ctx, path, r, opt)
	if err != nil {
		return n, &OpError{Op: "stor", Path: path, Err: err}
	}
	return n, nil
}

func (s *Session) store(ctx context.Context, path string, r io.Reader, opt TransferOptions) (int64, error) {
	typ := s.resolveType(opt.Type, path)
	if typ == TypeASCII && opt.Offset > 0 {
		return 0, ErrASCIIResume
	}
	if err := s.setType(ctx, typ); err != nil {
		return 0, err
	}
	verb := "STOR"
	if opt.Append {
		verb = "APPE"
	}
	rest := opt.Offset
	if opt.Append {
		rest = 0
	}
	src := r
	var cr *countingReader
	if typ == TypeASCII {
		cr = &countingReader{r: r}
		src = newCRLFReader(cr)
	}
	total := int64(-1)
	if opt.Size > 0 {
		total = opt.Size
	}
	var ahead *upAhead
	if rest == 0 && opt.Size > 0 && s.aheadFor(typ, opt.Size-opt.Offset) {
		ahead = &upAhead{src: src, offset: opt.Offset, total: total, progress: opt.Progress}
	}
	t, err := s.startTransfer(ctx, verb, path, rest, ahead)
	if err != nil {
		return 0, err
	}
	t.upload = true
	sizeCheck := typ == TypeBinary && s.HasFeature("SIZE")
	t.early = !sizeCheck
	if sizeCheck {
		t.sizeOf = path
	}
	if !opt.ModTime.IsZero() && s.HasFeature("MFMT") {
		t.mfmt = opt.ModTime.UTC().Format(mdtmLayout) + " " + path
	}
	var n int64
	switch {
	case t.conn == nil:
		// Answered at once: the server took no data.
	case ahead != nil && ahead.sent:
		n, err = ahead.n, ahead.err
		t.ended = true
		if err != nil && ctx.Err() == nil {
			if cr != nil {
				n = cr.n
			}
			return n, t.failedAhead(ctx, err)
		}
	default:
		n, err = s.copyUpload(t.conn, t.idle, src, opt.Offset, total, opt.Progress)
	}
	if cr != nil && t.conn != nil {
		n = cr.n
	}
	if err != nil {
		t.abort()
		return n, transferErr(ctx, err)
	}
	if err := t.finish(ctx); err != nil {
		return n, err
	}
	var sizeErr error
	if sizeCheck {
		rr, err := s.checkAfter(ctx, "SIZE", path, t.checksSent)
		if err != nil {
			return n, err
		}
		if rr.Code == 213 {
			if v, perr := strconv.ParseInt(strings.TrimSpace(rr.Message()), 10, 64); perr == nil && v != opt.Offset+n {
				sizeErr = fmt.Errorf("%w: sent %d bytes, server has %d", ErrSizeMismatch, opt.Offset+n, v)
			}
		}
	}
	if t.mfmt != "" {
		rr, err := s.checkAfter(ctx, "MFMT", t.mfmt, t.checksSent)
		if err != nil {
			return n, errors.Join(sizeErr, err)
		}
		if rr.Class() != 2 {
			s.remark(DirInfo, MsgModTimeRefused, "Err", rr.err("MFMT").Error())
		}
	}
	return n, sizeErr
}

// checkAfter reads the reply to a check after an upload (SIZE, MFMT),
// sent already with the upload's end (see sendChecksEarly) or sent now.
func (s *Session) checkAfter(ctx context.Context, verb, arg string, sent bool) (Reply, error) {
	if sent {
		return s.conn.read(ctx)
	}
	return s.conn.cmd(ctx, verb, arg)
}

// buffer returns the session's transfer buffer, allocated once: a mirror
// of thousands of small files would otherwise allocate one per file.
func (s *Session) buffer() []byte {
	if s.xferBuf == nil {
		s.xferBuf = make([]byte, TransferBufSize)
	}
	return s.xferBuf
}

// transferErr prefers the context's error when it caused the failure.
func transferErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}

// writeError marks a failure on the writing side of a copy.
type writeError struct{ err error }

func (e *writeError) Error() string { return "write: " + e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
