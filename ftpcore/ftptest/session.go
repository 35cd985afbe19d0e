package ftptest

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// maxCommandLine caps a command line, as real servers do; longer lines are
// answered with 500 rather than buffered without end.
const maxCommandLine = 4096

// cmdLine is one command as read from the control connection.
type cmdLine struct {
	line    string // without CRLF and Telnet sequences
	verb    string // upper-cased
	arg     string
	tooLong bool
}

// session serves one control connection. Its own goroutine runs serve and
// owns every field below the line; a reader goroutine feeds it lines, and
// at most one transfer goroutine runs at a time (see transfer.go).
type session struct {
	srv *Server
	id  int
	raw net.Conn // the TCP connection, closed to force everything to stop

	connMu sync.Mutex
	conn   net.Conn // raw, or the *tls.Conn over it once secured
	wmu    sync.Mutex

	lines   chan cmdLine
	upgrade chan *bufio.Reader
	done    chan struct{}

	// verb is the command being answered. The serve goroutine sets it;
	// a transfer goroutine reads it while the serve goroutine waits.
	verb string

	// Owned by the serve goroutine.
	pending      []cmdLine
	nextReader   *bufio.Reader
	user         string
	userGiven    bool
	loggedIn     bool
	awaitingAcct bool
	cwd          string
	ascii        bool
	rest         int64
	rnfr         string
	data         dataSource
	epsvAll      bool
	secure       bool
	protP        bool
}

func newSession(s *Server, conn net.Conn, id int) *session {
	raw := conn
	if tc, ok := conn.(*tls.Conn); ok {
		raw = tc.NetConn()
	}
	return &session{
		srv:     s,
		id:      id,
		raw:     raw,
		conn:    conn,
		lines:   make(chan cmdLine),
		upgrade: make(chan *bufio.Reader, 1),
		done:    make(chan struct{}),
		cwd:     s.cfg.home,
		secure:  s.cfg.implicitTLS,
	}
}

// closeConn forces the control connection shut; any goroutine may call it.
func (c *session) closeConn() { c.raw.Close() }

func (c *session) currentConn() net.Conn {
	c.connMu.Lock()
	defer c.connMu.Unlock()
	return c.conn
}

func (c *session) setConn(conn net.Conn) {
	c.connMu.Lock()
	defer c.connMu.Unlock()
	c.conn = conn
}

// serve runs the session until QUIT, a fatal fault, the client leaving or
// the server closing.
func (c *session) serve(tooMany bool) {
	defer c.finish()
	if tooMany {
		c.reply(421, "There are too many connected users, please try later.")
		return
	}
	greeting := c.srv.currentFault().Greeting
	if greeting == nil {
		greeting = multiline(220, c.srv.cfg.greeting)
	}
	if err := c.writeRaw(greeting); err != nil {
		return
	}
	c.srv.wg.Add(1)
	go c.readLoop(bufio.NewReader(c.currentConn()))
	for {
		l, ok := c.next()
		if !ok || c.handle(l) {
			return
		}
	}
}

func (c *session) finish() {
	close(c.done)
	c.data.close()
	// A polite close sends TLS close_notify; a wedged peer cannot hold us
	// for long because tls.Conn bounds that write.
	c.currentConn().Close()
	c.raw.Close()
}

// next returns the next command: one queued during a transfer first.
func (c *session) next() (cmdLine, bool) {
	if len(c.pending) > 0 {
		l := c.pending[0]
		c.pending = c.pending[1:]
		return l, true
	}
	select {
	case l, ok := <-c.lines:
		return l, ok
	case <-c.srv.ctx.Done():
		return cmdLine{}, false
	}
}

// readLoop reads command lines for serve. After an AUTH line it waits for
// serve to hand over the reader of the secured connection (or nil), so that
// no byte of the TLS handshake is consumed as a command.
func (c *session) readLoop(br *bufio.Reader) {
	defer c.srv.wg.Done()
	defer close(c.lines)
	for {
		l, err := readCommandLine(br)
		if err != nil {
			return
		}
		c.srv.record(c.id, l.line)
		if f := c.srv.currentFault().OnCommand; f != nil {
			f(l.verb, l.arg)
		}
		serve, end := c.early(br, l)
		for _, l := range serve {
			select {
			case c.lines <- l:
			case <-c.done:
				return
			}
		}
		if end {
			return
		}
		if l.verb == "AUTH" {
			select {
			case nb := <-c.upgrade:
				if nb != nil {
					br = nb
				}
			case <-c.done:
				return
			}
		}
	}
}

// readCommandLine reads one CRLF- (or LF-) terminated line, capped at
// maxCommandLine, and removes Telnet IAC sequences (RFC 959 4.1.3: a
// client may send IP and Synch before ABOR).
func readCommandLine(br *bufio.Reader) (cmdLine, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > maxCommandLine {
			tooLong = true
		} else {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return cmdLine{}, fmt.Errorf("read command: %w", err)
		}
		break
	}
	line := strings.TrimRight(string(stripTelnet(buf)), "\r\n")
	verb, arg, _ := strings.Cut(line, " ")
	return cmdLine{line: line, verb: strings.ToUpper(verb), arg: arg, tooLong: tooLong}, nil
}

// stripTelnet drops Telnet commands: IAC IAC is a literal 0xFF, IAC
// WILL/WONT/DO/DONT take an option byte, other IAC pairs stand alone. An IAC
// before an ordinary byte (the Synch's DM may be lost as TCP urgent data)
// is dropped alone.
func stripTelnet(b []byte) []byte {
	const iac = 0xFF
	out := b[:0:0]
	for i := 0; i < len(b); i++ {
		if b[i] != iac || i+1 >= len(b) {
			if b[i] != iac {
				out = append(out, b[i])
			}
			continue
		}
		next := b[i+1]
		switch {
		case next == iac:
			out = append(out, iac)
			i++
		case next >= 251 && next <= 254:
			i += 2
		case next >= 240:
			i++
		}
	}
	return out
}

// writeRaw sends one whole reply in a single write, after the scripted
// delay, so replies from the transfer goroutine never interleave.
func (c *session) writeRaw(b []byte) error {
	f := c.srv.currentFault()
	if f.BeforeReply != nil {
		f.BeforeReply(c.verb, b)
	}
	if d := f.ReplyDelay; d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-c.srv.ctx.Done():
			t.Stop()
			return c.srv.ctx.Err()
		}
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if _, err := c.currentConn().Write(b); err != nil {
		return fmt.Errorf("write reply: %w", err)
	}
	return nil
}

// reply sends a one-line reply.
func (c *session) reply(code int, text string) {
	c.writeRaw(fmt.Appendf(nil, "%d %s\r\n", code, text))
}

// multiline formats lines as one reply in RFC 959 form: "code-first",
// middle lines verbatim, "code last". One line gives "code line".
func multiline(code int, lines []string) []byte {
	if len(lines) == 1 {
		return fmt.Appendf(nil, "%d %s\r\n", code, lines[0])
	}
	var b []byte
	for i, l := range lines {
		switch i {
		case 0:
			b = fmt.Appendf(b, "%d-%s\r\n", code, l)
		case len(lines) - 1:
			b = fmt.Appendf(b, "%d %s\r\n", code, l)
		default:
			b = append(b, l...)
			b = append(b, "\r\n"...)
		}
	}
	return b
}

// command describes how one verb is served.
type command struct {
	run      func(c *session, arg string) (quit bool)
	preLogin bool   // allowed before login
	feature  string // the FEAT name that enables it; "" for always
}

// lookupCommand is the command table, as a switch so that it is no mutable
// package state.
func lookupCommand(verb string) (command, bool) {
	switch verb {
	case "USER":
		return command{run: (*session).cmdUSER, preLogin: true}, true
	case "PASS":
		return command{run: (*session).cmdPASS, preLogin: true}, true
	case "ACCT":
		return command{run: (*session).cmdACCT, preLogin: true}, true
	case "QUIT":
		return command{run: (*session).cmdQUIT, preLogin: true}, true
	case "FEAT":
		return command{run: (*session).cmdFEAT, preLogin: true}, true
	case "AUTH":
		return command{run: (*session).cmdAUTH, preLogin: true, feature: "AUTH"}, true
	case "PBSZ":
		return command{run: (*session).cmdPBSZ, preLogin: true, feature: "PBSZ"}, true
	case "PROT":
		return command{run: (*session).cmdPROT, preLogin: true, feature: "PROT"}, true
	case "OPTS":
		return command{run: (*session).cmdOPTS, preLogin: true}, true
	case "NOOP":
		return command{run: (*session).cmdNOOP}, true
	case "SYST":
		return command{run: (*session).cmdSYST}, true
	case "HELP":
		return command{run: (*session).cmdHELP}, true
	case "ALLO":
		return command{run: (*session).cmdALLO}, true
	case "PWD", "XPWD":
		return command{run: (*session).cmdPWD}, true
	case "CWD", "XCWD":
		return command{run: (*session).cmdCWD}, true
	case "CDUP", "XCUP":
		return command{run: (*session).cmdCDUP}, true
	case "MKD", "XMKD":
		return command{run: (*session).cmdMKD}, true
	case "RMD", "XRMD":
		return command{run: (*session).cmdRMD}, true
	case "DELE":
		return command{run: (*session).cmdDELE}, true
	case "RNFR":
		return command{run: (*session).cmdRNFR}, true
	case "RNTO":
		return command{run: (*session).cmdRNTO}, true
	case "SIZE":
		return command{run: (*session).cmdSIZE, feature: "SIZE"}, true
	case "MDTM":
		return command{run: (*session).cmdMDTM, feature: "MDTM"}, true
	case "MFMT":
		return command{run: (*session).cmdMFMT, feature: "MFMT"}, true
	case "SITE":
		return command{run: (*session).cmdSITE}, true
	case "TYPE":
		return command{run: (*session).cmdTYPE}, true
	case "MODE":
		return command{run: (*session).cmdMODE}, true
	case "STRU":
		return command{run: (*session).cmdSTRU}, true
	case "REST":
		return command{run: (*session).cmdREST, feature: "REST"}, true
	case "STAT":
		return command{run: (*session).cmdSTAT}, true
	case "PASV":
		return command{run: (*session).cmdPASV}, true
	case "EPSV":
		return command{run: (*session).cmdEPSV, feature: "EPSV"}, true
	case "PORT":
		return command{run: (*session).cmdPORT}, true
	case "EPRT":
		return command{run: (*session).cmdEPRT, feature: "EPRT"}, true
	case "MLST":
		return command{run: (*session).cmdMLST, feature: "MLST"}, true
	case "RETR":
		return command{run: (*session).cmdRETR}, true
	case "STOR":
		return command{run: (*session).cmdSTOR}, true
	case "APPE":
		return command{run: (*session).cmdAPPE}, true
	case "STOU":
		return command{run: (*session).cmdSTOU}, true
	case "LIST":
		return command{run: (*session).cmdLIST}, true
	case "NLST":
		return command{run: (*session).cmdNLST}, true
	case "MLSD":
		return command{run: (*session).cmdMLSD, feature: "MLST"}, true
	case "ABOR":
		return command{run: (*session).cmdABOR}, true
	}
	return command{}, false
}

// handle serves one command and reports whether the session must end.
func (c *session) handle(l cmdLine) bool {
	if l.verb == "AUTH" {
		// The reader is parked until it gets the reader to go on with.
		defer func() {
			c.upgrade <- c.nextReader
			c.nextReader = nil
		}()
	}
	c.verb = l.verb
	if l.verb != "RNTO" && l.verb != "RNFR" {
		c.rnfr = ""
	}
	if l.tooLong {
		c.reply(500, "Command line too long.")
		return false
	}
	if raw, ok := c.srv.currentFault().overrideReply(l.verb, l.arg); ok {
		c.writeRaw(raw)
		return false
	}
	cmd, ok := lookupCommand(l.verb)
	if ok && cmd.feature != "" && !c.srv.hasFeature(cmd.feature) {
		ok = false
	}
	switch {
	case !c.loggedIn && (!ok || !cmd.preLogin):
		c.reply(530, "Please login with USER and PASS.")
		return false
	case !ok:
		c.reply(500, "Unknown command.")
		return false
	}
	return cmd.run(c, l.arg)
}
