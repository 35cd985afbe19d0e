package ftpcore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// RelayMode says when a server-to-server copy may go through the client
// instead: RETR from the source streamed straight into STOR on the target,
// with no temporary file.
type RelayMode uint8

// The relay modes, from the strictest.
const (
	// RelayNever reports a refused FXP as an error.
	RelayNever RelayMode = iota
	// RelayAsk asks FXPOptions.AllowRelay when FXP is impossible.
	RelayAsk
	// RelayAuto relays without asking when FXP is impossible.
	RelayAuto
	// RelayAlways never tries FXP and always relays.
	RelayAlways
)

// String returns "never", "ask", "auto" or "always".
func (m RelayMode) String() string {
	switch m {
	case RelayAsk:
		return "ask"
	case RelayAuto:
		return "auto"
	case RelayAlways:
		return "always"
	}
	return "never"
}

// ParseRelayMode reads a RelayMode as String writes it.
func ParseRelayMode(s string) (RelayMode, error) {
	for _, m := range []RelayMode{RelayNever, RelayAsk, RelayAuto, RelayAlways} {
		if strings.EqualFold(s, m.String()) {
			return m, nil
		}
	}
	return RelayNever, fmt.Errorf("ftp: relay mode must be never, ask, auto or always, not %q", s)
}

// DefaultFXPPoll is how often the target's size is polled for progress
// when FXPOptions.PollEvery is zero.
const DefaultFXPPoll = time.Second

// FXPOptions tune one server-to-server copy.
type FXPOptions struct {
	// Type forces ASCII or binary; TypeAuto decides from the source's
	// configuration and the file name, as for any transfer. Both servers
	// get the same TYPE.
	Type TransferType
	// Progress, when set, is told the target's size as it grows. It is
	// called on the goroutine running FXP.
	Progress ProgressFunc
	// PollEvery is how often the target's size is asked with SIZE, on a
	// third control connection opened with the target's configuration
	// (servers answer nothing on a control connection whose transfer is
	// running). Zero means DefaultFXPPoll; negative disables polling.
	// Binary transfers only: in ASCII the sizes differ by design.
	PollEvery time.Duration
	// Relay says whether a copy the servers cannot make between
	// themselves goes through the client.
	Relay RelayMode
	// AllowRelay is asked, with the reason FXP is impossible, when Relay
	// is RelayAsk. Nil means no.
	AllowRelay func(ctx context.Context, reason error) (bool, error)
	// AllowClearData is asked when the data would have to travel in clear
	// text between the servers (PROT C) because they cannot agree on who
	// plays TLS client (neither offers SSCN or CPSV), or because only one
	// session protects its data. Nil means no.
	AllowClearData func(ctx context.Context, reason error) (bool, error)
	// ClearData runs the copy with unprotected data between the servers
	// (PROT C on the sessions that protect theirs) without asking: the
	// user chose it after an earlier attempt failed with an error for
	// which FXPImpossible says clear data helps. The sessions protect
	// their own data connections again afterwards.
	ClearData bool
	// Overwrite is asked when SIZE shows that the target file exists
	// (dstSize bytes; srcSize is -1 when unknown). Returning false skips
	// the copy with ErrFXPSkipped. Nil overwrites: callers that apply
	// their own rules (the transfer queue) may also check with Size
	// before calling FXP.
	Overwrite func(ctx context.Context, srcSize, dstSize int64) (bool, error)
	// KeepPartial leaves an incomplete target file in place after a
	// failure; by default it is deleted, since servers leave an empty or
	// truncated file behind when a copy fails late.
	KeepPartial bool
	// TempName copies to a temporary name beside the target, renamed over
	// it once the copy is complete, even when the target does not exist
	// yet (as UploadOptions.TempName). A target that exists always gets
	// this: its STOR would truncate it before the servers even connect,
	// and a copy that then fails would leave the user without either file.
	TempName bool
	// ModTime, when not zero, is given to the target with MFMT once the
	// copy is complete, as uploads and downloads keep the source's time,
	// where the target's server offers MFMT; a refusal is no error.
	ModTime time.Time
}

// FXPResult tells how a copy was made.
type FXPResult struct {
	// Relayed is set when the data went through the client.
	Relayed bool
	// Direction names the server that listened and the one that
	// connected, e.g. "PASV on left, PORT on right", or "relay".
	Direction string
	// Bytes is the target's size after the copy (the bytes relayed when
	// the target has no SIZE).
	Bytes int64
	// TLS says how the data connection was protected between the
	// servers: "SSCN", "CPSV", "clear" (PROT C, allowed by the user) or
	// "" when neither session protects data.
	TLS string
	// Verified is set when the target's size was found equal to the
	// source's. Otherwise Unverified says why the copy could not be
	// checked: a server without SIZE, or an ASCII copy whose line-ending
	// conversion changed the size (a change beyond what conversion can
	// explain is an error, ErrSizeMismatch).
	Verified   bool
	Unverified string
}

// Errors of FXP, to be tested with errors.Is.
var (
	// ErrFXPSameSession is returned when source and target are one
	// session: a control connection runs one transfer at a time.
	ErrFXPSameSession = errors.New("ftp: FXP needs two different sessions")
	// ErrFXPSkipped is returned when FXPOptions.Overwrite declined.
	ErrFXPSkipped = errors.New("ftp: target exists; copy skipped")
	// ErrFXPNoTLSHandoff is returned when the data must be protected but
	// neither server can play the TLS client (no SSCN, no CPSV) and clear
	// data was not allowed.
	ErrFXPNoTLSHandoff = errors.New("ftp: the servers cannot protect a connection between themselves (neither offers SSCN or CPSV)")
	// ErrFXPMixedProtection is returned when only one session protects
	// its data connections and clear data was not allowed.
	ErrFXPMixedProtection = errors.New("ftp: only one of the two sessions protects its data connections")
)

// FXPRefusedError reports that a server would not take part in a
// server-to-server copy: bounce protection refusing a foreign address in
// PORT or EPRT, a refused PASV, or a data connection the passive server
// turned away. Also holds the refusal met in the other direction.
type FXPRefusedError struct {
	Server string // the refusing session's name, or its address
	Cmd    string // the refused command: "PORT", "EPRT", "PASV", "RETR", ...
	Code   int
	Msg    string
	// Also is the refusal met when the roles were swapped, if tried.
	Also *FXPRefusedError
}

func (e *FXPRefusedError) Error() string {
	var b strings.Builder
	e.describe(&b)
	if e.Also != nil {
		b.WriteString("; with the roles swapped: ")
		e.Also.describe(&b)
	}
	return b.String()
}

func (e *FXPRefusedError) describe(b *strings.Builder) {
	fmt.Fprintf(b, "fxp: server %q refused %s (%d %s)", e.Server, e.Cmd, e.Code, PrintableLines(e.Msg))
	switch {
	case e.Cmd == "PORT" || e.Cmd == "EPRT":
		b.WriteString(": it does not send data to another server's address (FTP bounce protection)")
	case e.Cmd == "PASV" || e.Cmd == "EPSV" || e.Cmd == "CPSV":
		b.WriteString(": it would not listen for the other server")
	case e.Code == 425:
		b.WriteString(": it rejected or could not open the data connection between the servers (bounce protection or no route)")
	}
}

// serverName names a session in messages: its configured name, else its
// address.
func serverName(s *Session) string {
	if s.cfg.Name != "" {
		return s.cfg.Name
	}
	return s.cfg.Addr
}

// FXP copies srcPath on src to dstPath on dst, the data going straight
// from one server to the other: same TYPE on both, PASV (EPSV when both
// are IPv6) on one and PORT (EPRT) with that address on the other, STOR on
// the target, RETR on the source, and success only when both servers end
// with 2xx and the target's SIZE matches the source's. When one server
// refuses, the roles are swapped; when both refuse, the copy is relayed
// through the client if opt.Relay allows it, else an *FXPRefusedError
// names the server that refused and why.
//
// FXP drives both sessions for its whole duration; their transcripts may
// be called from two goroutines at once. Cancelling ctx sends ABOR to
// both servers and leaves both sessions usable.
func FXP(ctx context.Context, src, dst *Session, srcPath, dstPath string, opt FXPOptions) (FXPResult, error) {
	if src == dst {
		return FXPResult{}, &OpError{Op: "fxp", Path: srcPath, Err: ErrFXPSameSession}
	}
	if err := lockPair(ctx, src, dst); err != nil {
		return FXPResult{}, &OpError{Op: "fxp", Path: srcPath, Err: err}
	}
	res, tmp, err := fxpLocked(ctx, src, dst, srcPath, dstPath, opt)
	dst.unlock()
	src.unlock()
	if err == nil && tmp != "" {
		// Complete under its temporary name: now it may replace the old
		// file. Should that fail, the copy stays where it is, named.
		if rerr := replaceRemote(ctx, dst, tmp, dstPath); rerr != nil {
			err = fmt.Errorf("the copy is complete as %q on %s, but it could not replace %q: %w",
				tmp, serverName(dst), dstPath, rerr)
		}
	}
	if err != nil {
		return res, &OpError{Op: "fxp", Path: srcPath, Err: err}
	}
	if !opt.ModTime.IsZero() && dst.HasFeature("MFMT") {
		_ = dst.SetModTime(ctx, dstPath, opt.ModTime)
	}
	return res, nil
}

// lockPair takes both sessions without ever holding one while waiting for
// the other, so that two copies in opposite directions cannot deadlock.
func lockPair(ctx context.Context, a, b *Session) error {
	for {
		if err := a.lock(); err != nil {
			return err
		}
		if b.mu.TryLock() {
			if b.closed {
				b.mu.Unlock()
				a.unlock()
				return ErrClosed
			}
			b.settle()
			return nil
		}
		a.unlock()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// fxpJob is one copy being planned and run; both sessions are locked.
type fxpJob struct {
	src, dst         *Session
	srcPath, dstPath string
	opt              FXPOptions
	typ              TransferType
	srcSize          int64 // -1 when unknown
	dstExisted       bool  // SIZE found the target before the copy
	handoff          tlsHandoff
	tlsClient        *Session // plays TLS client on the data connection (SSCN, CPSV)
}

// fxpLocked runs the copy with both sessions locked. tmp is the name the
// copy was written under when it must still be renamed over dstPath.
func fxpLocked(ctx context.Context, src, dst *Session, srcPath, dstPath string, opt FXPOptions) (FXPResult, string, error) {
	j := &fxpJob{src: src, dst: dst, srcPath: srcPath, dstPath: dstPath, opt: opt, srcSize: -1}
	j.typ = src.resolveType(opt.Type, srcPath)
	if err := j.checkTarget(ctx); err != nil {
		return FXPResult{}, "", err
	}
	var tmp string
	if j.dstExisted || opt.TempName {
		var err error
		if tmp, err = freeTempName(ctx, dst, dstPath); err != nil {
			return FXPResult{}, "", err
		}
		// From here on the job's target is the temporary file, which did
		// not exist: whatever fails, deleting it loses nothing.
		j.dstPath, j.dstExisted = tmp, false
	}
	res, err := j.run(ctx)
	if err != nil {
		return res, "", err
	}
	return res, tmp, nil
}

// freeTempName returns "<target>.part", or "<target>.N.part" when that is
// taken (someone else's, or an earlier failed copy kept on purpose).
func freeTempName(ctx context.Context, s *Session, target string) (string, error) {
	for i := 0; i < 10; i++ {
		name := target + PartSuffix
		if i > 0 {
			name = fmt.Sprintf("%s.%d%s", target, i, PartSuffix)
		}
		n, err := sizeOf(ctx, s, name)
		if err != nil {
			return "", err
		}
		if n < 0 {
			return name, nil
		}
	}
	return "", fmt.Errorf("%s: no free temporary name beside %q (%s to %s.9%s are taken)",
		serverName(s), target, target+PartSuffix, target, PartSuffix)
}

// run copies to j.dstPath, server to server or, where allowed, through
// the client.
func (j *fxpJob) run(ctx context.Context) (FXPResult, error) {
	src, dst, opt := j.src, j.dst, j.opt
	if opt.Relay == RelayAlways {
		return j.relay(ctx)
	}
	if err := j.src.setType(ctx, j.typ); err != nil {
		return FXPResult{}, fmt.Errorf("%s: %w", serverName(src), err)
	}
	if err := j.dst.setType(ctx, j.typ); err != nil {
		return FXPResult{}, fmt.Errorf("%s: %w", serverName(dst), err)
	}
	restore, err := j.prepareTLS(ctx)
	if err != nil {
		if rerr := j.mayRelay(ctx, err); rerr != nil {
			return FXPResult{}, rerr
		}
		return j.relay(ctx)
	}
	res, err := j.bothDirections(ctx)
	restore()
	var refused *FXPRefusedError
	var dataTLS *FXPDataTLSError
	if err != nil && (errors.As(err, &refused) || errors.As(err, &dataTLS)) {
		if src.conn.broken != nil || dst.conn.broken != nil { // both locked here
			// A server dropped its session (ProFTPD does after a failed
			// TLS handshake with the other): nothing can go through it
			// any more; the caller may relay on new sessions.
			return FXPResult{}, err
		}
		if rerr := j.mayRelay(ctx, err); rerr != nil {
			return FXPResult{}, rerr
		}
		return j.relay(ctx)
	}
	return res, err
}

// checkTarget asks SIZE of the source and of the target, in binary where
// the figures mean bytes, and lets opt.Overwrite decline an existing file.
func (j *fxpJob) checkTarget(ctx context.Context) error {
	if err := j.src.setType(ctx, TypeBinary); err != nil {
		return fmt.Errorf("%s: %w", serverName(j.src), err)
	}
	if err := j.dst.setType(ctx, TypeBinary); err != nil {
		return fmt.Errorf("%s: %w", serverName(j.dst), err)
	}
	n, err := sizeOf(ctx, j.src, j.srcPath)
	if err != nil {
		return err
	}
	j.srcSize = n
	existing, err := sizeOf(ctx, j.dst, j.dstPath)
	if err != nil {
		return err
	}
	j.dstExisted = existing >= 0
	if existing >= 0 && j.opt.Overwrite != nil {
		ok, err := j.opt.Overwrite(ctx, j.srcSize, existing)
		if err != nil {
			return err
		}
		if !ok {
			return ErrFXPSkipped
		}
	}
	return nil
}

// sizeOf sends SIZE and returns -1 when the server does not know the file
// or the command; only a broken connection is an error.
func sizeOf(ctx context.Context, s *Session, p string) (int64, error) {
	r, err := s.conn.cmd(ctx, "SIZE", p)
	if err != nil {
		return -1, fmt.Errorf("%s: %w", serverName(s), err)
	}
	if r.Code != 213 {
		return -1, nil
	}
	n, perr := strconv.ParseInt(strings.TrimSpace(r.Message()), 10, 64)
	if perr != nil || n < 0 {
		return -1, nil
	}
	return n, nil
}

// bothDirections tries the source as the passive side, then the target.
func (j *fxpJob) bothDirections(ctx context.Context) (FXPResult, error) {
	var first *FXPRefusedError
	for _, sourcePassive := range []bool{true, false} {
		if !j.handoff.possible(sourcePassive) {
			continue
		}
		res, refusal, err := j.attempt(ctx, sourcePassive)
		if err != nil {
			return res, err
		}
		if refusal == nil {
			return res, nil
		}
		if first == nil {
			first = refusal
		} else {
			first.Also = refusal
		}
	}
	if first == nil {
		return FXPResult{}, ErrFXPNoTLSHandoff
	}
	return FXPResult{}, first
}

// mayRelay decides whether the copy goes through the client after reason
// made FXP impossible; it returns reason (or the callback's error) when not.
func (j *fxpJob) mayRelay(ctx context.Context, reason error) error {
	switch j.opt.Relay {
	case RelayAuto, RelayAlways:
		j.info(MsgFXPRelay, "Err", reason.Error())
		return nil
	case RelayAsk:
		if j.opt.AllowRelay == nil {
			return reason
		}
		ok, err := j.opt.AllowRelay(ctx, reason)
		if err != nil {
			return err
		}
		if ok {
			j.info(MsgFXPRelayAllowed)
			return nil
		}
	}
	return reason
}

// info logs an engine remark about the copy once, on the source's
// transcript: the remark names both servers, and the two sessions often
// share one log (the app's message log), where it would show twice.
func (j *fxpJob) info(id MsgID, kv ...string) {
	j.src.remark(DirInfo, id, kv...)
}
