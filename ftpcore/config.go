package ftpcore

import (
	"context"
	"crypto/tls"
	"net"
	"time"

	"golang.org/x/text/encoding"
)

// TLSMode selects how a session protects its connections.
type TLSMode uint8

// The TLS modes, named after the choices FileZilla users know.
const (
	// TLSNone is plain FTP.
	TLSNone TLSMode = iota
	// TLSExplicitIfAvailable sends AUTH TLS and carries on in clear text when
	// the server refuses it (FileZilla's default for ftp:// sites).
	TLSExplicitIfAvailable
	// TLSExplicit requires AUTH TLS (RFC 4217) to succeed.
	TLSExplicit
	// TLSImplicit starts TLS before the greeting (ftps://, port 990).
	TLSImplicit
)

// DefaultPort returns the port a server listens on when none is given:
// 990 for implicit TLS, 21 otherwise.
func (m TLSMode) DefaultPort() int {
	if m == TLSImplicit {
		return 990
	}
	return 21
}

// String names the mode as a URL scheme would.
func (m TLSMode) String() string {
	switch m {
	case TLSExplicitIfAvailable:
		return "explicit-if-available"
	case TLSExplicit:
		return "explicit"
	case TLSImplicit:
		return "implicit"
	}
	return "none"
}

// DataMode selects who opens data connections.
type DataMode uint8

// Passive: the client connects (EPSV, then PASV). Active: the server connects
// back to an address the client announces (EPRT or PORT).
const (
	Passive DataMode = iota
	Active
)

// String returns "passive" or "active".
func (m DataMode) String() string {
	if m == Active {
		return "active"
	}
	return "passive"
}

// TransferType selects TYPE A or TYPE I for a transfer.
type TransferType uint8

// TypeAuto picks ASCII or binary from the file name (see ASCIIRules).
const (
	TypeAuto TransferType = iota
	TypeASCII
	TypeBinary
)

// String returns "auto", "ascii" or "binary".
func (t TransferType) String() string {
	switch t {
	case TypeASCII:
		return "ascii"
	case TypeBinary:
		return "binary"
	}
	return "auto"
}

// Dialer opens network connections; *net.Dialer satisfies it. Tests inject
// their own to count bytes or to fail on purpose.
type Dialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// Listener opens the listening socket of an active-mode data connection;
// *net.ListenConfig satisfies it.
type Listener interface {
	Listen(ctx context.Context, network, address string) (net.Listener, error)
}

// Defaults applied by Dial to zero Config fields.
const (
	DefaultConnectTimeout = 20 * time.Second
	DefaultReplyTimeout   = 60 * time.Second
	DefaultAnonymousPass  = "anonymous@"
)

// Config describes one session's server and behaviour. The zero value of
// each field is a documented default; a Config is read, never modified, by
// Dial, so one value may be shared by several sessions.
type Config struct {
	// Addr is the server's "host:port"; a missing port means 21, or 990
	// with TLSImplicit.
	Addr string
	// User and Password log in; an empty User means anonymous, with
	// Password defaulting to DefaultAnonymousPass. The password never
	// appears in the transcript, an error or a log line.
	User     string
	Password string
	// Account answers a 332 reply with ACCT.
	Account string

	TLS TLSMode
	// TLSConfig is the base TLS configuration (RootCAs, ServerName, client
	// certificates). Nil means the system roots and the host of Addr.
	TLSConfig *tls.Config
	// RefuseDowngrade, with TLSExplicitIfAvailable, fails Dial with a
	// *DowngradeError when AUTH TLS is refused instead of going on in
	// clear text. Set it for a site that offered TLS before.
	RefuseDowngrade bool
	// TrustCert is asked about a certificate the roots cannot verify. It
	// returns true to go on. Nil refuses unverified certificates.
	TrustCert func(ctx context.Context, info CertInfo) (bool, error)

	DataMode DataMode
	// DisableEPSV skips EPSV and goes straight to PASV.
	DisableEPSV bool
	// NoPipelining sends one command at a time, never the next before the
	// previous one's reply. By default a session tries after login whether
	// the server answers commands sent together in turn, and sends a
	// transfer's EPSV and RETR or STOR together when it does.
	NoPipelining bool
	// UsePASVAddress trusts the host in a 227 reply even when it is
	// unroutable or differs from the control connection's peer. By default
	// such an address is replaced by the peer's.
	UsePASVAddress bool
	// ActiveExternalIP is the address announced in PORT/EPRT instead of
	// the control connection's local address (NAT).
	ActiveExternalIP string
	// ActivePortMin and ActivePortMax bound the local ports used in active
	// mode; zero means any port.
	ActivePortMin, ActivePortMax int

	// ConnectTimeout bounds dialling and the greeting; ReplyTimeout bounds
	// each wait for a reply, and on a data connection the silence: a
	// transfer fails when no byte moved for that long (it is noticed
	// within twice that), however slowly the bytes come.
	ConnectTimeout time.Duration
	ReplyTimeout   time.Duration
	// KeepAlive, when positive, sends NOOP after this much idle time.
	KeepAlive time.Duration

	// TransferType forces ASCII or binary; TypeAuto uses ASCII.
	TransferType TransferType
	// ASCII decides the type in TypeAuto; nil means DefaultASCIIRules.
	ASCII *ASCIIRules
	// LocalNewline is the line ending written by ASCII downloads; empty
	// means the running system's convention.
	LocalNewline string

	// Location is the server's time zone for LIST dates; nil means UTC.
	Location *time.Location
	// Charset is the encoding of the server's file names when it is not
	// UTF-8 (ISO-8859-1, Windows-1252...): paths are encoded with it on
	// the way out, replies and listings decoded on the way in. Nil means
	// UTF-8, passed through as it is. File contents are never converted.
	Charset encoding.Encoding

	// Dialer and Listener are used for every socket; nil means the net
	// package's defaults.
	Dialer   Dialer
	Listener Listener

	// Name tags the session's transcript lines ("left", "site: example").
	Name string
	// Transcript, when set, receives every command and reply, PASS masked.
	// It is called from the goroutine driving the session and must not block.
	Transcript func(TranscriptLine)
}

// Direction says which way a transcript line travelled.
type Direction uint8

// The directions of transcript lines.
const (
	DirCommand Direction = iota // client to server
	DirReply                    // server to client
	DirInfo                     // the engine's own remark (connecting, TLS, data address)
	DirError                    // the engine's own error report
)

// String returns "command", "reply", "info" or "error".
func (d Direction) String() string {
	switch d {
	case DirReply:
		return "reply"
	case DirInfo:
		return "info"
	case DirError:
		return "error"
	}
	return "command"
}

// TranscriptLine is one line of the FTP dialogue as a packet capture would
// show it, with PASS masked.
type TranscriptLine struct {
	Time    time.Time
	Session string
	Dir     Direction
	Text    string
	// Msg identifies the engine's own remark that Text renders in English,
	// so that a window can show it in its user's language; "" on commands,
	// replies and any other line.
	Msg MsgID
	// Args are Msg's arguments by placeholder name, the server's words
	// among them escaped as Text has them.
	Args map[string]string
}
