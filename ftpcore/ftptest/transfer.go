package ftptest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"path"
	"strings"
)

// transfer is one data-connection command, prepared by the serve goroutine
// and run by a goroutine of its own so that the control connection keeps
// reading commands (ABOR) meanwhile.
type transfer struct {
	src      dataSource
	opening  string // text of the 150 reply
	final    string // text of the 226 reply
	payload  []byte // what a download or listing sends, on the wire already
	upload   *node  // the file an upload writes
	ascii    bool
	protP    bool
	fileXfer bool // subject to DataDrop
	drop     DataDrop
	dropOn   bool
	rate     int64
	slow     *SlowPhase
}

// transferResult tells the serve goroutine how a transfer ended.
type transferResult struct {
	replied bool // the transfer sent its own final (or error) reply
	quit    bool // the control connection is gone
}

// checkDataReady answers 425 when no PASV/PORT came first.
func (c *session) checkDataReady() bool {
	if c.data.ready() {
		return true
	}
	c.rest = 0
	c.reply(425, "Use PORT or PASV first.")
	return false
}

// refuse ends a transfer command before its data connection.
func (c *session) refuse(code int, text string) bool {
	c.data.close()
	c.rest = 0
	c.reply(code, text)
	return false
}

// injectedFailure applies Server.FailTransfers.
func (c *session) injectedFailure() bool {
	text, ok := c.srv.takeTransferFailure()
	if ok {
		c.data.close()
		c.rest = 0
		c.writeRaw([]byte(strings.TrimRight(text, "\r\n") + "\r\n"))
	}
	return ok
}

func (c *session) cmdRETR(arg string) bool {
	if !c.checkDataReady() {
		return false
	}
	data, err := c.srv.fs.ReadFile(c.abs(arg))
	switch {
	case arg == "" || err != nil:
		return c.refuse(550, "Failed to open file.")
	case c.rest > int64(len(data)):
		return c.refuse(554, "Requested action not taken: invalid REST parameter.")
	case c.injectedFailure():
		return false
	}
	mode, payload := "BINARY", data[c.rest:]
	if c.ascii {
		mode, payload = "ASCII", lfToCRLF(payload)
	}
	return c.runTransfer(transfer{
		opening:  fmt.Sprintf("Opening %s mode data connection for %s (%d bytes).", mode, arg, len(data)),
		final:    "Transfer complete.",
		payload:  payload,
		fileXfer: true,
	})
}

func (c *session) cmdSTOR(arg string) bool { return c.store(arg, false, false) }
func (c *session) cmdAPPE(arg string) bool { return c.store(arg, true, false) }
func (c *session) cmdSTOU(arg string) bool { return c.store(arg, false, true) }

func (c *session) store(arg string, appendMode, unique bool) bool {
	if !c.checkDataReady() {
		return false
	}
	if arg == "" && !unique {
		return c.refuse(553, "Could not create file.")
	}
	if c.injectedFailure() {
		return false
	}
	name := c.abs(arg)
	opening := "Ok to send data."
	if unique {
		base := path.Base(name)
		if arg == "" {
			base, name = "ftptest", c.cwd
		} else {
			name = path.Dir(name)
		}
		name = c.srv.fs.uniqueName(name, base)
		opening = "FILE: " + path.Base(name)
	}
	offset := c.rest
	if appendMode {
		offset = 0
	}
	n, err := c.srv.fs.openForWrite(name, offset, appendMode)
	if err != nil {
		return c.refuse(553, "Could not create file.")
	}
	return c.runTransfer(transfer{
		opening:  opening,
		final:    "Transfer complete.",
		upload:   n,
		ascii:    c.ascii,
		fileXfer: true,
	})
}

func (c *session) cmdLIST(arg string) bool { return c.list(arg, listLong) }
func (c *session) cmdNLST(arg string) bool { return c.list(arg, listNames) }
func (c *session) cmdMLSD(arg string) bool { return c.list(arg, listMachine) }

func (c *session) list(arg string, format listFormat) bool {
	if !c.checkDataReady() {
		return false
	}
	opts, target := splitListArgs(arg)
	if format == listMachine {
		target = arg
	}
	abs := c.abs(target)
	if payload, ok := c.srv.endlessListing(abs, format); ok {
		return c.runTransfer(transfer{opening: "Here comes the directory listing.", final: "Directory send OK.", payload: payload})
	}
	if format == listMachine {
		fi, err := c.srv.fs.Stat(abs)
		switch {
		case err != nil:
			return c.refuse(550, fmt.Sprintf("%s: No such file or directory", arg))
		case !fi.IsDir():
			return c.refuse(501, fmt.Sprintf("%s: Not a directory", arg))
		}
	}
	payload, ok := c.srv.currentFault().listingOverride(abs)
	if !ok {
		payload = c.srv.listing(abs, target, format, strings.Contains(opts, "a"))
	}
	return c.runTransfer(transfer{
		opening: "Here comes the directory listing.",
		final:   "Directory send OK.",
		payload: payload,
	})
}

// runTransfer starts t and serves the control connection until it ends.
func (c *session) runTransfer(t transfer) bool {
	t.src = c.takeData()
	t.protP = c.protP
	t.rate = c.srv.currentFault().DataRate
	if t.fileXfer {
		t.drop, t.dropOn = c.srv.takeDrop()
		t.slow = c.srv.currentFault().Slow
	}
	c.rest = 0
	ctx, cancel := context.WithCancel(c.srv.ctx)
	defer cancel()
	done := make(chan transferResult, 1)
	c.srv.wg.Add(1)
	go func() {
		defer c.srv.wg.Done()
		done <- c.transfer(ctx, &t)
	}()
	return c.awaitTransfer(cancel, done)
}

// awaitTransfer reads commands while a transfer runs: ABOR and QUIT act at
// once, other commands wait for the transfer's end, as on a real server.
func (c *session) awaitTransfer(cancel context.CancelFunc, done <-chan transferResult) bool {
	for {
		select {
		case res := <-done:
			return res.quit
		case l, ok := <-c.lines:
			if !ok {
				// The control connection is gone: so is the session.
				cancel()
				<-done
				return true
			}
			switch l.verb {
			case "ABOR":
				cancel()
				res := <-done
				if res.quit {
					return true
				}
				c.verb = l.verb
				c.replyAbort(res.replied)
				return false
			case "QUIT":
				cancel()
				<-done
				c.verb = l.verb
				c.reply(221, "Goodbye.")
				return true
			default:
				c.pending = append(c.pending, l)
			}
		}
	}
}

// replyAbort answers ABOR after the transfer goroutine stopped.
func (c *session) replyAbort(transferReplied bool) {
	switch {
	case transferReplied:
		c.reply(225, "No transfer to ABOR.")
	case c.srv.cfg.abortStyle == Abort226Only:
		c.reply(226, "Abort successful.")
	default:
		c.reply(426, "Failure writing network stream.")
		c.reply(226, "ABOR successful.")
	}
}

// transfer runs in its own goroutine: data connection, 150, TLS, bytes,
// final reply. When ctx is cancelled (ABOR) it returns without a reply.
func (c *session) transfer(ctx context.Context, t *transfer) transferResult {
	raw, err := c.srv.openData(ctx, t.src)
	if err != nil {
		if ctx.Err() != nil {
			return transferResult{}
		}
		c.reply(425, "Failed to establish connection.")
		return transferResult{replied: true}
	}
	c.srv.dataConns.Add(1)
	defer raw.Close()
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	defer stop()

	c.reply(150, t.opening)
	var data net.Conn = raw
	if t.slow != nil {
		data = newSlowConn(ctx, raw, *t.slow)
	}
	if t.protP {
		tc := tls.Server(data, c.srv.cfg.tlsConfig)
		hctx, hcancel := context.WithTimeout(ctx, c.srv.cfg.dataTimeout)
		err := tc.HandshakeContext(hctx)
		hcancel()
		switch {
		case ctx.Err() != nil:
			return transferResult{}
		case err != nil && c.srv.cfg.requireReuse:
			c.reply(522, "SSL connection failed.")
			c.closeConn()
			return transferResult{replied: true, quit: true}
		case err != nil:
			c.reply(522, "SSL connection failed.")
			return transferResult{replied: true}
		case c.srv.cfg.requireReuse && !tc.ConnectionState().DidResume:
			// vsftpd then drops the whole session.
			c.reply(522, "SSL connection failed: session reuse required")
			c.closeConn()
			return transferResult{replied: true, quit: true}
		}
		data = tc
	}
	if t.upload != nil {
		return c.receive(ctx, data, raw, t)
	}
	return c.send(ctx, data, raw, t)
}

// send writes a download or listing.
func (c *session) send(ctx context.Context, data, raw net.Conn, t *transfer) transferResult {
	p := newPacer(t.rate)
	limit := int64(len(t.payload))
	dropping := t.dropOn && t.drop.After < limit
	if dropping {
		limit = t.drop.After
	}
	for sent := int64(0); sent < limit; {
		n := min(int64(p.chunk()), limit-sent)
		w, err := data.Write(t.payload[sent : sent+n])
		sent += int64(w)
		c.srv.bytesSent.Add(int64(w))
		if err == nil {
			err = p.wait(ctx, w)
		}
		if err != nil {
			return c.failed(ctx, "Failure writing network stream.")
		}
	}
	if dropping {
		return c.cut(raw, t.drop, "writing")
	}
	// Close sends TLS close_notify, which tells the client nothing is
	// missing.
	data.Close()
	if ctx.Err() != nil {
		return transferResult{}
	}
	c.reply(226, t.final)
	return transferResult{replied: true}
}

// receive reads an upload into its file as the bytes arrive, so that a
// cut leaves a partial file, as on a real server.
func (c *session) receive(ctx context.Context, data, raw net.Conn, t *transfer) transferResult {
	p := newPacer(t.rate)
	buf := make([]byte, p.chunk())
	var conv crlfToLF
	var got int64
	for {
		want := int64(len(buf))
		if t.dropOn {
			if t.drop.After-got <= 0 {
				return c.cut(raw, t.drop, "reading")
			}
			want = min(want, t.drop.After-got)
		}
		n, err := data.Read(buf[:want])
		if n > 0 {
			got += int64(n)
			c.srv.bytesReceived.Add(int64(n))
			chunk := buf[:n]
			if t.ascii {
				chunk = conv.convert(chunk)
			}
			c.srv.fs.appendData(t.upload, chunk)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err == nil {
			err = p.wait(ctx, n)
		}
		if err != nil {
			return c.failed(ctx, "Failure reading network stream.")
		}
	}
	if t.ascii {
		c.srv.fs.appendData(t.upload, conv.flush())
	}
	if ctx.Err() != nil {
		return transferResult{}
	}
	c.reply(226, t.final)
	return transferResult{replied: true}
}

// failed reports a broken data connection, unless ABOR broke it.
func (c *session) failed(ctx context.Context, text string) transferResult {
	if ctx.Err() != nil {
		return transferResult{}
	}
	c.reply(426, text)
	return transferResult{replied: true}
}

// cut applies a DataDrop: the data connection closes without TLS
// close_notify, then 426 or the control connection goes too.
func (c *session) cut(raw net.Conn, d DataDrop, direction string) transferResult {
	raw.Close()
	if d.CloseControl {
		c.closeConn()
		return transferResult{replied: true, quit: true}
	}
	c.reply(426, "Failure "+direction+" network stream.")
	return transferResult{replied: true}
}
