package ftptest

import (
	"strings"
	"time"
)

// Fault scripts how a Server misbehaves. The zero Fault is a well-behaved
// server. Set one at creation with WithFault or at any time with
// Server.SetFault; sessions read it when a command arrives (and a transfer
// when it starts), so a change applies from the next command on, also on
// connections already open.
type Fault struct {
	// ReplyDelay is slept before every control reply, the greeting
	// included, to imitate a slow or distant server.
	ReplyDelay time.Duration

	// DataRate throttles every data connection (files and listings) to
	// about this many bytes per second. Zero means as fast as possible.
	DataRate int64

	// Slow, when set, makes file transfers (RETR, STOR, APPE, STOU) fast
	// then slow then fast: a link that slows down without going silent.
	Slow *SlowPhase

	// DropData, when set, cuts the data connection of file transfers
	// (RETR, STOR, APPE, STOU) part way through.
	DropData *DataDrop

	// MaxConns, when positive, answers a new control connection with
	// "421 There are too many connected users, please try later." and
	// closes it if MaxConns connections are already open (vsftpd's
	// max_clients).
	MaxConns int

	// RefuseForeignPORT enables bounce protection: PORT and EPRT naming an
	// address other than the client's own get "500 Illegal PORT command."
	// (or EPRT). On loopback every address is the client's; test it with
	// an address like 10.0.0.1.
	RefuseForeignPORT bool

	// Replies maps a command verb (for example "STOR", "EPSV") to the reply
	// sent instead of running the command, for example
	// "452 Insufficient storage space." or "500 'EPSV': command not
	// understood". CRLF is appended when the text does not end in "\n";
	// embedded "\r\n" make a multi-line reply. The command is not run: a
	// replaced PASV opens no port and a replaced STOR creates no file.
	Replies map[string]string

	// RawReplies is like Replies but the bytes are written exactly as
	// given, with no line end added: for garbage, an over-long line, a 227
	// with a hostile address or thousands of continuation lines. It wins
	// over Replies for the same verb.
	RawReplies map[string][]byte

	// Hook, when set, is asked first about every command, with the verb
	// upper-cased and the argument as sent; when it returns ok, reply is
	// written verbatim instead of running the command. Use it for a reply
	// that depends on the argument (SIZE of one file only...). It runs on
	// the servers' goroutines and must be safe for concurrent use.
	Hook func(verb, arg string) (reply []byte, ok bool)

	// OnCommand, when set, is told of each command (verb upper-cased,
	// argument as sent) the moment it arrives, before it is served, also
	// during a transfer (ABOR). It runs on the server's goroutines, must
	// be safe for concurrent use and should not block.
	OnCommand func(verb, arg string)

	// BeforeReply, when set, is called with the verb of the command being
	// answered ("" for the greeting) and the reply's bytes before each
	// reply is written, the 150 and 226 of transfers included. It may
	// block to hold the reply back: a test cancels the client there and
	// lets the reply go once the client has given up. It runs on the
	// server's goroutines and must be safe for concurrent use.
	BeforeReply func(verb string, reply []byte)

	// Greeting, when non-nil, is written verbatim instead of the 220
	// greeting of new connections (a malformed or hostile banner).
	Greeting []byte

	// Listings maps an absolute directory path (as the listed directory
	// resolves, e.g. "/pub") to the exact bytes sent on the data connection
	// for LIST, NLST and MLSD of that directory, for hostile or malformed
	// listings (names like "../evil", missing CRLF, ...).
	Listings map[string][]byte

	// Pipelined is how commands that arrive together are served (see
	// PipelineStyle); the zero value serves them in order.
	Pipelined PipelineStyle

	// EndlessFolders, when set, makes a folder tree without end (see
	// fault_endless.go).
	EndlessFolders *EndlessFolders
}

// DataDrop says how a file transfer's data connection is cut.
type DataDrop struct {
	// After is the number of data bytes that pass before the cut; 0 cuts
	// the connection before any byte. For TYPE A it counts bytes on the
	// wire.
	After int64

	// CloseControl closes the control connection too, without a reply, as
	// a crashed server or a broken network would. Otherwise the server
	// replies "426 Failure writing network stream." (or "reading" for
	// uploads) and the session goes on.
	CloseControl bool

	// Times limits the drop to the next Times transfers; 0 means every
	// transfer until the Fault is changed.
	Times int
}

// AbortStyle is how a server answers ABOR during a transfer.
type AbortStyle int

const (
	// Abort426Then226 replies "426 Failure writing network stream." for the
	// interrupted transfer, then "226 ABOR successful." (vsftpd, RFC 959).
	Abort426Then226 AbortStyle = iota
	// Abort226Only replies only "226 Abort successful." as some servers do.
	Abort226Only
)

// faultState is a Server's current Fault plus the one-shot counters.
type faultState struct {
	fault        Fault
	dropsLeft    int // remaining DataDrop.Times; meaningless when Times == 0
	failLeft     int
	failReply    string
	rejectLogins int
}

func cloneFault(f Fault) Fault {
	out := f
	if f.DropData != nil {
		d := *f.DropData
		out.DropData = &d
	}
	if f.Slow != nil {
		sp := *f.Slow
		out.Slow = &sp
	}
	out.Replies = upperKeys(f.Replies)
	if f.Greeting != nil {
		out.Greeting = append([]byte(nil), f.Greeting...)
	}
	if f.RawReplies != nil {
		out.RawReplies = make(map[string][]byte, len(f.RawReplies))
		for k, v := range f.RawReplies {
			out.RawReplies[strings.ToUpper(k)] = append([]byte(nil), v...)
		}
	}
	if f.Listings != nil {
		out.Listings = make(map[string][]byte, len(f.Listings))
		for k, v := range f.Listings {
			out.Listings[cleanPath(k)] = append([]byte(nil), v...)
		}
	}
	return out
}

func upperKeys(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToUpper(k)] = v
	}
	return out
}

// SetFault replaces the server's Fault and restarts the DataDrop.Times
// count. The Fault is copied, so the caller may reuse its maps. Safe for
// concurrent use.
func (s *Server) SetFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.fault = cloneFault(f)
	if f.DropData != nil {
		s.faults.dropsLeft = f.DropData.Times
	}
}

// Fault returns a copy of the current Fault. Safe for concurrent use.
func (s *Server) Fault() Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneFault(s.faults.fault)
}

// FailTransfers makes the next n file transfers (RETR, STOR, APPE, STOU)
// answer reply instead of opening their data connection, for retry tests.
// An empty reply means "451 Requested action aborted. Local error in
// processing."; reply may be any text such as "450 File busy.". n <= 0
// cancels. Safe for concurrent use.
func (s *Server) FailTransfers(n int, reply string) {
	if reply == "" {
		reply = "451 Requested action aborted. Local error in processing."
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.failLeft = max(n, 0)
	s.faults.failReply = reply
}

// RejectLogins makes the next n logins (the PASS, or ACCT, that would log
// in) answer "421 Too many users logged in, closing control connection."
// and close the connection. n <= 0 cancels. Safe for concurrent use.
func (s *Server) RejectLogins(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.rejectLogins = max(n, 0)
}

// currentFault returns the Fault sessions must obey now. Its maps are never
// mutated after SetFault, so sharing them is safe.
func (s *Server) currentFault() Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults.fault
}

// overrideReply returns the scripted bytes for a command, if any.
func (f Fault) overrideReply(verb, arg string) ([]byte, bool) {
	if f.Hook != nil {
		if raw, ok := f.Hook(verb, arg); ok {
			return raw, true
		}
	}
	if raw, ok := f.RawReplies[verb]; ok {
		return raw, true
	}
	if text, ok := f.Replies[verb]; ok {
		if !strings.HasSuffix(text, "\n") {
			text += "\r\n"
		}
		return []byte(text), true
	}
	return nil, false
}

// takeTransferFailure consumes one FailTransfers count.
func (s *Server) takeTransferFailure() (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults.failLeft == 0 {
		return "", false
	}
	s.faults.failLeft--
	return s.faults.failReply, true
}

// takeLoginRejection consumes one RejectLogins count.
func (s *Server) takeLoginRejection() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults.rejectLogins == 0 {
		return false
	}
	s.faults.rejectLogins--
	return true
}

// takeDrop returns the drop that applies to a file transfer starting now,
// consuming one DataDrop.Times count.
func (s *Server) takeDrop() (DataDrop, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.faults.fault.DropData
	if d == nil {
		return DataDrop{}, false
	}
	if d.Times > 0 {
		if s.faults.dropsLeft == 0 {
			return DataDrop{}, false
		}
		s.faults.dropsLeft--
	}
	return *d, true
}

// listingOverride returns the scripted listing bytes for dir, if any.
func (f Fault) listingOverride(dir string) ([]byte, bool) {
	b, ok := f.Listings[dir]
	return b, ok
}
